// Scenario tests: a seeded default cluster, API calls, virtual time, then whole states and
// event sequences asserted. These are the foundation issue's behaviours end to end.
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';
import type { Cluster } from './cluster';
import type { KObject, Pod, Node, Event, Deployment } from './api/types';

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
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
      },
    },
  });
  expect(res.status).toBe(201);
}

const pods = (c: Cluster, selector?: string): Pod[] =>
  (c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods${selector ? `?labelSelector=${encodeURIComponent(selector)}` : ''}` }).body as { items: Pod[] }).items;

const get = <T>(c: Cluster, path: string): T => c.request({ method: 'GET', path }).body as T;

const eventsFor = (c: Cluster, name: string): Event[] =>
  (get<{ items: Event[] }>(c, `/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${name}`)).items;

const summary = (ps: Pod[]) =>
  ps.map((p) => `${p.spec?.nodeName} ${p.status?.phase} ${p.status?.containerStatuses?.[0]?.ready ? 'ready' : 'not-ready'}`).sort();

describe('scenarios on the default cluster', () => {
  it('starts like a fresh kubeadm cluster', () => {
    const c = createCluster({ seed: 7 });
    const names = pods(c).length;
    expect(names).toBe(0);
    const sys = (get<{ items: Pod[] }>(c, '/api/v1/namespaces/kube-system/pods')).items;
    const generic = (n = '') => n.replace(/^(kube-proxy)-[a-z0-9]{5}$/, '$1-*').replace(/^(coredns)-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '$1-*-*');
    expect(sys.map((p) => `${generic(p.metadata?.name)} ${p.status?.phase}`)).toEqual([
      'coredns-*-* Running',
      'coredns-*-* Running',
      'etcd-node1 Running',
      'kube-apiserver-node1 Running',
      'kube-controller-manager-node1 Running',
      'kube-proxy-* Running',
      'kube-proxy-* Running',
      'kube-proxy-* Running',
      'kube-scheduler-node1 Running',
    ]);
    const nodes = (get<{ items: Node[] }>(c, '/api/v1/nodes')).items;
    expect(nodes.map((n) => `${n.metadata?.name} ${n.status?.conditions?.find((x) => x.type === 'Ready')?.status} ${(n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).join(',')}`)).toEqual([
      'node1 True node-role.kubernetes.io/control-plane:NoSchedule',
      'node2 True ',
      'node3 True ',
    ]);
    const svcs = (get<{ items: KObject[] }>(c, '/api/v1/services')).items;
    expect(svcs.map((s) => `${s.metadata?.namespace}/${s.metadata?.name} ${(s.spec as { clusterIP: string }).clusterIP}`)).toEqual([
      'default/kubernetes 10.96.0.1',
      'kube-system/kube-dns 10.96.0.10',
    ]);
  });

  it('spreads a Deployment of 3 over node2 and node3 and makes it available', () => {
    const c = createCluster({ seed: 1 });
    deploy(c, 'web', 3);
    c.advance(30_000);
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(3);
    const nodes = new Set(ps.map((p) => p.spec?.nodeName));
    expect([...nodes].sort()).toEqual(['node2', 'node3']);
    expect(ps.every((p) => p.status?.phase === 'Running' && p.status.podIP?.startsWith('10.244.'))).toBe(true);
    const d = get<Deployment>(c, '/apis/apps/v1/namespaces/default/deployments/web');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.status?.conditions?.map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`)).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      expect.stringMatching(/^Progressing=True NewReplicaSetAvailable: ReplicaSet "web-[a-z0-9]+" has successfully progressed\.$/),
    ]);
  });

  it('replaces a deleted pod, and scales to 0 and back', () => {
    const c = createCluster({ seed: 2 });
    deploy(c, 'web', 2);
    c.advance(30_000);
    const [victim] = pods(c, 'app=web');
    const del = c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${victim.metadata?.name}` });
    expect(del.status).toBe(200);
    c.advance(40_000);
    const after = pods(c, 'app=web');
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.metadata?.name)).not.toContain(victim.metadata?.name);
    expect(summary(after).every((s) => s.endsWith('Running ready'))).toBe(true);

    const scale = (n: number) =>
      c.request({
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: { spec: { replicas: n } },
      });
    expect(scale(0).status).toBe(200);
    c.advance(60_000);
    expect(pods(c, 'app=web')).toEqual([]);
    expect(scale(2).status).toBe(200);
    c.advance(30_000);
    expect(summary(pods(c, 'app=web')).every((s) => s.endsWith('Running ready'))).toBe(true);
    expect(pods(c, 'app=web')).toHaveLength(2);
  });

  it('marks a silent node NotReady, taints it, and recreates its pods elsewhere after 300 s', () => {
    const c = createCluster({ seed: 3 });
    deploy(c, 'web', 4);
    c.advance(30_000);
    const onNode2 = pods(c, 'app=web').filter((p) => p.spec?.nodeName === 'node2');
    expect(onNode2.length).toBeGreaterThan(0);
    c.nodes.get('node2')?.stop();
    c.advance(60_000);
    const node2 = get<Node>(c, '/api/v1/nodes/node2');
    expect(node2.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect((node2.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    // Not yet evicted: the default toleration is 300 s from the taint.
    expect(pods(c, 'app=web').filter((p) => p.spec?.nodeName === 'node2')).toHaveLength(onNode2.length);
    c.advance(300_000);
    const now = pods(c, 'app=web');
    const running = now.filter((p) => !p.metadata?.deletionTimestamp);
    expect(running.filter((p) => p.spec?.nodeName !== 'node2' && p.status?.phase === 'Running')).toHaveLength(4);
    // The unreachable node cannot confirm the kill: its pods stay Terminating, as on a real cluster.
    expect(now.filter((p) => p.metadata?.deletionTimestamp).map((p) => p.spec?.nodeName)).toEqual(onNode2.map(() => 'node2'));
    expect(eventsFor(c, onNode2[0].metadata?.name ?? '').map((e) => e.reason)).toContain('TaintManagerEviction');
  });

  it('takes a bad image through ErrImagePull to ImagePullBackOff with the kubelet events', () => {
    const c = createCluster({ seed: 4 });
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { containers: [{ name: 'bad', image: 'ngnix' }] } } });
    const reasons: string[] = [];
    for (let i = 0; i < 40; i++) {
      c.advance(500);
      const st = (get<Pod>(c, '/api/v1/namespaces/default/pods/bad')).status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (st && reasons[reasons.length - 1] !== st) reasons.push(st);
    }
    expect(reasons).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff']);
    expect(eventsFor(c, 'bad').map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Normal Scheduled Successfully assigned default/bad to node2',
      'Normal Pulling Pulling image "ngnix"',
      'Warning Failed Failed to pull image "ngnix": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "ngnix"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
  });

  it('backs a crashing container off 10 s, 20 s, 40 s', () => {
    const c = createCluster({ seed: 5 });
    c.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash' }, spec: { containers: [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } });
    const starts: number[] = [];
    let last = -1;
    const t0 = c.clock.now();
    for (let t = 0; t < 120_000; t += 250) {
      c.advance(250);
      const cs = (get<Pod>(c, '/api/v1/namespaces/default/pods/crash')).status?.containerStatuses?.[0];
      if (cs && cs.restartCount !== last) {
        last = cs.restartCount ?? 0;
        starts.push(Math.round((c.clock.now() - t0) / 1000));
      }
    }
    // First run: pull (~1 s) then an immediate exit at ~2 s; restarts 10 s, 20 s, 40 s after
    // each exit (the runs themselves take no time).
    expect(starts).toEqual([0, 12, 32, 72]);
    const pod = get<Pod>(c, '/api/v1/namespaces/default/pods/crash');
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('is deterministic: the same seed and calls give byte-identical state', () => {
    const run = () => {
      const c = createCluster({ seed: 42 });
      deploy(c, 'web', 5);
      c.advance(20_000);
      c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${pods(c, 'app=web')[0].metadata?.name}` });
      c.advance(60_000);
      return JSON.stringify(c.store.dump());
    };
    expect(run()).toBe(run());
  });

  it('rejects invalid input with the real error and changes nothing', () => {
    const c = createCluster({ seed: 6 });
    const before = c.store.rev;
    const res = c.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    });
    expect(res.status).toBe(422);
    expect((res.body as { message: string }).message).toBe(
      `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(c.store.rev).toBe(before);
  });
});
