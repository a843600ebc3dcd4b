// Probes end to end on a seeded cluster: readiness over HTTP that fails with the kubelet's
// texts and keeps a pod out of Endpoints/EndpointSlices, readiness that flips at run time (the
// pod leaves and rejoins), liveness that restarts, startup gating, tcpSocket and exec probes,
// and the threshold state machine of the probe worker on its own.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import type { Endpoints, EndpointSlice, Event, KObject, Pod } from '../api/types';
import { ProbeWorker, resolveProbePort } from './prober';
import type { ProbeOutcome } from './prober';

const macrotask = () => new Promise<void>((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

async function run(c: Cluster, ms: number): Promise<void> {
  const end = c.clock.now() + ms;
  while (c.clock.runNext(end)) {
    if (c.clock.yieldRequested) {
      c.clock.yieldRequested = false;
      await macrotask();
    }
  }
  c.clock.advanceTo(end);
  await macrotask();
}

function pod(c: Cluster, name: string, container: Record<string, unknown>, labels: Record<string, string> = { app: name }): void {
  c.api.create(c.api.mustResource('pods'), 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name, ...container }] },
  } as KObject);
}

function service(c: Cluster, name: string, port: number, selector: Record<string, string>): void {
  c.api.create(c.api.mustResource('services'), 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector, ports: [{ port, protocol: 'TCP' }] },
  } as KObject);
}

const getPod = (c: Cluster, name: string) => c.api.get(c.api.mustResource('pods'), 'default', name) as Pod;
const ready = (c: Cluster, name: string) => getPod(c, name).status?.conditions?.find((x) => x.type === 'Ready')?.status;
const events = (c: Cluster, name: string): string[] =>
  (c.api.list(c.api.mustResource('events'), 'default').items as Event[])
    .filter((e) => e.involvedObject?.name === name && e.reason !== 'Scheduled')
    .map((e) => `${e.type} ${e.reason} ${e.involvedObject?.fieldPath ?? ''} x${e.count ?? 1}: ${e.message}`);
const endpointIPs = (c: Cluster, name: string) => {
  const ep = c.api.get(c.api.mustResource('endpoints'), 'default', name) as Endpoints;
  return {
    ready: (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.targetRef?.name)),
    notReady: (ep.subsets ?? []).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.targetRef?.name)),
  };
};
const sliceReady = (c: Cluster, svc: string) =>
  (c.api.list(c.api.mustResource('endpointslices', 'discovery.k8s.io'), 'default', { labelSelector: `kubernetes.io/service-name=${svc}` }).items as EndpointSlice[])
    .flatMap((s) => s.endpoints.map((e) => `${e.targetRef?.name}=${String(e.conditions?.ready)}`))
    .sort();

describe('readiness probes', () => {
  it('an HTTP probe on a missing path fails with the kubelet text; the pod stays out of the Service', async () => {
    const c = createCluster({ seed: 5 });
    pod(c, 'good', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }, { app: 'web' });
    pod(c, 'bad', { image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }, { app: 'web' });
    service(c, 'web', 80, { app: 'web' });
    await run(c, 60_000);
    expect(ready(c, 'good')).toBe('True');
    expect(ready(c, 'bad')).toBe('False');
    expect(getPod(c, 'bad').status?.conditions?.find((x) => x.type === 'Ready')?.message).toBe('containers with unready status: [bad]');
    const unhealthy = events(c, 'bad').filter((e) => e.includes('Unhealthy'));
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]).toMatch(/^Warning Unhealthy spec\.containers\{bad\} x1[0-2]: Readiness probe failed: HTTP probe failed with statuscode: 404$/);
    expect(endpointIPs(c, 'web')).toEqual({ ready: ['good'], notReady: ['bad'] });
    expect(sliceReady(c, 'web')).toEqual(['bad=false', 'good=true']);
    // nginx logged the kubelet's requests, from the node's cni0 address.
    const log = c.nodes.logsFor(getPod(c, 'good'))?.get('good')?.current?.lines.map((l) => l.text).join('\n') ?? '';
    expect(log).toMatch(/^10\.244\.\d+\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"$/m);
  });

  it('a pod whose readiness starts failing leaves Endpoints and EndpointSlices, and comes back', async () => {
    const c = createCluster({ seed: 6 });
    const t0 = Math.floor(c.clock.now() / 1000);
    // Ready for the first 60 s, failing from 60 s to 120 s, ready again after.
    const script = `test $(date +%s) -lt ${t0 + 60} || test $(date +%s) -ge ${t0 + 120}`;
    pod(c, 'flaky', { image: 'nginx:1.27', readinessProbe: { exec: { command: ['sh', '-c', script] }, periodSeconds: 5, failureThreshold: 2 } }, { app: 'web' });
    pod(c, 'steady', { image: 'nginx:1.27' }, { app: 'web' });
    service(c, 'web', 80, { app: 'web' });
    await run(c, 50_000);
    expect(endpointIPs(c, 'web').ready.sort()).toEqual(['flaky', 'steady']);
    expect(endpointIPs(c, 'web').notReady).toEqual([]);
    await run(c, 30_000); // t0+80: two failures in a row have been seen
    expect(ready(c, 'flaky')).toBe('False');
    expect(endpointIPs(c, 'web')).toEqual({ ready: ['steady'], notReady: ['flaky'] });
    expect(sliceReady(c, 'web')).toEqual(['flaky=false', 'steady=true']);
    expect(events(c, 'flaky').filter((e) => e.includes('Unhealthy'))[0]).toMatch(/^Warning Unhealthy spec\.containers\{flaky\} x\d+: Readiness probe failed: $/);
    await run(c, 60_000); // t0+140
    expect(ready(c, 'flaky')).toBe('True');
    expect(endpointIPs(c, 'web').ready.sort()).toEqual(['flaky', 'steady']);
    expect(sliceReady(c, 'web')).toEqual(['flaky=true', 'steady=true']);
    expect(getPod(c, 'flaky').status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });

  it('tcpSocket on a closed port: connection refused text', async () => {
    const c = createCluster({ seed: 7 });
    pod(c, 'tcp', { image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 8080 } } });
    await run(c, 40_000);
    const ip = getPod(c, 'tcp').status?.podIP;
    expect(ready(c, 'tcp')).toBe('False');
    expect(events(c, 'tcp').filter((e) => e.includes('Unhealthy'))).toEqual([
      expect.stringMatching(new RegExp(`^Warning Unhealthy spec\\.containers\\{tcp\\} x\\d: Readiness probe failed: dial tcp ${ip!.replace(/\./g, '\\.')}:8080: connect: connection refused$`)),
    ]);
  });
});

describe('liveness and startup probes', () => {
  it('a failing liveness probe kills and restarts the container with the kubelet events', async () => {
    const c = createCluster({ seed: 8 });
    pod(c, 'live', { image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } });
    for (let i = 0; i < 600 && !getPod(c, 'live').status?.containerStatuses?.[0]?.restartCount; i++) await run(c, 100);
    const all = events(c, 'live');
    expect(all.map((e) => e.replace(/ in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\./, ' in X.'))).toEqual([
      'Normal Pulling spec.containers{live} x1: Pulling image "nginx:1.27"',
      'Normal Pulled spec.containers{live} x1: Successfully pulled image "nginx:1.27" in X.',
      'Normal Created spec.containers{live} x2: Created container live',
      'Normal Started spec.containers{live} x2: Started container live',
      'Warning Unhealthy spec.containers{live} x3: Liveness probe failed: HTTP probe failed with statuscode: 404',
      'Normal Killing spec.containers{live} x1: Container live failed liveness probe, will be restarted',
      'Normal Pulled spec.containers{live} x1: Container image "nginx:1.27" already present on machine',
    ]);
    const cs = getPod(c, 'live').status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.running).toBeDefined();
    expect(cs?.lastState?.terminated?.exitCode).toBe(0);
    expect(cs?.lastState?.terminated?.reason).toBe('Completed');
    expect(ready(c, 'live')).toBe('True');
  });

  it('a startup probe holds back readiness and liveness until it passes', async () => {
    const c = createCluster({ seed: 9 });
    const t0 = Math.floor(c.clock.now() / 1000);
    pod(c, 'slow', {
      image: 'nginx:1.27',
      startupProbe: { exec: { command: ['sh', '-c', `test $(date +%s) -ge ${t0 + 40}`] }, periodSeconds: 5, failureThreshold: 30 },
      livenessProbe: { httpGet: { path: '/', port: 80 } },
    });
    await run(c, 30_000);
    let cs = getPod(c, 'slow').status?.containerStatuses?.[0];
    expect([cs?.started, cs?.ready, ready(c, 'slow')]).toEqual([false, false, 'False']);
    expect(events(c, 'slow').filter((e) => e.includes('Unhealthy'))).toEqual([
      expect.stringMatching(/^Warning Unhealthy spec\.containers\{slow\} x[4-6]: Startup probe failed: $/),
    ]);
    await run(c, 20_000);
    cs = getPod(c, 'slow').status?.containerStatuses?.[0];
    expect([cs?.started, cs?.ready, ready(c, 'slow'), cs?.restartCount]).toEqual([true, true, 'True', 0]);
  });

  it('a startup probe that never passes restarts the container', async () => {
    const c = createCluster({ seed: 10 });
    pod(c, 'never', { image: 'busybox', command: ['sleep', '3600'], startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2, failureThreshold: 3 } });
    await run(c, 40_000);
    const ev = events(c, 'never').map((e) => e.replace(/ x\d+:/, ':'));
    expect(ev.slice(2)).toEqual([
      'Normal Created spec.containers{never}: Created container never',
      'Normal Started spec.containers{never}: Started container never',
      "Warning Unhealthy spec.containers{never}: Startup probe failed: cat: can't open '/tmp/ready': No such file or directory\n",
      'Normal Killing spec.containers{never}: Container never failed startup probe, will be restarted',
      'Normal Pulled spec.containers{never}: Container image "busybox" already present on machine',
    ]);
    const cs = getPod(c, 'never').status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThanOrEqual(1);
    expect(cs?.lastState?.terminated?.exitCode).toBe(137);
  });
});

describe('ProbeWorker thresholds', () => {
  function harness(type: 'Readiness' | 'Liveness', spec: Record<string, number>, outcomes: ProbeOutcome['result'][]) {
    const tasks: { at: number; fn: () => void }[] = [];
    let now = 0;
    const results: string[] = [];
    const w = new ProbeWorker(type, { periodSeconds: 1, ...spec }, {
      running: () => true,
      runningForMs: () => now,
      started: () => true,
      onResult: (r) => results.push(`${now / 1000}:${r}`),
      event: () => undefined,
      host: () => {
        throw new Error('unused');
      },
    }, (ms, fn) => {
      const t = { at: now + ms, fn };
      tasks.push(t);
      return { cancel: () => tasks.splice(tasks.indexOf(t), 1) };
    });
    // Feed canned outcomes instead of real probes.
    let i = 0;
    (w as unknown as { doProbe(): void }).doProbe = function (this: ProbeWorker) {
      if ((this as unknown as { onHold: boolean }).onHold) return;
      const o = outcomes[i++];
      if (o) (this as unknown as { observe(o: ProbeOutcome): void }).observe({ result: o, output: '' });
    };
    w.start(1000);
    return {
      results,
      step: () => {
        tasks.sort((a, b) => a.at - b.at);
        const t = tasks.shift()!;
        now = t.at;
        t.fn();
      },
      worker: w,
    };
  }

  it('readiness needs successThreshold successes, then failureThreshold failures', () => {
    const h = harness('Readiness', { successThreshold: 2, failureThreshold: 3 }, ['success', 'failure', 'success', 'success', 'failure', 'failure', 'error', 'failure', 'success']);
    for (let k = 0; k < 9; k++) h.step();
    expect(h.results).toEqual(['4:success', '8:failure']);
  });

  it('liveness starts as success and holds after reporting a failure', () => {
    const h = harness('Liveness', { failureThreshold: 2 }, ['failure', 'success', 'failure', 'failure', 'failure', 'failure']);
    expect(h.worker.result).toBe('success');
    for (let k = 0; k < 6; k++) h.step();
    expect(h.results).toEqual(['4:failure']);
  });

  it('resolves named ports from the container spec', () => {
    const c = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] };
    expect(resolveProbePort('http', c)).toBe(8080);
    expect(resolveProbePort(81, c)).toBe(81);
    expect((resolveProbePort('admin', c) as Error).message).toBe("couldn't find port: admin in web");
  });
});
