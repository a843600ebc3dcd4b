// Time and text formats the simulated programs print: nginx, Apache common log, werkzeug,
// redis, klog, HTTP dates, busybox `date`. All in UTC (containers run with TZ unset).
// Leaves out locales and time zones other than UTC.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; wd: number }
function parts(ms: number): Parts {
  const t = new Date(ms);
  return {
    y: t.getUTCFullYear(), mo: t.getUTCMonth(), d: t.getUTCDate(), h: t.getUTCHours(),
    mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds(), wd: t.getUTCDay(),
  };
}
const hms = (p: Parts): string => `${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;

/** nginx error log: `2026/11/22 10:00:00` */
export function nginxErrorTime(ms: number): string {
  const p = parts(ms);
  return `${p.y}/${p2(p.mo + 1)}/${p2(p.d)} ${hms(p)}`;
}

/** Common/combined log format $time_local: `22/Nov/2026:10:00:05 +0000` */
export function clfTime(ms: number): string {
  const p = parts(ms);
  return `${p2(p.d)}/${MONTHS[p.mo]}/${p.y}:${hms(p)} +0000`;
}

/** werkzeug (Python BaseHTTPRequestHandler.log_date_time_string): `22/Nov/2026 10:00:05` */
export function werkzeugTime(ms: number): string {
  const p = parts(ms);
  return `${p2(p.d)}/${MONTHS[p.mo]}/${p.y} ${hms(p)}`;
}

/** redis serverLog: `22 Nov 2026 10:00:00.000` */
export function redisTime(ms: number): string {
  const p = parts(ms);
  return `${p2(p.d)} ${MONTHS[p.mo]} ${p.y} ${hms(p)}.${p3(p.ms)}`;
}

/** klog header without severity: `1122 10:00:00.123456` (microseconds from ms + sub-ms part). */
export function klogTime(ms: number, micros = 0): string {
  const p = parts(ms);
  return `${p2(p.mo + 1)}${p2(p.d)} ${hms(p)}.${p3(p.ms)}${p3(micros)}`;
}

/** RFC 3339 with microseconds, as etcd's zap logger prints: `2026-11-22T10:00:00.123456Z` */
export function isoMicros(ms: number, micros = 0): string {
  const p = parts(ms);
  return `${p.y}-${p2(p.mo + 1)}-${p2(p.d)}T${hms(p)}.${p3(p.ms)}${p3(micros)}Z`;
}

/** HTTP Date header (RFC 7231 IMF-fixdate): `Sun, 22 Nov 2026 10:00:05 GMT` */
export function httpDate(ms: number): string {
  const p = parts(ms);
  return `${DAYS[p.wd]}, ${p2(p.d)} ${MONTHS[p.mo]} ${p.y} ${hms(p)} GMT`;
}

/** busybox/coreutils `date` in UTC: `Sun Nov 22 10:00:00 UTC 2026` */
export function unixDate(ms: number): string {
  const p = parts(ms);
  return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${String(p.d).padStart(2, ' ')} ${hms(p)} UTC ${p.y}`;
}

/** Apache httpd error log: `Sun Nov 22 10:00:00.123456 2026` */
export function httpdTime(ms: number, micros = 0): string {
  const p = parts(ms);
  return `${DAYS[p.wd]} ${MONTHS[p.mo]} ${p2(p.d)} ${hms(p)}.${p3(p.ms)}${p3(micros)} ${p.y}`;
}

/** UTF-8 encode text into a binary string (one char per byte). */
export function utf8Encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Path plus query of a URL (`http://10.244.1.5:80/a?b` → `/a?b`); `/` when empty. */
export function requestTarget(url: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*([^#]*)/.exec(url);
  const t = m ? m[1]! : url.replace(/#.*$/, '');
  return t === '' ? '/' : t.startsWith('?') ? `/${t}` : t;
}

/** Host (and port) part of a URL. */
export function urlHost(url: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  return m ? m[1]! : '';
}

/** Case-insensitive header lookup. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}
