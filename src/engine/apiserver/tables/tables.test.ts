// Row tests for the non-pod printers and buildTable, modelled on the cases of
// kubernetes/pkg/printers/internalversion/printers_test.go (TestPrintService, TestPrintNodeStatus,
// TestPrintNodeRole, TestPrintEndpoint, TestPrintEvent, TestPrintDeployment, TestPrintDaemonSet...).
import { describe, it, expect } from 'vitest';
import type { KObject } from '../../api/types';
import { buildTable, tablePrinterFor } from './index';

const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const h = 3600_000;
const row = (kind: string, obj: KObject) => tablePrinterFor(kind).row(obj, { now });

describe('Service', () => {
  const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject => ({
    metadata: { name, creationTimestamp: ago(2 * h) },
    spec,
    status,
  });
  it('ClusterIP with ports and selector', () => {
    expect(row('Service', svc('web', { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }], selector: { app: 'web', tier: 'fe' } })))
      .toEqual(['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,443/TCP', '120m', 'app=web,tier=fe']);
  });
  it('NodePort shows port:nodePort', () => {
    expect(row('Service', svc('np', { type: 'NodePort', clusterIPs: ['10.96.1.1'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] })))
      .toEqual(['np', 'NodePort', '10.96.1.1', '<none>', '80:30080/TCP', '120m', '<none>']);
  });
  it('LoadBalancer pending, with ingress, and with externalIPs', () => {
    expect(row('Service', svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.2.2'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }))[3]).toBe('<pending>');
    expect(row('Service', svc('lb', { type: 'LoadBalancer', clusterIPs: ['1.5.6.7'], ports: [] }, { loadBalancer: { ingress: [{ ip: '3.4.5.6' }, { ip: '2.3.4.5' }, { hostname: 'a.example.com' }] } })))
      .toEqual(['lb', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,a.example.com', '<none>', '120m', '<none>']);
    expect(row('Service', svc('lb', { type: 'LoadBalancer', clusterIPs: ['1.5.6.7'], externalIPs: ['5.6.7.8'], ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }], selector: { foo: 'bar' } }, { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }] } })))
      .toEqual(['lb', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '120m', 'foo=bar']);
  });
  it('ExternalName shows the external name and no cluster IP', () => {
    expect(row('Service', svc('ext', { type: 'ExternalName', externalName: 'my.database.example.com' })))
      .toEqual(['ext', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '120m', '<none>']);
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('formats up to three endpoints and counts the rest', () => {
    const ep = (subsets: unknown[]): KObject => ({ metadata: { name: 'web', creationTimestamp: ago(h) }, subsets });
    expect(row('Endpoints', ep([]))).toEqual(['web', '<none>', '60m']);
    expect(row('Endpoints', ep([{ addresses: [{ ip: '127.0.0.1' }, { ip: '10.9.8.7' }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }] }])))
      .toEqual(['web', '127.0.0.1:8080,10.9.8.7:8080,127.0.0.1:9090 + 1 more...', '60m']);
    expect(row('Endpoints', ep([{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }], ports: [{ port: 80 }] }])))
      .toEqual(['web', '10.244.1.5:80,10.244.2.6:80', '60m']);
    expect(row('Endpoints', ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }, { ip: '10.0.0.5' }] }])))
      .toEqual(['web', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60m']);
    expect(row('Endpoints', ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]))[1]).toBe('[fd00::1]:80');
  });
  it('EndpointSlice ports and endpoints', () => {
    const slice: KObject = {
      metadata: { name: 'web-abc12', creationTimestamp: ago(h) },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'named' }, {}, { port: 9000 }],
      endpoints: [{ addresses: ['10.1.2.3'] }, { addresses: ['2.3.4.5', '3.4.5.6'] }, { addresses: ['4.5.6.7'] }],
    };
    expect(row('EndpointSlice', slice)).toEqual(['web-abc12', 'IPv4', '80,named,* + 1 more...', '10.1.2.3,2.3.4.5,3.4.5.6 + 1 more...', '60m']);
    expect(row('EndpointSlice', { metadata: { name: 'empty', creationTimestamp: ago(h) }, addressType: 'IPv4' })).toEqual(['empty', 'IPv4', '<unset>', '<unset>', '60m']);
  });
});

describe('Node', () => {
  const node = (name: string, extra: { labels?: Record<string, string>; unschedulable?: boolean; conditions?: unknown[] } = {}): KObject => ({
    metadata: { name, creationTimestamp: ago(50 * h), labels: extra.labels },
    spec: { unschedulable: extra.unschedulable },
    status: {
      conditions: extra.conditions ?? [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.5.0-1025-azure', containerRuntimeVersion: 'containerd://1.7.22' },
      addresses: [{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: name }],
    },
  });
  it('status, roles, age, version and wide columns', () => {
    expect(row('Node', node('minikube', { labels: { 'node-role.kubernetes.io/control-plane': '' } })))
      .toEqual(['minikube', 'Ready', 'control-plane', '2d2h', 'v1.32.0', '192.168.49.2', '<none>', 'Ubuntu 22.04.4 LTS', '6.5.0-1025-azure', 'containerd://1.7.22']);
  });
  it('NotReady, Unknown and SchedulingDisabled', () => {
    expect(row('Node', node('a', { conditions: [{ type: 'Ready', status: 'False' }] }))[1]).toBe('NotReady');
    expect(row('Node', node('b', { conditions: [{ type: 'Ready', status: 'Unknown' }] }))[1]).toBe('NotReady');
    expect(row('Node', node('c', { conditions: [] }))[1]).toBe('Unknown');
    expect(row('Node', node('d', { unschedulable: true }))[1]).toBe('Ready,SchedulingDisabled');
    expect(row('Node', node('e', { conditions: [], unschedulable: true }))[1]).toBe('Unknown,SchedulingDisabled');
  });
  it('roles from both label forms, sorted, <none> without roles', () => {
    expect(row('Node', node('a'))[2]).toBe('<none>');
    expect(row('Node', node('b', { labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'node', 'node-role.kubernetes.io/': 'x' } }))[2]).toBe('node,worker');
  });
});

describe('workloads', () => {
  const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } };
  it('Deployment', () => {
    const d: KObject = {
      metadata: { name: 'web', creationTimestamp: ago(10 * 60_000) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, template },
      status: { replicas: 3, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 },
    };
    expect(row('Deployment', d)).toEqual(['web', '1/3', 2, 1, '10m', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,tier in (be,fe)']);
    expect(row('Deployment', { metadata: { name: 'new' }, spec: { replicas: 2, template } })).toEqual(['new', '0/2', 0, 0, '<unknown>', 'nginx,sidecar', 'nginx:1.27,busybox', '']);
  });
  it('ReplicaSet and ReplicationController', () => {
    const rs: KObject = { metadata: { name: 'web-5d8f7c9b6', creationTimestamp: ago(90_000) }, spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' } }, template }, status: { replicas: 2, readyReplicas: 1 } };
    expect(row('ReplicaSet', rs)).toEqual(['web-5d8f7c9b6', 2, 2, 1, '90s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,pod-template-hash=5d8f7c9b6']);
    const rc: KObject = { metadata: { name: 'rc1', creationTimestamp: ago(90_000) }, spec: { replicas: 5, selector: { b: '2', a: '1' }, template }, status: { replicas: 5 } };
    expect(row('ReplicationController', rc)).toEqual(['rc1', 5, 5, 0, '90s', 'nginx,sidecar', 'nginx:1.27,busybox', 'a=1,b=2']);
  });
  it('DaemonSet', () => {
    const ds: KObject = {
      metadata: { name: 'fluentd', creationTimestamp: ago(3 * h) },
      spec: { selector: { matchLabels: { app: 'fluentd' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'f', image: 'fluentd' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0 },
    };
    expect(row('DaemonSet', ds)).toEqual(['fluentd', 3, 2, 1, 2, 0, 'kubernetes.io/os=linux', '3h', 'f', 'fluentd', 'app=fluentd']);
  });
  it('Job and CronJob', () => {
    const job: KObject = {
      metadata: { name: 'pi', creationTimestamp: ago(5 * 60_000) },
      spec: { completions: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, template },
      status: { succeeded: 1, startTime: ago(5 * 60_000), completionTime: ago(5 * 60_000 - 9_000), conditions: [{ type: 'Complete', status: 'True' }] },
    };
    expect(row('Job', job)).toEqual(['pi', 'Complete', '1/1', '9s', '5m', 'nginx,sidecar', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=u']);
    expect(row('Job', { metadata: { name: 'p' }, spec: { parallelism: 2, template }, status: {} }).slice(0, 4)).toEqual(['p', 'Running', '0/1 of 2', '']);
    const cj: KObject = { metadata: { name: 'hello', creationTimestamp: ago(h) }, spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { lastScheduleTime: ago(30_000), active: [{}] } };
    expect(row('CronJob', cj)).toEqual(['hello', '*/1 * * * *', '<none>', 'False', 1, '30s', '60m', 'nginx,sidecar', 'nginx:1.27,busybox', '<none>']);
  });
  it('StatefulSet', () => {
    expect(row('StatefulSet', { metadata: { name: 'db', creationTimestamp: ago(h) }, spec: { replicas: 3, template }, status: { readyReplicas: 2 } }))
      .toEqual(['db', '2/3', '60m', 'nginx,sidecar', 'nginx:1.27,busybox']);
  });
});

describe('config and small kinds', () => {
  it('Namespace, Secret, ConfigMap, ServiceAccount, Lease', () => {
    expect(row('Namespace', { metadata: { name: 'default', creationTimestamp: ago(26 * h) }, status: { phase: 'Active' } })).toEqual(['default', 'Active', '26h']);
    expect(row('Secret', { metadata: { name: 's', creationTimestamp: ago(h) }, type: 'Opaque', data: { a: 'eA==', b: 'eQ==' } })).toEqual(['s', 'Opaque', 2, '60m']);
    expect(row('ConfigMap', { metadata: { name: 'kube-root-ca.crt', creationTimestamp: ago(h) }, data: { 'ca.crt': 'x' }, binaryData: { b: 'AA==' } })).toEqual(['kube-root-ca.crt', 2, '60m']);
    expect(row('ServiceAccount', { metadata: { name: 'default', creationTimestamp: ago(h) } })).toEqual(['default', 0, '60m']);
    expect(row('Lease', { metadata: { name: 'minikube', creationTimestamp: ago(h) }, spec: { holderIdentity: 'minikube' } })).toEqual(['minikube', 'minikube', '60m']);
  });
});

describe('Event', () => {
  it('prints all ten columns (the server prints wide)', () => {
    const ev: KObject = {
      metadata: { name: 'web-1.17a', creationTimestamp: ago(h) },
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      message: '  Successfully pulled image "nginx"\n',
      source: { component: 'kubelet', host: 'minikube' },
      firstTimestamp: ago(3 * h),
      lastTimestamp: ago(2 * h),
      count: 4,
      type: 'Normal',
    };
    expect(row('Event', ev)).toEqual(['120m', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{nginx}', 'kubelet, minikube', 'Successfully pulled image "nginx"', '3h', 4, 'web-1.17a']);
  });
  it('uses eventTime, series and reporting fields of new-API events', () => {
    const ev: KObject = {
      metadata: { name: 'e2' },
      involvedObject: { kind: 'Node' },
      eventTime: new Date(now - 40_000).toISOString(),
      series: { count: 7, lastObservedTime: new Date(now - 5_000).toISOString() },
      reportingComponent: 'default-scheduler',
      reason: 'Scheduled',
      type: 'Normal',
      message: 'ok',
    };
    expect(row('Event', ev)).toEqual(['5s', 'Normal', 'Scheduled', 'node', '', 'default-scheduler', 'ok', '40s', 7, 'e2']);
    const single: KObject = { metadata: { name: 'e3' }, involvedObject: { kind: 'Pod', name: 'p' }, eventTime: new Date(now - 40_000).toISOString() };
    expect(row('Event', single)[8]).toBe(1);
    expect(row('Event', single)[0]).toBe('40s');
  });
});

describe('default printer and buildTable', () => {
  it('kinds without a printer get NAME and CREATED AT', () => {
    const p = tablePrinterFor('ClusterRole');
    expect(p.columns.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(p.row({ metadata: { name: 'admin', creationTimestamp: '2026-11-20T08:30:00Z' } }, { now })).toEqual(['admin', '2026-11-20T08:30:00Z']);
  });

  it('builds a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', labels: { app: 'x' }, creationTimestamp: ago(60_000) },
      spec: { containers: [{ name: 'c', image: 'i' }] },
      status: { phase: 'Succeeded' },
    };
    const t = buildTable('Pod', [pod], { now, listMeta: { resourceVersion: '42' } });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '42' });
    expect(t.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.format}:${c.priority}`)).toEqual([
      'Name:string:name:0', 'Ready:string::0', 'Status:string::0', 'Restarts:string::0', 'Age:string::0',
      'IP:string::1', 'Node:string::1', 'Nominated Node:string::1', 'Readiness Gates:string::1',
    ]);
    expect(t.rows).toEqual([
      {
        cells: ['p', '0/1', 'Succeeded', '0', '60s', '<none>', '<none>', '<none>', '<none>'],
        conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
        object: { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: pod.metadata },
      },
    ]);
    expect(buildTable('Pod', [pod], { now, includeObject: 'None' }).rows[0].object).toBeNull();
    expect(buildTable('Pod', [pod], { now, includeObject: 'Object' }).rows[0].object).toBe(pod);
  });

  it('every column set starts with a name-format column or is the event table', () => {
    for (const kind of ['Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Service', 'Endpoints', 'EndpointSlice', 'Namespace', 'Node', 'Secret', 'ConfigMap', 'ServiceAccount', 'Lease']) {
      expect(tablePrinterFor(kind).columns[0].format).toBe('name');
    }
    expect(tablePrinterFor('Event').columns.map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
  });
});
