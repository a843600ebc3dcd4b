// Persistence of the playground: the cluster (engine snapshot), virtual time and pacing, and the
// shell (files, working directory, history) saved to IndexedDB every few seconds of wall time
// and when the page is hidden, restored when the worker starts; reset, export and import.
// SIMPLIFICATION: one saved playground per browser profile (two tabs overwrite each other);
// shell variables, aliases and functions, and a command running at save time, are not kept.
import { openDB } from 'idb';
import { Vfs } from '../shell';
import type { VfsJSON } from '../shell';
import { finishRestore, isClusterSnapshot, restoreOptions, snapshotCluster } from '../engine/snapshot';
import type { ClusterSnapshot } from '../engine/snapshot';
import { EngineCore } from './engine-core';
import type { EngineCoreOptions, HostTimers } from './engine-core';
import { PROTOCOL_VERSION, isSpeed } from './protocol';
import type { RequestMessage, RequestResult, Speed, ToolsRequestMethod, WorkerMessage } from './protocol';
import type { SessionOptions } from './session';
import { injectFault, runKubectl } from './tools';

export const PLAYGROUND_FORMAT = 'timonel-playground';
export const PLAYGROUND_VERSION = 1;

/** The saved (and exported) playground. */
export interface PlaygroundState {
  format: typeof PLAYGROUND_FORMAT;
  version: typeof PLAYGROUND_VERSION;
  cluster: ClusterSnapshot;
  clock: { playing: boolean; speed: Speed };
  shell: { fs: VfsJSON; cwd: string; history: string[] };
}

export function isPlaygroundState(x: unknown): x is PlaygroundState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<PlaygroundState>;
  return s.format === PLAYGROUND_FORMAT && s.version === PLAYGROUND_VERSION && isClusterSnapshot(s.cluster)
    && typeof s.clock?.playing === 'boolean' && isSpeed(s.clock.speed)
    && typeof s.shell?.cwd === 'string' && Array.isArray(s.shell.history) && s.shell.history.every((h) => typeof h === 'string')
    && typeof s.shell.fs === 'object' && s.shell.fs !== null && typeof s.shell.fs.root === 'object';
}

/** Where the playground is kept: IndexedDB in the browser, memory in tests. */
export interface PlaygroundStorage {
  load(): Promise<PlaygroundState | undefined>;
  save(state: PlaygroundState): Promise<void>;
  clear(): Promise<void>;
}

const DB = 'timonel';
const STORE = 'playground';
const KEY = 'current';

export function idbStorage(): PlaygroundStorage {
  const db = () => openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE) });
  return {
    async load() {
      const v: unknown = await (await db()).get(STORE, KEY);
      return isPlaygroundState(v) ? v : undefined;
    },
    async save(state) {
      await (await db()).put(STORE, state, KEY);
    },
    async clear() {
      await (await db()).delete(STORE, KEY);
    },
  };
}

export function memoryStorage(): PlaygroundStorage & { value?: PlaygroundState } {
  const m: PlaygroundStorage & { value?: PlaygroundState } = {
    load: () => Promise.resolve(m.value && structuredClone(m.value)),
    save: (s) => {
      m.value = structuredClone(s);
      return Promise.resolve();
    },
    clear: () => {
      m.value = undefined;
      return Promise.resolve();
    },
  };
  return m;
}

/** The whole playground of a running core. Objects are shared, not copied (they are frozen). */
export function capturePlayground(core: EngineCore): PlaygroundState {
  const { cluster, shell } = core.session;
  const clock = core.clockState();
  return {
    format: PLAYGROUND_FORMAT,
    version: PLAYGROUND_VERSION,
    cluster: snapshotCluster(cluster),
    clock: { playing: clock.playing, speed: clock.speed },
    shell: { fs: shell.fs.toJSON(), cwd: shell.cwd, history: [...shell.history] },
  };
}

/** Core options that resume `state`, and the step to run once the core exists. */
export function resumeOptions(state: PlaygroundState, base: SessionOptions = {}): { opts: EngineCoreOptions; finish(core: EngineCore): void } {
  const user = base.user ?? 'k8s';
  let now = () => state.cluster.now;
  const fs = Vfs.fromJSON(state.shell.fs, { now: () => now(), home: `/home/${user}`, user, hostname: base.hostname ?? 'node1' });
  return {
    opts: {
      session: { ...base, ...restoreOptions(state.cluster), resume: { fs, cwd: state.shell.cwd, history: state.shell.history } },
      playing: state.clock.playing,
      speed: state.clock.speed,
    },
    finish(core) {
      const { clock } = core.session.cluster;
      now = () => clock.now();
      finishRestore(core.session.cluster, state.cluster);
    },
  };
}

export interface PersisterOptions {
  /** Wall ms between saves (default 3000). */
  intervalMs?: number;
  /** True when the core was restored from storage (reported to the UI). */
  restored?: boolean;
}

/**
 * Saves the core's playground to storage every `intervalMs` of wall time when something changed
 * (objects, time, pacing, shell), on request, and handles the playground.* and tool requests.
 */
export class Persister {
  private timer: unknown;
  private enabled = true;
  private lastKey = '';
  private saving: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;
  private readonly restored: boolean;

  constructor(
    private readonly core: EngineCore,
    private readonly storage: PlaygroundStorage,
    private readonly timers: HostTimers,
    private readonly post: (msg: WorkerMessage) => void,
    opts: PersisterOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 3000;
    this.restored = opts.restored ?? false;
    core.tools = (msg) => this.handle(msg);
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.timers.setTimer(() => {
      void this.saveIfChanged().finally(() => this.schedule());
    }, this.intervalMs);
  }

  stop(): void {
    this.enabled = false;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
  }

  private changeKey(): string {
    const { cluster, shell } = this.core.session;
    const c = this.core.clockState();
    return `${cluster.store.rev}|${c.now}|${c.playing}|${c.speed}|${shell.history.length}|${shell.cwd}|${JSON.stringify(shell.fs.toJSON())}`;
  }

  async saveIfChanged(): Promise<void> {
    if (this.enabled && this.changeKey() !== this.lastKey) await this.saveNow();
  }

  /** Saves now (after any save in progress); resolves with the virtual time saved, or null. */
  saveNow(): Promise<number | null> {
    const run = async (): Promise<number | null> => {
      if (!this.enabled) return null;
      const key = this.changeKey();
      const state = capturePlayground(this.core);
      await this.storage.save(state);
      this.lastKey = key;
      this.post({ v: PROTOCOL_VERSION, type: 'persisted', now: state.cluster.now, restored: this.restored });
      return state.cluster.now;
    };
    const p = this.saving.then(run, run);
    this.saving = p.then(() => undefined, () => undefined);
    return p;
  }

  private async handle(msg: RequestMessage<ToolsRequestMethod>): Promise<RequestResult<ToolsRequestMethod>> {
    switch (msg.method) {
      case 'playground.save':
        return { savedAt: await this.saveNow() };
      case 'playground.export':
        return { json: JSON.stringify(capturePlayground(this.core)) };
      case 'playground.import': {
        const { json } = (msg as RequestMessage<'playground.import'>).params;
        let state: unknown;
        try {
          state = JSON.parse(json);
        } catch {
          throw new Error('invalid playground file: not JSON');
        }
        if (!isPlaygroundState(state)) throw new Error('invalid playground file');
        this.stop();
        await this.saving;
        await this.storage.save(state);
        return { ok: true };
      }
      case 'playground.reset':
        this.stop();
        await this.saving;
        await this.storage.clear();
        return { ok: true };
      case 'kubectl.run':
        return runKubectl(this.core.session, (msg as RequestMessage<'kubectl.run'>).params.args);
      case 'fault':
        return injectFault(this.core.session, (msg as RequestMessage<'fault'>).params);
    }
    throw new Error(`unknown method ${String((msg as { method: unknown }).method)}`);
  }
}

/**
 * Starts the playground: restores the saved one (or creates a fresh cluster when there is none
 * or it cannot be restored), then saves as it goes. Messages that arrive while starting wait.
 */
export async function bootPlayground(
  post: (msg: WorkerMessage) => void,
  timers: HostTimers,
  storage: PlaygroundStorage,
  opts: EngineCoreOptions & PersisterOptions = {},
): Promise<{ core: EngineCore; persister: Persister }> {
  let saved: PlaygroundState | undefined;
  try {
    saved = await storage.load();
  } catch {
    saved = undefined;
  }
  let core: EngineCore | undefined;
  if (saved) {
    try {
      const r = resumeOptions(saved, opts.session);
      core = new EngineCore(post, timers, { ...opts, ...r.opts });
      r.finish(core);
    } catch (e) {
      core?.dispose();
      core = undefined;
      post({ v: PROTOCOL_VERSION, type: 'error', message: `could not restore the saved playground: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const restored = core !== undefined;
  core ??= new EngineCore(post, timers, opts);
  const persister = new Persister(core, storage, timers, post, { intervalMs: opts.intervalMs, restored });
  return { core, persister };
}

/** A receive function usable before the core exists: it queues until boot finishes. */
export function queueingReceiver(boot: Promise<{ core: EngineCore }>): (data: unknown) => void {
  let core: EngineCore | undefined;
  const queue: unknown[] = [];
  void boot.then((b) => {
    core = b.core;
    for (const d of queue.splice(0)) core.receive(d);
  });
  return (data) => {
    if (core) core.receive(data);
    else queue.push(data);
  };
}
