// Container logs as the kubelet keeps them (CRI log files): timestamped lines per container
// instance, the previous instance kept for `--previous`, followers notified as lines arrive.
// SIMPLIFICATION: a line cap per container instead of size-based rotation (10 MiB upstream).
// Image start-up lines are shared blocks (one reference per container), rendered when read.
import { rfc3339Nano } from './time-format';
import type { SharedLogLine } from './images/types';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

const MAX_LINES = 5000;

/** A line's text, or a block of shared lines logged at one instant (an image's start-up lines). */
type Entry = string | readonly SharedLogLine[];
type Follower = (l: LogLine) => void;

/**
 * Lines are kept column-wise (entries, times, and the few stderr indices) rather than one
 * object per line: with thousands of pods the per-line objects were a large part of the heap.
 * An entry is one line's text, or a block of lines shared with other containers of the image
 * (rendered from the entry's time when read). A single entry is kept without arrays, the arrays
 * start at their exact size, and the follower sets and the stderr index exist only once used.
 */
export class ContainerLog {
  /** The only entry and its time, while there is one (most containers log one block). */
  private only?: Entry = undefined;
  private onlyAt = 0;
  /** All entries and times, from the second entry on. */
  private entries?: Entry[];
  private times?: number[];
  /** Lines kept (a block counts its lines). */
  private count = 0;
  /** Absolute indices of the text lines written to stderr (shared lines know their stream). */
  private stderr?: Set<number>;
  private dropped = 0;
  private followers?: Set<Follower>;
  private endWatchers?: Set<() => void>;
  ended = false;

  append(line: LogLine): void {
    if (line.stream === 'stderr') (this.stderr ??= new Set()).add(this.dropped + this.count);
    this.push(flat(line.text), 1, line.at);
    if (this.followers) for (const f of this.followers) f(line);
  }

  /** Appends lines shared with other containers, logged at `at` (the array must never change). */
  appendShared(lines: readonly SharedLogLine[], at: number): void {
    if (!lines.length) return;
    this.push(lines, lines.length, at);
    if (this.followers?.size) {
      for (const l of lines) {
        const line: LogLine = { at, stream: l.stream, text: l.text(at) };
        for (const f of this.followers) f(line);
      }
    }
  }

  private push(e: Entry, n: number, at: number): void {
    if (!this.entries || !this.times) {
      if (this.only === undefined) {
        this.only = e;
        this.onlyAt = at;
      } else {
        this.entries = [this.only, e];
        this.times = [this.onlyAt, at];
        this.only = undefined;
      }
    } else {
      this.entries.push(e);
      this.times.push(at);
    }
    this.count += n;
    if (this.count > MAX_LINES) this.trim();
  }

  /** Drops the oldest lines beyond the cap (a block across the cut keeps its newer lines). */
  private trim(): void {
    if (!this.entries && this.only !== undefined) {
      this.entries = [this.only];
      this.times = [this.onlyAt];
      this.only = undefined;
    }
    const entries = this.entries!;
    const removed = this.count - MAX_LINES;
    let cut = removed;
    let whole = 0;
    while (cut > 0) {
      const e = entries[whole]!;
      const n = typeof e === 'string' ? 1 : e.length;
      if (n > cut) {
        entries[whole] = (e as readonly SharedLogLine[]).slice(cut);
        break;
      }
      cut -= n;
      whole++;
    }
    entries.splice(0, whole);
    this.times!.splice(0, whole);
    if (this.stderr) for (let i = this.dropped; i < this.dropped + removed; i++) this.stderr.delete(i);
    this.dropped += removed;
    this.count = MAX_LINES;
  }

  get length(): number {
    return this.count;
  }

  /** The kept lines, oldest first. */
  get lines(): LogLine[] {
    const out: LogLine[] = [];
    const entries = this.only !== undefined ? [this.only] : this.entries;
    const times = this.only !== undefined ? [this.onlyAt] : this.times;
    if (!entries || !times) return out;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const at = times[i]!;
      if (typeof e === 'string') out.push({ at, text: e, stream: this.stderr?.has(this.dropped + out.length) ? 'stderr' : 'stdout' });
      else for (const l of e) out.push({ at, text: l.text(at), stream: l.stream });
    }
    return out;
  }

  follow(cb: (l: LogLine) => void, onEnd: () => void): () => void {
    (this.followers ??= new Set()).add(cb);
    (this.endWatchers ??= new Set()).add(onEnd);
    return () => {
      this.followers?.delete(cb);
      this.endWatchers?.delete(onEnd);
    };
  }

  end(): void {
    this.ended = true;
    if (this.endWatchers) for (const e of [...this.endWatchers]) e();
    this.followers = undefined;
    this.endWatchers = undefined;
  }
}

/**
 * Log lines are usually built by concatenation, which V8 keeps as a tree of rope nodes; a
 * slice of a fresh concatenation forces one flat copy, so thousands of containers' logs
 * don't keep ~5 rope nodes per line alive.
 */
function flat(s: string): string {
  return s.length > 12 ? (' ' + s).slice(1) : s;
}

export interface LogQuery {
  tailLines?: number;
  sinceMs?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export function formatLine(l: LogLine, timestamps: boolean | undefined): string {
  return timestamps ? `${rfc3339Nano(l.at)} ${l.text}\n` : `${l.text}\n`;
}

export function renderLog(log: ContainerLog, q: LogQuery): string {
  let lines = log.lines;
  if (q.sinceMs !== undefined) lines = lines.filter((l) => l.at >= (q.sinceMs as number));
  if (q.tailLines !== undefined && q.tailLines >= 0) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
  let out = '';
  for (const l of lines) out += formatLine(l, q.timestamps);
  if (q.limitBytes !== undefined && out.length > q.limitBytes) out = out.slice(0, q.limitBytes);
  return out;
}
