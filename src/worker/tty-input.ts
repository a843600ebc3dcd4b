// The terminal's keyboard as the stdin of the foreground command: what a cooked (canonical) TTY
// hands to read(2). Lines arrive as the user presses Enter; Ctrl-D makes one pending read return
// end of file (0 bytes) without closing the terminal, so `cat; cat` needs one Ctrl-D each.
// Leaves out: raw mode, VMIN/VTIME, and type-ahead kept for the shell after the command ends.
import type { Reader } from '../shell';

const EOF = Symbol('eof');

export class TtyInput implements Reader {
  private queue: (string | typeof EOF)[] = [];
  private waiters: (() => void)[] = [];
  private closed = false;

  /** True while a read waits for the user (a headless driver must not move time meanwhile). */
  get reading(): boolean {
    return this.waiters.length > 0 && this.queue.length === 0 && !this.closed;
  }

  /** Resolves at the next input, Ctrl-D or close. */
  input(): Promise<void> {
    return new Promise<void>((resolve) => this.observers.push(resolve));
  }
  private observers: (() => void)[] = [];

  /** Text typed while the command runs (a cooked line ends with "\n"). */
  write(text: string): void {
    if (this.closed || text === '') return;
    this.queue.push(text);
    this.wake();
  }

  /** Ctrl-D: the next read (or the pending one) returns end of file. */
  eof(): void {
    if (this.closed) return;
    this.queue.push(EOF);
    this.wake();
  }

  /** The command ended: every read from now on sees end of file; unread input is dropped. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.wake();
  }

  async read(): Promise<string | null> {
    for (;;) {
      if (this.closed) return null;
      if (this.queue.length > 0) {
        // Everything typed up to the next Ctrl-D in one chunk, or that Ctrl-D as end of file.
        const end = this.queue.indexOf(EOF);
        if (end === 0) {
          this.queue.shift();
          return null;
        }
        const taken = end < 0 ? this.queue.splice(0) : this.queue.splice(0, end);
        return taken.join('');
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async readAll(): Promise<string> {
    const parts: string[] = [];
    for (let c = await this.read(); c !== null; c = await this.read()) parts.push(c);
    return parts.join('');
  }

  private wake(): void {
    const w = [...this.waiters, ...this.observers];
    this.waiters = [];
    this.observers = [];
    for (const f of w) f();
  }
}
