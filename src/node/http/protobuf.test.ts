import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeProtobufObject, goDuration, messageNameFor, protobufEnvelope, ProtobufDecodeError } from './protobuf';
import { WireWriter } from './proto-wire';

/** Bodies the real kubectl v1.32 sent for `kubectl create ...` (captured over HTTP). */
const fixture = (name: string) => Buffer.from(readFileSync(new URL(`./testdata/create-${name}.hex`, import.meta.url), 'utf8').trim(), 'hex');

describe('decodeProtobufObject on bodies kubectl sends', () => {
  // Expected values: `kubectl create ... --dry-run=client -o json` for the same command (the
  // same Go object as JSON), less `creationTimestamp: null`, which carries no value.
  it('configmap --from-literal', () => {
    expect(decodeProtobufObject(fixture('configmaps'))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
      data: { mode: 'dev', x: 'y' },
    });
  });

  it('deployment --replicas=0 keeps the explicit zero and the empty structs', () => {
    expect(JSON.stringify(decodeProtobufObject(fixture('deployments')))).toBe(
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'zero', namespace: 'default', labels: { app: 'zero' } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'zero' } },
          template: { metadata: { labels: { app: 'zero' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: {} }] } },
          strategy: {},
        },
        status: {},
      }),
    );
  });

  it('auth can-i get pods --subresource=log -n kube-system: a SelfSubjectAccessReview (authorization.k8s.io/v1)', () => {
    // Go's JSON would also print `status: {allowed: false}`; zero scalars are dropped here (see KEEP_ZERO).
    expect(decodeProtobufObject(fixture('selfsubjectaccessreviews'))).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods', subresource: 'log' } },
      status: {},
    });
  });

  it('secret data bytes come back base64', () => {
    expect(decodeProtobufObject(fixture('secrets'))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', namespace: 'default' },
      data: { pw: 'aHVudGVyMg==' },
    });
  });

  it('service nodeport: IntOrString targetPort and field order of the Go struct', () => {
    expect(JSON.stringify(decodeProtobufObject(fixture('services')))).toBe(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
        spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'NodePort' },
        status: { loadBalancer: {} },
      }),
    );
  });
});

describe('special types', () => {
  it('Time, MicroTime, string IntOrString and Quantity', () => {
    const time = new WireWriter().int(1, 1_700_000_000).int(2, 123_456_789);
    expect(decodeMessage('k8s.io.apimachinery.pkg.apis.meta.v1.Time', time.finish())).toBe('2023-11-14T22:13:20Z');
    expect(decodeMessage('k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime', time.finish())).toBe('2023-11-14T22:13:20.123456Z');
    expect(decodeMessage('k8s.io.apimachinery.pkg.apis.meta.v1.Time', new Uint8Array())).toBeNull();
    const port = new WireWriter().int(1, 1).int(2, 0).string(3, 'http');
    expect(decodeMessage('k8s.io.apimachinery.pkg.util.intstr.IntOrString', port.finish())).toBe('http');
    const cpu = new WireWriter().string(1, '250m');
    const limits = new WireWriter().message(1, new WireWriter().string(1, 'cpu').message(2, cpu));
    expect(decodeMessage('k8s.io.api.core.v1.ResourceRequirements', limits.finish())).toEqual({ limits: { cpu: '250m' } });
  });

  it('embedded (json inline) structs: IngressRuleValue, VolumeSource, ProbeHandler in their parent object', () => {
    const backend = new WireWriter().message(4, new WireWriter().string(1, 'svc1').message(2, new WireWriter().int(2, 8080)));
    const path = new WireWriter().string(1, '/bar').message(2, backend).string(3, 'Exact');
    const ruleValue = new WireWriter().message(1, new WireWriter().message(1, path));
    const rule = new WireWriter().string(1, 'foo.com').message(2, ruleValue);
    expect(decodeMessage('k8s.io.api.networking.v1.IngressRule', rule.finish())).toEqual({
      host: 'foo.com',
      http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] },
    });
    const volume = new WireWriter().string(1, 'data').message(2, new WireWriter().message(2, new WireWriter().string(1, 'Memory')));
    expect(decodeMessage('k8s.io.api.core.v1.Volume', volume.finish())).toEqual({ name: 'data', emptyDir: { medium: 'Memory' } });
    const probe = new WireWriter().message(1, new WireWriter().message(1, new WireWriter().string(1, 'true'))).int(4, 5);
    expect(decodeMessage('k8s.io.api.core.v1.Probe', probe.finish())).toEqual({ exec: { command: ['true'] }, periodSeconds: 5 });
  });

  it('Go duration strings', () => {
    expect(goDuration(0n)).toBe('0s');
    expect(goDuration(1_500_000n)).toBe('1.5ms');
    expect(goDuration(90_000_000_000n)).toBe('1m30s');
    expect(goDuration(3_600_000_000_000n)).toBe('1h0m0s');
    expect(goDuration(-2_500_000_000n)).toBe('-2.5s');
  });

  it('maps apiVersion and kind to message names', () => {
    expect(messageNameFor('v1', 'Pod')).toBe('k8s.io.api.core.v1.Pod');
    expect(messageNameFor('networking.k8s.io/v1', 'Ingress')).toBe('k8s.io.api.networking.v1.Ingress');
    expect(messageNameFor('v1', 'DeleteOptions')).toBe('k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    expect(messageNameFor('authorization.k8s.io/v1', 'SelfSubjectRulesReview')).toBe('k8s.io.api.authorization.v1.SelfSubjectRulesReview');
    expect(messageNameFor('example.com/v1', 'Widget')).toBeUndefined();
  });
});

describe('errors', () => {
  it('rejects a body without the k8s magic', () => {
    expect(() => decodeProtobufObject(Buffer.from('{"kind":"Pod"}'))).toThrow(
      new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]'),
    );
  });

  it('rejects an unknown kind and a truncated message', () => {
    expect(() => decodeProtobufObject(protobufEnvelope('example.com/v1', 'Widget', new Uint8Array()))).toThrow('no kind "Widget" is registered for version "example.com/v1"');
    const truncated = protobufEnvelope('v1', 'ConfigMap', Uint8Array.from([0x0a, 0x05, 0x0a]));
    expect(() => decodeProtobufObject(truncated)).toThrow('unexpected EOF');
  });
});
