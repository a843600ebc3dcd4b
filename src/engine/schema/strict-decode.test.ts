import { describe, it, expect } from 'vitest';
import { decodeErrorMessage, duplicateFieldErrors, strictDecodeErrors } from './strict-decode';

function pod(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'front' }, annotations: { note: 'x' } },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }],
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          imagePullPolicy: 'IfNotPresent',
          args: ['-g', 'daemon off;'],
          ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 1, memory: '128Mi' } },
          readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
          livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 3 },
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }] },
  };
}

describe('strictDecodeErrors', () => {
  it('a valid object has none', () => {
    expect(strictDecodeErrors('v1', 'Pod', pod())).toEqual([]);
  });

  it('unknown field in a list element', () => {
    const p = pod();
    ((p.spec as { containers: Record<string, unknown>[] }).containers[0]).imagePullPolicyy = 'Always';
    expect(strictDecodeErrors('v1', 'Pod', p)).toEqual(['unknown field "spec.containers[0].imagePullPolicyy"']);
  });

  it('unknown fields in metadata, at the top and deep, in document order', () => {
    const p = pod();
    (p.metadata as Record<string, unknown>).xyz = 1;
    (p.spec as Record<string, unknown>).foo = { bar: 1 }; // nothing reported below an unknown field
    p.extra = true;
    expect(strictDecodeErrors('v1', 'Pod', p)).toEqual([
      'unknown field "metadata.xyz"',
      'unknown field "spec.foo"',
      'unknown field "extra"',
    ]);
    expect(decodeErrorMessage(strictDecodeErrors('v1', 'Pod', p))).toBe(
      'strict decoding error: unknown field "metadata.xyz", unknown field "spec.foo", unknown field "extra"',
    );
  });

  it('field names are case-sensitive', () => {
    expect(strictDecodeErrors('apps/v1', 'Deployment', { spec: { Replicas: 2, template: { spec: { containers: [{ Name: 'a' }] } } } })).toEqual([
      'unknown field "spec.Replicas"',
      'unknown field "spec.template.spec.containers[0].Name"',
    ]);
  });

  it('wrong JSON types report the first Go unmarshal error only', () => {
    expect(strictDecodeErrors('v1', 'Pod', { spec: { containers: 'nginx' }, bogus: 1 })).toEqual([
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    ]);
    expect(strictDecodeErrors('apps/v1', 'Deployment', { spec: { replicas: '3' } })).toEqual([
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
    expect(strictDecodeErrors('apps/v1', 'Deployment', { spec: { replicas: 1.5 } })).toEqual([
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { spec: { containers: [{ name: 'a', image: 5 }] } })).toEqual([
      'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { metadata: { labels: { app: 1 } } })).toEqual([
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { metadata: 'x' })).toEqual([
      'json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: true }] }] } })).toEqual([
      'json: cannot unmarshal bool into Go struct field ContainerPort.spec.containers.ports.hostPort of type int32',
    ]);
  });

  it('IntOrString, Quantity, Time and raw JSON fields', () => {
    const probe = (port: unknown) => ({ spec: { containers: [{ name: 'a', livenessProbe: { httpGet: { port } } }] } });
    expect(strictDecodeErrors('v1', 'Pod', probe(8080))).toEqual([]);
    expect(strictDecodeErrors('v1', 'Pod', probe('http'))).toEqual([]);
    expect(strictDecodeErrors('v1', 'Pod', probe(true))).toEqual([
      'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 'lots' } } }] } })).toEqual([
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { metadata: { creationTimestamp: 5 } })).toEqual([
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ]);
    expect(strictDecodeErrors('v1', 'Pod', { metadata: { managedFields: [{ fieldsV1: { 'f:spec': { 'f:x': {} } } }] } })).toEqual([]);
    expect(strictDecodeErrors('apps/v1', 'ControllerRevision', { data: { anything: [1, 2] }, revision: 2 })).toEqual([]);
  });

  it('null leaves fields alone; unknown kinds and non-objects', () => {
    expect(strictDecodeErrors('v1', 'Pod', { metadata: null, spec: { containers: null } })).toEqual([]);
    expect(strictDecodeErrors('v1', 'Nope', { x: 1 })).toEqual([]);
    expect(strictDecodeErrors('v1', 'Pod', [])).toEqual(['json: cannot unmarshal array into Go value of type v1.Pod']);
  });

  it('takes microseconds on a typical pod', () => {
    const p = pod();
    strictDecodeErrors('v1', 'Pod', p); // compile once
    const n = 20000;
    const t0 = Date.now();
    for (let i = 0; i < n; i++) strictDecodeErrors('v1', 'Pod', p);
    const perCallUs = ((Date.now() - t0) * 1000) / n;
    expect(perCallUs).toBeLessThan(50); // measured ~1.3 µs per call here
  });
});

describe('decodeErrorMessage', () => {
  it('passes a type error through and joins strict errors', () => {
    expect(decodeErrorMessage([])).toBeUndefined();
    expect(decodeErrorMessage(['json: cannot unmarshal string into Go value of type v1.Pod'])).toBe('json: cannot unmarshal string into Go value of type v1.Pod');
    expect(decodeErrorMessage(['unknown field "spec.foo"'])).toBe('strict decoding error: unknown field "spec.foo"');
  });
});

describe('duplicateFieldErrors', () => {
  it('reports repeated keys with their path', () => {
    expect(duplicateFieldErrors('{"a":1,"a":2,"b":{"c":[{"d":1,"d":"x"}]},"b":null}')).toEqual([
      'duplicate field "a"',
      'duplicate field "b.c[0].d"',
      'duplicate field "b"',
    ]);
    expect(duplicateFieldErrors('{"metadata":{"labels":{"a":"1","a":"2"}}, "s":"}\\"{"}')).toEqual(['duplicate field "metadata.labels.a"']);
  });
});
