// The pacer's batching, driven by hand: flow control (at most one unacknowledged batch, newer
// events coalesced per object while it is out), events sent mid-frame once they waited the
// slice, and a step the frame budget cut short finishing on later frames.
import { describe, it, expect } from 'vitest';
import { EngineCore } from './engine-core';
import type { HostTimers } from './engine-core';
import type { BatchMessage, WorkerMessage } from './protocol';

/** Timers whose wall clock moves `perCall` ms each time it is read; frames fire by hand. */
function manualTimers(perCall = 0) {
  let wall = 0;
  let due: (() => void) | undefined;
  const timers: HostTimers = {
    now: () => (wall += perCall),
    setTimer: (fn) => {
      due = fn;
      return 1;
    },
    clearTimer: () => {
      due = undefined;
    },
    macrotask: () => new Promise((r) => setTimeout(r, 0)),
  };
  return {
    timers,
    advance(ms: number) {
      wall += ms;
    },
    /** Runs one pacer frame and waits until it scheduled the next. */
    async frame() {
      const fn = due;
      due = undefined;
      fn?.();
      for (let i = 0; i < 1000 && !due; i++) await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const cm = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data,
});

function start(opts: { perCall?: number; flow?: 'ack'; budgetMs?: number; playing?: boolean } = {}) {
  const sent: WorkerMessage[] = [];
  const t = manualTimers(opts.perCall);
  const core = new EngineCore((m) => sent.push(structuredClone(m)), t.timers, { session: { seed: 3 }, playing: opts.playing ?? false, budgetMs: opts.budgetMs });
  core.receive({ v: 1, type: 'hello', ...(opts.flow ? { flow: opts.flow } : {}) });
  const batches = () => sent.filter((m): m is BatchMessage => m.type === 'batch');
  const api = (method: string, path: string, body?: unknown) => core.receive({
    v: 1, type: 'request', id: 1, method: 'api',
    params: { method, path, body, ...(method === 'PATCH' ? { headers: { 'Content-Type': 'application/merge-patch+json' } } : {}) },
  });
  return { core, sent, batches, api, ...t };
}

/** Names and resourceVersions of the pods in a batch. */
const podsIn = (b: BatchMessage) => b.events.filter((e) => e.resource === 'pods').map((e) => `${e.type} ${e.object.metadata?.name}`);
const pod = (name: string, image = 'nginx') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image }] } });

describe('EngineCore batches', () => {
  it('keeps one batch unacknowledged and sends what coalesced on the ack, newest version of each object', async () => {
    const e = start({ flow: 'ack' });
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    e.advance(16);
    await e.frame();
    expect(e.batches().map((b) => [b.seq, podsIn(b)])).toEqual([[0, ['ADDED a']]]);
    // Not acknowledged: the next frames send nothing while a is changed twice.
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '1' } } });
    await e.frame();
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '2' } } });
    await e.frame();
    expect(e.batches()).toHaveLength(1);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 7 }); // not the one in flight: ignored
    expect(e.batches()).toHaveLength(1);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 0 });
    const [, second] = e.batches();
    expect(second.seq).toBe(1);
    const a = second.events.filter((x) => x.resource === 'pods');
    expect(a.map((x) => [x.type, x.object.metadata?.name, x.object.metadata?.labels])).toEqual([['MODIFIED', 'a', { v: '2' }]]);
  });

  it('numbers nothing and never waits without flow control', async () => {
    const e = start();
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    await e.frame();
    e.api('POST', '/api/v1/namespaces/default/pods', pod('b'));
    await e.frame();
    expect(e.batches().map((b) => [b.seq, podsIn(b)])).toEqual([[undefined, ['ADDED a']], [undefined, ['ADDED b']]]);
  });

  it('sends events that waited the slice between tasks, before the frame ends', async () => {
    // Every read of the wall clock is 1 ms later: a frame of several tasks outlives the 4 ms slice.
    const e = start({ perCall: 1, budgetMs: 1000 });
    e.api('POST', '/api/v1/namespaces/default/configmaps', cm('x', { a: '1' }));
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    e.api('POST', '/api/v1/namespaces/default/pods', pod('b'));
    const before = e.sent.length;
    await e.frame();
    // One frame sent the pods as soon as they waited 4 ms, then the rest at its end.
    const frameBatches = e.batches().slice(e.batches().length - (e.sent.length - before));
    expect(frameBatches.length).toBeGreaterThan(1);
    expect(frameBatches.flatMap(podsIn).filter((x) => x.startsWith('ADDED'))).toEqual(['ADDED a', 'ADDED b']);
  });

  it('finishes a step the frame budget cut short on later frames before answering it', async () => {
    const e = start({ perCall: 1, budgetMs: 2 });
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    const t0 = e.core.clockState().now;
    let answered = false;
    e.core.receive({ v: 1, type: 'request', id: 9, method: 'time.step', params: { ms: 60_000 } });
    const response = () => e.sent.find((m) => m.type === 'response' && m.id === 9);
    for (let i = 0; i < 200 && !response(); i++) await e.frame();
    answered = response() !== undefined;
    expect(answered).toBe(true);
    expect(e.core.clockState().now).toBe(t0 + 60_000);
  });
});
