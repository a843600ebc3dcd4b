import { describe, it, expect, afterEach } from 'vitest';
import { createInProcessHost } from './in-process-host';
import type { InProcessHost } from './in-process-host';
import type { BatchMessage, SnapshotMessage, WorkerMessage } from './protocol';
import type { ClientEvent } from './host';

let host: InProcessHost | undefined;
afterEach(() => {
  host?.client.close();
  host = undefined;
});

function collect(h: InProcessHost) {
  const msgs: ClientEvent[] = [];
  h.client.on((m) => msgs.push(m));
  const next = <T extends WorkerMessage['type']>(type: T, pred: (m: Extract<ClientEvent, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<ClientEvent, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${type}`)), 8000);
      const check = () => {
        const found = msgs.find((m): m is Extract<ClientEvent, { type: T }> => m.type === type && pred(m as Extract<ClientEvent, { type: T }>));
        if (found) {
          clearTimeout(timer);
          off();
          resolve(found);
        }
      };
      const off = h.client.on(() => queueMicrotask(check));
      check();
    });
  return { msgs, next };
}

async function run(h: InProcessHost, next: ReturnType<typeof collect>['next'], msgs: ClientEvent[], line: string) {
  const id = h.client.sendLine(line);
  const done = await next('shell.complete', (m) => m.id === id);
  const out = msgs.filter((m): m is Extract<ClientEvent, { type: 'shell.output' }> => m.type === 'shell.output' && m.id === id).map((m) => m.data).join('');
  return { out, done };
}

describe('in-process host', () => {
  it('sends a snapshot of the mirrored kinds on connect', async () => {
    host = createInProcessHost({ session: { seed: 7 } });
    const { next } = collect(host);
    host.client.connect();
    const snap: SnapshotMessage = await next('snapshot');
    expect(snap.objects.nodes.map((n) => n.metadata?.name).sort()).toEqual(['node1', 'node2', 'node3']);
    expect(snap.objects.namespaces.map((n) => n.metadata?.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(snap.prompt).toBe('k8s@node1:~$ ');
    expect(snap.clock.playing).toBe(true);
    expect(snap.clock.speed).toBe(1);
  });

  it('runs shell lines and streams their output', async () => {
    host = createInProcessHost({ session: { seed: 7 } });
    const { msgs, next } = collect(host);
    host.client.connect();
    await next('snapshot');
    const { out, done } = await run(host, next, msgs, 'echo hello; cd /tmp');
    expect(out).toBe('hello\n');
    expect(done.status).toBe(0);
    expect(done.prompt).toBe('k8s@node1:/tmp$ ');
    const nodes = await run(host, next, msgs, 'kubectl get nodes -o name');
    expect(nodes.out).toBe('node/node1\nnode/node2\nnode/node3\n');
  });

  it('asks for more input on an incomplete line', async () => {
    host = createInProcessHost();
    const { msgs, next } = collect(host);
    host.client.connect();
    await next('snapshot');
    const first = await run(host, next, msgs, 'for i in 1 2; do');
    expect(first.done.more).toBe(true);
    expect(first.done.prompt).toBe('> ');
    const second = await run(host, next, msgs, 'echo $i; done');
    expect(second.out).toBe('1\n2\n');
    expect(second.done.more).toBe(false);
  });

  it('pauses, steps and plays the virtual clock', async () => {
    host = createInProcessHost();
    const { next } = collect(host);
    host.client.connect();
    await next('snapshot');
    const paused = await host.client.request('time.set', { playing: false });
    expect(paused.playing).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    const still = await host.client.request('time.set', {});
    expect(still.now).toBe(paused.now);
    const stepped = await host.client.request('time.step', { ms: 5000 });
    expect(stepped.now).toBe(paused.now + 5000);
    await host.client.request('time.set', { playing: true, speed: 20 });
    await new Promise((r) => setTimeout(r, 150));
    const later = await host.client.request('time.set', {});
    expect(later.now - stepped.now).toBeGreaterThan(1000);
  });

  it('keeps time moving while a command sleeps and can interrupt it', async () => {
    host = createInProcessHost({ speed: 20 });
    const { msgs, next } = collect(host);
    host.client.connect();
    const snap = await next('snapshot');
    const r = await run(host, next, msgs, 'sleep 2; echo woke');
    expect(r.out).toBe('woke\n');
    const now = (await host.client.request('time.set', {})).now;
    expect(now - snap.clock.now).toBeGreaterThanOrEqual(2000);
    const id = host.client.sendLine('sleep 3600');
    await new Promise((res) => setTimeout(res, 50));
    host.client.interrupt();
    const done = await next('shell.complete', (m) => m.id === id);
    expect(done.status).toBe(130);
  });

  it('batches watch events, coalesced per object, after a write', async () => {
    host = createInProcessHost({ speed: 20 });
    const { msgs, next } = collect(host);
    host.client.connect();
    await next('snapshot');
    await run(host, next, msgs, 'kubectl create deployment web --image=nginx --replicas=2');
    const seen = new Map<string, string>();
    const hasRunningPods = () => {
      for (const m of msgs) {
        if (m.type !== 'batch') continue;
        for (const e of (m as BatchMessage).events) if (e.resource === 'pods') seen.set(e.object.metadata?.name ?? '', (e.object.status as { phase?: string } | undefined)?.phase ?? '');
      }
      return [...seen].filter(([n, p]) => n.startsWith('web-') && p === 'Running').length === 2;
    };
    for (let i = 0; i < 100 && !hasRunningPods(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(hasRunningPods()).toBe(true);
    const batches = msgs.filter((m): m is BatchMessage => m.type === 'batch');
    for (const b of batches) {
      const uids = b.events.map((e) => e.object.metadata?.uid);
      expect(new Set(uids).size).toBe(uids.length);
    }
    expect(batches.some((b) => b.events.some((e) => e.resource === 'deployments' && e.object.metadata?.name === 'web'))).toBe(true);
    // batch timing block: every batch is stamped with wall times, the oldest write first.
    const wall = performance.timeOrigin + performance.now();
    for (const b of batches) {
      const t = b.timing;
      expect(t !== undefined && t.firstWriteAt <= t.sentAt && t.sentAt <= wall && wall - t.firstWriteAt < 60_000).toBe(true);
    }
  });

  it('answers api requests and completions, and reports invalid messages', async () => {
    host = createInProcessHost();
    const { next } = collect(host);
    host.client.connect();
    await next('snapshot');
    const res = await host.client.request('api', { method: 'GET', path: '/api/v1/namespaces/default/pods/nope' });
    expect(res.status).toBe(404);
    expect((res.body as { message?: string }).message).toBe('pods "nope" not found');
    const c = await host.client.request('shell.completions', { line: 'kubec', cursor: 5 });
    expect(c.candidates).toEqual(['kubectl']);
    host.core.receive({ v: 1, type: 'shell.input', id: 'x', line: 'ls' });
    const err = await next('error');
    expect(err.message).toBe('invalid message: shell.input');
  });

  it('answers a request whose parameters the guard refuses with a failure, so the caller does not wait forever', async () => {
    host = createInProcessHost();
    const { next } = collect(host);
    host.client.connect();
    await next('snapshot');
    // A path over the guard's limit (4096 characters).
    await expect(host.client.request('fs.read', { path: `/${'x'.repeat(5000)}` })).rejects.toThrow('invalid request: fs.read');
    const unknown = host.client.request as unknown as (m: string, p: unknown) => Promise<unknown>;
    await expect(unknown.call(host.client, 'no.such.method', {})).rejects.toThrow('invalid request: no.such.method');
  });
});
