// The engine side of the protocol, independent of how messages travel: a session, a mirror of
// the objects the UI shows (list + watch through the REST API, like an informer), batches of
// coalesced watch events, the pacer that turns wall time into virtual time, and shell I/O.
// Both the module worker and the in-process test host drive this class.
// Leaves out: persistence (IndexedDB) and several clients at once (one connection at a time).
import type { ApiRequest, KObject } from '../engine';
import { NetFailure } from '../engine'; // DockerCoins block
import { needsMoreInput } from '../shell';
import { createSession } from './session';
import { VfsError, createShell, stringReader } from '../shell'; // YAML editor block
import { createKubectl } from '../shell/commands/kubectl'; // YAML editor block
import { jsonSchemaFor, listKinds } from '../engine/schema'; // YAML editor block
import { TerminalIntegration } from './terminal-integration'; // terminal block
import type { Session, SessionOptions } from './session';
import {
  MIRRORED_RESOURCES,
  MIRRORED_RESOURCE_NAMES,
  PROTOCOL_VERSION,
  isClientMessage,
  isEditorRequestMethod, // YAML editor block
  isToolsRequestMethod, // playground tools block
  isTerminalRequestMethod, // terminal block
  isDockerCoinsRequestMethod, // DockerCoins block
  isLabsRequestMethod, // labs block
  mirrorForm, // mirror form block
} from './protocol';
import type {
  ClientMessage,
  ClockState,
  MirroredResource,
  ObjectEvent,
  RequestMessage,
  RequestMethod,
  EditorApplyFailure, // YAML editor block
  EditorApplyParams, // YAML editor block
  EditorApplyResult, // YAML editor block
  EditorFsEntry, // YAML editor block
  EditorJsonSchema, // YAML editor block
  EditorRequestMethod, // YAML editor block
  EditorSchemaResult, // YAML editor block
  ToolsRequestMethod, // playground tools block
  TerminalRequestMethod, // terminal block
  DockerCoinsRequestMethod, // DockerCoins block
  LabsRequestMethod, // labs block
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
  /**
   * Wall ms events may wait in the pacer before they are sent mid-frame (default 4): one long
   * frame of engine work does not hold the watch events of its first tasks until its end.
   */
  sliceMs?: number;
}

/**
 * Most object events in one batch message: a 500-pod burst goes as a few messages that the page
 * deserialises as separate short tasks (with flow control, each after the previous one arrived).
 */
export const MAX_BATCH_EVENTS = 256;

/**
 * Batches that may be unacknowledged at once (flow control; a flush's second message may add
 * FLOW_OVERFLOW): the next is already queued at the page. With that many out, the engine also
 * stops running clock tasks until an acknowledgement (virtual time runs slower): the page
 * acknowledges a batch once it has painted it, and on a two-core machine an engine racing ahead
 * takes the CPU its rendering needs (measured: B4 long tasks 1 → 0 per scale-up run, B3 p99
 * median 40 → 37 ms).
 */
export const FLOW_WINDOW = 2;
/**
 * Messages a flush may send beyond FLOW_WINDOW, as its second (of at most FLOW_WINDOW): a
 * 500-pod burst then leaves whole even when the window is full only in the engine's view, the
 * page's acknowledgement waiting behind the clock task that writes the burst. Without it, the
 * burst's second half (or a third of it) waited for an acknowledgement after the first one's
 * paint (B3 samples of 40–70 ms). A flush's third message still needs room in the window: it would
 * carry the scheduler's bindings into the frame that paints the burst.
 */
export const FLOW_OVERFLOW = 1;
/** Pending events from which a clock task's writes are sent before the task ends (see enqueue). */
export const MID_TASK_FLUSH_MIN = 64;

/**
 * Object events waiting to be sent, coalesced per uid (the newest state; an object added and
 * deleted in between is dropped), with when each object was first queued (insertion order: the
 * oldest first).
 */
class PendingEvents {
  private events = new Map<string, ObjectEvent>();
  private at = new Map<string, { host: number; wall: number }>();

  get size(): number {
    return this.events.size;
  }

  /** Queues `ev`, or coalesces it into its object's waiting event. */
  add(ev: ObjectEvent, host: number, wall: number): void {
    const uid = ev.object.metadata?.uid as string;
    const prev = this.events.get(uid);
    if (!prev) {
      this.events.set(uid, ev);
      this.at.set(uid, { host, wall });
      return;
    }
    if (prev.type === 'ADDED' && ev.type === 'DELETED') {
      this.events.delete(uid);
      this.at.delete(uid);
    } else if (prev.type === 'ADDED') {
      this.events.set(uid, { ...ev, type: 'ADDED' });
    } else {
      this.events.set(uid, ev);
    }
  }

  /** When the oldest waiting object was queued. */
  oldest(): { host: number; wall: number } | undefined {
    return this.at.values().next().value;
  }

  /** Takes out the `max` oldest events (all of them when fewer); the rest keep their place and stamps. */
  take(max: number): ObjectEvent[] {
    if (this.events.size <= max) {
      const all = [...this.events.values()];
      this.events = new Map();
      this.at = new Map();
      return all;
    }
    const out: ObjectEvent[] = [];
    for (const [uid, ev] of this.events) {
      if (out.length === max) break;
      out.push(ev);
      this.events.delete(uid);
      this.at.delete(uid);
    }
    return out;
  }
}

/** Longest wall gap a single frame turns into virtual time (a backgrounded tab does not jump hours). */
const MAX_FRAME_GAP_MS = 250;

// BEGIN labs block (src/worker/lab-host.ts)
/** Most output of one command kept for lab checks (TypedCommand.output). */
export const LAB_OUTPUT_CAP = 65_536;

/** What the lab runtime hooks into: each finished command, each pacer frame, labs.* requests. */
export interface LabHooks {
  /** After each shell command: the line(s) as typed, exit status and output (capped). */
  commandEnded(cmd: { line: string; status: number; output: string }): void;
  /** After each pacer frame (the hook throttles its own work). */
  frame(): void;
  request(msg: RequestMessage<LabsRequestMethod>): Promise<RequestResult<LabsRequestMethod>>;
}
// END labs block

interface PendingShell {
  id: number;
  line: string;
}

/** An event as it goes on the wire: pods in their mirror form (protocol.ts podMirrorForm). */
const wireEvent = (ev: ObjectEvent): ObjectEvent => (ev.resource === 'pods' ? { ...ev, object: mirrorForm('pods', ev.object) } : ev);

export class EngineCore {
  readonly session: Session;
  private readonly post: (msg: WorkerMessage) => void;
  private readonly timers: HostTimers;
  private readonly frameMs: number;
  private readonly budgetMs: number;
  private readonly sliceMs: number;

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
  /** Object events waiting for the next batch, but core Events (see `pendingEvents`). */
  private pending = new PendingEvents();
  /**
   * Core Events wait apart and go in batches of their own once no other object waits and the
   * flow window has room, without taking a place in it (no `seq`): in a burst (500 pods, each
   * with its Events) the pods reach the graph first, and the page draws nothing from an
   * Events-only batch, so waiting for it to be painted would only hold the engine back.
   */
  private pendingEvents = new PendingEvents();
  private connected = false;
  private lastSentClock: ClockState | undefined;
  /** Flow control (hello.flow 'ack'): batches numbered from 0, the last one acknowledged. */
  private ackFlow = false;
  private acked = -1;
  private nextSeq = 0;
  // BEGIN batch timing block (src/ui/state, bench/browser): the wall time (epoch ms) of the oldest
  // event of a batch is sent with it, so engine → UI latency can be measured.
  private wallNow(): number {
    return performance.timeOrigin + performance.now();
  }
  // END batch timing block

  /** Handles persistence, failure and kubectl requests (set by persistence.ts). Playground tools block. */
  tools: ((msg: RequestMessage<ToolsRequestMethod>) => Promise<RequestResult<ToolsRequestMethod>>) | undefined;

  /** The lab runtime (set by lab-host.ts). Labs block. */
  labs: LabHooks | undefined;

  private script = '';
  private running = false;
  private readonly queue: PendingShell[] = [];
  private output: { id: number; data: string } | undefined;
  /** stdin, editor tabs and completion of the terminal. Terminal block. */
  readonly terminal: TerminalIntegration;

  constructor(post: (msg: WorkerMessage) => void, timers: HostTimers, opts: EngineCoreOptions = {}) {
    this.post = post;
    this.timers = timers;
    this.frameMs = opts.frameMs ?? 16;
    this.budgetMs = opts.budgetMs ?? 12;
    this.sliceMs = opts.sliceMs ?? 4;
    this.playing = opts.playing ?? true;
    this.speed = opts.speed ?? 1;
    this.session = createSession(opts.session);
    this.terminal = new TerminalIntegration(this.session, (msg) => { this.flushOutput(); this.send(msg); }); // terminal block
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
      const rec = typeof data === 'object' && data !== null ? (data as { type?: unknown; id?: unknown; method?: unknown }) : undefined;
      const type = rec && 'type' in rec ? String(rec.type) : typeof data;
      // A request whose method or parameters are refused still gets its answer, so that the
      // caller's promise settles (with the reason) instead of waiting forever.
      if (rec?.type === 'request' && typeof rec.id === 'number' && Number.isSafeInteger(rec.id)) {
        const method = typeof rec.method === 'string' ? rec.method.slice(0, 64) : typeof rec.method;
        this.send({ v: PROTOCOL_VERSION, type: 'response', id: rec.id, ok: false, error: `invalid request: ${method}` });
        return;
      }
      this.send({ v: PROTOCOL_VERSION, type: 'error', message: `invalid message: ${type}` });
      return;
    }
    const msg: ClientMessage = data;
    switch (msg.type) {
      case 'hello':
        this.connected = true;
        this.pending = new PendingEvents();
        this.pendingEvents = new PendingEvents();
        this.ackFlow = msg.flow === 'ack';
        this.acked = this.nextSeq - 1;
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
      case 'batch.ack':
        if (msg.seq <= this.acked || msg.seq >= this.nextSeq) return;
        this.acked = msg.seq;
        // What coalesced while the page was busy goes now (clock-only changes wait for the tick).
        if (this.pending.size > 0 || this.pendingEvents.size > 0) this.flush();
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimer(this.timer);
    for (const stop of this.stops) stop();
    this.session.shell.interrupt();
    this.terminal.dispose(); // terminal block
  }

  // ---------------------------------------------------------------- mirror

  private snapshot(): Snapshot {
    const out = {} as Snapshot;
    for (const r of MIRRORED_RESOURCE_NAMES) out[r] = [...(this.mirror.get(r)?.values() ?? [])].map((o) => mirrorForm(r, o)); // mirror form block
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
    const queue = ev.resource === 'events' ? this.pendingEvents : this.pending;
    const host = this.timers.now();
    queue.add(ev, host, this.wallNow());
    // A burst (a controller creating or the scheduler binding hundreds of pods in one clock
    // task) goes out while the task still runs, once its oldest event waited `sliceMs`: the page
    // starts drawing the first pods instead of waiting for the last one to be written. Checked at
    // every event, also one that coalesces into a waiting object (the scheduler binding the pods
    // just created) and core Events: in a long task new objects may stop coming long before it ends.
    if (this.pending.size >= MID_TASK_FLUSH_MIN && this.canSend()) {
      const since = this.pendingSince();
      if (since !== undefined && host - since >= this.sliceMs) this.flush();
    }
  }

  /** Whether flow control lets another batch go now (`beyond`: that many over the window). */
  private canSend(beyond = 0): boolean {
    return !this.ackFlow || this.nextSeq - 1 - this.acked < FLOW_WINDOW + beyond;
  }

  /** How far beyond the window a flush's message `index` (0: its first) may go. */
  private static beyond(index: number): number {
    return index > 0 && index < FLOW_WINDOW ? FLOW_OVERFLOW : 0;
  }

  /** Host time when the oldest pending object event (not a core Event) was queued. */
  private pendingSince(): number | undefined {
    return this.pending.oldest()?.host;
  }

  /** Sends the pending events (and the clock) while flow control allows. */
  private flush(): void {
    this.flushOutput();
    // More than MAX_BATCH_EVENTS go as several messages (with flow control, one per ack once
    // the window is full; see FLOW_OVERFLOW for a flush's second message).
    let sent = 0;
    while (this.sendBatch(sent) && this.pending.size > 0) sent++;
    while (this.pending.size === 0 && this.pendingEvents.size > 0 && this.connected && this.canSend()) this.sendEvents();
  }

  /** Sends one batch message, the flush's `index`-th; false when nothing was sent. */
  private sendBatch(index = 0): boolean {
    if (!this.connected || !this.canSend(EngineCore.beyond(index))) return false;
    const clock = this.clockState();
    const last = this.lastSentClock;
    const changed = !last || last.now !== clock.now || last.playing !== clock.playing || last.speed !== clock.speed;
    if (this.pending.size === 0 && !changed) return false;
    const oldest = this.pending.oldest()?.wall; // batch timing block
    const events = this.pending.take(MAX_BATCH_EVENTS).map(wireEvent);
    this.lastSentClock = clock;
    const seq = this.ackFlow ? this.nextSeq++ : undefined;
    // flush() sends the next message of the burst at once when flow control lets it: say so.
    const more = this.pending.size > 0 && this.canSend(EngineCore.beyond(index + 1));
    // BEGIN batch timing block
    const sentAt = this.wallNow();
    const timing = { firstWriteAt: oldest ?? sentAt, sentAt };
    this.send({ v: PROTOCOL_VERSION, type: 'batch', clock, events, ...(seq !== undefined ? { seq } : {}), ...(more ? { more } : {}), timing });
    // END batch timing block
    return true;
  }

  /** Sends up to MAX_BATCH_EVENTS waiting core Events in a batch outside flow control. */
  private sendEvents(): void {
    const clock = this.clockState();
    const oldest = this.pendingEvents.oldest()?.wall; // batch timing block
    const events = this.pendingEvents.take(MAX_BATCH_EVENTS).map(wireEvent);
    this.lastSentClock = clock;
    // BEGIN batch timing block
    const sentAt = this.wallNow();
    const timing = { firstWriteAt: oldest ?? sentAt, sentAt };
    this.send({ v: PROTOCOL_VERSION, type: 'batch', clock, events, timing });
    // END batch timing block
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
      const step = this.stepMs;
      let delta = step;
      this.stepMs = 0;
      if (this.playing) {
        this.carry += gap * this.speed;
        const whole = Math.floor(this.carry);
        this.carry -= whole;
        delta += whole;
      }
      const clock = this.session.cluster.clock;
      const target = clock.now() + delta;
      await this.advanceTo(target, wall);
      // A step the budget cut short goes on next frame (play time is dropped instead).
      const short = target - clock.now();
      if (step > 0 && short > 0) this.stepMs += Math.min(short, step);
    } catch (e) {
      this.send({ v: PROTOCOL_VERSION, type: 'error', message: `engine: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.ticking = false;
      this.flush();
      this.labs?.frame(); // labs block
      if (this.stepMs === 0) {
        const waiters = this.stepWaiters;
        this.stepWaiters = [];
        for (const w of waiters) w();
      }
      this.schedule();
    }
  }

  /**
   * Runs clock tasks up to `target`, yielding a macrotask whenever a task resolved something a
   * shell command awaits (as src/node/driver.ts does), and giving up the rest of the frame when
   * the budget is spent: under heavy load virtual time runs slower instead of freezing the worker.
   * Events that waited `sliceMs` are sent between tasks, and a macrotask then lets the page's
   * acknowledgement in, so one busy frame does not hold the first tasks' writes until its end.
   */
  private async advanceTo(target: number, frameStart: number): Promise<void> {
    const clock = this.session.cluster.clock;
    for (;;) {
      clock.yieldRequested = false;
      while (!clock.yieldRequested) {
        // The page has not drawn the last two batches yet: wait (virtual time runs slower)
        // instead of computing more it cannot show, on cores its rendering needs.
        if (!this.canSend()) return;
        if (!clock.runNext(target)) {
          if (clock.now() < target) clock.advanceTo(target);
          return;
        }
        const now = this.timers.now();
        if (now - frameStart > this.budgetMs) return;
        // Between tasks: events that waited the slice go, and so does a burst however young
        // (the next task may be long, the scheduler binding the pods just created).
        const since = this.pendingSince();
        if (since !== undefined && (now - since >= this.sliceMs || this.pending.size >= MID_TASK_FLUSH_MIN) && this.canSend()) {
          this.flush();
          break;
        }
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
        return { candidates: await this.terminal.completions(p.line, p.cursor) }; // terminal block
      }
    }
    if (isEditorRequestMethod(msg.method)) return handleEditorRequest(this.session, msg); // YAML editor block
    if (isTerminalRequestMethod(msg.method)) return this.terminal.request(msg as RequestMessage<TerminalRequestMethod>); // terminal block
    if (isLabsRequestMethod(msg.method)) { // labs block
      if (!this.labs) throw new Error(`${msg.method}: not available in this host`); // labs block
      return this.labs.request(msg as RequestMessage<LabsRequestMethod>); // labs block
    } // labs block
    if (isDockerCoinsRequestMethod(msg.method)) return netHttpGet(this.session, msg as RequestMessage<DockerCoinsRequestMethod>); // DockerCoins block
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
    let captured = ''; // labs block: output kept for lab checks
    const out = {
      write: (data: string) => {
        this.write(id, data);
        if (this.labs && captured.length < LAB_OUTPUT_CAP) captured += data; // labs block
      },
    };
    let status: number;
    const stdin = this.terminal.foregroundStdin(); // terminal block: typed lines reach the command
    try {
      status = await shell.execute(script, { stdout: out, stderr: out, stdin, isTTY: true });
    } catch (e) {
      out.write(`timonel: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      status = 1;
    } finally {
      this.terminal.commandEnded(stdin); // terminal block
    }
    cluster.clock.yieldRequested = true;
    this.flushOutput();
    this.send({ v: PROTOCOL_VERSION, type: 'shell.complete', id, status, more: false, prompt: this.prompt() });
    this.labs?.commandEnded({ line: script.replace(/\n$/, ''), status, output: captured.slice(0, LAB_OUTPUT_CAP) }); // labs block
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

// ---------------------------------------------------------------- YAML editor requests
// BEGIN YAML editor block (src/ui/features/editor): the virtual filesystem, `kubectl apply -f -`
// with the editor's buffer as stdin, and the Kubernetes JSON Schema for monaco-yaml.

type EditorRequest = RequestMessage<EditorRequestMethod>;

async function handleEditorRequest(session: Session, msg: RequestMessage): Promise<RequestResult<RequestMethod>> {
  try {
    return await editorRequest(session, msg);
  } catch (e) {
    // Filesystem errors read as coreutils print them after the command name.
    if (e instanceof VfsError) throw new Error(`${e.path}: ${e.reason}`);
    throw e;
  }
}

async function editorRequest(session: Session, msg: RequestMessage): Promise<RequestResult<RequestMethod>> {
  const { shell } = session;
  const fs = shell.fs;
  const m = msg as EditorRequest;
  switch (m.method) {
    case 'fs.list': {
      const p = (m as RequestMessage<'fs.list'>).params;
      const dir = fs.resolve(p.path ?? shell.env.get('HOME') ?? '/', shell.cwd);
      const entries: EditorFsEntry[] = [];
      for (const name of fs.readdir(dir)) {
        const path = fs.resolve(name, dir);
        const st = fs.stat(path);
        if (st) entries.push({ name, path, type: st.type === 'dir' ? 'dir' : 'file', size: st.size });
      }
      return { path: dir, entries };
    }
    case 'fs.read': {
      const path = fs.resolve((m as RequestMessage<'fs.read'>).params.path, shell.cwd);
      return { path, content: fs.readFile(path) };
    }
    case 'fs.write': {
      const p = (m as RequestMessage<'fs.write'>).params;
      const path = fs.resolve(p.path, shell.cwd);
      fs.writeFile(path, p.content);
      return { path };
    }
    case 'kubectl.apply':
      return editorApply(session, (m as RequestMessage<'kubectl.apply'>).params);
    case 'editor.schema':
      return editorSchema(session);
  }
  throw new Error(`unknown method ${String(m.method)}`);
}

/**
 * Runs `kubectl apply -f -` in a private shell that shares the user's filesystem and working
 * directory (so the terminal's history and a running command are not disturbed), with a
 * kubectl whose REST calls are watched: the Status of every failed write is returned with its
 * causes, so the editor can put markers on the offending fields.
 */
async function editorApply(session: Session, p: EditorApplyParams): Promise<EditorApplyResult> {
  const { cluster, shell, sys } = session;
  const failures: EditorApplyFailure[] = [];
  const kubectl = createKubectl({
    request: (req: ApiRequest) => {
      const res = cluster.request(req);
      if (req.method !== 'GET' && res.status >= 400) failures.push(applyFailure(res.status, res.body));
      return res;
    },
    now: () => cluster.clock.now(),
  });
  const sh = createShell({
    sys,
    fs: shell.fs,
    cwd: shell.cwd,
    home: shell.env.get('HOME'),
    commands: new Map([['kubectl', kubectl]]),
    columns: shell.columns,
  });
  let output = '';
  const out = { write: (d: string) => void (output += d) };
  const status = await sh.execute(`kubectl apply -f -${p.dryRun ? ' --dry-run=server' : ''}`, { stdout: out, stderr: out, stdin: stringReader(p.text), isTTY: false });
  cluster.clock.yieldRequested = true;
  return { status, output, failures };
}

function applyFailure(code: number, body: unknown): EditorApplyFailure {
  const st = (typeof body === 'object' && body !== null ? body : {}) as {
    reason?: unknown;
    message?: unknown;
    details?: { kind?: unknown; name?: unknown; causes?: unknown };
  };
  const causes = Array.isArray(st.details?.causes) ? (st.details.causes as { field?: unknown; reason?: unknown; message?: unknown }[]) : [];
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return {
    code,
    reason: str(st.reason) ?? '',
    message: str(st.message) ?? '',
    kind: str(st.details?.kind) ?? '',
    name: str(st.details?.name) ?? '',
    causes: causes.map((c) => ({ field: str(c.field), reason: str(c.reason), message: str(c.message) })),
  };
}

const editorSchemas = new WeakMap<Session, EditorSchemaResult>();

/** Kinds the API server serves (discovery, top-level resources only), as `apiVersion|kind`. */
function servedKinds(session: Session): Set<string> {
  const { cluster } = session;
  const served = new Set<string>();
  const addList = (groupVersion: string, path: string) => {
    const res = cluster.request({ method: 'GET', path });
    const list = res.body as { resources?: { name?: string; kind?: string }[] } | undefined;
    if (res.status !== 200) return;
    for (const r of list?.resources ?? []) if (r.name && !r.name.includes('/') && r.kind) served.add(`${groupVersion}|${r.kind}`);
  };
  addList('v1', '/api/v1');
  const groups = cluster.request({ method: 'GET', path: '/apis' });
  const body = groups.body as { groups?: { versions?: { groupVersion?: string }[] }[] } | undefined;
  for (const g of body?.groups ?? []) for (const v of g.versions ?? []) if (v.groupVersion) addList(v.groupVersion, `/apis/${v.groupVersion}`);
  return served;
}

/**
 * One draft-07 schema for every served kind: the top level offers `apiVersion` and `kind`, and
 * per kind an `if` (apiVersion and kind match) `then` ($ref to its definition). Every document
 * of a multi-document file is thus checked against its own kind, and completion and hover follow
 * the kind the user typed. Definitions come from jsonSchemaFor (shared names, merged once).
 */
function editorSchema(session: Session): EditorSchemaResult {
  const hit = editorSchemas.get(session);
  if (hit) return hit;
  const served = servedKinds(session);
  const definitions: Record<string, unknown> = {};
  const kinds: { apiVersion: string; kind: string }[] = [];
  const branches: EditorJsonSchema[] = [];
  for (const k of listKinds()) {
    if (!served.has(`${k.apiVersion}|${k.kind}`)) continue;
    const one = jsonSchemaFor(k.apiVersion, k.kind);
    if (!one) continue;
    const defs = one.definitions as Record<string, unknown>;
    for (const [name, def] of Object.entries(defs)) if (!(name in definitions) || name === k.definition) definitions[name] = def;
    kinds.push({ apiVersion: k.apiVersion, kind: k.kind });
    branches.push({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.definition}` },
    });
  }
  const apiVersions = [...new Set(kinds.map((k) => k.apiVersion))];
  const kindNames = [...new Set(kinds.map((k) => k.kind))].sort();
  const result: EditorSchemaResult = {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'timonel://schemas/kubernetes.json',
      title: 'Kubernetes object',
      type: 'object',
      properties: {
        apiVersion: { type: 'string', enum: apiVersions, description: 'APIVersion defines the versioned schema of this representation of an object.' },
        kind: { type: 'string', enum: kindNames, description: 'Kind is a string value representing the REST resource this object represents.' },
      },
      required: ['apiVersion', 'kind'],
      allOf: branches,
      definitions,
    },
    kinds,
  };
  editorSchemas.set(session, result);
  return result;
}
// END YAML editor block

// BEGIN DockerCoins block: `net.httpGet`, one GET from node1's host namespace (as its curl).
async function netHttpGet(session: Session, msg: RequestMessage<DockerCoinsRequestMethod>): Promise<RequestResult<DockerCoinsRequestMethod>> {
  const { url, timeoutMs } = msg.params;
  try {
    const x = await session.cluster.network.nodeView(session.sys.hostname).http({ method: 'GET', url, headers: { 'User-Agent': 'curl/7.81.0', Accept: '*/*' } }, { timeoutMs: timeoutMs ?? 5000 });
    if (x.emptyReply) return { ok: false, error: 'EMPTY_REPLY' };
    return { ok: true, status: x.response.status, body: x.response.body };
  } catch (e) {
    return { ok: false, error: e instanceof NetFailure ? e.code : e instanceof Error ? e.message : String(e) };
  }
}
// END DockerCoins block
