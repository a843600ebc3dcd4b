// Snapshot/restore: a cluster with a Deployment survives a JSON round trip with the same objects,
// revision, time and RNG state; time goes on, pods keep running, new pods are scheduled.
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import type { Cluster } from './cluster';
import type { Event, Pod, Table } from './index';
import { restoreCluster, snapshotCluster, isClusterSnapshot } from './snapshot';
import type { ClusterSnapshot } from './snapshot';

function deploy(c: Cluster, name: string, replicas: number, image = 'nginx'): void {
  const res = c.request({
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { app: name } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
      },
    },
  });
  expect(res.status).toBe(201);
}

const podsTable = (c: Cluster, ns = 'default'): string[][] => {
  const t = c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods`, headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }).body as Table;
  return t.rows.map((r) => r.cells.map(String));
};
const pods = (c: Cluster): Pod[] => (c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body as { items: Pod[] }).items;

/** The snapshot as it comes back from IndexedDB or an exported file. */
const roundTrip = (s: ClusterSnapshot): ClusterSnapshot => JSON.parse(JSON.stringify(s)) as ClusterSnapshot;

function cluster(): Cluster {
  const c = createCluster({ seed: 11 });
  deploy(c, 'web', 3);
  c.advance(60_000);
  return c;
}

describe('snapshotCluster / restoreCluster', () => {
  it('restores the same objects, revision, time and RNG state', () => {
    const c = cluster();
    const snap = roundTrip(snapshotCluster(c));
    expect(isClusterSnapshot(snap)).toBe(true);
    const r = restoreCluster(snap);
    expect(r.clock.now()).toBe(c.clock.now());
    expect(r.createdAt).toBe(c.createdAt);
    expect(r.store.rev).toBe(c.store.rev);
    expect(JSON.parse(JSON.stringify(r.store.dump()))).toEqual(JSON.parse(JSON.stringify(c.store.dump())));
    expect(r.rng.state()).toEqual(c.rng.state());
    expect(podsTable(r)).toEqual(podsTable(c));
    expect(podsTable(r, 'kube-system')).toEqual(podsTable(c, 'kube-system'));
  });

  it('keeps pods running as they were while time goes on', () => {
    const c = cluster();
    const before = pods(c);
    expect(before.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    const r = restoreCluster(roundTrip(snapshotCluster(c)));
    r.advance(120_000);
    c.advance(120_000);
    expect(r.clock.now()).toBe(c.clock.now());
    // Same pods, same containers (IDs, start times, restart counts), same ages in the table.
    const shape = (ps: Pod[]) => ps.map((p) => [p.metadata?.uid, p.spec?.nodeName, p.status?.podIP, p.status?.phase, JSON.stringify(p.status?.containerStatuses)]);
    expect(shape(pods(r))).toEqual(shape(before));
    expect(podsTable(r)).toEqual(podsTable(c));
    const table = podsTable(r);
    expect(table.map((row) => row.slice(1, 5))).toEqual([
      ['1/1', 'Running', '0', '3m'],
      ['1/1', 'Running', '0', '3m'],
      ['1/1', 'Running', '0', '3m'],
    ]);
    // Kubelets heartbeat again: node leases were renewed after the restore.
    const lease = r.request({ method: 'GET', path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node2' }).body as { spec: { renewTime: string } };
    expect(Date.parse(lease.spec.renewTime)).toBeGreaterThan(r.clock.now() - 11_000);
    // No node went NotReady and nothing restarted.
    const warnings = (r.request({ method: 'GET', path: '/api/v1/events' }).body as { items: Event[] }).items.filter((e) => e.type === 'Warning');
    expect(warnings).toEqual([]);
  });

  it('schedules and starts new pods after a restore, with fresh names and IPs', () => {
    const c = cluster();
    const r = restoreCluster(roundTrip(snapshotCluster(c)));
    const scaled = r.request({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { replicas: 6 } },
    });
    expect(scaled.status).toBe(200);
    r.advance(60_000);
    const ps = pods(r);
    expect(ps.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running', 'Running', 'Running', 'Running']);
    expect(new Set(ps.map((p) => p.metadata?.name)).size).toBe(6);
    expect(new Set(ps.map((p) => p.status?.podIP)).size).toBe(6);
    expect(ps.every((p) => p.spec?.nodeName === 'node2' || p.spec?.nodeName === 'node3')).toBe(true);
  });

  it('is deterministic: the same snapshot and the same actions give the same state', () => {
    const snap = roundTrip(snapshotCluster(cluster()));
    const run = () => {
      const r = restoreCluster(roundTrip(snap));
      deploy(r, 'api', 2, 'redis');
      r.advance(90_000);
      return JSON.stringify(r.store.dump());
    };
    expect(run()).toBe(run());
  });

  it('a stopped node stays stopped after a restore and starts again', () => {
    const c = cluster();
    c.nodes.get('node3')?.stop();
    c.advance(10_000);
    const r = restoreCluster(roundTrip(snapshotCluster(c)));
    expect(r.nodes.get('node3')?.running).toBe(false);
    r.advance(60_000);
    const ready = (name: string) => (r.request({ method: 'GET', path: `/api/v1/nodes/${name}` }).body as { status: { conditions: { type: string; status: string }[] } })
      .status.conditions.find((x) => x.type === 'Ready')?.status;
    expect(ready('node3')).toBe('Unknown');
    r.nodes.get('node3')?.start();
    r.advance(1000);
    expect(ready('node3')).toBe('True');
  });

  it('killContainer: the container exits 137 and the kubelet restarts it', () => {
    const c = cluster();
    const p = pods(c)[0];
    const k = c.nodes.get(p.spec?.nodeName ?? '');
    expect(k?.killContainer(p.metadata?.uid ?? '', 'web')).toBe(true);
    expect(k?.killContainer(p.metadata?.uid ?? '', 'nope')).toBe(false);
    c.advance(30_000);
    const after = pods(c).find((x) => x.metadata?.uid === p.metadata?.uid);
    const cs = after?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.running).toBeDefined();
    expect({ exitCode: cs?.lastState?.terminated?.exitCode, reason: cs?.lastState?.terminated?.reason }).toEqual({ exitCode: 137, reason: 'Error' });
    const reasons = (c.request({ method: 'GET', path: `/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${p.metadata?.name}` }).body as { items: Event[] }).items
      .filter((e) => Date.parse(e.lastTimestamp ?? '') >= c.clock.now() - 30_000).map((e) => `${e.count} ${e.type} ${e.reason} ${e.message}`).sort();
    // Created and Started aggregate onto the first start's Events (count 2).
    expect(reasons).toEqual([
      '1 Normal Pulled Container image "nginx" already present on machine',
      `1 Warning BackOff Back-off restarting failed container web in pod ${p.metadata?.name}_default(${p.metadata?.uid})`,
      '2 Normal Created Created container web',
      '2 Normal Started Started container web',
    ]);
  });
});
