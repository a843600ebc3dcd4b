import { describe, it, expect } from 'vitest';
import type { KObject } from '../../../engine';
import { emptyMirror, applyEvents } from '../../state/mirror';
import type { Mirror } from '../../state/mirror';
import type { MirroredResource } from '../../../worker/protocol';
import { podMirrorForm } from '../../../worker/protocol';
import { createSession } from '../../../worker/session';
import { buildGraphModel, podStatus } from './graph-model';
import type { GraphModel } from './graph-model';

const obj = (kind: string, name: string, uid: string, extra: Partial<KObject> & { ns?: string; labels?: Record<string, string>; owner?: string } = {}): KObject => {
  const { ns, labels, owner, ...rest } = extra;
  return {
    kind,
    metadata: {
      name, uid, resourceVersion: '1',
      ...(ns ? { namespace: ns } : {}),
      ...(labels ? { labels } : {}),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'X', name: 'x', uid: owner, controller: true }] } : {}),
    },
    ...rest,
  };
};

function mirrorOf(objects: [MirroredResource, KObject][]): Mirror {
  return applyEvents(emptyMirror(), objects.map(([resource, object]) => ({ type: 'ADDED' as const, resource, object })));
}

const readyNode = (name: string, uid: string) => obj('Node', name, uid, { status: { conditions: [{ type: 'Ready', status: 'True' }] } });
const runningPod = (name: string, uid: string, node: string, extra: Parameters<typeof obj>[3] = {}) =>
  obj('Pod', name, uid, {
    ns: 'default', spec: { nodeName: node, containers: [{ name: 'c' }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 2, state: { running: {} } }] },
    ...extra,
  });

describe('buildGraphModel', () => {
  const mirror = mirrorOf([
    ['nodes', readyNode('node2', 'n2')],
    ['nodes', readyNode('node1', 'n1')],
    ['deployments', obj('Deployment', 'web', 'd1', { ns: 'default' })],
    ['replicasets', obj('ReplicaSet', 'web-5d4f8c7b9', 'rs1', { ns: 'default', owner: 'd1' })],
    ['pods', runningPod('web-5d4f8c7b9-b2x7k', 'p2', 'node2', { labels: { app: 'web' }, owner: 'rs1' })],
    ['pods', runningPod('web-5d4f8c7b9-a1b2c', 'p1', 'node2', { labels: { app: 'web' }, owner: 'rs1' })],
    ['pods', obj('Pod', 'pending', 'p3', { ns: 'default', spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' }, labels: { app: 'web' } })],
    ['pods', runningPod('coredns-abc', 'p4', 'node1', { ns: 'kube-system', labels: { app: 'web' } })],
    ['services', obj('Service', 'web', 's1', { ns: 'default', spec: { selector: { app: 'web' } } })],
    ['services', obj('Service', 'kubernetes', 's0', { ns: 'default', spec: {} })],
  ]);

  it('puts pods in their node boxes, sorted, and keeps unscheduled pods apart', () => {
    const g = buildGraphModel(mirror);
    expect(g.nodes.map((n) => [n.name, n.ready, n.pods])).toEqual([
      ['node1', true, ['p4']],
      ['node2', true, ['p1', 'p2']],
    ]);
    expect(g.unscheduled).toEqual(['p3']);
    expect(g.pods.get('p1')).toEqual({
      uid: 'p1', kind: 'Pod', name: 'web-5d4f8c7b9-a1b2c', namespace: 'default', phase: 'Running', status: 'Running',
      node: 'node2', nodeUid: 'n2', ready: 1, containers: 1, restarts: 2,
    });
  });

  it('links Deployment → ReplicaSet → Pod and Services to the pods they select in their namespace', () => {
    const g = buildGraphModel(mirror);
    expect(g.controllers.map((c) => `${c.kind}/${c.name}`)).toEqual(['Deployment/web', 'ReplicaSet/web-5d4f8c7b9']);
    expect(g.services.map((s) => s.name)).toEqual(['kubernetes', 'web']);
    expect(g.edges.map((e) => e.id).sort()).toEqual([
      'owns:d1:rs1', 'owns:rs1:p1', 'owns:rs1:p2',
      'selects:s1:p1', 'selects:s1:p2', 'selects:s1:p3',
    ]);
  });

  it('sorts a box by namespace, then name, in the collator order (names outside DNS-1123 included)', () => {
    const names = ['web-10', 'web-9', 'web.b', 'web-1', 'Web-2', 'web', 'a-b', 'a.b', 'a0', 'éa'];
    const m = mirrorOf([
      ['nodes', readyNode('node1', 'n1')],
      ...names.map((n, i): [MirroredResource, KObject] => ['pods', runningPod(n, `u${i}`, 'node1', { ns: i % 3 === 0 ? 'kube-system' : 'default' })]),
      ...names.map((n, i): [MirroredResource, KObject] => ['pods', obj('Pod', n, `q${i}`, { ns: i % 2 ? 'b-ns' : 'a-ns', spec: { containers: [] } })]),
    ]);
    const g = buildGraphModel(m);
    const collate = new Intl.Collator().compare;
    const expected = (ids: string[]) => [...ids].sort((a, b) => {
      const x = g.pods.get(a)!;
      const y = g.pods.get(b)!;
      return collate(x.namespace, y.namespace) || collate(x.name, y.name);
    });
    expect(g.nodes[0].pods).toEqual(expected(names.map((_, i) => `u${i}`)));
    expect(g.unscheduled).toEqual(expected(names.map((_, i) => `q${i}`)));
    expect(g.nodes[0].pods.map((u) => `${g.pods.get(u)!.namespace}/${g.pods.get(u)!.name}`)).toEqual([
      'default/a.b', 'default/a0', 'default/web', 'default/Web-2', 'default/web-9', 'default/web.b',
      'kube-system/a-b', 'kube-system/éa', 'kube-system/web-1', 'kube-system/web-10',
    ]);
  });

  it('filters by namespace but always shows nodes', () => {
    const g = buildGraphModel(mirror, { namespace: 'kube-system' });
    expect(g.nodes.map((n) => [n.name, n.pods])).toEqual([['node1', ['p4']], ['node2', []]]);
    expect(g.controllers).toEqual([]);
    expect(g.services).toEqual([]);
    expect(g.edges).toEqual([]);
  });

  it('follows deletions from a batch', () => {
    const next = applyEvents(mirror, [{ type: 'DELETED', resource: 'pods', object: mirror.pods.get('p1') as KObject }]);
    const g = buildGraphModel(next);
    expect(g.nodes[1].pods).toEqual(['p2']);
    expect(g.edges.some((e) => e.target === 'p1')).toBe(false);
    expect(mirror.pods.has('p1')).toBe(true);
    expect(next.nodes).toBe(mirror.nodes);
  });

  it('reuses the item of a pod object that did not change, and only that one (given the previous model)', () => {
    const before = buildGraphModel(mirror);
    const p2 = mirror.pods.get('p2') as KObject;
    const changed = { ...p2, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: false, restartCount: 3, state: { running: {} } }] } };
    const next = applyEvents(mirror, [{ type: 'MODIFIED', resource: 'pods', object: changed }]);
    const after = buildGraphModel(next, { prev: before });
    expect(after.pods.get('p1')).toBe(before.pods.get('p1'));
    expect(after.edges.find((e) => e.target === 'p1')).toBe(before.edges.find((e) => e.target === 'p1'));
    // Without it, items are made afresh (equal, not the same).
    expect(buildGraphModel(next).pods.get('p1')).not.toBe(before.pods.get('p1'));
    expect(buildGraphModel(next).pods.get('p1')).toEqual(before.pods.get('p1'));
    expect(after.pods.get('p2')).not.toBe(before.pods.get('p2'));
    expect(after.pods.get('p2')).toMatchObject({ ready: 0, restarts: 3 });
    // A node that is replaced under the same name gives its pods the new box uid.
    const renamed = applyEvents(mirror, [
      { type: 'DELETED', resource: 'nodes', object: mirror.nodes.get('n2') as KObject },
      { type: 'ADDED', resource: 'nodes', object: readyNode('node2', 'n2b') },
    ]);
    expect(buildGraphModel(renamed).pods.get('p2')?.nodeUid).toBe('n2b');
    expect(buildGraphModel(renamed, { prev: before }).pods.get('p2')?.nodeUid).toBe('n2b');
  });
});

describe('podStatus (kubectl get pods STATUS)', () => {
  const pod = (status: unknown, deleting = false): KObject => ({ metadata: { name: 'p', uid: 'u', ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) }, status });
  it.each([
    [{ phase: 'Pending' }, false, 'Pending'],
    [{ phase: 'Pending', containerStatuses: [{ ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] }, false, 'ContainerCreating'],
    [{ phase: 'Running', containerStatuses: [{ ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, false, 'CrashLoopBackOff'],
    [{ phase: 'Running', containerStatuses: [{ ready: false, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] }, false, 'OOMKilled'],
    [{ phase: 'Running', containerStatuses: [{ ready: false, state: { terminated: { exitCode: 2 } } }] }, false, 'ExitCode:2'],
    [{ phase: 'Running', containerStatuses: [{ ready: false, state: { terminated: { exitCode: 0, signal: 9 } } }] }, false, 'Signal:9'],
    [{ phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] }, true, 'Terminating'],
    [{ phase: 'Succeeded', containerStatuses: [{ ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, true, 'Completed'],
    [{ phase: 'Running', reason: 'NodeLost' }, true, 'Unknown'],
    [{ phase: 'Failed', reason: 'Evicted' }, false, 'Evicted'],
  ])('%j deleting=%s → %s', (status, deleting, expected) => {
    expect(podStatus(pod(status, deleting))).toBe(expected);
  });
});

describe('buildGraphModel from pods in their wire form (protocol podMirrorForm)', () => {
  it('gives the same model as the full objects, at a fraction of the size', async () => {
    const s = createSession();
    const sink = { write: () => undefined };
    await s.shell.execute('kubectl create deployment web --image=nginx --replicas=6 && kubectl expose deployment web --port=80', { stdout: sink, stderr: sink });
    await s.shell.execute('kubectl run lone --image=busybox:does-not-exist --labels=app=web', { stdout: sink, stderr: sink });
    s.cluster.clock.advanceTo(s.cluster.clock.now() + 60_000);
    const list = (path: string) => (s.cluster.request({ method: 'GET', path }).body as { items: KObject[] }).items;
    const pods = list('/api/v1/pods');
    expect(pods.length).toBeGreaterThanOrEqual(7);
    const rest: [MirroredResource, KObject][] = [
      ...list('/api/v1/nodes').map((o) => ['nodes', o] as [MirroredResource, KObject]),
      ...list('/api/v1/services').map((o) => ['services', o] as [MirroredResource, KObject]),
      ...list('/apis/apps/v1/deployments').map((o) => ['deployments', o] as [MirroredResource, KObject]),
      ...list('/apis/apps/v1/replicasets').map((o) => ['replicasets', o] as [MirroredResource, KObject]),
    ];
    const full = buildGraphModel(mirrorOf([...rest, ...pods.map((o) => ['pods', o] as [MirroredResource, KObject])]));
    const slim = buildGraphModel(mirrorOf([...rest, ...pods.map((o) => ['pods', podMirrorForm(o)] as [MirroredResource, KObject])]));
    // Everything but the source objects kept for the next build.
    const drawn = ({ sources: _sources, ...m }: GraphModel) => m;
    expect(drawn(slim)).toEqual(drawn(full));
    expect(full.edges.some((e) => e.type === 'selects')).toBe(true);
    expect([...full.pods.values()].map((p) => p.status)).toContain('Running');
    // The failure-injection picker reads the container names.
    expect(pods.map((o) => podMirrorForm(o).spec.containers.map((c) => c.name))).toEqual(pods.map((o) => ((o.spec as { containers: { name: string }[] }).containers).map((c) => c.name)));
    const size = (xs: KObject[]) => JSON.stringify(xs).length;
    expect(size(pods.map(podMirrorForm)) / size(pods)).toBeLessThan(0.3);
  });
});

describe('buildGraphModel with the previous model (opts.prev)', () => {
  it('equals a build from scratch through adds, moves, swaps at equal counts, unscheduled pods and deletes', () => {
    const withRv = (o: KObject, rv: string): KObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: rv } });
    const pod = (name: string, uid: string, node: string | undefined, rv: string) => withRv(obj('Pod', name, uid, {
      ns: 'default', labels: { app: 'web' }, owner: 'rs1', spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c' }] }, status: { phase: node ? 'Running' : 'Pending' },
    }), rv);
    let mirror = mirrorOf([
      ['nodes', readyNode('node1', 'n1')], ['nodes', readyNode('node2', 'n2')],
      ['replicasets', obj('ReplicaSet', 'web-1', 'rs1', { ns: 'default' })],
      ['services', obj('Service', 'web', 's1', { ns: 'default', spec: { selector: { app: 'web' } } })],
    ]);
    const steps: [ 'ADDED' | 'MODIFIED' | 'DELETED', KObject][][] = [
      [['ADDED', pod('web-c', 'pc', 'node1', '2')], ['ADDED', pod('web-a', 'pa', 'node1', '2')]],
      [['ADDED', pod('web-b', 'pb', undefined, '3')]],
      [['MODIFIED', pod('web-b', 'pb', 'node2', '4')]],
      // one pod leaves node1 and another arrives: same count, different members
      [['DELETED', pod('web-c', 'pc', 'node1', '5')], ['ADDED', pod('web-0', 'p0', 'node1', '5')]],
      [['MODIFIED', pod('web-a', 'pa', 'node2', '6')]],
      [['ADDED', pod('web-u', 'pu', undefined, '7')], ['ADDED', pod('web-t', 'pt', undefined, '7')]],
      [['DELETED', pod('web-u', 'pu', undefined, '8')], ['ADDED', pod('web-s', 'ps', undefined, '8')]],
      [['MODIFIED', withRv(obj('Service', 'web', 's1', { ns: 'default', spec: { selector: { app: 'other' } } }), '9')]],
    ];
    let prev = buildGraphModel(mirror);
    for (const step of steps) {
      mirror = applyEvents(mirror, step.map(([type, object]) => ({ type, resource: (object.kind === 'Service' ? 'services' : 'pods') as MirroredResource, object })));
      const incremental = buildGraphModel(mirror, { prev });
      expect(incremental).toEqual(buildGraphModel(mirror));
      prev = incremental;
    }
    expect(prev.nodes.map((n) => n.pods)).toEqual([['p0'], ['pa', 'pb']]);
    expect(prev.unscheduled).toEqual(['ps', 'pt']);
    expect(prev.edges.filter((e) => e.type === 'selects')).toEqual([]);
  });
});
