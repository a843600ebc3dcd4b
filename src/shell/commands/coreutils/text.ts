// Text coreutils with GNU coreutils 8.32 / grep 3.7 behaviour and messages: echo, printf, cat,
// grep, head, tail, wc, sort, uniq, cut, tr, base64, seq. Stream where the user can tell
// (cat, grep, head, tail -f work line by line on a growing pipe).
// Leaves out: locale collation (sorts as LC_ALL=C), multibyte-aware -c columns, grep -P/-r contexts.
import { readLines } from '../../interpreter/streams';
import type { Command, CommandContext } from '../../interpreter/types';
import type { ParsedOpts } from './common';
import { compareC, readInput, splitLines, utf8Decode, utf8Encode, withOpts } from './common';

// ---------- echo / printf ----------

/** Backslash escapes of `echo -e` and printf's %b. Returns [text, stop] where stop is `\c`. */
export function echoEscapes(s: string): [string, boolean] {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) { out += c; continue; }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return [out, true];
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))?.[0] ?? '';
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))?.[0];
        if (!m) { out += '\\x'; break; }
        out += String.fromCharCode(parseInt(m, 16));
        i += m.length;
        break;
      }
      default: out += '\\' + n;
    }
  }
  return [out, false];
}

export const echo: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) { if (c === 'n') newline = false; else if (c === 'e') escapes = true; else escapes = false; }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const [t, stop] = echoEscapes(text);
    text = t;
    if (stop) { ctx.stdout.write(text); return 0; }
  }
  ctx.stdout.write(newline ? text + '\n' : text);
  return 0;
};

function printfNumber(arg: string | undefined, ctx: CommandContext, bad: { v: boolean }): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const t = arg.trim();
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[+-]?0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^[+-]?[0-9]+$/.test(t)) return parseInt(t, 10);
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return Number(t);
  ctx.stderr.write(`bash: printf: ${arg}: invalid number\n`);
  bad.v = true;
  const m = /^[+-]?[0-9]+/.exec(t);
  return m ? parseInt(m[0], 10) : 0;
}

export const printf: Command = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write('bash: printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const fmt = args[0];
  const rest = args.slice(1);
  let ai = 0;
  const bad = { v: false };
  let out = '';
  let stop = false;
  const spec = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXeEfFgGcsbq%])/y;
  do {
    let consumed = false;
    for (let i = 0; i < fmt.length && !stop;) {
      const c = fmt[i];
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.?)/.exec(fmt.slice(i)) as RegExpExecArray;
        const e = m[1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
        if (/^[0-7]/.test(e)) out += String.fromCharCode(parseInt(e, 8));
        else if (e.startsWith('x') && e.length > 1) out += String.fromCharCode(parseInt(e.slice(1), 16));
        else if (e in simple) out += simple[e];
        else out += '\\' + e;
        i += m[0].length;
        continue;
      }
      if (c !== '%') { out += c; i++; continue; }
      spec.lastIndex = i;
      const m = spec.exec(fmt);
      if (!m) {
        ctx.stderr.write(`bash: printf: \`${fmt.slice(i + 1, i + 2)}': invalid format character\n`);
        ctx.stdout.write(out);
        return 1;
      }
      i = spec.lastIndex;
      const [, flags, widthS, precS, conv] = m;
      if (conv === '%') { out += '%'; continue; }
      let width = widthS === '*' ? printfNumber(rest[ai++], ctx, bad) : widthS ? Number(widthS) : 0;
      const prec = precS === undefined ? undefined : precS === '*' ? printfNumber(rest[ai++], ctx, bad) : Number(precS || '0');
      const arg = rest[ai++];
      if (arg !== undefined) consumed = true;
      let left = flags.includes('-');
      if (width < 0) { left = true; width = -width; }
      let body: string;
      switch (conv) {
        case 's': body = arg ?? ''; if (prec !== undefined) body = body.slice(0, prec); break;
        case 'b': { const [t, s] = echoEscapes(arg ?? ''); body = t; if (s) stop = true; break; }
        case 'q': body = arg === undefined ? "''" : /^[A-Za-z0-9_./-]+$/.test(arg) ? arg : arg.replace(/([^A-Za-z0-9_./-])/g, '\\$1'); break;
        case 'c': body = (arg ?? '').slice(0, 1); break;
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': {
          const n = Math.trunc(printfNumber(arg, ctx, bad));
          const abs = Math.abs(n);
          let digits = conv === 'o' ? abs.toString(8) : conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : String(abs);
          if (prec !== undefined) digits = digits.padStart(prec, '0');
          if (flags.includes('#') && abs !== 0 && (conv === 'x' || conv === 'X')) digits = (conv === 'x' ? '0x' : '0X') + digits;
          const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !left && prec === undefined) digits = digits.padStart(width - sign.length, '0');
          body = sign + digits;
          break;
        }
        default: {
          const n = printfNumber(arg, ctx, bad);
          const p = prec ?? 6;
          let s: string;
          if (conv === 'f' || conv === 'F') s = Math.abs(n).toFixed(p);
          else if (conv === 'e' || conv === 'E') s = cExp(Math.abs(n), p);
          else s = cG(Math.abs(n), p === 0 ? 1 : p, flags.includes('#'));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          if (flags.includes('0') && !left) s = s.padStart(width - sign.length, '0');
          body = sign + s;
        }
      }
      out += left ? body.padEnd(width) : body.padStart(width);
    }
    if (!consumed) break;
  } while (ai < rest.length && !stop);
  ctx.stdout.write(out);
  return bad.v ? 1 : 0;
};

function cExp(n: number, p: number): string {
  const s = n.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** C's %g. */
export function cG(n: number, p: number, alt = false): string {
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(n));
  let s: string;
  if (exp < -4 || exp >= p) {
    s = n.toExponential(p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
    s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    s = n.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

// ---------- cat ----------

export const cat: Command = (ctx) => withOpts(ctx, {
  short: 'nbsAETvet',
  long: { number: { key: 'n', arg: false }, 'number-nonblank': { key: 'b', arg: false }, 'squeeze-blank': { key: 's', arg: false } },
}, 1, async (p) => {
  const files = p.args.length ? p.args : ['-'];
  const number = p.has('n') || p.has('b');
  let lineNo = 0;
  let status = 0;
  const emit = (text: string): void => {
    if (!number) { ctx.stdout.write(text); return; }
    let out = '';
    for (const line of text.split(/(?<=\n)/)) {
      if (line === '') continue;
      if (p.has('b') && line === '\n') { out += line; continue; }
      out += `${String(++lineNo).padStart(6)}\t${line}`;
    }
    ctx.stdout.write(out);
  };
  for (const f of files) {
    if (f === '-') {
      if (number) { for await (const line of readLines(ctx.stdin)) emit(line); }
      else for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) ctx.stdout.write(c);
      continue;
    }
    const r = await readInput(ctx, f);
    if (!r.ok) { ctx.stderr.write(`cat: ${f}: ${r.reason}\n`); status = 1; continue; }
    emit(r.text);
  }
  return status;
});

// ---------- grep ----------

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** Converts a POSIX BRE or ERE to a JavaScript RegExp source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      // Bracket expression: copy through, translating [:class:].
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') { body += '^'; j++; }
      if (pattern[j] === ']') { body += '\\]'; j++; }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j));
        if (cls && POSIX_CLASSES[cls[1]]) { body += POSIX_CLASSES[cls[1]]; j += cls[0].length - 1; continue; }
        const ch = pattern[j];
        body += ch === '\\' || ch === '[' ? '\\' + ch : ch;
      }
      if (j >= pattern.length) throw new Error('Unmatched [, [^, [:, [., or [=');
      out += '[' + body + ']';
      i = j;
      continue;
    }
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      if (!extended && '+?|(){}'.includes(n)) out += n;
      else if ('<>'.includes(n)) out += '\\b';
      else out += '\\' + n;
      continue;
    }
    if (!extended && '+?|(){}'.includes(c)) { out += '\\' + c; continue; }
    if (c === '*' && (i === 0 || (!extended && pattern[i - 1] === '^' && i === 1))) { out += '\\*'; continue; }
    out += c;
  }
  return out;
}

export const grep: Command = (ctx) => withOpts(ctx, {
  short: 'ivcEFownlLqhHe:sxrRA:B:C:m:',
  long: {
    'ignore-case': { key: 'i', arg: false }, 'invert-match': { key: 'v', arg: false }, count: { key: 'c', arg: false },
    'extended-regexp': { key: 'E', arg: false }, 'fixed-strings': { key: 'F', arg: false }, 'only-matching': { key: 'o', arg: false },
    'word-regexp': { key: 'w', arg: false }, 'line-number': { key: 'n', arg: false }, 'files-with-matches': { key: 'l', arg: false },
    quiet: { key: 'q', arg: false }, silent: { key: 'q', arg: false }, regexp: { key: 'e', arg: true }, color: { key: 'color', arg: true },
    colour: { key: 'color', arg: true }, 'no-filename': { key: 'h', arg: false }, 'with-filename': { key: 'H', arg: false },
    'max-count': { key: 'm', arg: true },
  },
}, 2, async (p) => {
  const args = [...p.args];
  const patterns = p.opts.get('e') ?? [];
  if (patterns.length === 0) {
    const first = args.shift();
    if (first === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns.push(...first.split('\n'));
  }
  let re: RegExp;
  try {
    const srcs = patterns.map((pat) => p.has('F') ? pat.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(pat, p.has('E')));
    let src = srcs.map((s) => `(?:${s})`).join('|');
    if (p.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    if (p.has('x')) src = `^(?:${src})$`;
    re = new RegExp(src, p.has('i') ? 'gi' : 'g');
  } catch (e) {
    const msg = e instanceof Error && e.message.startsWith('Unmatched') ? e.message : 'Invalid regular expression';
    ctx.stderr.write(`grep: ${msg}\n`);
    return 2;
  }
  const files = args.length ? args : ['-'];
  const withName = p.has('H') || (files.length > 1 && !p.has('h'));
  const invert = p.has('v');
  const maxCount = p.last('m') !== undefined ? Number(p.last('m')) : Infinity;
  let anyMatch = false;
  let status = 0;
  // Context lines (-A/-B/-C, GNU grep): non-matching neighbours printed with '-' after the
  // name/number instead of ':', and a `--` line between groups that are not adjacent.
  const num = (k: string): number => {
    const v = p.last(k);
    return v === undefined ? 0 : Math.max(0, Number(v) || 0);
  };
  const after = p.has('A') ? num('A') : num('C');
  const before = p.has('B') ? num('B') : num('C');
  const contextual = (after > 0 || before > 0) && !p.has('o') && !p.has('c') && !p.has('q') && !p.has('l') && !p.has('L');
  let printedAny = false;
  for (const f of files) {
    const label = f === '-' ? '(standard input)' : f;
    let count = 0;
    let lineNo = 0;
    let lastPrinted = 0;
    let afterLeft = 0;
    const pending: [number, string][] = [];
    const emit = (no: number, line: string, sep: string) => {
      // A new group: not adjacent to the last line printed, or the first one of a later file.
      if (contextual && printedAny && (lastPrinted === 0 || no > lastPrinted + 1)) ctx.stdout.write('--\n');
      ctx.stdout.write((withName ? label + sep : '') + (p.has('n') ? no + sep : '') + line + '\n');
      lastPrinted = no;
      printedAny = true;
    };
    const handle = (rawLine: string): boolean => {
      lineNo++;
      const line = rawLine.endsWith('\n') ? rawLine.slice(0, -1) : rawLine;
      if (count >= maxCount) {
        // After the last allowed match GNU grep still prints its trailing context.
        if (contextual && afterLeft > 0) {
          afterLeft--;
          emit(lineNo, line, '-');
          return afterLeft > 0;
        }
        return false;
      }
      re.lastIndex = 0;
      const matched = re.test(line);
      if (matched === invert) {
        if (contextual) {
          if (afterLeft > 0) {
            afterLeft--;
            emit(lineNo, line, '-');
          } else if (before > 0) {
            pending.push([lineNo, line]);
            if (pending.length > before) pending.shift();
          }
        }
        return true;
      }
      count++;
      anyMatch = true;
      if (p.has('q') || p.has('l') || p.has('L')) return false;
      if (!p.has('c')) {
        const prefix = (withName ? label + ':' : '') + (p.has('n') ? lineNo + ':' : '');
        if (p.has('o') && !invert) {
          re.lastIndex = 0;
          let out = '';
          for (const m of line.matchAll(re)) if (m[0] !== '') out += prefix + m[0] + '\n';
          ctx.stdout.write(out);
        } else if (contextual) {
          for (const [no, text] of pending) emit(no, text, '-');
          pending.length = 0;
          emit(lineNo, line, ':');
          afterLeft = after;
        } else if (!p.has('o')) ctx.stdout.write(prefix + line + '\n');
      }
      return count < maxCount || (contextual && afterLeft > 0);
    };
    if (f === '-') {
      for await (const line of readLines(ctx.stdin)) if (!handle(line)) break;
    } else {
      const r = await readInput(ctx, f);
      if (!r.ok) {
        if (!p.has('s')) ctx.stderr.write(`grep: ${f}: ${r.reason}\n`);
        status = 2;
        continue;
      }
      for (const line of r.text.split(/(?<=\n)/)) { if (line === '') continue; if (!handle(line)) break; }
    }
    if (p.has('q') && anyMatch) return 0;
    if (p.has('c')) ctx.stdout.write((withName ? label + ':' : '') + count + '\n');
    if (p.has('l') && count > 0) ctx.stdout.write(label + '\n');
    if (p.has('L') && count === 0) ctx.stdout.write(label + '\n');
  }
  if (status === 2 && !(p.has('q') && anyMatch)) return 2;
  return anyMatch ? 0 : 1;
});

// ---------- head / tail ----------

/** Turns `-5` into `-n 5` (obsolete syntax accepted by GNU head and tail). */
function numericShorthand(argv: string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-[0-9]+$/.test(a) && !/^-[nc]$|^--(lines|bytes)$/.test(argv[i - 1]) ? `-n${a.slice(1)}` : a));
}

function parseCount(s: string): number | null {
  const m = /^([0-9]+)([kKmMgG]?[bB]?)?$/.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { '': 1, b: 512, k: 1024, K: 1024, kB: 1000, m: 1048576, M: 1048576, MB: 1000000, g: 1073741824, G: 1073741824 };
  return Number(m[1]) * (mult[m[2] ?? ''] ?? 1);
}

export const head: Command = (ctx) => withOpts({ ...ctx, argv: numericShorthand(ctx.argv) }, {
  short: 'n:c:qv',
  long: { lines: { key: 'n', arg: true }, bytes: { key: 'c', arg: true }, quiet: { key: 'q', arg: false }, verbose: { key: 'v', arg: false } },
}, 1, async (p) => {
  const nOpt = p.last('n') ?? '10';
  const cOpt = p.last('c');
  const allBut = (cOpt ?? nOpt).startsWith('-');
  const count = parseCount((cOpt ?? nOpt).replace(/^-/, ''));
  if (count === null) {
    ctx.stderr.write(cOpt !== undefined ? `head: invalid number of bytes: ‘${cOpt}’\n` : `head: invalid number of lines: ‘${nOpt}’\n`);
    return 1;
  }
  const files = p.args.length ? p.args : ['-'];
  let status = 0;
  let first = true;
  for (const f of files) {
    if ((files.length > 1 && !p.has('q')) || p.has('v')) {
      ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    }
    first = false;
    if (f === '-' && cOpt === undefined && !allBut) {
      let n = 0;
      if (count === 0) continue;
      for await (const line of readLines(ctx.stdin)) { ctx.stdout.write(line); if (++n >= count) break; }
      continue;
    }
    const r = await readInput(ctx, f);
    if (!r.ok) { ctx.stderr.write(`head: cannot open '${f}' for reading: ${r.reason}\n`); status = 1; continue; }
    if (cOpt !== undefined) {
      const bytes = utf8Encode(r.text);
      ctx.stdout.write(utf8Decode(allBut ? bytes.slice(0, Math.max(0, bytes.length - count)) : bytes.slice(0, count)));
      continue;
    }
    const lines = r.text.split(/(?<=\n)/).filter((l) => l !== '');
    ctx.stdout.write((allBut ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join(''));
  }
  return status;
});

export const tail: Command = (ctx) => withOpts({ ...ctx, argv: numericShorthand(ctx.argv) }, {
  short: 'n:c:fFqvs:',
  long: { lines: { key: 'n', arg: true }, bytes: { key: 'c', arg: true }, follow: { key: 'f', arg: false }, quiet: { key: 'q', arg: false }, verbose: { key: 'v', arg: false } },
}, 1, async (p) => {
  const nOpt = p.last('n') ?? '10';
  const cOpt = p.last('c');
  const spec = cOpt ?? nOpt;
  const fromStart = spec.startsWith('+');
  const count = parseCount(spec.replace(/^[+-]/, ''));
  if (count === null) {
    ctx.stderr.write(cOpt !== undefined ? `tail: invalid number of bytes: ‘${cOpt}’\n` : `tail: invalid number of lines: ‘${nOpt}’\n`);
    return 1;
  }
  const files = p.args.length ? p.args : ['-'];
  const follow = p.has('f') || p.has('F');
  let status = 0;
  const pick = (text: string): string => {
    if (cOpt !== undefined) {
      const bytes = utf8Encode(text);
      return utf8Decode(fromStart ? bytes.slice(Math.max(0, count - 1)) : bytes.slice(Math.max(0, bytes.length - count)));
    }
    const lines = text.split(/(?<=\n)/).filter((l) => l !== '');
    return (fromStart ? lines.slice(Math.max(0, count - 1)) : count === 0 ? [] : lines.slice(-count)).join('');
  };
  const sizes = new Map<string, number>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if ((files.length > 1 && !p.has('q')) || p.has('v')) ctx.stdout.write(`${i === 0 ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    if (f === '-' && follow) {
      // Following a pipe: print the last lines at EOF, like tail -f on a pipe.
      ctx.stdout.write(pick(await ctx.stdin.readAll()));
      continue;
    }
    const r = await readInput(ctx, f);
    if (!r.ok) { ctx.stderr.write(`tail: cannot open '${f}' for reading: ${r.reason}\n`); status = 1; continue; }
    ctx.stdout.write(pick(r.text));
    sizes.set(f, r.text.length);
  }
  if (follow && sizes.size > 0) {
    // SIMPLIFICATION: polls the files once per virtual second (GNU tail uses inotify).
    while (!ctx.interrupt.aborted) {
      await ctx.sys.sleep(1000, ctx.interrupt);
      if (ctx.interrupt.aborted) break;
      for (const [f, size] of sizes) {
        const r = await readInput(ctx, f);
        if (!r.ok) continue;
        if (r.text.length > size) ctx.stdout.write(r.text.slice(size));
        else if (r.text.length < size) ctx.stderr.write(`tail: ${f}: file truncated\n`);
        sizes.set(f, r.text.length);
      }
    }
    return 130;
  }
  return status;
});

// ---------- wc ----------

export const wc: Command = (ctx) => withOpts(ctx, {
  short: 'lwcmL',
  long: { lines: { key: 'l', arg: false }, words: { key: 'w', arg: false }, bytes: { key: 'c', arg: false }, chars: { key: 'm', arg: false }, 'max-line-length': { key: 'L', arg: false } },
}, 1, async (p) => {
  let want = ['l', 'w', 'm', 'c', 'L'].filter((k) => p.has(k));
  if (want.length === 0) want = ['l', 'w', 'c'];
  const files = p.args.length ? p.args : ['-'];
  type Counts = Record<string, number>;
  // GNU wc sizes its columns up front from the regular files' sizes (7 when reading a pipe),
  // or prints bare numbers for a single input with a single count.
  let width = 1;
  if (!(files.length === 1 && want.length === 1)) {
    let regularTotal = 0;
    let minimum = 1;
    for (const f of files) {
      const st = f === '-' ? null : ctx.fs.stat(ctx.fs.resolve(f, ctx.cwd));
      if (f === '-' || st?.type === 'dir') minimum = 7;
      else if (st) regularTotal += st.size;
    }
    width = Math.max(String(regularTotal).length, minimum);
  }
  const row = (counts: Counts, name: string | null): string => want.map((k) => String(counts[k]).padStart(width)).join(' ') + (name === null ? '' : ' ' + name) + '\n';
  let status = 0;
  const total: Counts = { l: 0, w: 0, c: 0, m: 0, L: 0 };
  for (const f of files) {
    const r = await readInput(ctx, f);
    if (!r.ok) { ctx.stderr.write(`wc: ${f}: ${r.reason}\n`); status = 1; continue; }
    const t = r.text;
    const counts: Counts = {
      l: (t.match(/\n/g) ?? []).length,
      w: (t.match(/[^\s]+/g) ?? []).length,
      c: utf8Encode(t).length,
      m: [...t].length,
      L: Math.max(0, ...t.split('\n').map((l) => [...l].length)),
    };
    for (const k of Object.keys(total)) total[k] = k === 'L' ? Math.max(total[k], counts[k]) : total[k] + counts[k];
    ctx.stdout.write(row(counts, f === '-' && p.args.length === 0 ? null : f));
  }
  if (files.length > 1) ctx.stdout.write(row(total, 'total'));
  return status;
});

export const tee: Command = (ctx) => withOpts(ctx, { short: 'a', long: { append: { key: 'a', arg: false } } }, 1, async (p) => {
  const paths: string[] = [];
  let status = 0;
  for (const f of p.args) {
    const path = ctx.fs.resolve(f, ctx.cwd);
    try {
      if (p.has('a')) ctx.fs.appendFile(path, ''); else ctx.fs.writeFile(path, '');
      paths.push(path);
    } catch (e) {
      ctx.stderr.write(`tee: ${f}: ${e instanceof Error && 'reason' in e ? String((e as { reason: string }).reason) : 'error'}\n`);
      status = 1;
    }
  }
  for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) {
    ctx.stdout.write(c);
    for (const path of paths) ctx.fs.appendFile(path, c);
  }
  return status;
});

// ---------- sort / uniq ----------

interface SortKey { startField: number; startChar: number; endField: number; endChar: number; numeric: boolean; reverse: boolean; fold: boolean; human: boolean }

function parseKey(spec: string, global: { n: boolean; r: boolean; f: boolean; h: boolean }): SortKey | null {
  const m = /^([0-9]+)(?:\.([0-9]+))?([bdfghinMRrV]*)(?:,([0-9]+)(?:\.([0-9]+))?([bdfghinMRrV]*))?$/.exec(spec);
  if (!m) return null;
  const flags = (m[3] ?? '') + (m[6] ?? '');
  const own = flags.replace(/b/g, '') !== '';
  return {
    startField: Number(m[1]), startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : Infinity, endChar: m[5] ? Number(m[5]) : 0,
    numeric: own ? flags.includes('n') : global.n, reverse: own ? flags.includes('r') : global.r,
    fold: own ? flags.includes('f') : global.f, human: own ? flags.includes('h') : global.h,
  };
}

function numericPrefix(s: string): number {
  const m = /^\s*(-?[0-9]*\.?[0-9]+|-?[0-9]+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function humanValue(s: string): number {
  const m = /^\s*(-?[0-9]*\.?[0-9]+)([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  const pow = ' KMGTPE'.indexOf((m[2] || ' ').toUpperCase());
  return Number(m[1]) * 1024 ** Math.max(0, pow);
}

function keyText(line: string, k: SortKey, sep: string | undefined): string {
  // Field boundaries: with -t, split on sep; otherwise a field is leading blanks + non-blanks.
  const fields: [number, number][] = [];
  if (sep !== undefined) {
    let start = 0;
    for (let i = 0; i <= line.length; i++) if (i === line.length || line[i] === sep) { fields.push([start, i]); start = i + 1; }
  } else {
    let i = 0;
    while (i < line.length) {
      const start = i;
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
      fields.push([start, i]);
    }
  }
  const sf = fields[k.startField - 1];
  if (!sf) return '';
  const begin = Math.min(sf[0] + k.startChar - 1, sf[1]);
  let end = line.length;
  if (k.endField !== Infinity) {
    const ef = fields[k.endField - 1];
    if (ef) end = k.endChar === 0 ? ef[1] : Math.min(ef[0] + k.endChar, ef[1]);
  }
  return line.slice(begin, Math.max(begin, end));
}

export const sort: Command = (ctx) => withOpts(ctx, {
  short: 'nrufk:t:hbsVo:',
  long: {
    'numeric-sort': { key: 'n', arg: false }, reverse: { key: 'r', arg: false }, unique: { key: 'u', arg: false },
    'ignore-case': { key: 'f', arg: false }, key: { key: 'k', arg: true }, 'field-separator': { key: 't', arg: true },
    'human-numeric-sort': { key: 'h', arg: false }, stable: { key: 's', arg: false }, 'version-sort': { key: 'V', arg: false },
  },
}, 2, async (p) => {
  const global = { n: p.has('n'), r: p.has('r'), f: p.has('f'), h: p.has('h') };
  const keys: SortKey[] = [];
  for (const spec of p.opts.get('k') ?? []) {
    const k = parseKey(spec, global);
    if (!k) { ctx.stderr.write(`sort: invalid number at field start: invalid count at start of ‘${spec}’\n`); return 2; }
    keys.push(k);
  }
  const sep = p.last('t');
  if (sep !== undefined && [...sep].length !== 1) { ctx.stderr.write(`sort: multi-character tab ‘${sep}’\n`); return 2; }
  const files = p.args.length ? p.args : ['-'];
  const lines: string[] = [];
  for (const f of files) {
    const r = await readInput(ctx, f);
    if (!r.ok) { ctx.stderr.write(`sort: cannot read: ${f}: ${r.reason}\n`); return 2; }
    lines.push(...splitLines(r.text));
  }
  const whole: SortKey = { startField: 1, startChar: 1, endField: Infinity, endChar: 0, ...{ numeric: global.n, reverse: global.r, fold: global.f, human: global.h } };
  const active = keys.length ? keys : [whole];
  const cmpKey = (a: string, b: string, k: SortKey): number => {
    const ka = keys.length ? keyText(a, k, sep) : a;
    const kb = keys.length ? keyText(b, k, sep) : b;
    let c: number;
    if (k.numeric) c = numericPrefix(ka) - numericPrefix(kb);
    else if (k.human) c = humanValue(ka) - humanValue(kb);
    else if (k.fold) c = compareC(ka.toUpperCase(), kb.toUpperCase());
    else c = compareC(ka, kb);
    return k.reverse ? -c : c;
  };
  const cmpKeys = (a: string, b: string): number => {
    for (const k of active) { const c = cmpKey(a, b, k); if (c !== 0) return c; }
    return 0;
  };
  const cmp = (a: string, b: string): number => {
    const c = cmpKeys(a, b);
    if (c !== 0 || p.has('u') || p.has('s')) return c;
    const last = compareC(a, b);
    return global.r ? -last : last;
  };
  lines.sort(cmp);
  const out: string[] = [];
  for (const l of lines) {
    if (p.has('u') && out.length > 0 && cmpKeys(out[out.length - 1], l) === 0) continue;
    out.push(l);
  }
  const text = out.map((l) => l + '\n').join('');
  const o = p.last('o');
  if (o !== undefined) ctx.fs.writeFile(ctx.fs.resolve(o, ctx.cwd), text);
  else ctx.stdout.write(text);
  return 0;
});

export const uniq: Command = (ctx) => withOpts(ctx, {
  short: 'cdui',
  long: { count: { key: 'c', arg: false }, repeated: { key: 'd', arg: false }, unique: { key: 'u', arg: false }, 'ignore-case': { key: 'i', arg: false } },
}, 1, async (p) => {
  const input = p.args[0] ?? '-';
  const r = await readInput(ctx, input);
  if (!r.ok) { ctx.stderr.write(`uniq: ${input}: ${r.reason}\n`); return 1; }
  const lines = splitLines(r.text);
  const same = (a: string, b: string): boolean => (p.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  let out = '';
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && same(lines[i], lines[j])) j++;
    const n = j - i;
    if ((!p.has('d') || n > 1) && (!p.has('u') || n === 1)) out += (p.has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + '\n';
    i = j;
  }
  if (p.args[1] !== undefined) ctx.fs.writeFile(ctx.fs.resolve(p.args[1], ctx.cwd), out);
  else ctx.stdout.write(out);
  return 0;
});

// ---------- cut ----------

function parseList(spec: string): ((n: number) => boolean) | null {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(part);
    if (!m || part === '' || part === '-') return null;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a === 0) return null;
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Command = (ctx) => withOpts(ctx, {
  short: 'd:f:c:b:s',
  long: { delimiter: { key: 'd', arg: true }, fields: { key: 'f', arg: true }, characters: { key: 'c', arg: true }, bytes: { key: 'b', arg: true }, 'only-delimited': { key: 's', arg: false } },
}, 1, async (p) => {
  const f = p.last('f');
  const c = p.last('c') ?? p.last('b');
  if (f === undefined && c === undefined) {
    ctx.stderr.write("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const listSpec = (f ?? c) as string;
  const sel = parseList(listSpec);
  if (!sel) {
    ctx.stderr.write(`cut: invalid field value ‘${listSpec}’\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const d = p.last('d') ?? '\t';
  if ([...d].length !== 1) { ctx.stderr.write("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n"); return 1; }
  const files = p.args.length ? p.args : ['-'];
  let status = 0;
  for (const file of files) {
    const r = await readInput(ctx, file);
    if (!r.ok) { ctx.stderr.write(`cut: ${file}: ${r.reason}\n`); status = 1; continue; }
    let out = '';
    for (const line of splitLines(r.text)) {
      if (f !== undefined) {
        if (!line.includes(d)) { if (!p.has('s')) out += line + '\n'; continue; }
        out += line.split(d).filter((_, i) => sel(i + 1)).join(d) + '\n';
      } else {
        out += [...line].filter((_, i) => sel(i + 1)).join('') + '\n';
      }
    }
    ctx.stdout.write(out);
  }
  return status;
});

// ---------- tr ----------

const TR_CLASSES: Record<string, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz', upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', digit: '0123456789',
  space: ' \t\n\r\f\v', blank: ' \t', punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
TR_CLASSES.alpha = TR_CLASSES.lower + TR_CLASSES.upper;
TR_CLASSES.alnum = TR_CLASSES.alpha + TR_CLASSES.digit;

function expandTrSet(s: string): string[] {
  const chars: string[] = [];
  const src = [...s];
  for (let i = 0; i < src.length; i++) {
    const rest = src.slice(i).join('');
    const cls = /^\[:([a-z]+):\]/.exec(rest);
    if (cls && TR_CLASSES[cls[1]]) { chars.push(...TR_CLASSES[cls[1]]); i += cls[0].length - 1; continue; }
    let c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      const n = src[++i];
      c = ({ n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' } as Record<string, string>)[n] ?? n;
    }
    if (src[i + 1] === '-' && i + 2 < src.length) {
      const end = src[i + 2];
      for (let x = c.codePointAt(0) ?? 0; x <= (end.codePointAt(0) ?? 0); x++) chars.push(String.fromCodePoint(x));
      i += 2;
      continue;
    }
    chars.push(c);
  }
  return chars;
}

export const tr: Command = (ctx) => withOpts(ctx, {
  short: 'dscC',
  long: { delete: { key: 'd', arg: false }, 'squeeze-repeats': { key: 's', arg: false }, complement: { key: 'c', arg: false } },
}, 1, async (p) => {
  const [s1, s2] = p.args;
  if (s1 === undefined) { ctx.stderr.write("tr: missing operand\nTry 'tr --help' for more information.\n"); return 1; }
  const del = p.has('d');
  const squeeze = p.has('s');
  if (!del && !squeeze && s2 === undefined) {
    ctx.stderr.write(`tr: missing operand after ‘${s1}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const set1 = expandTrSet(s1);
  const set2 = s2 !== undefined ? expandTrSet(s2) : [];
  const complement = p.has('c') || p.has('C');
  const in1 = new Set(set1);
  const member = (c: string): boolean => (complement ? !in1.has(c) : in1.has(c));
  const map = new Map<string, string>();
  if (!del && s2 !== undefined && !complement) set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)] ?? c));
  const squeezeSet = new Set(del ? set2 : s2 !== undefined ? set2 : set1);
  const text = await ctx.stdin.readAll();
  let out = '';
  let prev = '';
  for (const ch of text) {
    let c = ch;
    if (del && member(c)) continue;
    if (!del && s2 !== undefined) {
      if (complement) { if (member(c)) c = set2[set2.length - 1] ?? c; }
      else c = map.get(c) ?? c;
    }
    if (squeeze && c === prev && (squeezeSet.has(c) || (s2 === undefined && member(c)))) continue;
    out += c;
    prev = c;
  }
  ctx.stdout.write(out);
  return 0;
});

// ---------- base64 ----------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += B64[a >> 2] + B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : B64[c & 63];
  }
  return out;
}

export function base64Decode(text: string, ignoreGarbage = false): number[] | null {
  let clean = text.replace(/\n/g, '');
  if (ignoreGarbage) clean = clean.replace(/[^A-Za-z0-9+/=]/g, '');
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  let pad = false;
  for (const ch of clean) {
    if (ch === '=') { pad = true; continue; }
    const v = B64.indexOf(ch);
    if (v < 0 || pad) return null;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) { bits -= 8; out.push((buf >> bits) & 0xff); }
  }
  if (clean.replace(/=+$/, '').length % 4 === 1) return null;
  return out;
}

export const base64: Command = (ctx) => withOpts(ctx, {
  short: 'dw:i',
  long: { decode: { key: 'd', arg: false }, wrap: { key: 'w', arg: true }, 'ignore-garbage': { key: 'i', arg: false } },
}, 1, async (p) => {
  const file = p.args[0] ?? '-';
  if (p.args.length > 1) { ctx.stderr.write(`base64: extra operand ‘${p.args[1]}’\nTry 'base64 --help' for more information.\n`); return 1; }
  const r = await readInput(ctx, file);
  if (!r.ok) { ctx.stderr.write(`base64: ${file}: ${r.reason}\n`); return 1; }
  if (p.has('d')) {
    const bytes = base64Decode(r.text, p.has('i'));
    if (bytes === null) {
      const partial = base64Decode(r.text.replace(/[^A-Za-z0-9+/]+.*$/s, '').slice(0, Math.floor(r.text.replace(/[^A-Za-z0-9+/]+.*$/s, '').length / 4) * 4)) ?? [];
      ctx.stdout.write(utf8Decode(partial));
      ctx.stderr.write('base64: invalid input\n');
      return 1;
    }
    ctx.stdout.write(utf8Decode(bytes));
    return 0;
  }
  const wrapS = p.last('w') ?? '76';
  if (!/^[0-9]+$/.test(wrapS)) { ctx.stderr.write(`base64: invalid wrap size: ‘${wrapS}’\n`); return 1; }
  const wrap = Number(wrapS);
  const enc = base64Encode(utf8Encode(r.text));
  if (enc === '') return 0;
  if (wrap === 0) { ctx.stdout.write(enc); return 0; }
  const lines: string[] = [];
  for (let i = 0; i < enc.length; i += wrap) lines.push(enc.slice(i, i + wrap));
  ctx.stdout.write(lines.join('\n') + '\n');
  return 0;
});

// ---------- seq ----------

export const seq: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let sep = '\n';
  let equalWidth = false;
  let fmt: string | undefined;
  const nums: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-s') { sep = args[++i] ?? ''; continue; }
    if (a.startsWith('-s') && !/^-s[0-9]/.test(a) && a.length > 2) { sep = a.slice(2); continue; }
    if (a === '-w') { equalWidth = true; continue; }
    if (a === '-f') { fmt = args[++i]; continue; }
    nums.push(a);
  }
  if (nums.length === 0) { ctx.stderr.write("seq: missing operand\nTry 'seq --help' for more information.\n"); return 1; }
  if (nums.length > 3) { ctx.stderr.write(`seq: extra operand ‘${nums[3]}’\nTry 'seq --help' for more information.\n`); return 1; }
  for (const n of nums) {
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(n)) {
      ctx.stderr.write(`seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
  }
  const [first, inc, last] = nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
  const decimals = (s: string): number => (s.includes('.') && !/[eE]/.test(s) ? s.split('.')[1].length : 0);
  const prec = Math.max(decimals(first), decimals(inc));
  const a = Number(first), step = Number(inc), b = Number(last);
  if (step === 0) { ctx.stderr.write(`seq: invalid Zero increment value: ‘${inc}’\nTry 'seq --help' for more information.\n`); return 1; }
  const out: string[] = [];
  const fmtNum = (v: number): string => {
    if (fmt !== undefined) return fmt.replace(/%[-+ #0]*[0-9]*(?:\.[0-9]+)?[feEgG]/, (m) => {
      const pm = /\.([0-9]+)/.exec(m);
      return m.endsWith('f') ? v.toFixed(pm ? Number(pm[1]) : 6) : cG(v, 6);
    });
    return prec > 0 ? v.toFixed(prec) : String(Math.round(v));
  };
  for (let i = 0; ; i++) {
    const v = a + i * step;
    if (step > 0 ? v > b + 1e-10 : v < b - 1e-10) break;
    out.push(fmtNum(v));
    if (out.length % 4096 === 0 && ctx.interrupt.aborted) break;
  }
  if (equalWidth) {
    const w = Math.max(...out.map((s) => s.length));
    for (let i = 0; i < out.length; i++) out[i] = out[i].startsWith('-') ? '-' + out[i].slice(1).padStart(w - 1, '0') : out[i].padStart(w, '0');
  }
  if (out.length > 0) ctx.stdout.write(out.join(sep) + '\n');
  return 0;
};

export type { ParsedOpts };
