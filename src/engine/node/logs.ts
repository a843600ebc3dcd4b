// Container logs as the kubelet keeps them (CRI log files): timestamped lines per container
// instance, the previous instance kept for `--previous`, followers notified as lines arrive.
// SIMPLIFICATION: a line cap per container instead of size-based rotation (10 MiB upstream).
import { rfc3339Nano } from './time-format';
import type { SharedLogLine } from './images/types';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

const MAX_LINES = 5000;

type Entry = string | SharedLogLine;
type Follower = (l: LogLine) => void;

/**
 * Lines are kept column-wise (entries, times, and the few stderr indices) rather than one
 * object per line: with thousands of pods the per-line objects were a large part of the heap.
 * An entry is the line's text, or a shared line of the image (its start-up lines) rendered
 * from the line's time when read. Follower sets and the stderr index exist only once used.
 */
export class ContainerLog {
  private entries: Entry[] = [];
  private times: number[] = [];
  /** Absolute indices of the text entries written to stderr (shared lines know their stream). */
  private stderr?: Set<number>;
  private dropped = 0;
  private followers?: Set<Follower>;
  private endWatchers?: Set<() => void>;
  ended = false;

  append(line: LogLine): void {
    if (line.stream === 'stderr') (this.stderr ??= new Set()).add(this.dropped + this.entries.length);
    this.push(flat(line.text), line.at);
    if (this.followers) for (const f of this.followers) f(line);
  }

  /** Appends a line shared with other containers, logged at `at`. */
  appendShared(line: SharedLogLine, at: number): void {
    this.push(line, at);
    if (this.followers?.size) {
      const l: LogLine = { at, stream: line.stream, text: line.text(at) };
      for (const f of this.followers) f(l);
    }
  }

  private push(e: Entry, at: number): void {
    this.entries.push(e);
    this.times.push(at);
    if (this.entries.length > MAX_LINES) {
      const cut = this.entries.length - MAX_LINES;
      this.entries.splice(0, cut);
      this.times.splice(0, cut);
      if (this.stderr) for (let i = this.dropped; i < this.dropped + cut; i++) this.stderr.delete(i);
      this.dropped += cut;
    }
  }

  get length(): number {
    return this.entries.length;
  }

  /** The kept lines, oldest first. */
  get lines(): LogLine[] {
    return this.entries.map((e, i) => {
      const at = this.times[i]!;
      if (typeof e !== 'string') return { at, text: e.text(at), stream: e.stream };
      return { at, text: e, stream: this.stderr?.has(this.dropped + i) ? 'stderr' : 'stdout' };
    });
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
