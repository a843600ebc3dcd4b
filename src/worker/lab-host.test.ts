// The lab runtime: a tiny in-test lab driven through the core's protocol (shell.input, labs.*
// requests): starting it boots a fresh seeded cluster with its setup run unseen, steps pass in
// order as the cluster and the transcript change, hints are clamped and saved, frame-triggered
// checks are throttled and skipped when nothing changed, and progress survives a reboot.
import { describe, it, expect, afterEach } from 'vitest';
import type { Lab } from '../labs';
import type { EngineCore, HostTimers } from './engine-core';
import { CHECK_INTERVAL_MS, bootWithLabs, memoryLabStorage } from './lab-host';
import type { LabHost } from './lab-host';
import { memoryStorage } from './persistence';
import type { Persister } from './persistence';
import { PROTOCOL_VERSION, isClientMessage, isWorkerMessage } from './protocol';
import type { LabsState, RequestMethod, RequestParams, WorkerMessage } from './protocol';

const t = (s: string) => ({ es: s, en: s });

const LAB: Lab = {
  id: '99-test',
  chapter: 99,
  title: t('Test'),
  summary: t('A test lab'),
  seed: 42,
  setup: ['kubectl create namespace prepared'],
  steps: [
    {
      id: 'create-ns',
      title: t('Create a namespace'),
      body: t('```sh\nkubectl create namespace demo\n```'),
      check: (v) => (v.get('namespaces', undefined, 'demo') ? true : { ok: false, detail: { es: 'falta demo', en: 'demo is missing' } }),
      hints: { es: ['uno', 'dos'], en: ['one', 'two'] },
      solution: ['kubectl create namespace demo'],
    },
    {
      id: 'list-ns',
      title: t('List namespaces'),
      body: t('```sh\nkubectl get ns\n```'),
      check: (v) => v.commands.some((c) => /^kubectl\s+get\s+ns\b/.test(c.line) && c.status === 0),
      hints: { es: ['uno'], en: ['one'] },
      solution: ['kubectl get ns'],
    },
  ],
};

/** Wall time under the test's control; the pacer never ticks (setTimer does nothing). */
function fakeTimers(): HostTimers & { wall: number } {
  const timers = {
    wall: 1000,
    now: () => timers.wall,
    setTimer: () => undefined,
    clearTimer: () => undefined,
    macrotask: () => new Promise<void>((r) => setTimeout(r, 0)),
  };
  return timers;
}

interface Booted {
  core: EngineCore;
  persister: Persister;
  labs: LabHost;
  posts: WorkerMessage[];
  timers: ReturnType<typeof fakeTimers>;
}

const open: Booted[] = [];
afterEach(() => {
  for (const b of open.splice(0)) {
    b.persister.stop();
    b.core.dispose();
  }
});

async function boot(storage = memoryStorage(), labStorage = memoryLabStorage()): Promise<Booted> {
  const posts: WorkerMessage[] = [];
  const timers = fakeTimers();
  const b = await bootWithLabs((m) => posts.push(structuredClone(m)), timers, storage, labStorage, [LAB], { playing: false, intervalMs: 3_600_000 });
  const booted = { ...b, posts, timers };
  open.push(booted);
  return booted;
}

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !pred(); i++) await new Promise<void>((r) => setTimeout(r, 0));
  expect(pred()).toBe(true);
}

let nextId = 1000;
async function request<M extends RequestMethod>(b: Booted, method: M, params: RequestParams<M>): Promise<unknown> {
  const id = nextId++;
  b.core.receive({ v: PROTOCOL_VERSION, type: 'request', id, method, params });
  let res: WorkerMessage | undefined;
  await until(() => (res = b.posts.find((m) => m.type === 'response' && m.id === id)) !== undefined);
  if (res?.type !== 'response' || !res.ok) throw new Error(`request failed: ${JSON.stringify(res)}`);
  return res.result;
}

async function type(b: Booted, line: string): Promise<void> {
  const id = nextId++;
  b.core.receive({ v: PROTOCOL_VERSION, type: 'shell.input', id, line });
  await until(() => b.posts.some((m) => m.type === 'shell.complete' && m.id === id));
}

const lastProgress = (b: Booted): LabsState | undefined => {
  const all = b.posts.filter((m) => m.type === 'labs.progress');
  const m = all[all.length - 1];
  return m?.type === 'labs.progress' ? m.state : undefined;
};

describe('LabHost', () => {
  it('starts a lab on a fresh seeded cluster, passes steps in order, and keeps progress across a reboot', async () => {
    const storage = memoryStorage();
    const labStorage = memoryLabStorage();
    const first = await boot(storage, labStorage);
    expect(await request(first, 'labs.state', {})).toEqual({ active: null, progress: {}, check: null });
    await type(first, 'kubectl create namespace leftover');
    await first.persister.saveNow();
    expect(storage.value).toBeDefined();
    expect(await request(first, 'labs.start', { lab: '99-test' })).toEqual({ ok: true });
    // The playground is forgotten (as playground.reset does); the page reloads.
    expect(storage.value).toBeUndefined();
    expect(labStorage.value).toMatchObject({ active: '99-test', fresh: true, transcript: [] });

    const b = await boot(storage, labStorage);
    const { cluster, shell } = b.core.session;
    expect(cluster.request({ method: 'GET', path: '/api/v1/namespaces/prepared' }).status).toBe(200);
    expect(cluster.request({ method: 'GET', path: '/api/v1/namespaces/leftover' }).status).toBe(404);
    expect(shell.history).toEqual([]); // setup ran unseen
    expect(labStorage.value?.fresh).toBe(false);
    expect(b.labs.state()).toEqual({
      active: '99-test',
      progress: { '99-test': { completed: [], hints: {}, solutions: [] } },
      check: { step: 'create-ns', ok: false, detail: { es: 'falta demo', en: 'demo is missing' } },
    });

    await type(b, 'kubectl get ns demo');
    expect(lastProgress(b)?.check).toEqual({ step: 'create-ns', ok: false, detail: { es: 'falta demo', en: 'demo is missing' } });
    await type(b, 'kubectl create namespace demo');
    expect(lastProgress(b)).toEqual({
      active: '99-test',
      progress: { '99-test': { completed: ['create-ns'], hints: {}, solutions: [] } },
      check: { step: 'list-ns', ok: false },
    });
    await type(b, 'kubectl get ns');
    expect(lastProgress(b)).toEqual({ active: '99-test', progress: { '99-test': { completed: ['create-ns', 'list-ns'], hints: {}, solutions: [] } }, check: null });
    expect(b.labs.transcript.map((c) => [c.line, c.status])).toEqual([
      ['kubectl get ns demo', 1],
      ['kubectl create namespace demo', 0],
      ['kubectl get ns', 0],
    ]);
    expect(b.labs.transcript[0].output).toBe('Error from server (NotFound): namespaces "demo" not found\n');
    expect(b.labs.transcript[1].output).toBe('namespace/demo created\n');

    // Hints are clamped to the step's count; the solution is revealed once.
    expect(await request(b, 'labs.reveal', { lab: '99-test', step: 'create-ns', hints: 5 })).toMatchObject({ progress: { '99-test': { hints: { 'create-ns': 2 } } } });
    await request(b, 'labs.reveal', { lab: '99-test', step: 'list-ns', solution: true });
    await request(b, 'labs.reveal', { lab: '99-test', step: 'list-ns', solution: true, hints: 0 });
    await b.labs.flushed();
    await b.persister.saveNow();

    const again = await boot(storage, labStorage);
    expect(again.labs.state()).toEqual({
      active: '99-test',
      progress: { '99-test': { completed: ['create-ns', 'list-ns'], hints: { 'create-ns': 2, 'list-ns': 0 }, solutions: ['list-ns'] } },
      check: null,
    });
    expect(again.core.session.cluster.request({ method: 'GET', path: '/api/v1/namespaces/demo' }).status).toBe(200);
    expect(again.labs.transcript.map((c) => c.line)).toEqual(['kubectl get ns demo', 'kubectl create namespace demo', 'kubectl get ns']);
  });

  it('rejects unknown labs and steps, and leaving keeps the progress', async () => {
    const b = await boot();
    b.core.receive({ v: PROTOCOL_VERSION, type: 'request', id: 1, method: 'labs.start', params: { lab: 'nope' } });
    await until(() => b.posts.some((m) => m.type === 'response' && m.id === 1));
    expect(b.posts.find((m) => m.type === 'response' && m.id === 1)).toEqual({ v: 1, type: 'response', id: 1, ok: false, error: 'unknown lab nope' });
    await request(b, 'labs.reveal', { lab: '99-test', step: 'create-ns', hints: 1 });
    expect(await request(b, 'labs.leave', {})).toEqual({ active: null, progress: { '99-test': { completed: [], hints: { 'create-ns': 1 }, solutions: [] } }, check: null });
  });

  it('checks after frames only when the cluster changed, at most once per interval', async () => {
    const labStorage = memoryLabStorage();
    labStorage.value = { format: 'timonel-labs', version: 1, active: '99-test', fresh: false, progress: {}, transcript: [] };
    const b = await boot(memoryStorage(), labStorage);
    const base = b.labs.checks;
    expect(base).toBe(1); // on attach
    for (let i = 0; i < 50; i++) {
      b.timers.wall += 100;
      b.labs.frame();
    }
    expect(b.labs.checks).toBe(base); // nothing changed
    const { cluster } = b.core.session;
    cluster.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } } });
    b.labs.frame();
    expect(b.labs.checks).toBe(base + 1);
    cluster.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } } });
    for (let i = 0; i < 10; i++) {
      b.timers.wall += CHECK_INTERVAL_MS / 10 - 1;
      b.labs.frame();
    }
    expect(b.labs.checks).toBe(base + 1); // still within the interval
    b.timers.wall += 20;
    b.labs.frame();
    // The first step passes and the second is checked at once (it needs a command: fails).
    expect(b.labs.checks).toBe(base + 3);
    expect(b.labs.state().check).toEqual({ step: 'list-ns', ok: false });
  });
});

/** A request expected to fail: its error message. */
async function requestError<M extends RequestMethod>(b: Booted, method: M, params: RequestParams<M>): Promise<string> {
  const id = nextId++;
  b.core.receive({ v: PROTOCOL_VERSION, type: 'request', id, method, params });
  let res: WorkerMessage | undefined;
  await until(() => (res = b.posts.find((m) => m.type === 'response' && m.id === id)) !== undefined);
  if (res?.type !== 'response' || res.ok) throw new Error(`request did not fail: ${JSON.stringify(res)}`);
  return res.error;
}

describe('export and import carry the labs\' state', () => {
  it('a lab in progress travels in the file and comes back on another browser with its cluster', async () => {
    // The sharer: the lab started, its first step passed, a hint revealed, one more command typed.
    const labStorage = memoryLabStorage();
    labStorage.value = { format: 'timonel-labs', version: 1, active: '99-test', fresh: true, progress: {}, transcript: [] };
    const a = await boot(memoryStorage(), labStorage);
    await type(a, 'kubectl create namespace demo');
    await type(a, 'kubectl get namespace demo');
    await request(a, 'labs.reveal', { lab: '99-test', step: 'list-ns', hints: 1 });
    const { json } = (await request(a, 'playground.export', {})) as { json: string };
    const file = JSON.parse(json) as { labs: unknown; version: number };
    expect(file.version).toBe(1);
    expect(file.labs).toEqual({
      active: '99-test',
      progress: { '99-test': { completed: ['create-ns'], hints: { 'list-ns': 1 }, solutions: [] } },
      transcript: [
        { line: 'kubectl create namespace demo', status: 0, output: 'namespace/demo created\n' },
        { line: 'kubectl get namespace demo', status: 0, output: 'NAME   STATUS   AGE\ndemo   Active   0s\n' },
      ],
    });

    // The receiver: another lab's progress of its own, no lab active, an unrelated cluster.
    const storage = memoryStorage();
    const theirLabs = memoryLabStorage();
    theirLabs.value = { format: 'timonel-labs', version: 1, active: null, fresh: false, progress: { 'other-lab': { completed: ['x'], hints: {}, solutions: [] } }, transcript: [] };
    const b = await boot(storage, theirLabs);
    await type(b, 'kubectl create namespace mine');
    expect(await request(b, 'playground.import', { json })).toEqual({ ok: true });
    // Nothing the receiver does until the reload overwrites the imported labs' state.
    await type(b, 'kubectl get ns');
    await b.labs.flushed();
    expect(theirLabs.value).toEqual({
      format: 'timonel-labs',
      version: 1,
      active: '99-test',
      fresh: false,
      progress: { 'other-lab': { completed: ['x'], hints: {}, solutions: [] }, '99-test': { completed: ['create-ns'], hints: { 'list-ns': 1 }, solutions: [] } },
      transcript: file.labs && (file.labs as { transcript: unknown }).transcript,
    });

    const c = await boot(storage, theirLabs);
    expect(c.labs.state()).toEqual({
      active: '99-test',
      progress: { 'other-lab': { completed: ['x'], hints: {}, solutions: [] }, '99-test': { completed: ['create-ns'], hints: { 'list-ns': 1 }, solutions: [] } },
      check: { step: 'list-ns', ok: false },
    });
    expect(c.core.session.cluster.request({ method: 'GET', path: '/api/v1/namespaces/demo' }).status).toBe(200);
    expect(c.core.session.cluster.request({ method: 'GET', path: '/api/v1/namespaces/mine' }).status).toBe(404);
    // The lab goes on from there: its next step passes on the receiver's command.
    await type(c, 'kubectl get ns');
    expect(lastProgress(c)?.progress['99-test'].completed).toEqual(['create-ns', 'list-ns']);
  });

  it('an export without labs (older file) leaves the active lab; a malformed labs part changes nothing', async () => {
    const storage = memoryStorage();
    const labStorage = memoryLabStorage();
    labStorage.value = { format: 'timonel-labs', version: 1, active: '99-test', fresh: false, progress: { '99-test': { completed: ['create-ns'], hints: {}, solutions: [] } }, transcript: [] };
    const b = await boot(storage, labStorage);
    const { json } = (await request(b, 'playground.export', {})) as { json: string };
    const file = JSON.parse(json) as Record<string, unknown>;
    await b.persister.saveNow();
    const before = structuredClone({ playground: storage.value, labs: labStorage.value });
    const bad = { ...file, labs: { active: '99-test', progress: { '99-test': { completed: [7], hints: {}, solutions: [] } }, transcript: [] } };
    expect(await requestError(b, 'playground.import', { json: JSON.stringify(bad) })).toBe("invalid playground file: the labs' progress is malformed");
    const longOutput = { ...file, labs: { active: null, progress: {}, transcript: [{ line: 'x', status: 0, output: 'y'.repeat(70_000) }] } };
    expect(await requestError(b, 'playground.import', { json: JSON.stringify(longOutput) })).toBe("invalid playground file: the labs' progress is malformed");
    expect({ playground: storage.value, labs: labStorage.value }).toEqual(before);

    const { labs: _labs, ...older } = file;
    expect(_labs).toBeDefined();
    expect(await request(b, 'playground.import', { json: JSON.stringify(older) })).toEqual({ ok: true });
    expect(labStorage.value).toEqual({ format: 'timonel-labs', version: 1, active: null, fresh: false, progress: { '99-test': { completed: ['create-ns'], hints: {}, solutions: [] } }, transcript: [] });
  });

  it('when the labs\' progress cannot be written, the saved playground is the running one again and saving goes on', async () => {
    const storage = memoryStorage();
    const labStorage = memoryLabStorage();
    const b = await boot(storage, labStorage);
    const { json } = (await request(b, 'playground.export', {})) as { json: string };
    await type(b, 'kubectl create namespace after-export');
    labStorage.save = () => Promise.reject(new Error('quota exceeded'));
    expect(await requestError(b, 'playground.import', { json })).toBe("import failed: could not save the labs' progress (quota exceeded)");
    const names = () => (storage.value?.cluster.store.resources.namespaces ?? []).map((n) => n.metadata?.name);
    expect(names()).toContain('after-export');
    await type(b, 'kubectl create namespace later');
    expect(await request(b, 'playground.save', {})).toEqual({ savedAt: b.core.clockState().now });
    expect(names()).toContain('later');
  });
});

describe('labs messages', () => {
  it('are guarded like the others', () => {
    const state = { active: 'l', progress: { l: { completed: ['a'], hints: { b: 1 }, solutions: [] } }, check: { step: 'b', ok: false, detail: { es: 'x', en: 'y' } } };
    expect(isWorkerMessage({ v: 1, type: 'labs.progress', state })).toBe(true);
    expect(isWorkerMessage({ v: 1, type: 'labs.progress', state: { ...state, check: { step: 'b', ok: 'no' } } })).toBe(false);
    expect(isWorkerMessage({ v: 1, type: 'labs.progress', state: { ...state, progress: { l: { completed: [1], hints: {}, solutions: [] } } } })).toBe(false);
    expect(isWorkerMessage({ v: 1, type: 'labs.progress', state: { ...state, active: 3 } })).toBe(false);
    expect(isClientMessage({ v: 1, type: 'request', id: 1, method: 'labs.reveal', params: { lab: 'l', step: 'a', hints: 2 } })).toBe(true);
    expect(isClientMessage({ v: 1, type: 'request', id: 1, method: 'labs.reveal', params: { lab: 'l', step: 'a', hints: -1 } })).toBe(false);
    expect(isClientMessage({ v: 1, type: 'request', id: 1, method: 'labs.start', params: {} })).toBe(false);
    expect(isClientMessage({ v: 1, type: 'request', id: 1, method: 'labs.start', params: { lab: 'l' } })).toBe(true);
  });
});
