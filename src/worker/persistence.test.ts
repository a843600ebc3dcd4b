// Persistence through the protocol: a playground saved to storage and booted again has the same
// objects, `kubectl get pods` output, virtual time, pacing, history, files and working directory.
import { describe, it, expect, afterEach } from 'vitest';
import { EngineClient } from './host';
import type { ClientEvent, EngineTransport } from './host';
import { realTimers } from './in-process-host';
import { MAX_FILE_STRING, bootPlayground, isPlaygroundState, memoryStorage, parsePlaygroundFile } from './persistence';
import type { PlaygroundStorage } from './persistence';
import { MAX_IMPORT } from './protocol';
import type { WorkerMessage } from './protocol';
import type { EngineCore } from './engine-core';

interface Booted {
  client: EngineClient;
  core: EngineCore;
  msgs: ClientEvent[];
  next<T extends WorkerMessage['type']>(type: T, pred?: (m: Extract<ClientEvent, { type: T }>) => boolean): Promise<Extract<ClientEvent, { type: T }>>;
  run(line: string): Promise<{ out: string; prompt: string }>;
}

const open: Booted[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.client.close();
});

/** The worker's boot (bootPlayground) behind an in-process transport, as in-process-host.ts does. */
async function boot(storage: PlaygroundStorage, playing = false): Promise<Booted> {
  const toClient = new Set<(d: unknown) => void>();
  const deliver = (d: unknown) => {
    const copy = structuredClone(d);
    queueMicrotask(() => {
      for (const cb of toClient) cb(copy);
    });
  };
  const { core, persister } = await bootPlayground(deliver, realTimers(), storage, { session: { seed: 5 }, playing, intervalMs: 60_000 });
  const transport: EngineTransport = {
    send: (m) => {
      const copy = structuredClone(m);
      queueMicrotask(() => core.receive(copy));
    },
    subscribe: (cb) => {
      toClient.add(cb);
      return () => toClient.delete(cb);
    },
    close: () => {
      persister.stop();
      core.dispose();
    },
  };
  const client = new EngineClient(transport);
  const msgs: ClientEvent[] = [];
  client.on((m) => msgs.push(m));
  const next: Booted['next'] = (type, pred = () => true) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${type}`)), 8000);
      const check = () => {
        const found = msgs.find((m) => m.type === type && pred(m as never));
        if (found) {
          clearTimeout(timer);
          off();
          resolve(found as never);
        }
      };
      const off = client.on(() => queueMicrotask(check));
      check();
    });
  const run = async (line: string) => {
    const id = client.sendLine(line);
    const done = await next('shell.complete', (m) => m.id === id);
    const out = msgs.filter((m): m is Extract<ClientEvent, { type: 'shell.output' }> => m.type === 'shell.output' && m.id === id).map((m) => m.data).join('');
    return { out, prompt: done.prompt };
  };
  const b: Booted = { client, core, msgs, next, run };
  open.push(b);
  client.connect();
  await next('snapshot');
  return b;
}

describe('playground persistence', () => {
  it('a reload restores objects, kubectl output, time, pacing, history, files and cwd', async () => {
    const storage = memoryStorage();
    const a = await boot(storage);
    await a.run('kubectl create deployment web --image=nginx --replicas=2');
    await a.client.request('time.step', { ms: 60_000 });
    await a.run('echo "kind: Pod" > pod.yaml; mkdir -p work; cd work');
    const before = await a.run('kubectl get pods -o wide');
    expect(before.out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\nweb-\S+ +1\/1 +Running +0 +\d+s /);
    await a.client.request('time.set', { speed: 5 });
    const saved = await a.client.request('playground.save', {});
    expect(saved.savedAt).toBe(a.core.clockState().now);
    expect(isPlaygroundState(storage.value)).toBe(true);
    await a.next('persisted', (m) => m.now === saved.savedAt && !m.restored);
    a.client.close();

    const b = await boot(storage, true);
    const snap = b.msgs.find((m): m is Extract<ClientEvent, { type: 'snapshot' }> => m.type === 'snapshot');
    expect(snap?.clock).toEqual({ now: saved.savedAt, playing: false, speed: 5 });
    expect(snap?.prompt).toBe('k8s@node1:~/work$ ');
    expect(snap?.history).toEqual([
      'kubectl create deployment web --image=nginx --replicas=2',
      'echo "kind: Pod" > pod.yaml; mkdir -p work; cd work',
      'kubectl get pods -o wide',
    ]);
    expect(snap?.objects.pods.filter((p) => p.metadata?.namespace === 'default').length).toBe(2);
    expect(await b.run('kubectl get pods -o wide')).toEqual(before);
    expect((await b.run('cat ~/pod.yaml')).out).toBe('kind: Pod\n');
    // Time goes on from where it was; the restored cluster still schedules new pods.
    await b.run('kubectl scale deployment web --replicas=3');
    // (A step may run short when the frame's work budget is spent: step until 30 s have passed.)
    while (b.core.clockState().now < (saved.savedAt ?? 0) + 30_000) await b.client.request('time.step', { ms: 10_000 });
    const pods = await b.run('kubectl get pods --no-headers');
    expect(pods.out.trim().split('\n').map((l) => l.split(/\s+/).slice(1, 3).join(' '))).toEqual(['1/1 Running', '1/1 Running', '1/1 Running']);
    await b.client.request('playground.save', {});
    await b.next('persisted', (m) => m.restored);
  });

  it('reset forgets the saved playground and stops saving; import replaces it', async () => {
    const storage = memoryStorage();
    const a = await boot(storage);
    await a.run('echo one > a.txt');
    const exported = await a.client.request('playground.export', {});
    expect(isPlaygroundState(JSON.parse(exported.json))).toBe(true);
    await a.client.request('playground.save', {});
    await a.client.request('playground.reset', {});
    expect(storage.value).toBeUndefined();
    expect(await a.client.request('playground.save', {})).toEqual({ savedAt: null });
    expect(storage.value).toBeUndefined();
    a.client.close();

    const fresh = await boot(storage);
    expect((await fresh.run('cat a.txt')).out).toBe('cat: a.txt: No such file or directory\n');
    await expect(fresh.client.request('playground.import', { json: '{"format":"x"}' })).rejects.toThrow('invalid playground file');
    await expect(fresh.client.request('playground.import', { json: 'nope' })).rejects.toThrow('invalid playground file: not JSON');
    expect(await fresh.client.request('playground.import', { json: exported.json })).toEqual({ ok: true });
    fresh.client.close();

    const imported = await boot(storage);
    expect((await imported.run('cat a.txt')).out).toBe('one\n');
  });

  it('refuses hostile files with a clear error, writes nothing and keeps saving', async () => {
    const storage = memoryStorage();
    const a = await boot(storage);
    await a.run('kubectl create namespace mine');
    const file = JSON.parse((await a.client.request('playground.export', {})).json) as Record<string, Record<string, unknown>>;
    await a.client.request('playground.save', {});
    const before = structuredClone(storage.value);
    const variant = (f: (x: typeof file) => void) => {
      const x = structuredClone(file);
      f(x);
      return JSON.stringify(x);
    };
    const cases: [string, string][] = [
      [JSON.stringify([1, 2]), 'invalid playground file: not a Timonel playground'],
      [variant((x) => void (x.version = 2 as never)), 'invalid playground file: unsupported version 2 (this version of Timonel reads version 1)'],
      [variant((x) => void (x.cluster.now = '12' as never)), 'invalid playground file: the cluster snapshot is malformed'],
      [variant((x) => void ((x.cluster.store as { resources: Record<string, unknown> }).resources.pods = [{ metadata: { name: 5 } }])), 'invalid playground file: the cluster snapshot holds malformed objects'],
      [variant((x) => void (x.clock.speed = 3)), 'invalid playground file: the clock is malformed (speed must be one of 0.5, 1, 2, 5, 10, 20)'],
      [variant((x) => void (x.shell.cwd = 'relative')), 'invalid playground file: the shell is malformed'],
      [variant((x) => void (x.shell.history = ['ok', 7])), 'invalid playground file: the shell history is malformed'],
      [variant((x) => void (x.shell.history = ['cat <<EOF\n\tok\nEOF', 'echo \u001b]0;pwned\u0007'])), 'invalid playground file: the shell history holds control characters (entry 2)'],
      [variant((x) => void (x.shell.cwd = '/home/k8s\u001b[2J')), 'invalid playground file: the shell\'s working directory holds control characters'],
      [variant((x) => void ((x.shell.fs as { root: { e: Record<string, unknown> } }).root.e['a\u009bb'] = { t: 'f', c: '', m: 0, p: 420, o: 'k8s' })), 'invalid playground file: a file name holds control characters: /"a\u009bb"'],
      [variant((x) => void ((x.shell.fs as { root: { e: Record<string, unknown> } }).root.e.bad = { t: 'f', c: 42, m: 0, p: 420, o: 'k8s' })), 'invalid playground file: the shell files are malformed'],
      [variant((x) => void (x.shell.fs = { version: 1, root: { t: 'f', c: '', m: 0, p: 420, o: 'k8s' } } as never)), 'invalid playground file: the shell files are malformed'],
      [variant((x) => void ((x.cluster.store as { resources: { namespaces: { metadata: Record<string, unknown> }[] } }).resources.namespaces[0].metadata.annotations = { huge: 'x'.repeat(MAX_FILE_STRING + 1) })),
        `invalid playground file: the text at cluster.store.resources.namespaces[0].metadata.annotations.huge is longer than ${MAX_FILE_STRING} characters`],
      [variant((x) => {
        let deep: unknown = 'bottom';
        for (let i = 0; i < 100; i++) deep = { d: deep };
        x.shell.extra = deep;
      }), 'invalid playground file: nested deeper than 64 levels at shell.extra.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d'],
      // Right shape, but the kubelet's state cannot be restored: caught by the trial restore.
      [variant((x) => void (x.cluster.nodes = [{ config: { name: 'n' }, kubelet: { images: [] } }] as never)), "invalid playground file: the cluster cannot be restored (Cannot read properties of undefined (reading 'split'))"],
    ];
    for (const [json, message] of cases) {
      await expect(a.client.request('playground.import', { json })).rejects.toThrow(message);
    }
    expect(() => parsePlaygroundFile(' '.repeat(MAX_IMPORT + 1))).toThrow(`invalid playground file: larger than ${MAX_IMPORT} characters`);
    expect(storage.value).toEqual(before);
    // The running playground is untouched and still saved.
    await a.run('kubectl create namespace later');
    await a.client.request('playground.save', {});
    expect(storage.value?.cluster.store.resources.namespaces.map((n) => n.metadata?.name)).toContain('later');
    expect(parsePlaygroundFile(JSON.stringify(file)).cluster.now).toBe(file.cluster.now);
  });
});
