// Timestamp formats of the Kubernetes API: metav1.Time (RFC 3339, seconds) and
// metav1.MicroTime (RFC 3339 with microseconds), from virtual epoch milliseconds.

let lastSecond = Number.NaN;
let lastText = '';

/** metav1.Time text. Consecutive calls in the same second share one string (memory: many objects carry it). */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The default start of virtual time: a fixed instant, so transcripts are reproducible. */
export const DEFAULT_EPOCH = Date.UTC(2026, 10, 22, 9, 0, 0);
