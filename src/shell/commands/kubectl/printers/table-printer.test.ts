// Whole-output tests of kubectl's table layout over Tables built by the engine's printers,
// with the spacing real kubectl v1.32 prints (e.g. `kubectl get pods`, `-o wide`, `-A`).
import { describe, it, expect } from 'vitest';
import { buildTable } from '../../../../engine/apiserver/tables/index';
import type { KObject } from '../../../../engine/api/types';
import { naturalLess, printTable, printTables } from './table-printer';

const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const min = 60_000;

function pod(name: string, ns: string, opts: { ready?: boolean; restarts?: number; lastRestart?: number; age: number; ip?: string; node?: string; labels?: Record<string, string>; waiting?: string }): KObject {
  const state = opts.waiting ? { waiting: { reason: opts.waiting } } : { running: { startedAt: ago(opts.age) } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: opts.labels, creationTimestamp: ago(opts.age) },
    spec: { nodeName: opts.node, containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: opts.waiting ? 'Pending' : 'Running',
      podIP: opts.ip,
      podIPs: opts.ip ? [{ ip: opts.ip }] : undefined,
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
      containerStatuses: [
        {
          name: 'c',
          image: 'nginx',
          imageID: '',
          ready: opts.ready !== false && !opts.waiting,
          restartCount: opts.restarts ?? 0,
          state,
          lastState: opts.lastRestart ? { terminated: { exitCode: 1, finishedAt: ago(opts.lastRestart) } } : {},
        },
      ],
    },
  };
}

const pods = [
  pod('web-7d4b9c8f5d-x2k9p', 'default', { age: 5 * min, ip: '10.244.0.5', node: 'minikube', labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' } }),
  pod('web-7d4b9c8f5d-zq8wl', 'default', { age: 5 * min, restarts: 2, lastRestart: 90_000, ip: '10.244.0.6', node: 'minikube', labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5d' } }),
  pod('busybox', 'default', { age: 30_000, waiting: 'ErrImagePull' }),
];
const podTable = buildTable('Pod', pods, { now });

describe('kubectl get pods', () => {
  it('default columns', () => {
    expect(printTable(podTable, {})).toBe(
      [
        'NAME                   READY   STATUS         RESTARTS      AGE',
        'web-7d4b9c8f5d-x2k9p   1/1     Running        0             5m',
        'web-7d4b9c8f5d-zq8wl   1/1     Running        2 (90s ago)   5m',
        'busybox                0/1     ErrImagePull   0             30s',
        '',
      ].join('\n'),
    );
  });

  it('-o wide', () => {
    expect(printTable(podTable, { wide: true })).toBe(
      [
        'NAME                   READY   STATUS         RESTARTS      AGE   IP           NODE       NOMINATED NODE   READINESS GATES',
        'web-7d4b9c8f5d-x2k9p   1/1     Running        0             5m    10.244.0.5   minikube   <none>           <none>',
        'web-7d4b9c8f5d-zq8wl   1/1     Running        2 (90s ago)   5m    10.244.0.6   minikube   <none>           <none>',
        'busybox                0/1     ErrImagePull   0             30s   <none>       <none>     <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('--show-labels', () => {
    expect(printTable(podTable, { showLabels: true })).toBe(
      [
        'NAME                   READY   STATUS         RESTARTS      AGE   LABELS',
        'web-7d4b9c8f5d-x2k9p   1/1     Running        0             5m    app=web,pod-template-hash=7d4b9c8f5d',
        'web-7d4b9c8f5d-zq8wl   1/1     Running        2 (90s ago)   5m    app=web,pod-template-hash=7d4b9c8f5d',
        'busybox                0/1     ErrImagePull   0             30s   <none>',
        '',
      ].join('\n'),
    );
  });

  it('-L app -L pod-template-hash (empty label values keep padding)', () => {
    expect(printTable(podTable, { labelColumns: ['app', 'pod-template-hash'] })).toBe(
      [
        'NAME                   READY   STATUS         RESTARTS      AGE   APP   POD-TEMPLATE-HASH',
        'web-7d4b9c8f5d-x2k9p   1/1     Running        0             5m    web   7d4b9c8f5d',
        'web-7d4b9c8f5d-zq8wl   1/1     Running        2 (90s ago)   5m    web   7d4b9c8f5d',
        'busybox                0/1     ErrImagePull   0             30s         ',
        '',
      ].join('\n'),
    );
  });

  it('-A puts NAMESPACE first', () => {
    const t = buildTable('Pod', [pods[0], pod('coredns-668d6bf9bc-4tx7m', 'kube-system', { age: 26 * 60 * min, ip: '10.244.0.2', node: 'minikube' })], { now });
    expect(printTable(t, { withNamespace: true })).toBe(
      [
        'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE',
        'default       web-7d4b9c8f5d-x2k9p       1/1     Running   0          5m',
        'kube-system   coredns-668d6bf9bc-4tx7m   1/1     Running   0          26h',
        '',
      ].join('\n'),
    );
  });

  it('--no-headers (minimum column width 6 applies)', () => {
    expect(printTable(buildTable('Pod', [pods[0]], { now }), { noHeaders: true })).toBe('web-7d4b9c8f5d-x2k9p   1/1   Running   0     5m\n');
  });

  it('an empty list prints nothing, even headers', () => {
    expect(printTable(buildTable('Pod', [], { now }), {})).toBe('');
  });

  it('--sort-by with full objects', () => {
    const t = buildTable('Pod', pods, { now, includeObject: 'Object' });
    const out = printTable(t, { sortBy: '{.metadata.name}', noHeaders: true });
    expect(out.split('\n').map((l) => l.split(' ')[0])).toEqual(['busybox', 'web-7d4b9c8f5d-x2k9p', 'web-7d4b9c8f5d-zq8wl', '']);
    const byRestarts = printTable(t, { sortBy: '.status.containerStatuses[0].restartCount', noHeaders: true });
    expect(byRestarts.split('\n')[2].startsWith('web-7d4b9c8f5d-zq8wl')).toBe(true);
  });

  it('escapes terminal sequences and truncates multi-line cells', () => {
    const t = buildTable('ConfigMap', [{ metadata: { name: 'evil\x1b[31m', creationTimestamp: ago(min) }, data: {} }], { now });
    expect(printTable(t, {})).toBe('NAME         DATA   AGE\nevil^[[31m   0      60s\n');
    const t2 = buildTable('Event', [{ metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Warning', reason: 'Failed', message: 'line one\nline two', lastTimestamp: ago(min), firstTimestamp: ago(min) }], { now });
    expect(printTable(t2, {})).toBe('LAST SEEN   TYPE      REASON   OBJECT   MESSAGE\n60s         Warning   Failed   pod/p    line one...\n');
  });
});

describe('cells with control characters (checked against kubectl v1.32)', () => {
  it('escapes ESC, truncates at newline/CR, and a tab splits the cell like Go tabwriter', () => {
    const t = buildTable(
      'ConfigMap',
      [
        { metadata: { name: 'a', creationTimestamp: ago(min) }, data: { x: 'y' } },
        { metadata: { name: 'evil\x1b[31mred\ttab', creationTimestamp: ago(min) } },
        { metadata: { name: 'multi\nline\rcr' } },
      ],
      { now },
    );
    expect(printTable(t, {})).toBe(
      ['NAME            DATA   AGE', 'a               1      60s', 'evil^[[31mred   tab    0     60s', 'multi...        0      <unknown>', ''].join('\n'),
    );
  });
});

describe('kubectl get nodes / svc / deployments', () => {
  const nodes: KObject[] = [
    {
      metadata: { name: 'minikube', labels: { 'node-role.kubernetes.io/control-plane': '' }, creationTimestamp: ago(10 * 24 * 60 * min) },
      spec: {},
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '192.168.49.2' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '6.8.0-1021-gcp', containerRuntimeVersion: 'docker://27.4.1' },
      },
    },
    {
      metadata: { name: 'minikube-m02', creationTimestamp: ago(10 * 24 * 60 * min) },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '192.168.49.3' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '6.8.0-1021-gcp', containerRuntimeVersion: 'docker://27.4.1' },
      },
    },
  ];
  it('get nodes and -o wide', () => {
    const t = buildTable('Node', nodes, { now });
    expect(printTable(t, {})).toBe(
      [
        'NAME           STATUS                     ROLES           AGE   VERSION',
        'minikube       Ready                      control-plane   10d   v1.32.0',
        'minikube-m02   Ready,SchedulingDisabled   <none>          10d   v1.32.0',
        '',
      ].join('\n'),
    );
    expect(printTable(t, { wide: true })).toBe(
      [
        'NAME           STATUS                     ROLES           AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME',
        'minikube       Ready                      control-plane   10d   v1.32.0   192.168.49.2   <none>        Ubuntu 22.04.5 LTS   6.8.0-1021-gcp   docker://27.4.1',
        'minikube-m02   Ready,SchedulingDisabled   <none>          10d   v1.32.0   192.168.49.3   <none>        Ubuntu 22.04.5 LTS   6.8.0-1021-gcp   docker://27.4.1',
        '',
      ].join('\n'),
    );
  });

  it('get svc', () => {
    const t = buildTable(
      'Service',
      [
        { metadata: { name: 'kubernetes', creationTimestamp: ago(10 * 24 * 60 * min) }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } },
        { metadata: { name: 'web', creationTimestamp: ago(2 * min) }, spec: { type: 'NodePort', clusterIPs: ['10.104.22.7'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } },
        { metadata: { name: 'lb', creationTimestamp: ago(2 * min) }, spec: { type: 'LoadBalancer', clusterIPs: ['10.99.1.2'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }], selector: { app: 'web' } } },
      ],
      { now },
    );
    expect(printTable(t, {})).toBe(
      [
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE',
        'kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP        10d',
        'web          NodePort       10.104.22.7   <none>        80:30080/TCP   2m',
        'lb           LoadBalancer   10.99.1.2     <pending>     80:31234/TCP   2m',
        '',
      ].join('\n'),
    );
  });

  it('get deploy,rs (several kinds: kind/name and a blank line between tables)', () => {
    const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const dep = buildTable('Deployment', [{ metadata: { name: 'web', creationTimestamp: ago(5 * min) }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } }], { now });
    const rs = buildTable('ReplicaSet', [{ metadata: { name: 'web-7d4b9c8f5d', creationTimestamp: ago(5 * min) }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2, readyReplicas: 2 } }], { now });
    expect(printTables([{ table: dep, opts: { withKind: 'deployment.apps' } }, { table: rs, opts: { withKind: 'replicaset.apps' } }])).toBe(
      [
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   2/2     2            2           5m',
        '',
        'NAME                             DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/web-7d4b9c8f5d   2         2         2       5m',
        '',
      ].join('\n'),
    );
    expect(printTables([{ table: dep, opts: { withKind: 'deployment.apps', noHeaders: true } }, { table: rs, opts: { withKind: 'replicaset.apps', noHeaders: true } }])).toBe(
      'deployment.apps/web   2/2   2     2     5m\nreplicaset.apps/web-7d4b9c8f5d   2     2     2     5m\n',
    );
  });
});

describe('naturalLess', () => {
  it('orders digit runs numerically', () => {
    expect(naturalLess('pod-2', 'pod-10')).toBe(true);
    expect(naturalLess('pod-10', 'pod-2')).toBe(false);
    expect(naturalLess('a', 'b')).toBe(true);
    expect(naturalLess('abc', 'ab')).toBe(false);
    expect(naturalLess('01', '1')).toBe(false);
  });
});
