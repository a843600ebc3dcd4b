// The lab runtime in the worker (issue #7, DESIGN.md §7): the active lab, its step states and the
// transcript of typed commands; the current step's check runs after each command and, throttled,
// after pacer frames in which the cluster changed; progress (active lab, passed steps, hints and
// solutions revealed, the transcript) is saved to IndexedDB next to the playground and pushed to
// the page as `labs.progress`. Starting a lab forgets the playground (playground.reset) and the
// page reloads onto a fresh cluster with the lab's seed, where its setup runs unseen at boot.
// An exported playground carries the labs' state (exportLabs/importLabs, used by persistence.ts).
// Leaves out: several labs in progress at once (progress of others is kept, their clusters are not).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.worker.json does not include src/labs/markdown.d.ts (*.md?raw), which the labs the worker runs need
/// <reference path="../labs/markdown.d.ts" />
import { openDB } from 'idb';
import { checkOk } from '../labs';
import type { Lab, LabStep, TypedCommand } from '../labs';
import type { EngineCore, EngineCoreOptions, HostTimers, LabHooks } from './engine-core';
import { LAB_OUTPUT_CAP } from './engine-core';
import { createLabView } from './lab-view';
import { bootPlayground } from './persistence';
import type { Persister, PersisterOptions, PlaygroundLabs, PlaygroundLabsPort, PlaygroundStorage } from './persistence';
import { PROTOCOL_VERSION } from './protocol';
import type { LabCheckState, LabProgress, LabsRequestMethod, LabsState, RequestMessage, RequestResult, WorkerMessage } from './protocol';

export const LABS_FORMAT = 'timonel-labs';
export const LABS_VERSION = 1;
/** Commands of the transcript kept (and saved); older ones are dropped. */
export const MAX_TRANSCRIPT = 500;
/** Wall ms between two frame-triggered checks (commands always check at once). */
export const CHECK_INTERVAL_MS = 250;
/** Virtual ms a setup command may run before it is interrupted. */
const SETUP_LIMIT_MS = 5 * 60_000;

/** What is saved: the labs' progress, the transcript, and whether the active lab awaits its fresh cluster. */
export interface SavedLabs {
  format: typeof LABS_FORMAT;
  version: typeof LABS_VERSION;
  active: string | null;
  /** True between `labs.start` and the boot that builds the lab's fresh cluster. */
  fresh: boolean;
  progress: Record<string, LabProgress>;
  transcript: TypedCommand[];
}

export function emptySavedLabs(): SavedLabs {
  return { format: LABS_FORMAT, version: LABS_VERSION, active: null, fresh: false, progress: {}, transcript: [] };
}

export function isSavedLabs(x: unknown): x is SavedLabs {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<SavedLabs>;
  return s.format === LABS_FORMAT && s.version === LABS_VERSION && (s.active === null || typeof s.active === 'string')
    && typeof s.fresh === 'boolean' && typeof s.progress === 'object' && s.progress !== null && Array.isArray(s.transcript);
}

export interface LabStorage {
  load(): Promise<SavedLabs | undefined>;
  save(s: SavedLabs): Promise<void>;
}

/** The playground's IndexedDB database (persistence.ts), under its own key. */
export function idbLabStorage(): LabStorage {
  const db = () => openDB('timonel', 1, { upgrade: (d) => void d.createObjectStore('playground') });
  return {
    async load() {
      const v: unknown = await (await db()).get('playground', 'labs');
      return isSavedLabs(v) ? v : undefined;
    },
    async save(s) {
      await (await db()).put('playground', s, 'labs');
    },
  };
}

export function memoryLabStorage(): LabStorage & { value?: SavedLabs } {
  const m: LabStorage & { value?: SavedLabs } = {
    load: () => Promise.resolve(m.value && structuredClone(m.value)),
    save: (s) => {
      m.value = structuredClone(s);
      return Promise.resolve();
    },
  };
  return m;
}

const emptyProgress = (): LabProgress => ({ completed: [], hints: {}, solutions: [] });

export interface LabHostOptions {
  labs: readonly Lab[];
  storage: LabStorage;
  timers: HostTimers;
  post: (msg: WorkerMessage) => void;
  saved?: SavedLabs;
  /** Wall ms between frame-triggered checks (default CHECK_INTERVAL_MS). */
  checkIntervalMs?: number;
}

/** The lab runtime attached to a core (core.labs). */
export class LabHost implements LabHooks, PlaygroundLabsPort {
  private readonly labs: readonly Lab[];
  private readonly storage: LabStorage;
  private readonly timers: HostTimers;
  private readonly post: (msg: WorkerMessage) => void;
  private readonly interval: number;
  private saved: SavedLabs;
  private check: LabCheckState | null = null;
  private lastPosted = '';
  private lastCheckAt = -Infinity;
  private lastKey = '';
  private stopped = false;
  private saving: Promise<void> = Promise.resolve();
  /** How many checks ran (for tests and throttling measurements). */
  checks = 0;

  constructor(private readonly core: EngineCore, opts: LabHostOptions) {
    this.labs = opts.labs;
    this.storage = opts.storage;
    this.timers = opts.timers;
    this.post = opts.post;
    this.interval = opts.checkIntervalMs ?? CHECK_INTERVAL_MS;
    this.saved = opts.saved ?? emptySavedLabs();
    if (this.saved.active && !this.lab()) this.saved.active = null;
    core.labs = this;
    this.runCheck();
  }

  /** The active lab. */
  lab(): Lab | undefined {
    return this.saved.active ? this.labs.find((l) => l.id === this.saved.active) : undefined;
  }

  private progressOf(id: string): LabProgress {
    let p = this.saved.progress[id];
    if (!p) {
      p = emptyProgress();
      this.saved.progress[id] = p;
    }
    return p;
  }

  /** The first step of the active lab not passed yet. */
  currentStep(): LabStep | undefined {
    const lab = this.lab();
    if (!lab) return undefined;
    const done = new Set(this.progressOf(lab.id).completed);
    return lab.steps.find((s) => !done.has(s.id));
  }

  state(): LabsState {
    return { active: this.saved.active, progress: structuredClone(this.saved.progress), check: this.check && { ...this.check } };
  }

  get transcript(): readonly TypedCommand[] {
    return this.saved.transcript;
  }

  // ------------------------------------------------------------ hooks

  commandEnded(cmd: { line: string; status: number; output: string }): void {
    if (this.stopped || !this.lab()) return;
    const t = this.saved.transcript;
    t.push({ line: cmd.line, status: cmd.status, output: cmd.output.slice(0, LAB_OUTPUT_CAP) });
    if (t.length > MAX_TRANSCRIPT) t.splice(0, t.length - MAX_TRANSCRIPT);
    this.runCheck();
    this.save();
  }

  /** After a pacer frame: checks again when the cluster changed, at most every `interval` wall ms. */
  frame(): void {
    if (this.stopped || !this.currentStep()) return;
    const now = this.timers.now();
    if (now - this.lastCheckAt < this.interval) return;
    if (this.changeKey() === this.lastKey) return;
    this.runCheck();
  }

  /** Store revisions of every cluster (kubectl may point at minikube). */
  private changeKey(): string {
    let key = '';
    for (const e of this.core.session.clusters.list()) key += `${e.cluster.store.rev},`;
    return key;
  }

  /** Runs the current step's check; a pass completes the step and checks the next one. */
  runCheck(): void {
    const lab = this.lab();
    this.lastCheckAt = this.timers.now();
    this.lastKey = this.changeKey();
    let step = this.currentStep();
    let passed = false;
    while (lab && step) {
      this.checks++;
      const result = runStepCheck(step, createLabView(this.core.session, this.saved.transcript));
      this.check = { step: step.id, ok: result.ok, ...(result.detail ? { detail: { es: result.detail.es, en: result.detail.en } } : {}) };
      if (!result.ok) break;
      this.progressOf(lab.id).completed.push(step.id);
      passed = true;
      step = this.currentStep();
    }
    if (!lab || !step) this.check = null;
    if (passed) this.save();
    this.publish();
  }

  private publish(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastPosted) return;
    this.lastPosted = key;
    this.post({ v: PROTOCOL_VERSION, type: 'labs.progress', state });
  }

  private save(): Promise<void> {
    if (this.stopped) return this.saving;
    const snapshot = structuredClone(this.saved);
    const run = () => this.storage.save(snapshot);
    this.saving = this.saving.then(run, run).catch(() => undefined);
    return this.saving;
  }

  // ------------------------------------------------------------ requests

  async request(msg: RequestMessage<LabsRequestMethod>): Promise<RequestResult<LabsRequestMethod>> {
    switch (msg.method) {
      case 'labs.state':
        return this.state();
      case 'labs.start': {
        const { lab } = (msg as RequestMessage<'labs.start'>).params;
        if (!this.labs.some((l) => l.id === lab)) throw new Error(`unknown lab ${lab}`);
        this.saved = { ...this.saved, active: lab, fresh: true, transcript: [], progress: { ...this.saved.progress, [lab]: emptyProgress() } };
        await this.save();
        this.stopped = true;
        // The same reset as the playground's: the saved cluster is forgotten; the page reloads.
        const tools = this.core.tools;
        if (tools) await tools({ v: PROTOCOL_VERSION, type: 'request', id: msg.id, method: 'playground.reset', params: {} });
        return { ok: true };
      }
      case 'labs.reveal': {
        const p = (msg as RequestMessage<'labs.reveal'>).params;
        const lab = this.labs.find((l) => l.id === p.lab);
        const step = lab?.steps.find((s) => s.id === p.step);
        if (!lab || !step) throw new Error(`unknown lab step ${p.lab}/${p.step}`);
        const pr = this.progressOf(lab.id);
        if (p.hints !== undefined) pr.hints[step.id] = Math.max(pr.hints[step.id] ?? 0, Math.min(p.hints, step.hints.en.length));
        if (p.solution && !pr.solutions.includes(step.id)) pr.solutions.push(step.id);
        await this.save();
        this.publish();
        return this.state();
      }
      case 'labs.leave':
        this.saved.active = null;
        this.saved.transcript = [];
        this.check = null;
        await this.save();
        this.publish();
        return this.state();
    }
    throw new Error(`unknown method ${String((msg as { method: unknown }).method)}`);
  }

  // ------------------------------------------------------------ export / import (persistence.ts)

  /** The labs' state for an exported playground (a copy). */
  exportLabs(): PlaygroundLabs {
    return structuredClone({ active: this.saved.active, progress: this.saved.progress, transcript: this.saved.transcript });
  }

  /**
   * Saves an imported playground's labs' state (already validated) and stops saving: the page
   * reloads onto it. The file's progress replaces this browser's for the labs it names; other
   * labs' progress is kept. A file without labs (older export) leaves the active lab.
   */
  async importLabs(labs: PlaygroundLabs | undefined): Promise<void> {
    const next: SavedLabs = {
      ...emptySavedLabs(),
      active: labs?.active ?? null,
      progress: { ...structuredClone(this.saved.progress), ...structuredClone(labs?.progress ?? {}) },
      transcript: labs ? structuredClone(labs.transcript) : [],
    };
    this.stopped = true;
    await this.saving;
    try {
      await this.storage.save(next);
    } catch (e) {
      this.stopped = false;
      throw e;
    }
  }

  /** Saves are written in order; resolves when the last one is. */
  flushed(): Promise<void> {
    return this.saving;
  }
}

/** A check's result; a check that throws has not passed (its error is not the student's). */
function runStepCheck(step: LabStep, view: ReturnType<typeof createLabView>): { ok: boolean; detail?: { es: string; en: string } } {
  try {
    const r = step.check(view);
    return typeof r === 'boolean' ? { ok: r } : { ok: checkOk(r), ...(r.detail ? { detail: { es: r.detail.es, en: r.detail.en } } : {}) };
  } catch {
    return { ok: false };
  }
}

/**
 * Runs a lab's setup line in the session's shell, unseen (output dropped, history untouched),
 * moving virtual time as far as the command needs (as src/node/driver.ts does).
 */
export async function runUnseen(core: EngineCore, line: string, timers: HostTimers): Promise<number> {
  const { shell, cluster } = core.session;
  const { clock } = cluster;
  const before = shell.history.length;
  const sink = { write: () => undefined };
  let done = false;
  let code = 1;
  const p = shell.execute(line, { stdout: sink, stderr: sink, isTTY: false }).then(
    (c) => {
      code = c;
    },
    () => undefined,
  ).finally(() => {
    done = true;
    clock.yieldRequested = true;
  });
  const deadline = clock.now() + SETUP_LIMIT_MS;
  while (!done) {
    await timers.macrotask();
    if (done) break;
    clock.yieldRequested = false;
    let ran = 0;
    let idle = false;
    while (!clock.yieldRequested && ran < 5000) {
      if (!clock.runNext(deadline)) {
        idle = true;
        break;
      }
      ran++;
    }
    if (idle && !done) {
      if (clock.now() < deadline) clock.advanceTo(deadline);
      await timers.macrotask();
      if (!done) {
        shell.interrupt();
        await p;
      }
    }
  }
  shell.history.splice(before);
  return code;
}

/**
 * The worker's boot with labs: when a lab was just started, a fresh cluster with the lab's seed
 * (the saved playground is cleared) and the lab's setup run unseen; otherwise the saved
 * playground. Then the lab host attaches and pushes the labs' progress.
 */
export async function bootWithLabs(
  post: (msg: WorkerMessage) => void,
  timers: HostTimers,
  storage: PlaygroundStorage,
  labStorage: LabStorage,
  labs: readonly Lab[],
  opts: EngineCoreOptions & PersisterOptions & { checkIntervalMs?: number } = {},
): Promise<{ core: EngineCore; persister: Persister; labs: LabHost }> {
  let saved: SavedLabs | undefined;
  try {
    saved = await labStorage.load();
  } catch {
    saved = undefined;
  }
  saved ??= emptySavedLabs();
  const lab = saved.active ? labs.find((l) => l.id === saved.active) : undefined;
  const fresh = saved.fresh && lab !== undefined;
  if (fresh) await storage.clear().catch(() => undefined);
  const bootOpts = fresh && lab ? { ...opts, session: { ...opts.session, seed: lab.seed } } : opts;
  const { core, persister } = await bootPlayground(post, timers, storage, bootOpts);
  if (fresh && lab) {
    for (const line of lab.setup ?? []) await runUnseen(core, line, timers);
    saved.fresh = false;
    saved.transcript = [];
    await labStorage.save(saved).catch(() => undefined);
  } else if (saved.fresh) {
    saved.fresh = false;
  }
  const host = new LabHost(core, { labs, storage: labStorage, timers, post, saved, checkIntervalMs: opts.checkIntervalMs });
  persister.labs = host;
  return { core, persister, labs: host };
}
