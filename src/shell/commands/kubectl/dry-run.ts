// kubectl v1.32's reading of --dry-run before a command runs: a bare `--dry-run` (the flag's
// NoOptDefVal) and the old boolean values still work but print klog's deprecation warning;
// the flag is then rewritten to `client`/`none` so every sub-command sees a valid strategy.
// Models kubectl/pkg/cmd/util/helpers.go GetDryRunStrategy and klog's header
// (`Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`). SIMPLIFICATION: the thread id is fixed.
import type { Flags } from './flags';

const KLOG_PID = 4242;

/** A klog warning line as kubectl prints it on stderr (UTC, the node's time zone). */
export function klogWarning(nowMs: number, fileLine: string, msg: string): string {
  const d = new Date(nowMs);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String((nowMs % 1000) * 1000).padStart(6, '0');
  return `W${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(KLOG_PID).padStart(7)} ${fileLine}] ${msg}\n`;
}

const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** Rewrites deprecated --dry-run forms in place, printing kubectl's warning through `warn`. */
export function normalizeDryRun(flags: Flags, nowMs: number, warn: (s: string) => void): void {
  if (!flags.changed('dry-run')) return;
  const v = flags.str('dry-run');
  let to: string | undefined;
  if (v === 'unchanged') {
    warn(klogWarning(nowMs, 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.'));
    to = 'client';
  } else if (TRUE.includes(v)) {
    warn(klogWarning(nowMs, 'helpers.go:716', `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=client.`));
    to = 'client';
  } else if (FALSE.includes(v)) {
    warn(klogWarning(nowMs, 'helpers.go:719', `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=none.`));
    to = 'none';
  }
  if (to !== undefined) flags.p.values.set('dry-run', to);
}
