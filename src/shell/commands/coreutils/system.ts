// Process and system coreutils on virtual time: sleep, timeout (exit 124), watch (procps-ng 3.3
// frames), date, hostname, whoami, id, uname, env, true, false, test/[, clear.
// Leaves out: real signals (timeout -s only changes the exit code of KILL), watch -d highlighting,
// locales and time zones other than UTC.
import { shellQuote } from '../../interpreter/signals';
import { BufferWriter, InterruptController } from '../../interpreter/streams';
import type { Command, CommandContext } from '../../interpreter/types';
import { strftime } from './common';

/** Parses GNU sleep/timeout durations: `5`, `0.5`, `2m`, `1h`, `1d`. Null when invalid. */
export function parseDuration(s: string): number | null {
  const m = /^([0-9]*\.?[0-9]+|[0-9]+\.)([smhd]?)$/.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
  return Number(m[1]) * mult[m[2]] * 1000;
}

export const sleep: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) { ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n"); return 1; }
  let ms = 0;
  for (const a of args) {
    const d = parseDuration(a);
    if (d === null) { ctx.stderr.write(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`); return 1; }
    ms += d;
  }
  await ctx.sys.sleep(ms, ctx.interrupt);
  return ctx.interrupt.aborted ? 130 : 0;
};

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

export const timeout: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let signal = 'TERM';
  let preserve = false;
  let verbose = false;
  while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift() as string;
    if (a === '--') break;
    if (a === '-s' || a === '--signal') { signal = args.shift() ?? 'TERM'; continue; }
    if (a.startsWith('--signal=')) { signal = a.slice(9); continue; }
    if (a.startsWith('-s')) { signal = a.slice(2); continue; }
    if (a === '-k' || a === '--kill-after') { args.shift(); continue; }
    if (a.startsWith('-k') || a.startsWith('--kill-after=')) continue;
    if (a === '--preserve-status') { preserve = true; continue; }
    if (a === '--foreground') continue;
    if (a === '-v' || a === '--verbose') { verbose = true; continue; }
    ctx.stderr.write(`timeout: invalid option -- '${a.slice(1, 2)}'\nTry 'timeout --help' for more information.\n`);
    return 125;
  }
  if (args.length < 2) {
    ctx.stderr.write(args.length === 0 ? "timeout: missing operand\nTry 'timeout --help' for more information.\n"
      : `timeout: missing operand after ‘${args[0]}’\nTry 'timeout --help' for more information.\n`);
    return 125;
  }
  const ms = parseDuration(args[0]);
  if (ms === null) { ctx.stderr.write(`timeout: invalid time interval ‘${args[0]}’\nTry 'timeout --help' for more information.\n`); return 125; }
  const sigName = signal.toUpperCase().replace(/^SIG/, '');
  const sigNum = /^[0-9]+$/.test(sigName) ? Number(sigName) : SIGNALS[sigName];
  if (sigNum === undefined) { ctx.stderr.write(`timeout: ${signal}: invalid signal\nTry 'timeout --help' for more information.\n`); return 125; }
  const cmd = args.slice(1);
  const { ctl, dispose } = InterruptController.childOf(ctx.interrupt);
  const timer = new InterruptController();
  let timedOut = false;
  if (ms > 0) {
    void ctx.sys.sleep(ms, timer).then(() => {
      if (timer.aborted) return;
      timedOut = true;
      if (verbose) ctx.stderr.write(`timeout: sending signal ${sigName} to command ‘${cmd[0]}’\n`);
      ctl.abort();
    });
  }
  let code: number;
  try {
    code = await ctx.run(cmd.map(shellQuote).join(' '), { interrupt: ctl });
  } finally {
    timer.abort();
    dispose();
  }
  if (timedOut) return preserve ? 128 + sigNum : sigNum === 9 ? 137 : 124;
  return code;
};

/** ctime(3) layout: `Sat Nov 22 10:00:00 2026`. */
export function ctime(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Y', ms);
}

/** procps-ng watch title line: interval and command left, `host: time` flush right. */
export function watchHeader(intervalS: number, command: string, hostname: string, ms: number, width: number): string {
  const header = `Every ${intervalS.toFixed(1)}s: `;
  const right = `${hostname}: ${ctime(ms)}`;
  const hlen = header.length;
  const rhlen = right.length + 1; // procps counts ctime's trailing newline
  const line = new Array<string>(Math.max(width, 0)).fill(' ');
  const put = (col: number, s: string): void => { for (let i = 0; i < s.length && col + i < width; i++) if (col + i >= 0) line[col + i] = s[i]; };
  if (width < rhlen) return '';
  if (rhlen + hlen + 1 <= width) {
    put(0, header);
    if (rhlen + hlen + 2 <= width) {
      if (width < rhlen + hlen + 4) put(width - rhlen - 4, '... ');
      else if (width < rhlen + hlen + command.length) {
        put(hlen, command.slice(0, width - rhlen - hlen - 4));
        put(width - rhlen - 4, '... ');
      } else put(hlen, command);
    }
  }
  put(width - rhlen + 1, right);
  return line.join('').replace(/ +$/, '');
}

export const watch: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let exec = false;
  let chgexit = false;
  while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift() as string;
    if (a === '--') break;
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split('=', 2);
      if (name === 'interval') { const v = val ?? args.shift(); interval = Number(v); if (Number.isNaN(interval)) return badInterval(ctx, v ?? ''); }
      else if (name === 'no-title') title = false;
      else if (name === 'exec') exec = true;
      else if (name === 'chgexit') chgexit = true;
      else if (['differences', 'beep', 'errexit', 'color', 'no-wrap', 'precise'].includes(name)) { /* accepted, no effect */ }
      else { ctx.stderr.write(`watch: unrecognized option '${a}'\n${WATCH_USAGE}`); return 1; }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'n') {
        const v = a.slice(j + 1) || args.shift();
        if (v === undefined) { ctx.stderr.write(`watch: option requires an argument -- 'n'\n${WATCH_USAGE}`); return 1; }
        interval = Number(v.replace(',', '.'));
        if (Number.isNaN(interval)) return badInterval(ctx, v);
        break;
      }
      if (c === 't') title = false;
      else if (c === 'x') exec = true;
      else if (c === 'g') chgexit = true;
      else if ('dbecwp'.includes(c)) { /* accepted, no effect */ }
      else { ctx.stderr.write(`watch: invalid option -- '${c}'\n${WATCH_USAGE}`); return 1; }
    }
  }
  if (args.length === 0) { ctx.stderr.write(WATCH_USAGE); return 1; }
  if (interval < 0.1) interval = 0.1;
  const command = exec ? args.map(shellQuote).join(' ') : args.join(' ');
  const shown = args.join(' ');
  const tty = ctx.isTTY;
  // Like ncurses on xterm: switch to the alternate screen, restore the old one on exit.
  if (tty) ctx.stdout.write('\x1b[?1049h');
  let previous: string | null = null;
  try {
    while (!ctx.interrupt.aborted) {
      const started = ctx.sys.now();
      const buf = new BufferWriter();
      await ctx.run(command, { stdout: buf, stderr: buf, isTTY: false, stdin: { read: async () => null, readAll: async () => '' } });
      if (ctx.interrupt.aborted) break;
      const output = buf.text();
      let frame = tty ? '\x1b[H\x1b[2J' : '';
      if (title) frame += watchHeader(interval, shown, ctx.sys.hostname, started, ctx.columns) + '\n\n';
      frame += tty ? clipToScreen(output, ctx.columns, ctx.rows - (title ? 2 : 0)) : output;
      ctx.stdout.write(frame);
      if (chgexit && previous !== null && previous !== output) break;
      previous = output;
      await ctx.sys.sleep(interval * 1000, ctx.interrupt);
    }
  } finally {
    if (tty) ctx.stdout.write('\x1b[?1049l');
  }
  return 0;
};

const WATCH_USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

function badInterval(ctx: CommandContext, v: string): number {
  ctx.stderr.write(`watch: failed to parse argument: '${v}'\n`);
  return 1;
}

/** Keeps what fits on the screen below the title (lines wrap at `columns`). */
function clipToScreen(text: string, columns: number, rows: number): string {
  if (rows <= 0) return '';
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let used = 0;
  for (const l of lines) {
    const h = Math.max(1, Math.ceil([...l].length / Math.max(1, columns)));
    if (used + h > rows) {
      const left = rows - used;
      if (left > 0) out.push([...l].slice(0, left * columns).join(''));
      break;
    }
    out.push(l);
    used += h;
  }
  return out.length ? out.join('\n') + (out.length === lines.length && text.endsWith('\n') ? '\n' : '') : '';
}

export const date: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let ms = ctx.sys.now();
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-u' || a === '--utc' || a === '--universal') continue;
    if (a === '-d' || a === '--date' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const v = a === '-d' || a === '--date' ? args[++i] ?? '' : a.startsWith('--date=') ? a.slice(7) : a.slice(2);
      const parsed = parseDate(v, ms);
      if (parsed === null) { ctx.stderr.write(`date: invalid date ‘${v}’\n`); return 1; }
      ms = parsed;
      continue;
    }
    if (a === '-R' || a === '--rfc-email') { fmt = '%a, %d %b %Y %H:%M:%S %z'; continue; }
    if (a === '-I' || a === '--iso-8601' || a === '-Idate' || a === '--iso-8601=date') { fmt = '%Y-%m-%d'; continue; }
    if (a === '-Iseconds' || a === '--iso-8601=seconds') { fmt = '%Y-%m-%dT%H:%M:%S+00:00'; continue; }
    if (a === '-Iminutes' || a === '--iso-8601=minutes') { fmt = '%Y-%m-%dT%H:%M+00:00'; continue; }
    if (a === '-Ihours' || a === '--iso-8601=hours') { fmt = '%Y-%m-%dT%H+00:00'; continue; }
    if (a === '--rfc-3339=seconds') { fmt = '%Y-%m-%d %H:%M:%S+00:00'; continue; }
    if (a.startsWith('+')) { fmt = a.slice(1); continue; }
    if (a.startsWith('-')) { ctx.stderr.write(`date: invalid option -- '${a.slice(1, 2)}'\nTry 'date --help' for more information.\n`); return 1; }
    ctx.stderr.write(`date: invalid date ‘${a}’\n`);
    return 1;
  }
  ctx.stdout.write(strftime(fmt, ms) + '\n');
  return 0;
};

function parseDate(v: string, now: number): number | null {
  const s = v.trim();
  if (s === '' || s === 'now') return now;
  if (/^@-?[0-9]+(\.[0-9]+)?$/.test(s)) return Number(s.slice(1)) * 1000;
  const rel = /^([+-]?[0-9]+) ?(second|minute|hour|day|week)s?( ago)?$/.exec(s);
  if (rel) {
    const unit: Record<string, number> = { second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5 };
    return now + Number(rel[1]) * unit[rel[2]] * (rel[3] ? -1 : 1);
  }
  if (s === 'yesterday') return now - 864e5;
  if (s === 'tomorrow') return now + 864e5;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]00:?00)?$/.exec(s);
  if (iso) return Date.UTC(+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0));
  return null;
}

/**
 * `hostname`, and `-i`: the host name's addresses as the resolver finds them in /etc/hosts (the
 * node's 127.0.1.1; in a container the kubelet-managed file maps it to the pod IP). Models
 * busybox networking/hostname.c (addresses joined by one space). SIMPLIFICATION: `--ip-address`
 * works in every userland, though busybox builds it without that long option.
 */
export const hostname: Command = async (ctx) => {
  const a = ctx.argv[1];
  if (a === '-i' || a === '--ip-address') {
    const ips = hostsAddresses(ctx.fs.exists('/etc/hosts') ? ctx.fs.readFile('/etc/hosts') : '', ctx.sys.hostname);
    if (ips.length === 0) {
      ctx.stderr.write('hostname: Name or service not known\n');
      return 1;
    }
    ctx.stdout.write(ips.join(' ') + '\n');
    return 0;
  }
  ctx.stdout.write(ctx.sys.hostname + '\n');
  return 0;
};

/** The IPv4 addresses /etc/hosts gives `name`, in file order (comments and IPv6 lines skipped). */
export function hostsAddresses(hosts: string, name: string): string[] {
  const ips: string[] = [];
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip) && names.includes(name) && !ips.includes(ip)) ips.push(ip);
  }
  return ips;
}

export const whoami: Command = async (ctx) => { ctx.stdout.write(ctx.sys.user + '\n'); return 0; };

export const id: Command = async (ctx) => {
  const u = ctx.sys.user;
  const uid = u === 'root' ? 0 : 1000;
  if (ctx.argv[1] === '-u') { ctx.stdout.write(`${uid}\n`); return 0; }
  if (ctx.argv[1] === '-un' || ctx.argv[1] === '-nu') { ctx.stdout.write(`${u}\n`); return 0; }
  ctx.stdout.write(uid === 0 ? 'uid=0(root) gid=0(root) groups=0(root)\n'
    : `uid=1000(${u}) gid=1000(${u}) groups=1000(${u}),4(adm),24(cdrom),27(sudo),30(dip),46(plugdev)\n`);
  return 0;
};

export const uname: Command = async (ctx) => {
  const flags = new Set(ctx.argv.slice(1).join('').replace(/-/g, ''));
  const parts = {
    s: 'Linux', n: ctx.sys.hostname, r: '5.15.0-91-generic', v: '#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023',
    m: 'x86_64', p: 'x86_64', i: 'x86_64', o: 'GNU/Linux',
  };
  const order = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'] as const;
  const sel = flags.has('a') ? order : order.filter((k) => flags.has(k));
  ctx.stdout.write((sel.length ? sel.map((k) => parts[k]) : [parts.s]).join(' ') + '\n');
  return 0;
};

export const env: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const assigns: string[] = [];
  let ignore = false;
  while (args.length > 0) {
    if (args[0] === '-i' || args[0] === '-' || args[0] === '--ignore-environment') { ignore = true; args.shift(); continue; }
    if (args[0] === '-u' || args[0] === '--unset') { args.shift(); const n = args.shift(); if (n) assigns.push(`unset:${n}`); continue; }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) { assigns.push(args.shift() as string); continue; }
    break;
  }
  if (args.length === 0) {
    const vars = new Map(ignore ? [] : ctx.env);
    for (const a of assigns) {
      if (a.startsWith('unset:')) { vars.delete(a.slice(6)); continue; }
      const eq = a.indexOf('=');
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    ctx.stdout.write([...vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  // SIMPLIFICATION: `env -i cmd` still passes the shell's exported variables.
  const prefix = assigns.filter((a) => !a.startsWith('unset:')).map((a) => {
    const eq = a.indexOf('=');
    return `${a.slice(0, eq)}=${shellQuote(a.slice(eq + 1))}`;
  });
  return ctx.run([...prefix, ...args.map(shellQuote)].join(' '));
};

export const trueCmd: Command = async () => 0;
export const falseCmd: Command = async () => 1;

export const clear: Command = async (ctx) => { ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J'); return 0; };

// ---------- test / [ ----------

class TestError extends Error {}

function testInt(s: string): number {
  if (!/^\s*[+-]?[0-9]+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`);
  return parseInt(s, 10);
}

function evalTest(args: string[], ctx: CommandContext): boolean {
  const fs = ctx.fs;
  const path = (p: string): string => fs.resolve(p, ctx.cwd);
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-e': case '-a': return a !== '' && fs.exists(path(a));
      case '-f': return a !== '' && fs.isFile(path(a));
      case '-d': return a !== '' && fs.isDir(path(a));
      case '-s': { const st = a !== '' ? fs.stat(path(a)) : null; return st !== null && st.size > 0; }
      case '-r': case '-w': return a !== '' && fs.exists(path(a));
      case '-x': { const st = a !== '' ? fs.stat(path(a)) : null; return st !== null && (st.type === 'dir' || (st.mode & 0o111) !== 0); }
      case '-L': case '-h': case '-p': case '-S': case '-b': case '-c': return false;
      case '-t': return ctx.isTTY && a === '1';
      default: throw new TestError(`${op}: unary operator expected`);
    }
  };
  const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot']);
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return testInt(a) === testInt(b);
      case '-ne': return testInt(a) !== testInt(b);
      case '-lt': return testInt(a) < testInt(b);
      case '-le': return testInt(a) <= testInt(b);
      case '-gt': return testInt(a) > testInt(b);
      case '-ge': return testInt(a) >= testInt(b);
      case '-nt': return (fs.stat(path(a))?.mtime ?? -Infinity) > (fs.stat(path(b))?.mtime ?? -Infinity);
      case '-ot': return (fs.stat(path(a))?.mtime ?? Infinity) < (fs.stat(path(b))?.mtime ?? Infinity);
      default: throw new TestError(`${op}: binary operator expected`);
    }
  };
  // POSIX rules by argument count, then a small recursive grammar for -a/-o/!/().
  const simple = (xs: string[]): boolean | undefined => {
    switch (xs.length) {
      case 0: return false;
      case 1: return xs[0] !== '';
      case 2: if (xs[0] === '!') return xs[1] === ''; return unary(xs[0], xs[1]);
      case 3:
        if (BINARY.has(xs[1])) return binary(xs[0], xs[1], xs[2]);
        if (xs[0] === '!') return !simple(xs.slice(1));
        if (xs[0] === '(' && xs[2] === ')') return xs[1] !== '';
        if (xs[1] === '-a' || xs[1] === '-o') return undefined;
        throw new TestError(`${xs[1]}: binary operator expected`);
      case 4:
        if (xs[0] === '!') return !simple(xs.slice(1));
        if (xs[0] === '(' && xs[3] === ')') return simple(xs.slice(1, 3));
        return undefined;
      default: return undefined;
    }
  };
  let i = 0;
  const orExpr = (): boolean => { let v = andExpr(); while (args[i] === '-o') { i++; const r = andExpr(); v = v || r; } return v; };
  const andExpr = (): boolean => { let v = notExpr(); while (args[i] === '-a') { i++; const r = notExpr(); v = v && r; } return v; };
  const notExpr = (): boolean => { if (args[i] === '!') { i++; return !notExpr(); } return primary(); };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(') {
      i++;
      const v = orExpr();
      if (args[i] !== ')') throw new TestError(`\`)' expected`);
      i++;
      return v;
    }
    if (args[i + 1] !== undefined && BINARY.has(args[i + 1]) && args[i + 2] !== undefined) { i += 3; return binary(a, args[i -2], args[i - 1]); }
    if (/^-[a-zA-Z]$/.test(a) && args[i + 1] !== undefined) { i += 2; return unary(a, args[i - 1]); }
    i++;
    return a !== '';
  };
  const s = simple(args);
  if (s !== undefined) return s;
  const v = orExpr();
  if (i < args.length) throw new TestError(`${args[i]}: unexpected operator`);
  return v;
}

export const test: Command = async (ctx) => {
  let args = ctx.argv.slice(1);
  const name = ctx.argv[0];
  if (name === '[') {
    if (args[args.length - 1] !== ']') { ctx.stderr.write("bash: [: missing `]'\n"); return 2; }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, ctx) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) { ctx.stderr.write(`bash: ${name}: ${e.message}\n`); return 2; }
    throw e;
  }
};
