// Human-readable durations as kubectl shows them in AGE, RESTARTS "(5m ago)", LAST SEEN...
// Models staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go (HumanDuration,
// ShortHumanDuration) and printers.go translateTimestampSince. Inputs are milliseconds of
// virtual time; Go's time.Duration integer truncation (toward zero) is reproduced exactly.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(d.Seconds()) etc.: truncation toward zero. */
function trunc(ms: number, unit: number): number {
  return Math.trunc(ms / unit);
}

/** Succinct duration with one unit: `45s`, `3m`, `5h`, `12d`, `2y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = trunc(ms, SECOND);
  // Up to 2s in the future counts as "now" (clock skew tolerance upstream).
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** Duration with ~2-3 significant figures: `90s`, `3m20s`, `2h5m`, `3d4h`, `2y30d`. */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parses an RFC 3339 timestamp to epoch ms; undefined when missing or malformed. */
export function timestampMs(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** Elapsed time since `ts` (RFC 3339) as HumanDuration; `<unknown>` for a zero/missing time. */
export function translateTimestampSince(ts: string | undefined | null, now: number): string {
  const t = timestampMs(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}
