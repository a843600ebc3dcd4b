// Whole-message table tests modelled on pkg/apis/core/validation/validation_test.go and
// pkg/apis/apps/validation/validation_test.go: objects are defaulted first, as the API
// server does, and the aggregate string is compared with what the real server prints.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../types';
import { aggregateFieldErrors } from '../field';
import { applyDefaults } from '../defaults';
import { validateCreate, validateUpdate, validateStatusUpdate } from './index';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function defaulted(kind: string, o: KObject): KObject {
  const copy = JSON.parse(JSON.stringify(o)) as KObject;
  applyDefaults(kind, copy, 'create');
  return copy;
}
const create = (kind: string, o: KObject): string => aggregateFieldErrors(validateCreate(kind, defaulted(kind, o)));

function withRv(o: KObject): KObject {
  return { ...o, metadata: { ...o.metadata, resourceVersion: '5', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' } };
}
const update = (kind: string, o: KObject, old: KObject): string =>
  aggregateFieldErrors(validateUpdate(kind, withRv(defaulted(kind, o)), withRv(defaulted(kind, old))));

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', ...metadata },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
});

const deployment = (spec: Record<string, unknown>): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    ...spec,
  },
});

describe('ObjectMeta', () => {
  const cases: [string, string, KObject, string][] = [
    ['valid pod', 'Pod', pod({}), ''],
    ['missing name', 'Pod', pod({}, { name: undefined }), 'metadata.name: Required value: name or generateName is required'],
    ['missing namespace', 'Pod', pod({}, { namespace: undefined }), 'metadata.namespace: Required value'],
    ['bad name', 'Pod', pod({}, { name: 'MyPod' }), `metadata.name: Invalid value: "MyPod": ${SUBDOMAIN_MSG}`],
    [
      'bad generateName',
      'Pod',
      pod({}, { name: 'Web-abcde', generateName: 'Web-' }),
      `[metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}, metadata.name: Invalid value: "Web-abcde": ${SUBDOMAIN_MSG}]`,
    ],
    [
      'bad label value',
      'Pod',
      pod({}, { labels: { app: 'bad value' } }),
      "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    [
      'bad label key',
      'Pod',
      pod({}, { labels: { '-app': 'x' } }),
      "metadata.labels: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    ['annotations too large', 'ConfigMap', { metadata: { name: 'c', namespace: 'default', annotations: { a: 'x'.repeat(262144) } } }, 'metadata.annotations: Too long: may not be more than 262144 bytes'],
    ['namespace on a cluster-scoped kind', 'Node', { metadata: { name: 'n1', namespace: 'default' } }, 'metadata.namespace: Forbidden: not allowed on this type'],
    ['namespace name is a label', 'Namespace', { metadata: { name: 'dev.team' } }, 'metadata.name: Invalid value: "dev.team": must not contain dots'],
    [
      'two controllers',
      'ConfigMap',
      {
        metadata: {
          name: 'c',
          namespace: 'default',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
            { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
          ],
        },
      },
      'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"A", Name:"a", UID:"1", Controller:&true, BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"v1", Kind:"B", Name:"b", UID:"2", Controller:&true, BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
    ],
    ['unknown kind gets meta checks only', 'Widget', { metadata: { name: 'w', namespace: 'default' }, spec: { anything: -1 } }, ''],
  ];
  for (const [name, kind, obj, want] of cases) it(name, () => expect(create(kind, obj)).toBe(want));

  it('rejects changes to immutable metadata', () => {
    const old = pod({});
    expect(update('Pod', pod({}, { name: 'other' }), old)).toBe('metadata.name: Invalid value: "other": field is immutable');
    const moved = update('Pod', pod({}, { namespace: 'prod' }), old);
    expect(moved).toBe('metadata.namespace: Invalid value: "prod": field is immutable');
    const noRv = validateUpdate('Pod', defaulted('Pod', pod({})), withRv(defaulted('Pod', old)));
    expect(aggregateFieldErrors(noRv)).toBe(
      '[metadata.resourceVersion: Invalid value: "": must be specified for an update, metadata.uid: Invalid value: "": field is immutable, metadata.creationTimestamp: Invalid value: null: field is immutable]',
    );
  });
});

describe('Pod', () => {
  const cases: [string, KObject, string][] = [
    ['no containers', pod({ containers: [] }), 'spec.containers: Required value'],
    [
      'bad container name, no image',
      pod({ containers: [{ name: 'Web_1' }] }),
      `[spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}, spec.containers[0].image: Required value]`,
    ],
    ['duplicate container names', pod({ containers: [{ name: 'app', image: 'a' }, { name: 'app', image: 'b' }] }), 'spec.containers[1].name: Duplicate value: "app"'],
    [
      'port out of range',
      pod({ containers: [{ name: 'app', image: 'a', ports: [{ containerPort: 70000 }] }] }),
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'missing containerPort and bad protocol',
      pod({ containers: [{ name: 'app', image: 'a', ports: [{ name: 'http', protocol: 'HTTP' }] }] }),
      '[spec.containers[0].ports[0].containerPort: Required value, spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"]',
    ],
    [
      'bad and duplicate port names',
      pod({ containers: [{ name: 'app', image: 'a', ports: [{ name: 'web', containerPort: 80 }, { name: 'web', containerPort: 81 }, { name: '8080', containerPort: 82 }] }] }),
      '[spec.containers[0].ports[1].name: Duplicate value: "web", spec.containers[0].ports[2].name: Invalid value: "8080": must contain at least one letter (a-z)]',
    ],
    [
      'requests above limits',
      pod({ containers: [{ name: 'app', image: 'a', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }] }),
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'memory request above limit, canonical forms',
      pod({ containers: [{ name: 'app', image: 'a', resources: { limits: { memory: '1024Mi' }, requests: { memory: '2Gi' } } }] }),
      'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    ],
    [
      'negative quantity and unknown resource',
      pod({ containers: [{ name: 'app', image: 'a', resources: { requests: { cpu: '-1', gpu: '1' } } }] }),
      '[spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0, spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers]',
    ],
    ['restartPolicy', pod({ restartPolicy: 'Sometimes' }), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    [
      'dnsPolicy and pull policy',
      pod({ dnsPolicy: 'Cluster', containers: [{ name: 'app', image: 'a', imagePullPolicy: 'Sometimes' }] }),
      '[spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never", spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]',
    ],
    [
      'env var names',
      pod({ containers: [{ name: 'app', image: 'a', env: [{ name: 'A=B', value: '1' }, { name: '' }] }] }),
      "[spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '=', spec.containers[0].env[1].name: Required value, spec.containers[0].env[1].name: Invalid value: \"\": environment variable name must be non-empty]",
    ],
    [
      'volumes and mounts',
      pod({
        volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }],
        containers: [{ name: 'app', image: 'a', volumeMounts: [{ name: 'cache', mountPath: '/c' }] }],
      }),
      '[spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type, spec.containers[0].volumeMounts[0].name: Not found: "cache"]',
    ],
    [
      'tolerations',
      pod({ tolerations: [{ operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }),
      '[spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys", spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set]',
    ],
    ['activeDeadlineSeconds', pod({ activeDeadlineSeconds: 0 }), 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
  ];
  for (const [name, obj, want] of cases) it(name, () => expect(create('Pod', obj)).toBe(want));

  it('allows image, activeDeadlineSeconds and toleration additions on update', () => {
    const old = pod({ activeDeadlineSeconds: 100 });
    const next = pod({
      activeDeadlineSeconds: 50,
      containers: [{ name: 'app', image: 'nginx:1.28' }],
      tolerations: [{ key: 'k', operator: 'Exists' }],
    });
    expect(update('Pod', next, old)).toBe('');
    expect(update('Pod', pod({ activeDeadlineSeconds: 200 }), old)).toBe('spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value');
  });

  it('forbids other spec changes with the upstream message', () => {
    expect(update('Pod', pod({ restartPolicy: 'Never' }), pod({}))).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n' +
        '  core.PodSpec{\n  \t... // 4 identical fields\n- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",\n  \t... // 29 identical fields\n  }\n',
    );
    const two = pod({ containers: [{ name: 'app', image: 'a' }, { name: 'b', image: 'b' }] });
    expect(update('Pod', two, pod({}))).toBe('spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});

describe('Service', () => {
  const svc = (spec: Record<string, unknown>, name = 'web'): KObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
  });
  const cases: [string, KObject, string][] = [
    ['valid', svc({}), ''],
    [
      'DNS-1035 name',
      svc({}, '1web'),
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
    ['no ports', svc({ ports: [] }), 'spec.ports: Required value'],
    ['names required with several ports', svc({ ports: [{ port: 80 }, { port: 443 }] }), '[spec.ports[0].name: Required value, spec.ports[1].name: Required value]'],
    [
      'duplicate port',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
    ['duplicate port names', svc({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }), 'spec.ports[1].name: Duplicate value: "a"'],
    [
      'port and targetPort ranges',
      svc({ ports: [{ port: 0, targetPort: 'HTTP' }] }),
      '[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)]',
    ],
    ['type', svc({ type: 'Internal' }), 'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['nodePort on ClusterIP', svc({ ports: [{ port: 80, nodePort: 30080 }] }), "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    [
      'nodePort range',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    ['ExternalName requires externalName', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName' } }, 'spec.externalName: Required value'],
    ['bad clusterIP', svc({ clusterIP: '10.0.0.300' }), 'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  ];
  for (const [name, obj, want] of cases) it(name, () => expect(create('Service', obj)).toBe(want));

  it('keeps the cluster IP once set', () => {
    expect(update('Service', svc({ clusterIP: '10.96.0.20' }), svc({ clusterIP: '10.96.0.10' }))).toBe(
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: may not change once set',
    );
  });
});

describe('apps/v1', () => {
  const cases: [string, string, KObject, string][] = [
    ['valid deployment', 'Deployment', deployment({}), ''],
    [
      'missing selector',
      'Deployment',
      deployment({ selector: undefined }),
      '[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]',
    ],
    [
      'selector does not match',
      'Deployment',
      deployment({ selector: { matchLabels: { app: 'web' } } }),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    ],
    [
      'template restartPolicy',
      'Deployment',
      deployment({ template: { metadata: { labels: { app: 'nginx' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image: 'nginx' }] } } }),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    ['negative replicas', 'Deployment', deployment({ replicas: -1 }), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      'maxSurge and maxUnavailable both 0',
      'Deployment',
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ],
    [
      'bad percent and over 100%',
      'Deployment',
      deployment({ strategy: { rollingUpdate: { maxSurge: '5', maxUnavailable: '120%' } } }),
      "[spec.strategy.rollingUpdate.maxSurge: Invalid value: 5: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%'), spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be greater than 100%]",
    ],
    [
      'Recreate with rollingUpdate',
      'Deployment',
      deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
    [
      'progress deadline',
      'Deployment',
      deployment({ minReadySeconds: 10, progressDeadlineSeconds: 5 }),
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ],
    [
      'empty ReplicaSet selector',
      'ReplicaSet',
      {
        metadata: { name: 'rs', namespace: 'default' },
        spec: { selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
      },
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ],
    [
      'DaemonSet surge and unavailable',
      'DaemonSet',
      {
        metadata: { name: 'ds', namespace: 'default' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
        },
      },
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ],
    [
      'ReplicationController template',
      'ReplicationController',
      {
        metadata: { name: 'rc', namespace: 'default' },
        spec: { selector: { app: 'x' }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
      },
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
    ],
  ];
  for (const [name, kind, obj, want] of cases) it(name, () => expect(create(kind, obj)).toBe(want));

  it('forbids changing the selector', () => {
    const next = deployment({
      selector: { matchLabels: { app: 'b' } },
      template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    });
    expect(update('Deployment', next, deployment({}))).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('validates status updates', () => {
    const old = withRv(defaulted('Deployment', deployment({})));
    const next = { ...old, status: { replicas: 1, readyReplicas: 2, availableReplicas: 1 } };
    expect(aggregateFieldErrors(validateStatusUpdate('Deployment', next, old))).toBe(
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    );
  });

  it('reports missing status counts as 0 (int32 fields), as ValidateReplicaSetStatus/ValidateDeploymentStatus do', () => {
    const rs = withRv(defaulted('ReplicaSet', { ...deployment({}), kind: 'ReplicaSet' }));
    expect(aggregateFieldErrors(validateStatusUpdate('ReplicaSet', { ...rs, status: { replicas: -1 } }, rs))).toBe(
      '[status.replicas: Invalid value: -1: must be greater than or equal to 0, status.fullyLabeledReplicas: Invalid value: 0: cannot be greater than status.replicas, ' +
        'status.readyReplicas: Invalid value: 0: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 0: cannot be greater than status.replicas]',
    );
    const d = withRv(defaulted('Deployment', deployment({})));
    expect(aggregateFieldErrors(validateStatusUpdate('Deployment', { ...d, status: { replicas: -1 } }, d))).toBe(
      '[status.replicas: Invalid value: -1: must be greater than or equal to 0, status.updatedReplicas: Invalid value: 0: cannot be greater than status.replicas, ' +
        'status.readyReplicas: Invalid value: 0: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 0: cannot be greater than status.replicas]',
    );
  });
});

describe('ConfigMap, Secret, Namespace, Node, Endpoints', () => {
  const cases: [string, string, KObject, string][] = [
    [
      'config key',
      'ConfigMap',
      { metadata: { name: 'c', namespace: 'default' }, data: { 'bad key': 'x', good: 'y' } },
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ],
    ['tls secret keys', 'Secret', { metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} }, '[data[tls.key]: Required value, data[tls.crt]: Required value]'],
    [
      'node taint effect',
      'Node',
      { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } },
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
    [
      'endpoints',
      'Endpoints',
      { metadata: { name: 'e', namespace: 'default' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }, { port: 81, protocol: 'HTTP' }] }] },
      '[subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128), subsets[0].ports[0].name: Required value, subsets[0].ports[1].name: Required value, subsets[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"]',
    ],
    [
      'endpoint slice',
      'EndpointSlice',
      { metadata: { name: 'e', namespace: 'default' }, addressType: 'IPv4', endpoints: [{ addresses: [] }, { addresses: ['fd00::1'] }] },
      '[endpoints[0].addresses: Required value: must contain at least 1 address, endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address]',
    ],
  ];
  for (const [name, kind, obj, want] of cases) it(name, () => expect(create(kind, obj)).toBe(want));

  it('secret type is immutable', () => {
    const s = (type: string): KObject => ({ metadata: { name: 's', namespace: 'default' }, type, data: { username: 'YQ==' } });
    expect(update('Secret', s('kubernetes.io/basic-auth'), s('Opaque'))).toBe('type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});
