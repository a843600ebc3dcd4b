// Streams between commands: a streaming pipe (writes reach the reader as they happen, writes after
// the reader is gone are dropped and reported like SIGPIPE), string readers, buffers, interrupts.
// Leaves out: back-pressure (pipes buffer without bound) and binary data.
import type { Interrupt, Reader, Writer } from './types';

export class InterruptController implements Interrupt {
  private cbs = new Set<() => void>();
  private _aborted = false;
  get aborted(): boolean { return this._aborted; }

  abort(): void {
    if (this._aborted) return;
    this._aborted = true;
    const cbs = [...this.cbs];
    this.cbs.clear();
    for (const cb of cbs) cb();
  }

  onAbort(cb: () => void): () => void {
    if (this._aborted) { cb(); return () => {}; }
    this.cbs.add(cb);
    return () => { this.cbs.delete(cb); };
  }

  /** A controller that is aborted when `parent` is; call `dispose` to detach. */
  static childOf(parent: Interrupt): { ctl: InterruptController; dispose: () => void } {
    const ctl = new InterruptController();
    const dispose = parent.onAbort(() => ctl.abort());
    return { ctl, dispose };
  }
}

export const NEVER_INTERRUPTED: Interrupt = { aborted: false, onAbort: () => () => {} };

export class Pipe {
  private chunks: string[] = [];
  private closed = false;
  private cancelled = false;
  private waiter: (() => void) | null = null;
  /** Called on the first write after the reader went away (SIGPIPE). */
  onBroken: (() => void) | null = null;

  readonly writer: Writer & { close(): void } = {
    write: (text: string) => {
      if (this.cancelled) { const cb = this.onBroken; this.onBroken = null; cb?.(); return; }
      if (this.closed || text === '') return;
      this.chunks.push(text);
      this.wake();
    },
    close: () => { this.closed = true; this.wake(); },
  };

  readonly reader: Reader & { cancel(): void } = {
    read: async () => {
      for (;;) {
        if (this.chunks.length > 0) {
          const text = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
          this.chunks = [];
          return text;
        }
        if (this.closed || this.cancelled) return null;
        await new Promise<void>((resolve) => { this.waiter = resolve; });
      }
    },
    readAll: async () => readAllFrom(this.reader),
    cancel: () => { this.cancelled = true; this.chunks = []; this.wake(); },
  };

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

async function readAllFrom(r: Reader): Promise<string> {
  const parts: string[] = [];
  for (let c = await r.read(); c !== null; c = await r.read()) parts.push(c);
  return parts.join('');
}

export function stringReader(text: string): Reader {
  let done = text === '';
  const r: Reader = {
    read: async () => { if (done) return null; done = true; return text; },
    readAll: async () => readAllFrom(r),
  };
  return r;
}

export const EMPTY_READER: Reader = { read: async () => null, readAll: async () => '' };

/** Wraps a reader so a pending read ends (EOF) when the interrupt fires. */
export function interruptibleReader(inner: Reader, interrupt: Interrupt): Reader {
  const r: Reader = {
    read: () => {
      if (interrupt.aborted) return Promise.resolve(null);
      return new Promise<string | null>((resolve, reject) => {
        const off = interrupt.onAbort(() => resolve(null));
        inner.read().then((v) => { off(); resolve(v); }, (e: unknown) => { off(); reject(e); });
      });
    },
    readAll: async () => readAllFrom(r),
  };
  return r;
}

export class BufferWriter implements Writer {
  private parts: string[] = [];
  write(text: string): void { this.parts.push(text); }
  text(): string { const t = this.parts.join(''); this.parts = [t]; return t; }
}

export const NULL_WRITER: Writer = { write: () => {} };

/**
 * Iterates the lines of a reader as they arrive. Each line keeps its trailing '\n' (the last
 * one may lack it).
 */
export async function* readLines(reader: Reader): AsyncGenerator<string> {
  let buf = '';
  for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
    buf += chunk;
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      yield buf.slice(start, nl + 1);
      start = nl + 1;
    }
    buf = buf.slice(start);
  }
  if (buf !== '') yield buf;
}
