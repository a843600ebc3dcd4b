// Container logs as the kubelet keeps them (CRI log files): timestamped lines per container
// instance, the previous instance kept for `--previous`, followers notified as lines arrive.
// SIMPLIFICATION: a line cap per container instead of size-based rotation (10 MiB upstream).
import { rfc3339Nano } from './time-format';

export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

const MAX_LINES = 5000;

/**
 * Lines are kept column-wise (texts, times, and the few stderr indices) rather than one object
 * per line: with thousands of pods the per-line objects were a large part of the heap.
 */
export class ContainerLog {
  private texts: string[] = [];
  private times: number[] = [];
  private stderr = new Set<number>();
  private dropped = 0;
  private followers = new Set<(l: LogLine) => void>();
  ended = false;
  private endWatchers = new Set<() => void>();

  append(line: LogLine): void {
    const index = this.dropped + this.texts.length;
    this.texts.push(flat(line.text));
    this.times.push(line.at);
    if (line.stream === 'stderr') this.stderr.add(index);
    if (this.texts.length > MAX_LINES) {
      const cut = this.texts.length - MAX_LINES;
      this.texts.splice(0, cut);
      this.times.splice(0, cut);
      for (let i = this.dropped; i < this.dropped + cut; i++) this.stderr.delete(i);
      this.dropped += cut;
    }
    for (const f of this.followers) f(line);
  }

  get length(): number {
    return this.texts.length;
  }

  /** The kept lines, oldest first. */
  get lines(): LogLine[] {
    return this.texts.map((text, i) => ({
      at: this.times[i],
      text,
      stream: this.stderr.has(this.dropped + i) ? 'stderr' : 'stdout',
    }));
  }

  follow(cb: (l: LogLine) => void, onEnd: () => void): () => void {
    this.followers.add(cb);
    this.endWatchers.add(onEnd);
    return () => {
      this.followers.delete(cb);
      this.endWatchers.delete(onEnd);
    };
  }

  end(): void {
    this.ended = true;
    for (const e of [...this.endWatchers]) e();
    this.followers.clear();
    this.endWatchers.clear();
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
