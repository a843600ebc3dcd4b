// `sed`: a hand-written subset of GNU sed 4.9 — what course notes and one-liners use:
// -n, -e (several), -E/-r, -i[SUFFIX], -s; addresses N, $, /re/ (with I), ranges A,B and `!`;
// commands s (flags g p I N), p, d, q/Q [exit], =, a/i/c TEXT (one-line GNU form), y, and `;`/newline.
// Leaves out: blocks `{}`, hold space (h/H/g/G/x), n/N/D/P, labels and branches, w/r files,
// \U \L case conversion, `addr1,~N` and `first~step`. Reads each input whole before printing.
import type { Command, CommandContext } from '../../interpreter/types';
import { readInput, splitLines, withOpts } from './common';
import { posixToJs } from './text';

// Models GNU sed behaviour (sed/compile.c error texts, sed/execute.c cycle), not its code.

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp | null };

interface SedCmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  // s
  re?: RegExp | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  // a/i/c text, q exit code, y maps
  text?: string;
  code?: number;
  from?: string;
  to?: string;
  // range state
  inRange?: boolean;
  rangeEnd?: number;
}

class SedError extends Error {}

class ScriptParser {
  private i = 0;
  constructor(private readonly src: string, private readonly exprNo: number, private readonly extended: boolean) {}

  private fail(msg: string, at = this.i): never {
    throw new SedError(`sed: -e expression #${this.exprNo}, char ${at}: ${msg}`);
  }

  private peek(): string { return this.src[this.i] ?? ''; }

  private skipWs(): void { while (this.i < this.src.length && /[ \t]/.test(this.src[this.i])) this.i++; }

  /** Reads up to an unescaped `delim`; `\delim` becomes delim, `\n` a newline. Returns null at end. */
  private delimited(delim: string, isRegex: boolean): string | null {
    let out = '';
    while (this.i < this.src.length) {
      const c = this.src[this.i++];
      if (c === '\\' && this.i < this.src.length) {
        const n = this.src[this.i++];
        if (n === delim) out += delim;
        else if (n === 'n' && isRegex) out += '\n';
        else out += '\\' + n;
        continue;
      }
      if (c === delim) return out;
      if (c === '\n' && !isRegex) return null;
      out += c;
    }
    return null;
  }

  private regex(pat: string, flags: string): RegExp | null {
    if (pat === '') return null;
    try { return new RegExp(posixToJs(pat, this.extended), flags); }
    catch (e) {
      this.fail(e instanceof Error && e.message.startsWith('Unmatched') ? e.message : 'Invalid preceding regular expression');
    }
  }

  private address(): Addr | undefined {
    const c = this.peek();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(this.src.slice(this.i)) as RegExpExecArray;
      this.i += m[0].length;
      const n = Number(m[0]);
      return { kind: 'line', n };
    }
    if (c === '$') { this.i++; return { kind: 'last' }; }
    if (c === '/' || c === '\\') {
      this.i++;
      let delim = '/';
      if (c === '\\') delim = this.src[this.i++] ?? '';
      const pat = this.delimited(delim, true);
      if (pat === null) this.fail('unterminated address regex');
      let flags = '';
      while (this.peek() === 'I' || this.peek() === 'M') { if (this.peek() === 'I') flags += 'i'; this.i++; }
      return { kind: 're', re: this.regex(pat, flags) };
    }
    return undefined;
  }

  /** Rest of a one-line a/i/c text (GNU `a text` and `a\` newline text forms). */
  private lineText(): string {
    this.skipWs();
    if (this.peek() === '\\') { this.i++; if (this.peek() === '\n') this.i++; }
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '\n') {
      const c = this.src[this.i++];
      if (c === '\\' && this.i < this.src.length) out += this.src[this.i++];
      else out += c;
    }
    return out;
  }

  private endOfCommand(): void {
    this.skipWs();
    const c = this.peek();
    if (c === '' || c === '\n' || c === ';') { if (c) this.i++; return; }
    if (c === '}' || c === '#') { this.i = this.src.length; return; }
    this.i++;
    this.fail('extra characters after command');
  }

  parse(): SedCmd[] {
    const cmds: SedCmd[] = [];
    for (;;) {
      while (this.i < this.src.length && /[ \t\n;]/.test(this.src[this.i])) this.i++;
      if (this.i >= this.src.length) return cmds;
      const cmd: SedCmd = { negate: false, name: '' };
      cmd.a1 = this.address();
      if (cmd.a1 && this.peek() === ',') {
        this.i++;
        this.skipWs();
        cmd.a2 = this.address();
        if (!cmd.a2) this.fail('unexpected `,\'');
      }
      this.skipWs();
      while (this.peek() === '!') { cmd.negate = true; this.i++; this.skipWs(); }
      if (this.i >= this.src.length) this.fail('missing command');
      const name = this.src[this.i++];
      cmd.name = name;
      // GNU accepts line 0 only as the start of `0,/re/`, and complains once the command is read.
      if (cmd.a1?.kind === 'line' && cmd.a1.n === 0 && cmd.a2?.kind !== 're') this.fail('invalid usage of line address 0');
      cmd.inRange = cmd.a1?.kind === 'line' && cmd.a1.n === 0;
      switch (name) {
        case 'p': case 'd': case '=':
          this.endOfCommand();
          break;
        case 'q': case 'Q': {
          if (cmd.a2) this.fail('command only uses one address');
          this.skipWs();
          const m = /^[0-9]+/.exec(this.src.slice(this.i));
          if (m) { cmd.code = Number(m[0]); this.i += m[0].length; }
          this.endOfCommand();
          break;
        }
        case 'a': case 'i': case 'c':
          if (this.i >= this.src.length) this.fail('expected \\ after `a\', `c\' or `i\'');
          cmd.text = this.lineText();
          break;
        case 's': {
          const delim = this.src[this.i++];
          if (delim === undefined || delim === '\n' || delim === '\\') this.fail('unterminated `s\' command');
          const pat = this.delimited(delim, true);
          if (pat === null) this.fail('unterminated `s\' command');
          const repl = this.delimited(delim, false);
          if (repl === null) this.fail('unterminated `s\' command');
          let flags = 'g';
          cmd.global = false;
          for (;;) {
            const f = this.peek();
            if (f === 'g') cmd.global = true;
            else if (f === 'p') cmd.print = true;
            else if (f === 'w') { this.i++; this.skipWs(); if (/^[\n;]?$/.test(this.peek())) this.fail('missing filename in r/R/w/W commands'); this.fail('the w flag is not supported here'); }
            else if (f === 'i' || f === 'I') flags += 'i';
            else if (/[0-9]/.test(f)) {
              const m = /^[0-9]+/.exec(this.src.slice(this.i)) as RegExpExecArray;
              cmd.nth = Number(m[0]);
              if (cmd.nth === 0) { this.i += m[0].length; this.fail('number option to `s\' command may not be zero'); }
              this.i += m[0].length - 1;
            } else if (f === '' || f === '\n' || f === ';' || f === ' ' || f === '\t' || f === '}' || f === '#') break;
            else { this.i++; this.fail('unknown option to `s\''); }
            this.i++;
          }
          cmd.re = this.regex(pat, flags);
          cmd.repl = repl;
          this.endOfCommand();
          break;
        }
        case 'y': {
          const delim = this.src[this.i++];
          const from = delim === undefined ? null : this.delimited(delim, true);
          const to = from === null || delim === undefined ? null : this.delimited(delim, true);
          if (from === null || to === null) this.fail('unterminated `y\' command');
          const unesc = (s: string): string => s.replace(/\\\\/g, '\\');
          cmd.from = unesc(from);
          cmd.to = unesc(to);
          if ([...cmd.from].length !== [...cmd.to].length) this.fail('strings for `y\' command are different lengths');
          this.endOfCommand();
          break;
        }
        default:
          this.fail(`unknown command: \`${name}'`);
      }
      cmds.push(cmd);
    }
  }
}

/** Expands a replacement (`&`, `\1`..`\9`, `\n`, `\t`, `\&`). */
function expand(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '&') { out += m[0]; continue; }
    if (c !== '\\' || i + 1 >= repl.length) { out += c; continue; }
    const n = repl[++i];
    if (/[0-9]/.test(n)) out += m[Number(n)] ?? '';
    else if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else out += n;
  }
  return out;
}

function substitute(cmd: SedCmd, re: RegExp, ps: string): string | null {
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let replaced = false;
  const nth = cmd.nth ?? 1;
  for (let m = re.exec(ps); m; m = re.exec(ps)) {
    count++;
    if (count >= nth) {
      out += ps.slice(last, m.index) + expand(cmd.repl ?? '', m);
      last = m.index + m[0].length;
      replaced = true;
      if (!cmd.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return replaced ? out + ps.slice(last) : null;
}

interface RunState { lastRe: RegExp | null; quit: number | null }

function matchAddr(a: Addr, line: string, lineNo: number, isLast: boolean, st: RunState): boolean {
  if (a.kind === 'line') return lineNo === a.n;
  if (a.kind === 'last') return isLast;
  const re = a.re ?? st.lastRe;
  if (!re) throw new SedError('sed: no previous regular expression');
  st.lastRe = re;
  re.lastIndex = 0;
  return re.test(line);
}

function selected(cmd: SedCmd, line: string, lineNo: number, isLast: boolean, st: RunState): boolean {
  let hit: boolean;
  if (!cmd.a1) hit = true;
  else if (!cmd.a2) hit = matchAddr(cmd.a1, line, lineNo, isLast, st);
  else if (cmd.inRange) {
    hit = true;
    const a2 = cmd.a2;
    if (a2.kind === 'line') { if (lineNo >= a2.n) cmd.inRange = false; }
    else if (matchAddr(a2, line, lineNo, isLast, st)) cmd.inRange = false;
    if (a2.kind === 'line' && lineNo > a2.n) { cmd.inRange = false; hit = false; }
  } else if (matchAddr(cmd.a1, line, lineNo, isLast, st)) {
    hit = true;
    const a2 = cmd.a2;
    cmd.inRange = !(a2.kind === 'line' && a2.n <= lineNo) && !(a2.kind === 'last' && isLast);
  } else hit = false;
  return hit !== cmd.negate;
}

/** Runs the script over lines; returns the output text. `lineNo` continues across calls. */
function runScript(cmds: SedCmd[], lines: string[], finalNewline: boolean, quiet: boolean, st: RunState, counter: { n: number }): string {
  let out = '';
  for (let li = 0; li < lines.length && st.quit === null; li++) {
    const lineNo = ++counter.n;
    const isLast = li === lines.length - 1;
    const nl = isLast && !finalNewline ? '' : '\n';
    let ps = lines[li];
    let append = '';
    let deleted = false;
    let autoprint = !quiet;
    for (const cmd of cmds) {
      if (!selected(cmd, ps, lineNo, isLast, st)) continue;
      switch (cmd.name) {
        case 'p': out += ps + '\n'; break;
        case '=': out += lineNo + '\n'; break;
        case 'd': deleted = true; break;
        case 'a': append += (cmd.text ?? '') + '\n'; break;
        case 'i': out += (cmd.text ?? '') + '\n'; break;
        case 'c':
          deleted = true;
          if (!cmd.a2 || !cmd.inRange) out += (cmd.text ?? '') + '\n';
          break;
        case 'q': st.quit = cmd.code ?? 0; break;
        case 'Q': st.quit = cmd.code ?? 0; autoprint = false; break;
        case 'y': {
          const from = [...(cmd.from ?? '')];
          const to = [...(cmd.to ?? '')];
          ps = [...ps].map((ch) => { const k = from.indexOf(ch); return k >= 0 ? to[k] : ch; }).join('');
          break;
        }
        case 's': {
          const re = cmd.re ?? st.lastRe;
          if (!re) throw new SedError('sed: no previous regular expression');
          st.lastRe = re;
          const r = substitute(cmd, re, ps);
          if (r !== null) { ps = r; if (cmd.print) out += ps + '\n'; }
          break;
        }
      }
      if (deleted || st.quit !== null) break;
    }
    if (!deleted && autoprint) out += ps + nl;
    out += append;
  }
  return out;
}

/** getopt's optional argument (`-i[SUFFIX]`, `--in-place[=SUFFIX]`), which parseOpts lacks. */
function takeInPlace(argv: string[]): { argv: string[]; inPlace: boolean; suffix: string } {
  const out: string[] = [argv[0]];
  let inPlace = false;
  let suffix = '';
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--') { out.push(...argv.slice(k)); break; }
    const m = /^-([nrEs]*)i(.*)$/.exec(a) ?? /^--in-place()(?:=(.*))?$/.exec(a);
    if (m) { inPlace = true; suffix = m[2] ?? ''; if (m[1]) out.push('-' + m[1]); continue; }
    if (a === '-e' || a === '--expression') { out.push(a, ...argv.slice(k + 1, k + 2)); k++; continue; }
    out.push(a);
  }
  return { argv: out, inPlace, suffix };
}

export const sed: Command = (ctx: CommandContext) => { const ip = takeInPlace(ctx.argv); return withOpts({ ...ctx, argv: ip.argv }, {
  short: 'nrEe:s',
  long: {
    quiet: { key: 'n', arg: false }, silent: { key: 'n', arg: false }, expression: { key: 'e', arg: true },
    'regexp-extended': { key: 'E', arg: false }, separate: { key: 's', arg: false },
  },
}, 1, async (p) => {
  const args = [...p.args];
  const exprs = p.opts.get('e') ?? [];
  if (exprs.length === 0) {
    const first = args.shift();
    if (first === undefined) {
      ctx.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n');
      return 1;
    }
    exprs.push(first);
  }
  const extended = p.has('E') || p.has('r');
  let cmds: SedCmd[];
  try {
    cmds = exprs.flatMap((e, k) => new ScriptParser(e, k + 1, extended).parse());
  } catch (e) {
    if (e instanceof SedError) { ctx.stderr.write(e.message + '\n'); return 1; }
    throw e;
  }
  const { inPlace, suffix } = ip;
  if (inPlace && args.length === 0) { ctx.stderr.write('sed: no input files\n'); return 4; }
  const files = args.length ? args : ['-'];
  const st: RunState = { lastRe: null, quit: null };
  const counter = { n: 0 };
  let status = 0;
  try {
    if (inPlace || p.has('s')) {
      for (const f of files) {
        if (st.quit !== null) break;
        const r = await readInput(ctx, f);
        if (!r.ok) { ctx.stderr.write(`sed: can't read ${f}: ${r.reason}\n`); status = 2; continue; }
        counter.n = 0;
        for (const c of cmds) c.inRange = c.a1?.kind === 'line' && c.a1.n === 0;
        const text = runScript(cmds, splitLines(r.text), r.text.endsWith('\n'), p.has('n'), st, counter);
        if (inPlace) {
          const path = ctx.fs.resolve(f, ctx.cwd);
          if (suffix) ctx.fs.writeFile(suffix.includes('*') ? suffix.replace(/\*/g, f) : path + suffix, r.text);
          ctx.fs.writeFile(path, text);
        } else ctx.stdout.write(text);
      }
    } else {
      // One stream across all files, as GNU sed does without -s/-i.
      const parts: string[] = [];
      for (const f of files) {
        const r = await readInput(ctx, f);
        if (!r.ok) { ctx.stderr.write(`sed: can't read ${f}: ${r.reason}\n`); status = 2; continue; }
        parts.push(r.text && !r.text.endsWith('\n') && parts.length < files.length - 1 ? r.text + '\n' : r.text);
      }
      const text = parts.join('');
      ctx.stdout.write(runScript(cmds, splitLines(text), text.endsWith('\n'), p.has('n'), st, counter));
    }
  } catch (e) {
    if (e instanceof SedError) { ctx.stderr.write(e.message + '\n'); return 4; }
    throw e;
  }
  return st.quit !== null && st.quit !== 0 ? st.quit : status;
}); };
