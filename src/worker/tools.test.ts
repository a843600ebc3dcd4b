// Failure injection and kubectl for the UI: each fault goes through the API (or the kubelet)
// and leaves the Events a user would see; kubectl output is the terminal's.
import { describe, it, expect } from 'vitest';
import type { Event, Node, Pod } from '../engine';
import { createSession } from './session';
import type { Session } from './session';
import { brokenImage, injectFault, runKubectl } from './tools';

function setup(): { s: Session; pods: () => Pod[] } {
  const s = createSession({ seed: 3 });
  const res = s.cluster.request({
    method: 'POST',
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    },
  });
  expect(res.status).toBe(201);
  s.cluster.advance(60_000);
  const pods = () => (s.cluster.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body as { items: Pod[] }).items;
  return { s, pods };
}

const events = (s: Session, since: number): string[] =>
  (s.cluster.request({ method: 'GET', path: '/api/v1/events' }).body as { items: Event[] }).items
    .filter((e) => Date.parse(e.lastTimestamp ?? '') >= since)
    .map((e) => `${e.involvedObject?.kind}/${e.involvedObject?.name} ${e.type} ${e.reason}`);

describe('injectFault', () => {
  it('deletePod: the kubelet kills it and the ReplicaSet replaces it', () => {
    const { s, pods } = setup();
    const victim = pods()[0].metadata?.name ?? '';
    const t0 = s.cluster.clock.now();
    expect(injectFault(s, { action: 'deletePod', namespace: 'default', name: victim })).toEqual({ ok: true, output: `pod "${victim}" deleted\n` });
    s.cluster.advance(40_000);
    const ev = events(s, t0);
    expect(ev).toContain(`Pod/${victim} Normal Killing`);
    expect(ev.filter((e) => /^ReplicaSet\/web-\S+ Normal SuccessfulCreate$/.test(e))).toHaveLength(1);
    expect(pods().map((p) => p.metadata?.name)).not.toContain(victim);
    expect(injectFault(s, { action: 'deletePod', namespace: 'default', name: victim })).toEqual({ ok: false, output: `Error from server: pods "${victim}" not found\n` });
  });

  it('killContainer: exit 137 and a restart, with BackOff/Created/Started events', () => {
    const { s, pods } = setup();
    const p = pods()[0];
    expect(injectFault(s, { action: 'killContainer', namespace: 'default', name: p.metadata?.name ?? '', container: 'nginx' }).ok).toBe(true);
    s.cluster.advance(20_000);
    const cs = pods().find((x) => x.metadata?.uid === p.metadata?.uid)?.status?.containerStatuses?.[0];
    expect([cs?.restartCount, cs?.lastState?.terminated?.exitCode, cs?.ready]).toEqual([1, 137, true]);
    expect(injectFault(s, { action: 'killContainer', namespace: 'default', name: p.metadata?.name ?? '', container: 'other' }).ok).toBe(false);
  });

  it('cordon, uncordon and drain print what kubectl prints and patch spec.unschedulable', () => {
    const { s, pods } = setup();
    const node = (n: string) => s.cluster.request({ method: 'GET', path: `/api/v1/nodes/${n}` }).body as Node;
    expect(injectFault(s, { action: 'cordon', node: 'node2' })).toEqual({ ok: true, output: 'node/node2 cordoned\n' });
    expect(node('node2').spec?.unschedulable).toBe(true);
    expect(injectFault(s, { action: 'cordon', node: 'node2' })).toEqual({ ok: true, output: 'node/node2 already cordoned\n' });
    expect(injectFault(s, { action: 'uncordon', node: 'node2' })).toEqual({ ok: true, output: 'node/node2 uncordoned\n' });
    expect(node('node2').spec?.unschedulable).toBeUndefined();
    expect(injectFault(s, { action: 'uncordon', node: 'nodeX' })).toEqual({ ok: false, output: 'Error from server (NotFound): nodes "nodeX" not found\n' });

    const onNode3 = pods().filter((p) => p.spec?.nodeName === 'node3').map((p) => p.metadata?.name);
    const sys = (s.cluster.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/pods' }).body as { items: Pod[] }).items.filter((p) => p.spec?.nodeName === 'node3');
    const proxy = sys.find((p) => p.metadata?.name?.startsWith('kube-proxy-'))?.metadata?.name;
    const others = sys.filter((p) => !p.metadata?.name?.startsWith('kube-proxy-')).map((p) => p.metadata?.name);
    const res = injectFault(s, { action: 'drain', node: 'node3' });
    expect(res).toEqual({
      ok: true,
      output: [
        'node/node3 cordoned',
        `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}`,
        // the API serves pods/eviction, so drain evicts as kubectl does
        ...[...others.map((n) => `kube-system/${n}`), ...onNode3.map((n) => `default/${n}`)].sort().map((k) => `evicting pod ${k}`),
        ...[...others.map((n) => `kube-system/${n}`), ...onNode3.map((n) => `default/${n}`)].sort().map((k) => `pod/${k.split('/')[1]} evicted`),
        'node/node3 drained',
        '',
      ].join('\n'),
    });
    s.cluster.advance(60_000);
    expect(pods().every((p) => p.spec?.nodeName === 'node2')).toBe(true);
  });

  it('stopNode and startNode power the kubelet off and on', () => {
    const { s } = setup();
    expect(injectFault(s, { action: 'stopNode', node: 'node2' })).toEqual({ ok: true, output: '' });
    const t0 = s.cluster.clock.now();
    s.cluster.advance(60_000);
    expect(events(s, t0)).toContain('Node/node2 Normal NodeNotReady');
    expect(injectFault(s, { action: 'startNode', node: 'node2' })).toEqual({ ok: true, output: '' });
    expect(s.cluster.nodes.get('node2')?.running).toBe(true);
  });

  it('breakImage sets a tag that does not exist and the new pods fail to pull', () => {
    const { s, pods } = setup();
    expect(injectFault(s, { action: 'breakImage', namespace: 'default', name: 'web' })).toEqual({ ok: true, output: 'deployment.apps/web image updated\n' });
    const t0 = s.cluster.clock.now();
    s.cluster.advance(20_000);
    const broken = pods().filter((p) => p.spec?.containers?.[0]?.image === 'nginx:does-not-exist');
    expect(broken).toHaveLength(1);
    expect(broken[0].status?.containerStatuses?.[0]?.state?.waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    expect(events(s, t0)).toContain(`Pod/${broken[0].metadata?.name} Warning Failed`);
    expect(injectFault(s, { action: 'breakImage', namespace: 'default', name: 'nope' })).toEqual({ ok: false, output: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
  });

  it('brokenImage keeps the repository and replaces tag or digest', () => {
    expect(['nginx', 'nginx:1.27', 'registry.k8s.io:5000/pause:3.10', 'busybox@sha256:abc'].map(brokenImage)).toEqual([
      'nginx:does-not-exist', 'nginx:does-not-exist', 'registry.k8s.io:5000/pause:does-not-exist', 'busybox:does-not-exist',
    ]);
  });
});

describe('runKubectl', () => {
  it('prints exactly what the terminal prints and leaves the history alone', async () => {
    const { s } = setup();
    const viaShell: string[] = [];
    await s.shell.execute('kubectl get deployment web -o yaml', { stdout: { write: (d) => void viaShell.push(d) }, stderr: { write: (d) => void viaShell.push(d) } });
    const r = await runKubectl(s, ['get', 'deployment', 'web', '-o', 'yaml']);
    expect(r.status).toBe(0);
    expect(r.output).toBe(viaShell.join(''));
    expect(r.output.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(s.shell.history).toEqual(['kubectl get deployment web -o yaml']);
    expect(await runKubectl(s, ['get', 'pod', "it's"])).toEqual({ status: 1, output: 'Error from server (NotFound): pods "it\'s" not found\n' });
  });
});
