// Helpers shared by the coreutils: GNU getopt-style option parsing (permuted operands, clustered
// short flags, --long[=value]), reading named files or stdin with GNU error texts, UTF-8 bytes.
// Leaves out: option abbreviations of long options (GNU accepts unique prefixes).
import type { CommandContext } from '../../interpreter/types';
import { VfsError } from '../../vfs/vfs';

export interface OptSpec {
  /** Short options; a following ':' means it takes an argument (getopt syntax). */
  short: string;
  /** Long option name → short key (or own key) and whether it takes an argument. */
  long?: Record<string, { key: string; arg: boolean }>;
  /** Stop at the first operand (like POSIXLY_CORRECT / `+` in optstring). */
  stopAtOperand?: boolean;
}

export interface ParsedOpts {
  opts: Map<string, string[]>;
  args: string[];
  has(k: string): boolean;
  last(k: string): string | undefined;
}

export class UsageError extends Error {}

export function parseOpts(name: string, argv: string[], spec: OptSpec): ParsedOpts {
  const opts = new Map<string, string[]>();
  const args: string[] = [];
  const add = (k: string, v: string): void => { const l = opts.get(k); if (l) l.push(v); else opts.set(k, [v]); };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const lname = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const def = spec.long[lname];
      if (!def) throw new UsageError(`${name}: unrecognized option '${a}'`);
      if (def.arg) {
        if (eq >= 0) add(def.key, a.slice(eq + 1));
        else if (i + 1 < argv.length) add(def.key, argv[++i]);
        else throw new UsageError(`${name}: option '--${lname}' requires an argument`);
      } else {
        if (eq >= 0) throw new UsageError(`${name}: option '--${lname}' doesn't allow an argument`);
        add(def.key, '');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const idx = spec.short.indexOf(c);
        if (idx < 0 || c === ':') throw new UsageError(`${name}: invalid option -- '${c}'`);
        if (spec.short[idx + 1] === ':') {
          const rest = a.slice(j + 1);
          if (rest !== '') add(c, rest);
          else if (i + 1 < argv.length) add(c, argv[++i]);
          else throw new UsageError(`${name}: option requires an argument -- '${c}'`);
          break;
        }
        add(c, '');
      }
      continue;
    }
    if (spec.stopAtOperand) { args.push(...argv.slice(i)); break; }
    args.push(a);
  }
  return {
    opts, args,
    has: (k) => opts.has(k),
    last: (k) => { const l = opts.get(k); return l ? l[l.length - 1] : undefined; },
  };
}

/** Prints a usage error the GNU way and returns the exit status. */
export function usageError(ctx: CommandContext, e: UsageError, status = 1): number {
  ctx.stderr.write(`${e.message}\nTry '${ctx.argv[0]} --help' for more information.\n`);
  return status;
}

/** Runs `fn` with parsed options, turning a UsageError into GNU's message and `status`. */
export function withOpts(ctx: CommandContext, spec: OptSpec, status: number, fn: (p: ParsedOpts) => Promise<number>): Promise<number> {
  let p: ParsedOpts;
  try { p = parseOpts(ctx.argv[0], ctx.argv.slice(1), spec); }
  catch (e) { if (e instanceof UsageError) return Promise.resolve(usageError(ctx, e, status)); throw e; }
  return fn(p);
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Reads a named file ('-' = stdin) as text. */
export async function readInput(ctx: CommandContext, name: string): Promise<ReadResult> {
  if (name === '-') return { ok: true, text: await ctx.stdin.readAll() };
  if (name === '/dev/null') return { ok: true, text: '' };
  try {
    return { ok: true, text: ctx.fs.readFile(ctx.fs.resolve(name, ctx.cwd)) };
  } catch (e) {
    if (e instanceof VfsError) return { ok: false, reason: e.reason };
    throw e;
  }
}

/** Splits text into lines without their '\n'; a final line without '\n' is kept. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

export function utf8Decode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let c: number;
    let n: number;
    if (b < 0x80) { c = b; n = 1; }
    else if (b >= 0xf0) { c = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63); n = 4; }
    else if (b >= 0xe0) { c = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63); n = 3; }
    else if (b >= 0xc0) { c = ((b & 31) << 6) | (bytes[i + 1] & 63); n = 2; }
    else { c = 0xfffd; n = 1; }
    out += String.fromCodePoint(Number.isNaN(c) ? 0xfffd : c);
    i += n;
  }
  return out;
}

/** C-locale (byte order) comparison, as LC_ALL=C.UTF-8 sorts. */
export function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime in UTC for the C locale. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear(), m = d.getUTCMonth(), day = d.getUTCDate();
  const H = d.getUTCHours(), M = d.getUTCMinutes(), S = d.getUTCSeconds(), wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) { out += c; continue; }
    const f = fmt[++i];
    switch (f) {
      case 'Y': out += Y; break;
      case 'y': out += p2(Y % 100); break;
      case 'C': out += p2(Math.floor(Y / 100)); break;
      case 'm': out += p2(m + 1); break;
      case 'd': out += p2(day); break;
      case 'e': out += String(day).padStart(2, ' '); break;
      case 'H': out += p2(H); break;
      case 'k': out += String(H).padStart(2, ' '); break;
      case 'I': out += p2(H % 12 === 0 ? 12 : H % 12); break;
      case 'l': out += String(H % 12 === 0 ? 12 : H % 12).padStart(2, ' '); break;
      case 'M': out += p2(M); break;
      case 'S': out += p2(S); break;
      case 'N': out += String((ms % 1000 + 1000) % 1000 * 1000000).padStart(9, '0'); break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 'P': out += H < 12 ? 'am' : 'pm'; break;
      case 'a': out += DAYS[wd]; break;
      case 'A': out += DAYS_LONG[wd]; break;
      case 'b': case 'h': out += MONTHS[m]; break;
      case 'B': out += MONTHS_LONG[m]; break;
      case 'j': out += String(yday).padStart(3, '0'); break;
      case 'u': out += wd === 0 ? 7 : wd; break;
      case 'w': out += wd; break;
      case 's': out += Math.floor(ms / 1000); break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 'T': out += `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'R': out += `${p2(H)}:${p2(M)}`; break;
      case 'D': out += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'F': out += `${Y}-${p2(m + 1)}-${p2(day)}`; break;
      case 'c': out += `${DAYS[wd]} ${MONTHS[m]} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`; break;
      case 'x': out += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'X': out += `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + f;
    }
  }
  return out;
}
