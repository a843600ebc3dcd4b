// The client side of the protocol: an EngineClient over any transport (the browser's module
// Worker here, an in-process transport in in-process-host.ts for tests). It validates every
// incoming message, matches responses to requests by id and numbers shell input lines.
// Leaves out: reconnecting after a worker crash (the page reloads instead).
import { PROTOCOL_VERSION, isWorkerMessage } from './protocol';
import type { ClientMessage, RequestMethod, RequestParams, RequestResult, WorkerMessage } from './protocol';
import { SERVED_PAGE_GLOBAL, createWebSocketTransport, remoteEngineUrl } from './remote-host'; // Remote engine block

export { PROTOCOL_VERSION, SPEEDS, MIRRORED_RESOURCE_NAMES, isWorkerMessage, isClientMessage } from './protocol';
export type * from './protocol';

/** How messages travel; the same for a Web Worker and an in-process core. */
export interface EngineTransport {
  send(msg: ClientMessage): void;
  /** Raw incoming data; the client validates it. */
  subscribe(cb: (data: unknown) => void): () => void;
  close(): void;
}

export type ClientEvent = WorkerMessage | { v: typeof PROTOCOL_VERSION; type: 'invalid'; data: unknown };

export class EngineClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(msg: ClientEvent) => void>();
  private readonly unsubscribe: () => void;
  private closed = false;

  /**
   * `ackWhen` schedules each batch's acknowledgement (default: at once, on arrival). The page
   * passes `afterFramePainted`, so the engine, which waits while two batches are unacknowledged,
   * does not compete for the CPU with a page that is still drawing what it sent.
   */
  constructor(private readonly transport: EngineTransport, private readonly ackWhen: (ack: () => void) => void = (ack) => ack()) {
    this.unsubscribe = transport.subscribe((data) => this.receive(data));
  }

  /**
   * Asks for the snapshot; batches follow it. The client acknowledges each batch (when
   * `ackWhen` says), so the engine never queues batches behind a busy page: with two
   * unacknowledged it waits, and what changes meanwhile is coalesced.
   */
  connect(): void {
    this.transport.send({ v: PROTOCOL_VERSION, type: 'hello', flow: 'ack' });
  }

  /** Snapshot, batches, shell output and completions, errors (responses are not repeated here). */
  on(listener: (msg: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    if (this.closed) return Promise.reject(new Error('engine closed'));
    const id = this.nextId++;
    return new Promise<RequestResult<M>>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.send({ v: PROTOCOL_VERSION, type: 'request', id, method, params } as ClientMessage);
    });
  }

  /** Sends one line to the shell; returns the id its output and completion carry. */
  sendLine(line: string): number {
    const id = this.nextId++;
    this.transport.send({ v: PROTOCOL_VERSION, type: 'shell.input', id, line });
    return id;
  }

  interrupt(): void {
    this.transport.send({ v: PROTOCOL_VERSION, type: 'shell.interrupt' });
  }

  resize(columns: number, rows: number): void {
    this.transport.send({ v: PROTOCOL_VERSION, type: 'shell.resize', columns, rows });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const w of this.waiting.values()) w.reject(new Error('engine closed'));
    this.waiting.clear();
    this.transport.close();
  }

  private receive(data: unknown): void {
    // Acknowledge every batch (even one that fails validation, so the engine never stalls).
    const seq = batchSeq(data);
    if (seq !== undefined && !this.closed) {
      this.ackWhen(() => {
        if (!this.closed) this.transport.send({ v: PROTOCOL_VERSION, type: 'batch.ack', seq });
      });
    }
    if (!isWorkerMessage(data)) {
      this.emit({ v: PROTOCOL_VERSION, type: 'invalid', data });
      return;
    }
    if (data.type === 'response') {
      const w = this.waiting.get(data.id);
      if (!w) return;
      this.waiting.delete(data.id);
      if (data.ok) w.resolve(data.result);
      else w.reject(new Error(data.error));
      return;
    }
    this.emit(data);
  }

  private emit(msg: ClientEvent): void {
    for (const l of [...this.listeners]) l(msg);
  }
}

function batchSeq(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { type?: unknown; seq?: unknown };
  return m.type === 'batch' && typeof m.seq === 'number' && Number.isSafeInteger(m.seq) && m.seq >= 0 ? m.seq : undefined;
}

/** The engine in a module Web Worker (browser only). */
export function createWorkerTransport(): EngineTransport {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'timonel-engine' });
  return {
    send: (msg) => worker.postMessage(msg),
    subscribe(cb) {
      const onMessage = (e: MessageEvent<unknown>) => cb(e.data);
      const onError = (e: ErrorEvent) => cb({ v: PROTOCOL_VERSION, type: 'error', message: `worker: ${e.message}` });
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      return () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
      };
    },
    close: () => worker.terminate(),
  };
}

export function createBrowserClient(): EngineClient {
  // Remote engine block: a page served by `npm run serve` (or opened with `?server=...`)
  // attaches to the served engine over a WebSocket instead of starting a Worker (remote-host.ts).
  const remote = remoteEngineUrl(location.href, (globalThis as Record<string, unknown>)[SERVED_PAGE_GLOBAL]);
  if (remote) return new EngineClient(createWebSocketTransport(remote, (url) => new WebSocket(url)));
  // End of remote engine block.
  return new EngineClient(createWorkerTransport(), afterFramePainted);
}

/** Longest wait for a frame before acknowledging anyway (a frame that never comes must not stop the engine). */
const ACK_FALLBACK_MS = 50;

/**
 * Runs `fn` once, when `arm`'s callback fires or after `ms` wall milliseconds, whichever comes
 * first (a frame callback with a fallback for pages that get no frames).
 */
export function onceWithin(ms: number, fn: () => void, arm: (cb: () => void) => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    fn();
  };
  const timer = setTimeout(once, ms);
  arm(once);
}

/**
 * Runs `fn` once the next frame has been rendered: a task posted from its animation frame
 * callback runs after that frame's style, layout and paint. At once where there are no frames.
 */
export function afterNextRender(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    fn();
    return;
  }
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    // Closed at once: an entangled port with a message listener is never garbage collected
    // (HTML "Ports and garbage collection"), and this runs for every batch.
    ch.port1.onmessage = () => {
      ch.port1.close();
      fn();
    };
    ch.port2.postMessage(0);
  });
}

/**
 * Runs `fn` once the next frame has been rendered (afterNextRender), or after ACK_FALLBACK_MS
 * without a frame; at once in a hidden tab, which gets no frames (its cluster keeps running).
 */
export function afterFramePainted(fn: () => void): void {
  // The worker's tsconfig has no DOM lib: the page's document is read through globalThis.
  const doc = (globalThis as { document?: { hidden?: boolean } }).document;
  if (doc?.hidden === true) {
    fn();
    return;
  }
  onceWithin(ACK_FALLBACK_MS, fn, afterNextRender);
}
