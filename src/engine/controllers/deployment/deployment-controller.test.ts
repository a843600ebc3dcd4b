import { describe, it, expect } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { createHarness, podTemplate } from '../testing';
import type { Harness } from '../testing';
import { ReplicaSetController } from '../replicaset/replica-set-controller';
import { DeploymentController } from './deployment-controller';

function deployment(name: string, replicas: number, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate({ app: name }) as NonNullable<Deployment['spec']>['template'],
      ...extra,
    },
  };
}

function setup(nodes = 2, kubelet = {}): Harness {
  const h = createHarness({ kubelet });
  for (let i = 1; i <= nodes; i++) h.addNode(`node-${i}`);
  h.start(new ReplicaSetController(h.ctx), new DeploymentController(h.ctx));
  return h;
}

const D = 'deployments';
const getD = (h: Harness, name = 'web') => h.get<Deployment>(D, 'default', name, 'apps') as Deployment;
const rsList = (h: Harness) =>
  h.list<ReplicaSet>('replicasets', 'default', 'apps').sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));
const setImage = (h: Harness, image: string, name = 'web') =>
  h.api.mutate(h.rt(D, 'apps'), 'default', name, (o) => void ((o as Deployment).spec!.template.spec!.containers[0].image = image));
const scaling = (h: Harness) => h.events().filter((e) => e.includes('ScalingReplicaSet'));

describe('Deployment controller', () => {
  it('creates a hashed ReplicaSet, scales it up and reports a complete rollout', () => {
    const h = setup();
    h.create(D, deployment('web', 3), 'apps');
    h.advance(0);
    const [rs] = rsList(h);
    const hash = rs.metadata?.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    expect(rs.metadata?.name).toBe(`web-${hash}`);
    expect(rs.spec?.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(scaling(h)).toEqual([`Normal ScalingReplicaSet deployment-controller: Scaled up replica set web-${hash} from 0 to 3`]);
    h.advance(3000);
    const d = getD(h);
    expect(d.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    const t0 = '2026-11-22T09:00:00Z';
    const t1 = '2026-11-22T09:00:01Z';
    expect(d.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        { type: 'Available', status: 'True', lastUpdateTime: t1, lastTransitionTime: t1, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: t1, lastTransitionTime: t0, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` },
      ],
    });
    const pods = h.list<Pod>('pods', 'default');
    expect(pods.map((p) => p.metadata?.name?.startsWith(`web-${hash}-`))).toEqual([true, true, true]);
  });

  it('rolls out within maxSurge/maxUnavailable and keeps revisions', () => {
    const h = setup();
    h.create(D, deployment('web', 4, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }), 'apps');
    h.advance(3000);
    const oldName = rsList(h)[0].metadata?.name;
    setImage(h, 'nginx:1.28');
    // Check the invariants at every step of the rollout.
    for (let i = 0; i < 40; i++) {
      h.advance(250);
      const rss = rsList(h);
      const spec = rss.reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
      const avail = rss.reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);
      expect(spec).toBeLessThanOrEqual(5);
      expect(avail).toBeGreaterThanOrEqual(3);
    }
    const rss = rsList(h);
    expect(rss).toHaveLength(2);
    const newName = rss[1].metadata?.name;
    expect(scaling(h).slice(1)).toEqual([
      `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${newName} from 0 to 1`,
      `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${oldName} from 4 to 3`,
      `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${newName} from 1 to 2`,
      `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${oldName} from 3 to 1`,
      `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${newName} from 2 to 4`,
      `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${oldName} from 1 to 0`,
    ]);
    expect(rss.map((r) => [r.spec?.replicas, r.metadata?.annotations?.['deployment.kubernetes.io/revision']])).toEqual([
      [0, '1'],
      [4, '2'],
    ]);
    expect(getD(h).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(getD(h).status?.updatedReplicas).toBe(4);
    expect(h.list<Pod>('pods', 'default').filter((p) => !p.metadata?.deletionTimestamp)).toHaveLength(4);
  });

  it('rolling back to an old template reuses its ReplicaSet with a new revision and history', () => {
    const h = setup();
    h.create(D, deployment('web', 2), 'apps');
    h.advance(3000);
    setImage(h, 'nginx:1.28');
    h.advance(10_000);
    setImage(h, 'nginx:1.27'); // what `kubectl rollout undo` sends
    h.advance(10_000);
    const rss = rsList(h);
    expect(rss).toHaveLength(2);
    expect(rss.map((r) => [r.spec?.replicas, r.metadata?.annotations?.['deployment.kubernetes.io/revision'], r.metadata?.annotations?.['deployment.kubernetes.io/revision-history']])).toEqual([
      [2, '3', '1'],
      [0, '2', undefined],
    ]);
    expect(getD(h).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
    const h = setup(2, { terminateDelayMs: 5000 });
    h.create(D, deployment('web', 2, { strategy: { type: 'Recreate' } }), 'apps');
    h.advance(3000);
    setImage(h, 'nginx:1.28');
    h.advance(1000);
    expect(rsList(h)).toHaveLength(1);
    expect(rsList(h)[0].spec?.replicas).toBe(0);
    expect(h.list<Pod>('pods', 'default').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    h.advance(5000);
    const rss = rsList(h);
    expect(rss).toHaveLength(2);
    expect(scaling(h).slice(1)).toEqual([
      `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${rss[0].metadata?.name} from 2 to 0`,
      `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${rss[1].metadata?.name} from 0 to 2`,
    ]);
  });

  it('pauses (no new ReplicaSet, Progressing Unknown) and resumes', () => {
    const h = setup();
    h.create(D, deployment('web', 2), 'apps');
    h.advance(3000);
    h.api.mutate(h.rt(D, 'apps'), 'default', 'web', (o) => void ((o as Deployment).spec!.paused = true));
    setImage(h, 'nginx:1.28');
    h.advance(3000);
    expect(rsList(h)).toHaveLength(1);
    const progressing = () => getD(h).status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing()).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    h.api.mutate(h.rt(D, 'apps'), 'default', 'web', (o) => void ((o as Deployment).spec!.paused = false));
    h.advance(0);
    expect(rsList(h)).toHaveLength(2);
    h.advance(10_000);
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('scales proportionally in the middle of a rollout', () => {
    const h = setup(2, { schedule: false });
    h.create(D, deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }), 'apps');
    h.advance(0);
    // Pretend the first ReplicaSet's pods are all available.
    h.kubelet.schedule = true;
    h.advance(3000);
    h.kubelet.schedule = false;
    setImage(h, 'nginx:1.28');
    h.advance(1000); // new RS at 5 (3 surge + 2 unavailable), old at 8, nothing new gets ready
    expect(rsList(h).map((r) => r.spec?.replicas)).toEqual([8, 5]);
    h.api.mutate(h.rt(D, 'apps'), 'default', 'web', (o) => void ((o as Deployment).spec!.replicas = 20));
    h.advance(0);
    // 13 → 23 allowed: +10 split 8:5 of 13 → old +6, new +4 (leftover to the larger one).
    expect(rsList(h).map((r) => r.spec?.replicas)).toEqual([14, 9]);
  });

  it('cleans up old ReplicaSets beyond revisionHistoryLimit', () => {
    const h = setup();
    h.create(D, deployment('web', 1, { revisionHistoryLimit: 1 }), 'apps');
    h.advance(3000);
    for (const img of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30']) {
      setImage(h, img);
      h.advance(10_000);
    }
    expect(rsList(h).map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
  });

  it('reports ProgressDeadlineExceeded when pods never become available', () => {
    const h = setup(2, { schedule: false });
    h.create(D, deployment('web', 1, { progressDeadlineSeconds: 10 }), 'apps');
    h.advance(12_000);
    const name = rsList(h)[0].metadata?.name;
    expect(getD(h).status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`],
    ]);
  });

  it('takes 1,000 replicas on 20 nodes to available quickly', () => {
    const h = setup(20);
    const wall = (globalThis as unknown as { performance: { now(): number } }).performance;
    const start = wall.now();
    h.create(D, deployment('big', 1000), 'apps');
    h.advance(5000);
    const ms = wall.now() - start;
    expect(getD(h, 'big').status?.availableReplicas).toBe(1000);
    expect(ms).toBeLessThan(3000);
  });
});
