// The engine side of the protocol, independent of how messages travel: a session, a mirror of
// the objects the UI shows (list + watch through the REST API, like an informer), batches of
// coalesced watch events, the pacer that turns wall time into virtual time, and shell I/O.
// Both the module worker and the in-process test host drive this class.
// Leaves out: persistence (IndexedDB) and several clients at once (one connection at a time).
import type { ApiRequest, KObject } from '../engine';
import { needsMoreInput } from '../shell';
import { createSession } from './session';
import type { Session, SessionOptions } from './session';
import {
  MIRRORED_RESOURCES,
  MIRRORED_RESOURCE_NAMES,
  PROTOCOL_VERSION,
  isClientMessage,
  isToolsRequestMethod, // playground tools block
} from './protocol';
import type {
  ClientMessage,
  ClockState,
  MirroredResource,
  ObjectEvent,
  RequestMessage,
  RequestMethod,
  ToolsRequestMethod, // playground tools block
  RequestResult,
  Snapshot,
  Speed,
  WorkerMessage,
} from './protocol';

/** Wall-clock facilities the host provides (the worker's timers, or fakes in tests). */
export interface HostTimers {
  /** Wall milliseconds (monotonic is fine). */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Resolves after pending promise continuations have run (one macrotask). */
  macrotask(): Promise<void>;
}

export interface EngineCoreOptions {
  session?: SessionOptions;
  /** Start playing (default true). */
  playing?: boolean;
  speed?: Speed;
  /** Pacer period in wall ms (default 16, one animation frame). */
  frameMs?: number;
  /** Wall ms of engine work per frame before yielding to messages (default 12). */
  budgetMs?: number;
}

/** Longest wall gap a single frame turns into virtual time (a backgrounded tab does not jump hours). */
const MAX_FRAME_GAP_MS = 250;

interface PendingShell {
  id: number;
  line: string;
}

export class EngineCore {
  readonly session: Session;
  private readonly post: (msg: WorkerMessage) => void;
  private readonly timers: HostTimers;
  private readonly frameMs: number;
  private readonly budgetMs: number;

  private playing: boolean;
  private speed: Speed;
  private carry = 0;
  private lastWall: number;
  private stepMs = 0;
  private stepWaiters: (() => void)[] = [];
  private timer: unknown = undefined;
  private ticking = false;
  private disposed = false;

  private readonly mirror = new Map<MirroredResource, Map<string, KObject>>();
  private readonly stops: (() => void)[] = [];
  private pending = new Map<string, ObjectEvent>();
  private connected = false;
  private lastSentClock: ClockState | undefined;

  /** Handles persistence, failure and kubectl requests (set by persistence.ts). Playground tools block. */
  tools: ((msg: RequestMessage<ToolsRequestMethod>) => Promise<RequestResult<ToolsRequestMethod>>) | undefined;

  private script = '';
  private running = false;
  private readonly queue: PendingShell[] = [];
  private output: { id: number; data: string } | undefined;

  constructor(post: (msg: WorkerMessage) => void, timers: HostTimers, opts: EngineCoreOptions = {}) {
    this.post = post;
    this.timers = timers;
    this.frameMs = opts.frameMs ?? 16;
    this.budgetMs = opts.budgetMs ?? 12;
    this.playing = opts.playing ?? true;
    this.speed = opts.speed ?? 1;
    this.session = createSession(opts.session);
    this.lastWall = timers.now();
    for (const r of MIRRORED_RESOURCE_NAMES) this.startInformer(r);
    this.schedule();
  }

  clockState(): ClockState {
    return { now: this.session.cluster.clock.now(), playing: this.playing, speed: this.speed };
  }

  prompt(): string {
    const { shell, sys } = this.session;
    const home = shell.env.get('HOME') ?? '';
    const cwd = shell.cwd;
    const shown = home && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
    return `${sys.user}@${sys.hostname}:${shown}$ `;
  }

  /** Handles one incoming message (already structured-cloned by the transport). */
  receive(data: unknown): void {
    if (this.disposed) return;
    if (!isClientMessage(data)) {
      const type = typeof data === 'object' && data !== null && 'type' in data ? String((data as { type: unknown }).type) : typeof data;
      this.send({ v: PROTOCOL_VERSION, type: 'error', message: `invalid message: ${type}` });
      return;
    }
    const msg: ClientMessage = data;
    switch (msg.type) {
      case 'hello':
        this.connected = true;
        this.pending = new Map();
        this.lastSentClock = this.clockState();
        this.send({
          v: PROTOCOL_VERSION,
          type: 'snapshot',
          clock: this.lastSentClock,
          objects: this.snapshot(),
          prompt: this.prompt(),
          history: [...this.session.shell.history],
        });
        return;
      case 'request':
        void this.handleRequest(msg);
        return;
      case 'shell.input':
        this.queue.push({ id: msg.id, line: msg.line });
        if (!this.running) void this.runQueue();
        return;
      case 'shell.interrupt':
        this.script = '';
        this.session.shell.interrupt();
        return;
      case 'shell.resize':
        this.session.shell.columns = msg.columns;
        this.session.shell.rows = msg.rows;
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    for (const stop of this.stops) stop();
    this.session.shell.interrupt();
  }

  // ---------------------------------------------------------------- mirror

  private snapshot(): Snapshot {
    const out = {} as Snapshot;
    for (const r of MIRRORED_RESOURCE_NAMES) out[r] = [...(this.mirror.get(r)?.values() ?? [])];
    return out;
  }

  /** List then watch from the list's resourceVersion, as a client-go informer does. */
  private startInformer(resource: MirroredResource): void {
    const { cluster } = this.session;
    const path = MIRRORED_RESOURCES[resource];
    const list = cluster.request({ method: 'GET', path });
    const body = list.body as { items?: KObject[]; metadata?: { resourceVersion?: string } } | undefined;
    if (list.status !== 200 || !body?.items) {
      // The kind is not served (yet): mirror nothing rather than fail the whole page.
      this.mirror.set(resource, new Map());
      return;
    }
    const known = this.mirror.get(resource) ?? new Map<string, KObject>();
    const fresh = new Map<string, KObject>();
    for (const o of body.items) {
      const uid = o.metadata?.uid;
      if (!uid) continue;
      fresh.set(uid, o);
      const before = known.get(uid);
      if (!before) this.enqueue({ type: 'ADDED', resource, object: o });
      else if (before.metadata?.resourceVersion !== o.metadata?.resourceVersion) this.enqueue({ type: 'MODIFIED', resource, object: o });
    }
    for (const [uid, o] of known) if (!fresh.has(uid)) this.enqueue({ type: 'DELETED', resource, object: o });
    this.mirror.set(resource, fresh);
    const rv = body.metadata?.resourceVersion ?? '0';
    const res = cluster.request({ method: 'GET', path: `${path}?watch=true&resourceVersion=${encodeURIComponent(rv)}` });
    if (!res.watch) return;
    const watch = res.watch;
    let stopped = false;
    watch.onEvent((ev) => {
      if (stopped || this.disposed) return;
      if (ev.type === 'ERROR') {
        // 410 Gone after compaction: relist, diff against the mirror, watch again.
        stopped = true;
        watch.stop();
        this.startInformer(resource);
        return;
      }
      if (ev.type === 'BOOKMARK') return;
      const uid = ev.object.metadata?.uid;
      if (!uid) return;
      if (ev.type === 'DELETED') fresh.delete(uid);
      else fresh.set(uid, ev.object);
      this.enqueue({ type: ev.type, resource, object: ev.object });
    });
    this.stops.push(() => watch.stop());
  }

  /** Coalesces events per uid until the next batch: the client sees each object's latest state. */
  private enqueue(ev: ObjectEvent): void {
    if (!this.connected) return;
    const uid = ev.object.metadata?.uid as string;
    const prev = this.pending.get(uid);
    if (!prev) {
      this.pending.set(uid, ev);
    } else if (prev.type === 'ADDED' && ev.type === 'DELETED') {
      this.pending.delete(uid);
    } else if (prev.type === 'ADDED') {
      this.pending.set(uid, { ...ev, type: 'ADDED' });
    } else {
      this.pending.set(uid, ev);
    }
  }

  private flush(): void {
    this.flushOutput();
    if (!this.connected) return;
    const clock = this.clockState();
    const last = this.lastSentClock;
    const changed = !last || last.now !== clock.now || last.playing !== clock.playing || last.speed !== clock.speed;
    if (this.pending.size === 0 && !changed) return;
    const events = [...this.pending.values()];
    this.pending = new Map();
    this.lastSentClock = clock;
    this.send({ v: PROTOCOL_VERSION, type: 'batch', clock, events });
  }

  // ---------------------------------------------------------------- pacer

  private schedule(): void {
    if (this.disposed) return;
    this.timer = this.timers.setTimer(() => {
      this.timer = undefined;
      void this.tick();
    }, this.frameMs);
  }

  /** One frame: move virtual time by wall time × speed (plus any step), then send one batch. */
  private async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    try {
      const wall = this.timers.now();
      const gap = Math.min(Math.max(0, wall - this.lastWall), MAX_FRAME_GAP_MS);
      this.lastWall = wall;
      let delta = this.stepMs;
      this.stepMs = 0;
      if (this.playing) {
        this.carry += gap * this.speed;
        const whole = Math.floor(this.carry);
        this.carry -= whole;
        delta += whole;
      }
      const clock = this.session.cluster.clock;
      await this.advanceTo(clock.now() + delta, wall);
    } catch (e) {
      this.send({ v: PROTOCOL_VERSION, type: 'error', message: `engine: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.ticking = false;
      this.flush();
      const waiters = this.stepWaiters;
      this.stepWaiters = [];
      for (const w of waiters) w();
      this.schedule();
    }
  }

  /**
   * Runs clock tasks up to `target`, yielding a macrotask whenever a task resolved something a
   * shell command awaits (as src/node/driver.ts does), and giving up the rest of the frame when
   * the budget is spent: under heavy load virtual time runs slower instead of freezing the worker.
   */
  private async advanceTo(target: number, frameStart: number): Promise<void> {
    const clock = this.session.cluster.clock;
    for (;;) {
      clock.yieldRequested = false;
      let ran = 0;
      while (!clock.yieldRequested) {
        if (!clock.runNext(target)) {
          if (clock.now() < target) clock.advanceTo(target);
          return;
        }
        if (++ran % 64 === 0 && this.timers.now() - frameStart > this.budgetMs) return;
      }
      await this.timers.macrotask();
      if (this.disposed || this.timers.now() - frameStart > this.budgetMs) return;
    }
  }

  // ---------------------------------------------------------------- requests

  private async handleRequest(msg: RequestMessage): Promise<void> {
    try {
      const result = await this.dispatch(msg);
      this.send({ v: PROTOCOL_VERSION, type: 'response', id: msg.id, ok: true, result });
    } catch (e) {
      this.send({ v: PROTOCOL_VERSION, type: 'response', id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async dispatch(msg: RequestMessage): Promise<RequestResult<RequestMethod>> {
    switch (msg.method) {
      case 'api': {
        const p = (msg as RequestMessage<'api'>).params;
        const req: ApiRequest = { method: p.method, path: p.path, body: p.body, headers: p.headers };
        const res = this.session.cluster.request(req);
        // Watches and log streams reach the UI through the mirror and the shell, not here.
        res.watch?.stop();
        res.stream?.stop();
        return { status: res.status, body: res.body };
      }
      case 'time.set': {
        const p = (msg as RequestMessage<'time.set'>).params;
        if (p.playing !== undefined && p.playing !== this.playing) {
          this.playing = p.playing;
          this.carry = 0;
          this.lastWall = this.timers.now();
        }
        if (p.speed !== undefined) this.speed = p.speed;
        return this.clockState();
      }
      case 'time.step': {
        const p = (msg as RequestMessage<'time.step'>).params;
        this.stepMs += p.ms ?? 1000;
        await new Promise<void>((resolve) => this.stepWaiters.push(resolve));
        return this.clockState();
      }
      case 'shell.completions': {
        const p = (msg as RequestMessage<'shell.completions'>).params;
        return { candidates: this.session.shell.complete(p.line, p.cursor) };
      }
    }
    if (isToolsRequestMethod(msg.method)) { // playground tools block
      if (!this.tools) throw new Error(`${msg.method}: not available in this host`); // playground tools block
      return this.tools(msg as RequestMessage<ToolsRequestMethod>); // playground tools block
    } // playground tools block
    throw new Error(`unknown method ${String((msg as { method: unknown }).method)}`);
  }

  // ---------------------------------------------------------------- shell

  private async runQueue(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.runLine(next);
    } finally {
      this.running = false;
    }
  }

  private async runLine({ id, line }: PendingShell): Promise<void> {
    const { shell, cluster } = this.session;
    this.script += line + '\n';
    if (needsMoreInput(this.script)) {
      this.send({ v: PROTOCOL_VERSION, type: 'shell.complete', id, status: shell.lastStatus, more: true, prompt: '> ' });
      return;
    }
    const script = this.script;
    this.script = '';
    const out = { write: (data: string) => this.write(id, data) };
    let status: number;
    try {
      status = await shell.execute(script, { stdout: out, stderr: out, isTTY: true });
    } catch (e) {
      out.write(`timonel: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      status = 1;
    }
    cluster.clock.yieldRequested = true;
    this.flushOutput();
    this.send({ v: PROTOCOL_VERSION, type: 'shell.complete', id, status, more: false, prompt: this.prompt() });
  }

  private write(id: number, data: string): void {
    if (!data) return;
    if (this.output && this.output.id !== id) this.flushOutput();
    if (this.output) this.output.data += data;
    else this.output = { id, data };
  }

  private flushOutput(): void {
    const o = this.output;
    if (!o) return;
    this.output = undefined;
    this.send({ v: PROTOCOL_VERSION, type: 'shell.output', id: o.id, data: o.data });
  }

  private send(msg: WorkerMessage): void {
    if (!this.disposed) this.post(msg);
  }
}
