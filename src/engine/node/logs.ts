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

export class ContainerLog {
  lines: LogLine[] = [];
  private followers = new Set<(l: LogLine) => void>();
  ended = false;
  private endWatchers = new Set<() => void>();

  append(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    for (const f of this.followers) f(line);
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
