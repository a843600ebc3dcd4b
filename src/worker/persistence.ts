// Persistence of the playground: the cluster (engine snapshot), virtual time and pacing, and the
// shell (files, working directory, history) saved to IndexedDB every few seconds of wall time
// and when the page is hidden, restored when the worker starts; reset, export and import (the
// exported file also carries the labs' progress; an import is validated whole before anything is
// written, by shape, size and a trial restore).
// SIMPLIFICATION: one saved playground per browser profile (two tabs overwrite each other);
// shell variables, aliases and functions, and a command running at save time, are not kept.
import { openDB } from 'idb';
import { Vfs } from '../shell';
import type { VfsJSON } from '../shell';
import { finishRestore, isClusterSnapshot, restoreOptions, snapshotCluster } from '../engine/snapshot';
import type { ClusterSnapshot } from '../engine/snapshot';
import { EngineCore } from './engine-core';
import type { EngineCoreOptions, HostTimers } from './engine-core';
import { LAB_OUTPUT_CAP } from './engine-core';
import { MAX_IMPORT, PROTOCOL_VERSION, SPEEDS, isLabsState, isSpeed } from './protocol';
import type { LabProgress, RequestMessage, RequestResult, Speed, ToolsRequestMethod, WorkerMessage } from './protocol';
import type { TypedCommand } from '../labs';
import type { SessionOptions } from './session';
import { injectFault, runKubectl } from './tools';

export const PLAYGROUND_FORMAT = 'timonel-playground';
// The labs part is optional, so the version stays 1: files exported before it existed (and the
// playground saved in IndexedDB, which never carries it) load as they are.
export const PLAYGROUND_VERSION = 1;

/** The labs' state an exported playground carries (lab-host.ts SavedLabs without its boot flag). */
export interface PlaygroundLabs {
  /** The lab in progress, or null. */
  active: string | null;
  /** Progress per lab id. */
  progress: Record<string, LabProgress>;
  /** The commands typed since the active lab started (its checks read them). */
  transcript: TypedCommand[];
}

/** The saved (and exported) playground. */
export interface PlaygroundState {
  format: typeof PLAYGROUND_FORMAT;
  version: typeof PLAYGROUND_VERSION;
  cluster: ClusterSnapshot;
  clock: { playing: boolean; speed: Speed };
  shell: { fs: VfsJSON; cwd: string; history: string[] };
  /** Only in exported files (and optional there: older exports have none). */
  labs?: PlaygroundLabs;
}

export function isPlaygroundState(x: unknown): x is PlaygroundState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<PlaygroundState>;
  return s.format === PLAYGROUND_FORMAT && s.version === PLAYGROUND_VERSION && isClusterSnapshot(s.cluster)
    && typeof s.clock?.playing === 'boolean' && isSpeed(s.clock.speed)
    && typeof s.shell?.cwd === 'string' && Array.isArray(s.shell.history) && s.shell.history.every((h) => typeof h === 'string')
    && typeof s.shell.fs === 'object' && s.shell.fs !== null && typeof s.shell.fs.root === 'object';
}

/** Longest string a playground file may hold anywhere (a file's content, an annotation, ...). */
export const MAX_FILE_STRING = 4 * 1024 * 1024;
/** Deepest nesting of a playground file (objects and arrays). */
const MAX_FILE_DEPTH = 64;
/** Most entries (object keys and array items) of a playground file. */
const MAX_FILE_ENTRIES = 4_000_000;
const MAX_HISTORY = 10_000;
const MAX_LABS = 1000;
/** Commands of a lab transcript (lab-host.ts MAX_TRANSCRIPT; kept here to avoid an import cycle). */
const MAX_FILE_TRANSCRIPT = 500;

const fileError = (why: string) => new Error(`invalid playground file: ${why}`);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const pathOf = (path: readonly (string | number)[]) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') || '(top)';

/** Walks the parsed file once: string lengths, nesting depth and entry count, with the path of the first offence. */
function checkLimits(root: unknown): void {
  let entries = 0;
  const path: (string | number)[] = [];
  const walk = (x: unknown, depth: number): void => {
    if (typeof x === 'string') {
      if (x.length > MAX_FILE_STRING) throw fileError(`the text at ${pathOf(path)} is longer than ${MAX_FILE_STRING} characters`);
      return;
    }
    if (typeof x !== 'object' || x === null) return;
    if (depth > MAX_FILE_DEPTH) throw fileError(`nested deeper than ${MAX_FILE_DEPTH} levels at ${pathOf(path)}`);
    const keys: (string | number)[] = Array.isArray(x) ? x.map((_, i) => i) : Object.keys(x);
    entries += keys.length;
    if (entries > MAX_FILE_ENTRIES) throw fileError(`more than ${MAX_FILE_ENTRIES} entries`);
    for (const k of keys) {
      path.push(k);
      walk((x as Record<string | number, unknown>)[k], depth + 1);
      path.pop();
    }
  };
  walk(root, 0);
}

/** A VFS node tree as Vfs.toJSON writes it (types only; Vfs.fromJSON trusts them). */
function isVfsNode(n: unknown): boolean {
  if (!isObj(n) || typeof n.m !== 'number' || !Number.isFinite(n.m) || !Number.isSafeInteger(n.p) || typeof n.o !== 'string') return false;
  if (n.t === 'f') return typeof n.c === 'string';
  return n.t === 'd' && isObj(n.e) && Object.entries(n.e).every(([k, v]) => k.length > 0 && !k.includes('/') && isVfsNode(v));
}

// C0 and C1 control characters (ESC, CSI, OSC, BEL...): an imported or shared file could put
// them where the terminal writes them as they are (a recalled history line, the prompt's
// directory, a file name completed on the line). Newlines and tabs are allowed in history lines
// (heredocs and loops are one entry).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The first file or directory name of the tree with a control character, or undefined. */
function controlName(n: Record<string, unknown>, path: string): string | undefined {
  if (n.t !== 'd' || !isObj(n.e)) return undefined;
  for (const [k, v] of Object.entries(n.e)) {
    if (CONTROL.test(k)) return `${path}${JSON.stringify(k)}`;
    const inner = isObj(v) ? controlName(v, `${path}${k}/`) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function isTypedCommand(x: unknown): x is TypedCommand {
  return isObj(x) && typeof x.line === 'string' && Number.isSafeInteger(x.status) && typeof x.output === 'string' && x.output.length <= LAB_OUTPUT_CAP;
}

/** Validates the labs part of a file (shape and bounds; unknown lab ids are let through and ignored at boot). */
export function isPlaygroundLabs(x: unknown): x is PlaygroundLabs {
  if (!isObj(x) || !isObj(x.progress) || Object.keys(x.progress).length > MAX_LABS) return false;
  if (!isLabsState({ active: x.active, progress: x.progress, check: null })) return false;
  return Array.isArray(x.transcript) && x.transcript.length <= MAX_FILE_TRANSCRIPT && x.transcript.every(isTypedCommand);
}

/** Clock tasks the trial restore runs at most. */
const TRIAL_TASKS = 50_000;
const noTimers: HostTimers = { now: () => 0, setTimer: () => undefined, clearTimer: () => undefined, macrotask: () => Promise.resolve() };

/**
 * Parses and validates an exported playground: size, JSON, every part's shape and bounds, then a
 * trial restore of the cluster and the shell in a scratch core (discarded). Throws an Error whose
 * message says what is wrong ("invalid playground file: ..."); nothing is written here.
 */
export function parsePlaygroundFile(json: string): PlaygroundState {
  if (json.length > MAX_IMPORT) throw fileError(`larger than ${MAX_IMPORT} characters`);
  let x: unknown;
  try {
    x = JSON.parse(json);
  } catch {
    throw fileError('not JSON');
  }
  if (!isObj(x) || x.format !== PLAYGROUND_FORMAT) throw fileError('not a Timonel playground');
  if (x.version !== PLAYGROUND_VERSION) throw fileError(`unsupported version ${JSON.stringify(x.version)?.slice(0, 20) ?? 'undefined'} (this version of Timonel reads version ${PLAYGROUND_VERSION})`);
  checkLimits(x);
  if (!isClusterSnapshot(x.cluster)) throw fileError('the cluster snapshot is malformed');
  const resources = (x.cluster as ClusterSnapshot).store.resources as unknown;
  if (!isObj(resources) || !Object.values(resources).every((list) => Array.isArray(list) && list.every((o) => isObj(o) && isObj(o.metadata) && typeof o.metadata.name === 'string'))) {
    throw fileError('the cluster snapshot holds malformed objects');
  }
  const clock = x.clock;
  if (!isObj(clock) || typeof clock.playing !== 'boolean' || !isSpeed(clock.speed)) throw fileError(`the clock is malformed (speed must be one of ${SPEEDS.join(', ')})`);
  const shell = x.shell;
  if (!isObj(shell) || typeof shell.cwd !== 'string' || !shell.cwd.startsWith('/')) throw fileError('the shell is malformed');
  if (!Array.isArray(shell.history) || shell.history.length > MAX_HISTORY || !shell.history.every((h) => typeof h === 'string')) throw fileError('the shell history is malformed');
  if (!isObj(shell.fs) || shell.fs.version !== 1 || !isObj(shell.fs.root) || shell.fs.root.t !== 'd' || !isVfsNode(shell.fs.root)) throw fileError('the shell files are malformed');
  if (CONTROL.test(shell.cwd)) throw fileError('the shell\'s working directory holds control characters');
  const badLine = (shell.history as string[]).findIndex((h) => CONTROL_IN_LINE.test(h));
  if (badLine >= 0) throw fileError(`the shell history holds control characters (entry ${badLine + 1})`);
  const badName = controlName(shell.fs.root, '/');
  if (badName) throw fileError(`a file name holds control characters: ${badName}`);
  if (x.labs !== undefined && !isPlaygroundLabs(x.labs)) throw fileError('the labs\' progress is malformed');
  if (!isPlaygroundState(x)) throw fileError('malformed');
  // A trial restore: what boot will do with it, so a file that validates but cannot run is refused now.
  let core: EngineCore | undefined;
  try {
    const r = resumeOptions(x);
    core = new EngineCore(() => undefined, noTimers, { ...r.opts, playing: false });
    r.finish(core);
    // The control plane's first pass over the restored objects (tasks due now: informers'
    // deliveries, controllers' and the scheduler's first syncs), where malformed objects throw.
    const { clock } = core.session.cluster;
    for (let i = 0; i < TRIAL_TASKS && clock.runNext(clock.now()); i++);
  } catch (e) {
    throw fileError(`the cluster cannot be restored (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    core?.dispose();
  }
  return x;
}

/** What the persister asks of the lab runtime (lab-host.ts) to export and import the labs' state. */
export interface PlaygroundLabsPort {
  exportLabs(): PlaygroundLabs;
  /**
   * Writes the imported labs' state to the labs' storage and stops saving (the page reloads);
   * undefined (an older file) leaves the active lab. Rejects, saving again, when the write fails.
   */
  importLabs(labs: PlaygroundLabs | undefined): Promise<void>;
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
  /** The lab runtime, when there is one (set by lab-host.ts bootWithLabs): exports carry its state. */
  labs: PlaygroundLabsPort | undefined;

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
    if (!this.enabled) return;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    this.timer = this.timers.setTimer(() => {
      this.timer = undefined;
      void this.saveIfChanged().finally(() => this.schedule());
    }, this.intervalMs);
  }

  stop(): void {
    this.enabled = false;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Saves again after a stop (an import that failed). */
  private resume(): void {
    if (this.enabled) return;
    this.enabled = true;
    this.lastKey = '';
    this.schedule();
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
        return { json: JSON.stringify(this.labs ? { ...capturePlayground(this.core), labs: this.labs.exportLabs() } : capturePlayground(this.core)) };
      case 'playground.import': {
        const { labs, ...state } = parsePlaygroundFile((msg as RequestMessage<'playground.import'>).params.json);
        this.stop();
        await this.saving;
        try {
          await this.storage.save(state);
        } catch (e) {
          this.resume();
          throw new Error(`import failed: could not save the playground (${e instanceof Error ? e.message : String(e)})`);
        }
        try {
          if (this.labs) await this.labs.importLabs(labs);
        } catch (e) {
          // Put the running playground back so that storage and labs agree again.
          await this.storage.save(capturePlayground(this.core)).catch(() => undefined);
          this.resume();
          throw new Error(`import failed: could not save the labs' progress (${e instanceof Error ? e.message : String(e)})`);
        }
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
