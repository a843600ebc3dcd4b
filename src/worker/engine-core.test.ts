// The pacer's batching, driven by hand: flow control (at most FLOW_WINDOW unacknowledged batches,
// FLOW_OVERFLOW more for a flush's second message, newer events coalesced per object meanwhile),
// bursts split into messages, events sent mid-frame once they waited the slice, and a step the
// frame budget cut short finishing on later frames.
import { describe, it, expect } from 'vitest';
import { EngineCore, FLOW_OVERFLOW, FLOW_WINDOW, MAX_BATCH_EVENTS, MID_TASK_FLUSH_MIN } from './engine-core';
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
  /** Batches under flow control (core Events go apart, without a sequence number). */
  const flowBatches = () => batches().filter((b) => b.seq !== undefined);
  /** Batches with an object other than a core Event. */
  const objectBatches = () => batches().filter((b) => b.events.some((x) => x.resource !== 'events'));
  const api = (method: string, path: string, body?: unknown) => core.receive({
    v: 1, type: 'request', id: 1, method: 'api',
    params: { method, path, body, ...(method === 'PATCH' ? { headers: { 'Content-Type': 'application/merge-patch+json' } } : {}) },
  });
  return { core, sent, batches, flowBatches, objectBatches, api, ...t };
}

/** Names and resourceVersions of the pods in a batch. */
const podsIn = (b: BatchMessage) => b.events.filter((e) => e.resource === 'pods').map((e) => `${e.type} ${e.object.metadata?.name}`);
const pod = (name: string, image = 'nginx') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image }] } });

const coreEvent = (name: string) => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'a', namespace: 'default' }, reason: 'Test', message: name, type: 'Normal',
});

describe('EngineCore batches', () => {
  it(`keeps at most FLOW_WINDOW batches unacknowledged and sends what coalesced on an ack, newest version of each object`, async () => {
    expect(FLOW_WINDOW).toBe(2);
    const e = start({ flow: 'ack' });
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    e.advance(16);
    await e.frame();
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '1' } } });
    await e.frame();
    expect(e.flowBatches().map((b) => [b.seq, podsIn(b)])).toEqual([[0, ['ADDED a']], [1, ['MODIFIED a']]]);
    // Two unacknowledged: the next frames send nothing while a is changed twice more, and the
    // engine waits for the page (its virtual clock does not move).
    const waitingSince = e.core.clockState().now;
    e.core.receive({ v: 1, type: 'request', id: 5, method: 'time.step', params: { ms: 1000 } });
    const stepped = () => e.sent.some((m) => m.type === 'response' && m.id === 5);
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '2' } } });
    e.advance(16);
    await e.frame();
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '3' } } });
    e.advance(16);
    await e.frame();
    expect(e.flowBatches()).toHaveLength(2);
    expect(e.core.clockState().now).toBe(waitingSince);
    expect(stepped()).toBe(false);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 7 }); // never sent: ignored
    e.advance(16);
    await e.frame();
    expect(e.flowBatches()).toHaveLength(2);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 0 });
    e.advance(16);
    await e.frame();
    expect(e.core.clockState().now).toBe(waitingSince + 1000);
    expect(stepped()).toBe(true);
    const third = e.flowBatches()[2];
    expect(third.seq).toBe(2);
    const a = third.events.filter((x) => x.resource === 'pods');
    expect(a.map((x) => [x.type, x.object.metadata?.name, x.object.metadata?.labels])).toEqual([['MODIFIED', 'a', { v: '3' }]]);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 0 }); // a repeated ack changes nothing
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '4' } } });
    await e.frame();
    expect(e.flowBatches()).toHaveLength(3);
  });

  it('numbers nothing and never waits without flow control', async () => {
    const e = start();
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    await e.frame();
    e.api('POST', '/api/v1/namespaces/default/pods', pod('b'));
    await e.frame();
    expect(e.objectBatches().map((b) => [b.seq, podsIn(b)])).toEqual([[undefined, ['ADDED a']], [undefined, ['ADDED b']]]);
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
    const frameBatches = e.sent.slice(before).filter((m): m is BatchMessage => m.type === 'batch');
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

describe('EngineCore large bursts', () => {
  it(`splits more than MAX_BATCH_EVENTS events into messages, oldest first, one per ack with flow control`, async () => {
    const e = start({ flow: 'ack' });
    const n = 2 * MAX_BATCH_EVENTS + 10;
    for (let i = 0; i < n; i++) e.api('POST', '/api/v1/namespaces/default/pods', pod(`p${String(i).padStart(3, '0')}`));
    await e.frame();
    const names = () => e.batches().flatMap((b) => b.events.filter((x) => x.resource === 'pods' && x.type === 'ADDED').map((x) => x.object.metadata?.name));
    expect(e.batches().map((b) => [b.seq, b.events.length])).toEqual([[0, MAX_BATCH_EVENTS], [1, MAX_BATCH_EVENTS]]);
    // The first says that the second follows at once; the second fills the window, so nothing does.
    expect(e.batches().map((b) => b.more)).toEqual([true, undefined]);
    // Each message is stamped with its own oldest event, not the burst's.
    const [t0, t1] = e.batches().map((b) => b.timing?.firstWriteAt ?? NaN);
    expect(t1).toBeGreaterThan(t0);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 0 });
    expect(e.batches().map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(names()).toEqual(Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}`));
  });

  it(`lets a flush's second message go FLOW_OVERFLOW beyond a window the first one filled, never its third`, async () => {
    expect(FLOW_OVERFLOW).toBe(1);
    const e = start({ flow: 'ack' });
    // One batch out and unacknowledged (the page's ack still waiting behind the engine's task).
    e.api('POST', '/api/v1/namespaces/default/pods', pod('first'));
    await e.frame();
    expect(e.flowBatches().map((b) => [b.seq, podsIn(b)])).toEqual([[0, ['ADDED first']]]);
    const n = 2 * MAX_BATCH_EVENTS + 10;
    for (let i = 0; i < n; i++) e.api('POST', '/api/v1/namespaces/default/pods', pod(`p${String(i).padStart(3, '0')}`));
    await e.frame();
    const names = () => e.flowBatches().flatMap((b) => b.events.filter((x) => x.resource === 'pods' && x.type === 'ADDED').map((x) => x.object.metadata?.name));
    // The burst's first message fills the window, its second goes beyond it, its third waits.
    expect(e.flowBatches().map((b) => [b.seq, b.events.length, b.more])).toEqual([[0, 1, undefined], [1, MAX_BATCH_EVENTS, true], [2, MAX_BATCH_EVENTS, undefined]]);
    // Three unacknowledged: one ack leaves two, still a full window.
    e.core.receive({ v: 1, type: 'batch.ack', seq: 0 });
    expect(e.flowBatches()).toHaveLength(3);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 1 });
    expect(e.flowBatches().map((b) => b.seq)).toEqual([0, 1, 2, 3]);
    expect(names()).toEqual(['first', ...Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}`)]);
  });

  it(`sends a burst of writes once MID_TASK_FLUSH_MIN events waited the slice, inside the clock task that delivers them`, async () => {
    // Every read of the wall clock is 1 ms later, so the burst's oldest event soon waited 4 ms.
    // The store delivers the 100 writes to watchers in one clock task.
    const e = start({ perCall: 1, flow: 'ack', budgetMs: 100_000 });
    for (let i = 0; i < 100; i++) e.api('POST', '/api/v1/namespaces/default/pods', pod(`p${String(i).padStart(3, '0')}`));
    await e.frame();
    const first = e.batches().map(podsIn).find((b) => b.length > 0) ?? [];
    expect(first.length).toBeGreaterThanOrEqual(MID_TASK_FLUSH_MIN);
    expect(first.length).toBeLessThan(100);
    expect(first).toEqual(Array.from({ length: first.length }, (_, i) => `ADDED p${String(i).padStart(3, '0')}`));
    // Fewer events wait for the end of the task, as before.
    const quiet = start({ perCall: 1, flow: 'ack', budgetMs: 100_000 });
    for (let i = 0; i < MID_TASK_FLUSH_MIN - 2; i++) quiet.api('POST', '/api/v1/namespaces/default/pods', pod(`q${i}`));
    await quiet.frame();
    expect(quiet.batches().map(podsIn).find((b) => b.length > 0)).toHaveLength(MID_TASK_FLUSH_MIN - 2);
  });

  it('sends core Events after the other objects written with them, in batches of their own', async () => {
    const e = start();
    e.api('POST', '/api/v1/namespaces/default/events', coreEvent('e1'));
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    e.api('POST', '/api/v1/namespaces/default/events', coreEvent('e2'));
    e.api('POST', '/api/v1/namespaces/default/pods', pod('b'));
    const before = e.sent.length;
    await e.frame();
    const frame = e.sent.slice(before).filter((m): m is BatchMessage => m.type === 'batch');
    const kinds = frame.map((b) => [...new Set(b.events.map((x) => (x.resource === 'events' ? 'events' : 'objects')))].join());
    // The pods' own Events (the scheduler's) come with ours, after the pods.
    expect(kinds).toEqual(['objects', 'events']);
    expect(podsIn(frame[0])).toEqual(['ADDED a', 'ADDED b']);
    expect(frame[1].events.map((x) => x.object.metadata?.name).filter((n) => n === 'e1' || n === 'e2')).toEqual(['e1', 'e2']);
  });

  it('sends core Events outside the flow window, only when it has room', async () => {
    const e = start({ flow: 'ack' });
    e.api('POST', '/api/v1/namespaces/default/pods', pod('a'));
    await e.frame();
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '1' } } });
    await e.frame();
    expect(e.flowBatches().map((b) => [b.seq, podsIn(b)])).toEqual([[0, ['ADDED a']], [1, ['MODIFIED a']]]);
    const sentBefore = e.batches().length;
    // The window is full: the Event waits (the engine does too).
    e.api('POST', '/api/v1/namespaces/default/events', coreEvent('e1'));
    await e.frame();
    expect(e.batches()).toHaveLength(sentBefore);
    e.core.receive({ v: 1, type: 'batch.ack', seq: 1 });
    await e.frame();
    const next = e.batches().slice(sentBefore);
    expect(next.map((b) => [b.seq, b.events.map((x) => `${x.resource} ${x.type} ${x.object.metadata?.name}`)])).toEqual([[undefined, ['events ADDED e1']]]);
    // It took no place in the window: two object batches may follow without an acknowledgement.
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '2' } } });
    await e.frame();
    e.api('PATCH', '/api/v1/namespaces/default/pods/a', { metadata: { labels: { v: '3' } } });
    await e.frame();
    expect(e.flowBatches().map((b) => b.seq)).toEqual([0, 1, 2, 3]);
  });

  it('sends a burst between tasks however young, and checks at events that coalesce into it', async () => {
    // The wall clock does not move: no event ever waits the slice.
    const e = start({ flow: 'ack', budgetMs: 100_000 });
    for (let i = 0; i < MID_TASK_FLUSH_MIN; i++) e.api('POST', '/api/v1/namespaces/default/pods', pod(`p${String(i).padStart(3, '0')}`));
    const before = e.sent.length;
    await e.frame();
    const frame = e.sent.slice(before).filter((m): m is BatchMessage => m.type === 'batch');
    // The pods left after the task that delivered them, before the frame's other tasks.
    expect(podsIn(frame[0]).filter((x) => x.startsWith('ADDED'))).toHaveLength(MID_TASK_FLUSH_MIN);
    const bound = (b: BatchMessage) => b.events.filter((x) => x.resource === 'pods' && (x.object.spec as { nodeName?: string } | undefined)?.nodeName).length;
    expect(bound(frame[0])).toBe(0);
    // The scheduler bound them in a later task of the same frame.
    expect(frame.slice(1).map(bound).reduce((a, b) => a + b, 0)).toBe(MID_TASK_FLUSH_MIN);
  });

  it('sends all the messages at once without flow control', async () => {
    const e = start();
    for (let i = 0; i < MAX_BATCH_EVENTS + 1; i++) e.api('POST', '/api/v1/namespaces/default/pods', pod(`p${i}`));
    await e.frame();
    const sizes = e.batches().map((b) => b.events.length);
    expect(sizes[0]).toBe(MAX_BATCH_EVENTS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(MAX_BATCH_EVENTS);
    // The first message says that another follows at once; the frame's last one does not.
    const all = e.batches();
    expect(all[0].more).toBe(true);
    expect(all[all.length - 1].more).toBeUndefined();
  });
});
