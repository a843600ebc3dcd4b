// `awk`: a hand-written subset of POSIX awk as GNU awk 5 runs it — the one-liners people pipe
// kubectl into: -F, -v, BEGIN/END, /re/ and expression patterns, fields ($N, $0, NF, NR, FNR, FS,
// OFS, ORS), variables and arrays, for/for-in/while/if, next/exit, print and printf, and the
// builtins length substr index split sub gsub toupper tolower sprintf int.
// Leaves out: getline, output redirection and pipes (`print > f`), user functions, range patterns,
// assigning NF, uninitialised-value subtleties, locale; gawk's exact syntax-error layout.
import { readLines } from '../../interpreter/streams';
import type { Command, CommandContext } from '../../interpreter/types';
import { readInput, splitLines, withOpts } from './common';
import { cG, posixToJs } from './text';

// Models the POSIX awk specification (and gawk's observable output), not any implementation.

/** A value read from input (a field, -v): compares as a number when it looks like one. */
class StrNum { constructor(readonly s: string) {} }
type Val = number | string | StrNum;

const NUMERIC = /^[ \t\n]*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[ \t\n]*$/;

function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.s;
  const m = /^[ \t\n]*[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/.exec(s);
  return m ? Number(m[0].trim()) : 0;
}

function numStr(n: number, fmt: string): string {
  if (Number.isInteger(n)) return String(n);
  if (Number.isNaN(n)) return n > 0 ? '+nan' : '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return fmt === '%.6g' ? (n < 0 ? '-' : '') + cG(Math.abs(n), 6) : formatPrintf(fmt, [n]);
}

function toStr(v: Val, convfmt = '%.6g'): string {
  return typeof v === 'number' ? numStr(v, convfmt) : typeof v === 'string' ? v : v.s;
}

function isNumeric(v: Val): boolean {
  return typeof v === 'number' || (v instanceof StrNum && (v.s === '' || NUMERIC.test(v.s)));
}

function compare(a: Val, b: Val): number {
  if (isNumeric(a) && isNumeric(b)) { const x = toNum(a), y = toNum(b); return x < y ? -1 : x > y ? 1 : 0; }
  const x = toStr(a), y = toStr(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** C printf as awk's printf/sprintf does it (%c of a number is that character). */
export function formatPrintf(fmt: string, args: Val[]): string {
  let ai = 0;
  let out = '';
  const spec = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXeEfFgGcs%])/y;
  for (let i = 0; i < fmt.length;) {
    if (fmt[i] !== '%') { out += fmt[i++]; continue; }
    spec.lastIndex = i;
    const m = spec.exec(fmt);
    if (!m) { out += fmt[i++]; continue; }
    i = spec.lastIndex;
    const [, flags, widthS, precS, conv] = m;
    if (conv === '%') { out += '%'; continue; }
    let width = widthS === '*' ? Math.trunc(toNum(args[ai++] ?? '')) : widthS ? Number(widthS) : 0;
    const prec = precS === undefined ? undefined : precS === '*' ? Math.trunc(toNum(args[ai++] ?? '')) : Number(precS || '0');
    const arg: Val = args[ai++] ?? '';
    let left = flags.includes('-');
    if (width < 0) { left = true; width = -width; }
    let body: string;
    if (conv === 's') { body = toStr(arg); if (prec !== undefined) body = body.slice(0, prec); }
    else if (conv === 'c') body = typeof arg === 'number' ? String.fromCodePoint(Math.trunc(arg)) : toStr(arg).slice(0, 1);
    else if ('diouxX'.includes(conv)) {
      const n = Math.trunc(toNum(arg));
      const abs = Math.abs(n);
      let digits = conv === 'o' ? abs.toString(8) : conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : String(abs);
      if (prec !== undefined) digits = digits.padStart(prec, '0');
      const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      if (flags.includes('0') && !left && prec === undefined) digits = digits.padStart(width - sign.length, '0');
      body = sign + digits;
    } else {
      const n = toNum(arg);
      const p = prec ?? 6;
      let s: string;
      if (conv === 'f' || conv === 'F') s = Math.abs(n).toFixed(p);
      else if (conv === 'e' || conv === 'E') s = Math.abs(n).toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
      else s = cG(Math.abs(n), p === 0 ? 1 : p, flags.includes('#'));
      if (conv === 'E' || conv === 'G') s = s.toUpperCase();
      const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      if (flags.includes('0') && !left) s = s.padStart(width - sign.length, '0');
      body = sign + s;
    }
    out += left ? body.padEnd(width) : body.padStart(width);
  }
  return out;
}

// ---------- lexer ----------

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 're'; v: string } | { t: 'name'; v: string }
  | { t: 'func'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'for', 'in', 'next', 'exit', 'delete', 'do', 'break', 'continue', 'getline', 'function']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'toupper', 'tolower', 'sprintf', 'int', 'match', 'sqrt', 'exp', 'log']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '!~', '>>',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '~', '?', ':', '=', '$'];

class AwkSyntaxError extends Error {
  /** Offset in the program text of the offending token (gawk points a caret at it). */
  pos?: number;
  constructor(message: string, pos?: number) { super(message); this.pos = pos; }
}

function unescape(s: string): string {
  return s.replace(/\\([0-7]{1,3}|.)/g, (_, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
    return map[e] ?? '\\' + e;
  });
}

function lex(src: string, starts: number[]): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const push = (t: Tok): void => { toks.push(t); starts.push(i); };
  const operandEnded = (): boolean => {
    const p = toks[toks.length - 1];
    if (!p) return false;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're') return true;
    if (p.t === 'func') return p.v === 'length';
    return p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--');
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') { push({ t: 'nl' }); i++; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') { if (src[j] === '\\') s += src[j++]; if (src[j] === '\n') break; s += src[j++]; }
      if (src[j] !== '"') throw new AwkSyntaxError('unterminated string', i);
      push({ t: 'str', v: unescape(s) });
      i = j + 1;
      continue;
    }
    if (c === '/' && !operandEnded()) {
      let j = i + 1;
      let s = '';
      let inBracket = false;
      while (j < src.length && (src[j] !== '/' || inBracket) && src[j] !== '\n') {
        if (src[j] === '\\' && j + 1 < src.length) { s += src[j + 1] === '/' ? '/' : src[j] + src[j + 1]; j += 2; continue; }
        if (src[j] === '[') inBracket = true; else if (src[j] === ']') inBracket = false;
        s += src[j++];
      }
      if (src[j] !== '/') throw new AwkSyntaxError('unterminated regexp', i);
      push({ t: 're', v: s });
      i = j + 1;
      continue;
    }
    const num = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/.exec(src.slice(i, i + 64));
    if (num) { push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
    if (word) {
      const w = word[0];
      push(BUILTINS.has(w) ? { t: 'func', v: w } : KEYWORDS.has(w) ? { t: 'op', v: w } : { t: 'name', v: w });
      i += w.length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`invalid char '${c}' in expression`, i);
    push({ t: 'op', v: op });
    i += op.length;
  }
  push({ t: 'eof' });
  return toks;
}

// ---------- AST ----------

type Expr =
  | { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 're'; re: RegExp }
  | { k: 'var'; name: string } | { k: 'idx'; name: string; keys: Expr[] } | { k: 'field'; e: Expr }
  | { k: 'assign'; op: string; target: Expr; e: Expr } | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr } | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: string; pre: boolean; target: Expr } | { k: 'in'; key: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr } | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr };

type Stmt =
  | { k: 'print'; args: Expr[] } | { k: 'printf'; args: Expr[] } | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt } | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt } | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] } | { k: 'next' } | { k: 'exit'; e?: Expr } | { k: 'delete'; name: string; keys?: Expr[] }
  | { k: 'break' } | { k: 'continue' };

interface Rule { kind: 'begin' | 'end' | 'main'; pattern?: Expr; action?: Stmt[] }

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[], private readonly starts: number[]) {}

  private get tok(): Tok { return this.toks[this.p]; }
  private isOp(v: string): boolean { const t = this.tok; return t.t === 'op' && t.v === v; }
  private eat(v: string): boolean { if (this.isOp(v)) { this.p++; return true; } return false; }
  private expect(v: string): void { if (!this.eat(v)) throw new AwkSyntaxError('syntax error'); }
  private nls(): void { while (this.tok.t === 'nl') this.p++; }
  private terms(): void { while (this.tok.t === 'nl' || this.isOp(';')) this.p++; }

  program(): Rule[] {
    try { return this.rules(); }
    catch (e) {
      if (e instanceof AwkSyntaxError && e.pos === undefined) e.pos = this.starts[Math.min(this.p, this.starts.length - 1)];
      throw e;
    }
  }

  private rules(): Rule[] {
    const rules: Rule[] = [];
    this.terms();
    while (this.tok.t !== 'eof') {
      if (this.eat('BEGIN')) rules.push({ kind: 'begin', action: this.block() });
      else if (this.eat('END')) rules.push({ kind: 'end', action: this.block() });
      else if (this.isOp('{')) rules.push({ kind: 'main', action: this.block() });
      else {
        const pattern = this.expr(true);
        rules.push({ kind: 'main', pattern, action: this.isOp('{') ? this.block() : undefined });
      }
      this.terms();
    }
    return rules;
  }

  private block(): Stmt[] {
    this.nls();
    this.expect('{');
    const body: Stmt[] = [];
    this.terms();
    while (!this.isOp('}')) {
      if (this.tok.t === 'eof') throw new AwkSyntaxError('unexpected newline or end of string');
      body.push(this.stmt());
      this.terms();
    }
    this.p++;
    return body;
  }

  private simpleEnd(): void {
    if (this.isOp(';') || this.tok.t === 'nl') { this.p++; return; }
    if (this.isOp('}') || this.tok.t === 'eof') return;
    throw new AwkSyntaxError('syntax error');
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    if (t.t === 'op') {
      switch (t.v) {
        case 'print': case 'printf': {
          this.p++;
          let args: Expr[] = [];
          if (this.isOp('(')) {
            // `print (a, b)` groups the list; `print (a) b` is a concatenation.
            const save = this.p;
            this.p++;
            const list = [this.expr(true)];
            while (this.eat(',')) { this.nls(); list.push(this.expr(true)); }
            if (this.eat(')') && (this.isOp(';') || this.isOp('}') || this.tok.t === 'nl' || this.tok.t === 'eof')) args = list;
            else { this.p = save; args = this.exprList(); }
          } else if (!(this.isOp(';') || this.isOp('}') || this.tok.t === 'nl' || this.tok.t === 'eof')) args = this.exprList();
          if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) throw new AwkSyntaxError('output redirection is not supported');
          this.simpleEnd();
          return t.v === 'print' ? { k: 'print', args } : { k: 'printf', args };
        }
        case 'if': {
          this.p++;
          this.expect('(');
          const c = this.expr(true);
          this.expect(')');
          this.nls();
          const a = this.stmt();
          const save = this.p;
          this.terms();
          if (this.eat('else')) { this.nls(); return { k: 'if', c, a, b: this.stmt() }; }
          this.p = save;
          return { k: 'if', c, a };
        }
        case 'while': {
          this.p++;
          this.expect('(');
          const c = this.expr(true);
          this.expect(')');
          this.nls();
          return { k: 'while', c, body: this.stmt() };
        }
        case 'for': {
          this.p++;
          this.expect('(');
          const n1 = this.toks[this.p], n2 = this.toks[this.p + 1], n3 = this.toks[this.p + 2], n4 = this.toks[this.p + 3];
          if (n1.t === 'name' && n2.t === 'op' && n2.v === 'in' && n3.t === 'name' && n4.t === 'op' && n4.v === ')') {
            this.p += 4;
            this.nls();
            return { k: 'forin', v: n1.v, arr: n3.v, body: this.stmt() };
          }
          const init = this.isOp(';') ? undefined : this.expr(true);
          this.expect(';'); this.nls();
          const c = this.isOp(';') ? undefined : this.expr(true);
          this.expect(';'); this.nls();
          const step = this.isOp(')') ? undefined : this.expr(true);
          this.expect(')');
          this.nls();
          return { k: 'for', init, c, step, body: this.stmt() };
        }
        case 'next': this.p++; this.simpleEnd(); return { k: 'next' };
        case 'break': this.p++; this.simpleEnd(); return { k: 'break' };
        case 'continue': this.p++; this.simpleEnd(); return { k: 'continue' };
        case 'exit': {
          this.p++;
          const e = this.isOp(';') || this.isOp('}') || this.tok.t === 'nl' || this.tok.t === 'eof' ? undefined : this.expr(true);
          this.simpleEnd();
          return { k: 'exit', e };
        }
        case 'delete': {
          this.p++;
          const n = this.tok;
          if (n.t !== 'name') throw new AwkSyntaxError('syntax error');
          this.p++;
          let keys: Expr[] | undefined;
          if (this.eat('[')) { keys = this.exprList(); this.expect(']'); }
          this.simpleEnd();
          return { k: 'delete', name: n.v, keys };
        }
        case 'getline': case 'function': case 'do':
          throw new AwkSyntaxError(`${t.v} is not supported`);
      }
    }
    const e = this.expr(true);
    this.simpleEnd();
    return { k: 'expr', e };
  }

  private exprList(): Expr[] {
    const list = [this.expr(false)];
    while (this.eat(',')) { this.nls(); list.push(this.expr(false)); }
    return list;
  }

  /** `gt` false inside print lists, where `>` is redirection. */
  expr(gt: boolean): Expr { return this.ternary(gt); }

  private ternary(gt: boolean): Expr {
    const c = this.or(gt);
    if (this.eat('?')) {
      this.nls();
      const a = this.ternary(gt);
      this.nls();
      this.expect(':');
      this.nls();
      return { k: 'cond', c, a, b: this.ternary(gt) };
    }
    const t = this.tok;
    if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v) && (c.k === 'var' || c.k === 'idx' || c.k === 'field')) {
      this.p++;
      this.nls();
      return { k: 'assign', op: t.v, target: c, e: this.ternary(gt) };
    }
    return c;
  }

  private or(gt: boolean): Expr {
    let a = this.and(gt);
    while (this.eat('||')) { this.nls(); a = { k: 'bin', op: '||', a, b: this.and(gt) }; }
    return a;
  }

  private and(gt: boolean): Expr {
    let a = this.inExpr(gt);
    while (this.eat('&&')) { this.nls(); a = { k: 'bin', op: '&&', a, b: this.inExpr(gt) }; }
    return a;
  }

  private inExpr(gt: boolean): Expr {
    let a = this.matchExpr(gt);
    while (this.isOp('in')) {
      this.p++;
      const n = this.tok;
      if (n.t !== 'name') throw new AwkSyntaxError('syntax error');
      this.p++;
      a = { k: 'in', key: a.k === 'group' && a.e.k === 'bin' && a.e.op === ',' ? [a.e.a, a.e.b] : [a], name: n.v };
    }
    return a;
  }

  private matchExpr(gt: boolean): Expr {
    let a = this.comparison(gt);
    for (;;) {
      if (this.eat('~')) a = { k: 'match', neg: false, a, re: this.comparison(gt) };
      else if (this.eat('!~')) a = { k: 'match', neg: true, a, re: this.comparison(gt) };
      else return a;
    }
  }

  private comparison(gt: boolean): Expr {
    const a = this.concat(gt);
    const t = this.tok;
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', ...(gt ? ['>'] : [])].includes(t.v)) {
      this.p++;
      return { k: 'bin', op: t.v, a, b: this.concat(gt) };
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 'func' || t.t === 're') return true;
    return t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v);
  }

  private concat(gt: boolean): Expr {
    let a = this.additive();
    while (this.startsOperand() && !this.isOp('in')) a = { k: 'bin', op: ' ', a, b: this.additive() };
    void gt;
    return a;
  }

  private additive(): Expr {
    let a = this.mult();
    while (this.isOp('+') || this.isOp('-')) { const op = (this.toks[this.p++] as { v: string }).v; a = { k: 'bin', op, a, b: this.mult() }; }
    return a;
  }

  private mult(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) { const op = (this.toks[this.p++] as { v: string }).v; a = { k: 'bin', op, a, b: this.unary() }; }
    return a;
  }

  private unary(): Expr {
    if (this.eat('!')) return { k: 'un', op: '!', e: this.unary() };
    if (this.eat('-')) return { k: 'un', op: '-', e: this.unary() };
    if (this.eat('+')) return { k: 'un', op: '+', e: this.unary() };
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.eat('^')) return { k: 'bin', op: '^', a, b: this.unary() };
    return a;
  }

  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.toks[this.p++] as { v: string }).v;
      return { k: 'incdec', op, pre: true, target: this.postfix() };
    }
    const e = this.primary();
    if ((e.k === 'var' || e.k === 'idx' || e.k === 'field') && (this.isOp('++') || this.isOp('--'))) {
      const op = (this.toks[this.p++] as { v: string }).v;
      return { k: 'incdec', op, pre: false, target: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.tok;
    this.p++;
    switch (t.t) {
      case 'num': return { k: 'num', v: t.v };
      case 'str': return { k: 'str', v: t.v };
      case 're': return { k: 're', re: compileRe(t.v) };
      case 'name':
        if (this.eat('[')) { const keys = this.exprList(); this.expect(']'); return { k: 'idx', name: t.v, keys }; }
        return { k: 'var', name: t.v };
      case 'func': {
        if (!this.eat('(')) {
          if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
          throw new AwkSyntaxError('syntax error', this.starts[this.p]);
        }
        const args = this.isOp(')') ? [] : this.exprList();
        this.expect(')');
        return { k: 'call', name: t.v, args };
      }
      case 'op':
        if (t.v === '$') { return { k: 'field', e: this.postfixNoIncdec() }; }
        if (t.v === '(') {
          const e = this.expr(true);
          if (this.eat(',')) { const b = this.expr(true); this.expect(')'); return { k: 'group', e: { k: 'bin', op: ',', a: e, b } }; }
          this.expect(')');
          return { k: 'group', e };
        }
        if (t.v === '-' || t.v === '!' || t.v === '+') { this.p--; return this.unary(); }
    }
    this.p--;
    throw new AwkSyntaxError(t.t === 'eof' || t.t === 'nl' ? 'unexpected newline or end of string' : 'syntax error');
  }

  private postfixNoIncdec(): Expr {
    if (this.eat('-')) return { k: 'un', op: '-', e: this.primary() };
    if (this.isOp('++') || this.isOp('--')) return this.postfix();
    return this.primary();
  }
}

function compileRe(src: string): RegExp {
  try { return new RegExp(posixToJs(src, true)); }
  catch { throw new AwkSyntaxError(`invalid regexp /${src}/`); }
}

// ---------- interpreter ----------

class Next {}
class Exit { constructor(readonly code: number) {} }
class Break {}
class Continue {}

class Awk {
  vars = new Map<string, Val>();
  arrays = new Map<string, Map<string, Val>>();
  fields: Val[] = [new StrNum('')];
  nf = 0;
  out = '';
  private reCache = new Map<string, RegExp>();

  constructor(private readonly ctx: CommandContext) {
    for (const [k, v] of [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['RS', '\n']] as const) this.vars.set(k, v);
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('FILENAME', '');
    const env = new Map<string, Val>();
    for (const [k, v] of ctx.env) env.set(k, new StrNum(v));
    this.arrays.set('ENVIRON', env);
  }

  flush(): void { if (this.out) { this.ctx.stdout.write(this.out); this.out = ''; } }

  private dynRe(v: Val | RegExp): RegExp {
    if (v instanceof RegExp) return v;
    const s = toStr(v);
    let re = this.reCache.get(s);
    if (!re) { re = compileRe(s); this.reCache.set(s, re); }
    return re;
  }

  setRecord(line: string): void {
    this.fields = [new StrNum(line)];
    const fs = toStr(this.vars.get('FS') ?? ' ');
    let parts: string[];
    if (line === '') parts = [];
    else if (fs === ' ') parts = line.split(/[ \t\n]+/).filter((s, i, a) => s !== '' || (i > 0 && i < a.length - 1));
    else if (fs.length === 1 && fs !== '\\') parts = line.split(fs);
    else parts = line.split(new RegExp(posixToJs(fs, true)));
    if (fs === ' ') parts = parts.filter((s) => s !== '');
    for (const p of parts) this.fields.push(new StrNum(p));
    this.nf = parts.length;
  }

  private getField(i: number): Val {
    if (i === 0) return this.fields[0];
    return this.fields[i] ?? new StrNum('');
  }

  private setField(i: number, v: Val): void {
    if (i === 0) { this.setRecord(toStr(v)); return; }
    for (let k = this.fields.length; k <= i; k++) this.fields.push(new StrNum(''));
    this.fields[i] = v;
    this.nf = Math.max(this.nf, i);
    const ofs = toStr(this.vars.get('OFS') ?? ' ');
    this.fields[0] = new StrNum(this.fields.slice(1, this.nf + 1).map((f) => toStr(f)).join(ofs));
  }

  private arr(name: string): Map<string, Val> {
    let a = this.arrays.get(name);
    if (!a) { a = new Map(); this.arrays.set(name, a); }
    return a;
  }

  private key(keys: Expr[]): string {
    return keys.map((k) => toStr(this.eval(k))).join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  private get(target: Expr): Val {
    if (target.k === 'var') return target.name === 'NF' ? this.nf : this.vars.get(target.name) ?? new StrNum('');
    if (target.k === 'idx') { const a = this.arr(target.name); const k = this.key(target.keys); const v = a.get(k); if (v === undefined) { a.set(k, new StrNum('')); return new StrNum(''); } return v; }
    if (target.k === 'field') return this.getField(Math.trunc(toNum(this.eval(target.e))));
    return this.eval(target);
  }

  private set(target: Expr, v: Val): void {
    if (target.k === 'var') {
      if (target.name === 'NF') { this.nf = Math.trunc(toNum(v)); this.fields.length = this.nf + 1; this.setField(this.nf, this.getField(this.nf)); return; }
      this.vars.set(target.name, v);
    } else if (target.k === 'idx') this.arr(target.name).set(this.key(target.keys), v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(this.eval(target.e))), v);
  }

  cond(e: Expr): boolean {
    const v = e.k === 're' ? e.re.test(toStr(this.fields[0])) : this.eval(e);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return v !== '';
    return isNumeric(v) ? toNum(v) !== 0 : v.s !== '';
  }

  eval(e: Expr): Val {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': return e.re.test(toStr(this.fields[0])) ? 1 : 0;
      case 'group': return this.eval(e.e);
      case 'var': case 'idx': case 'field': return this.get(e);
      case 'assign': {
        let v = this.eval(e.e);
        if (e.op !== '=') v = arith(e.op[0], toNum(this.get(e.target)), toNum(v));
        if (v instanceof StrNum && e.target.k !== 'field') v = new StrNum(v.s);
        this.set(e.target, v);
        return v;
      }
      case 'incdec': {
        const old = toNum(this.get(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.set(e.target, nv);
        return e.pre ? nv : old;
      }
      case 'cond': return this.cond(e.c) ? this.eval(e.a) : this.eval(e.b);
      case 'un':
        if (e.op === '!') return this.cond(e.e) ? 0 : 1;
        return e.op === '-' ? -toNum(this.eval(e.e)) : toNum(this.eval(e.e));
      case 'in': return this.arr(e.name).has(this.key(e.key)) ? 1 : 0;
      case 'match': {
        const s = toStr(this.eval(e.a));
        const re = e.re.k === 're' ? e.re.re : this.dynRe(this.eval(e.re));
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (e.op === '&&') return this.cond(e.a) && this.cond(e.b) ? 1 : 0;
        if (e.op === '||') return this.cond(e.a) || this.cond(e.b) ? 1 : 0;
        const a = this.eval(e.a), b = this.eval(e.b);
        const convfmt = toStr(this.vars.get('CONVFMT') ?? '%.6g');
        switch (e.op) {
          case ' ': return toStr(a, convfmt) + toStr(b, convfmt);
          case ',': return toStr(a, convfmt) + toStr(this.vars.get('SUBSEP') ?? '') + toStr(b, convfmt);
          case '<': return compare(a, b) < 0 ? 1 : 0;
          case '<=': return compare(a, b) <= 0 ? 1 : 0;
          case '>': return compare(a, b) > 0 ? 1 : 0;
          case '>=': return compare(a, b) >= 0 ? 1 : 0;
          case '==': return compare(a, b) === 0 ? 1 : 0;
          case '!=': return compare(a, b) !== 0 ? 1 : 0;
          default: return arith(e.op, toNum(a), toNum(b));
        }
      }
      case 'call': return this.call(e.name, e.args);
    }
  }

  private call(name: string, args: Expr[]): Val {
    const s = (i: number): string => toStr(this.eval(args[i]));
    switch (name) {
      case 'length':
        if (args.length === 0) return [...toStr(this.fields[0])].length;
        if (args[0].k === 'var' && this.arrays.has(args[0].name)) return this.arr(args[0].name).size;
        return [...s(0)].length;
      case 'substr': {
        const str = [...s(0)];
        const m = Math.round(toNum(this.eval(args[1])));
        const n = args.length > 2 ? Math.round(toNum(this.eval(args[2]))) : Infinity;
        const start = Math.max(m, 1);
        const end = m + n;
        return end <= start ? '' : str.slice(start - 1, end - 1).join('');
      }
      case 'index': return s(0).indexOf(s(1)) + 1;
      case 'toupper': return s(0).toUpperCase();
      case 'tolower': return s(0).toLowerCase();
      case 'int': return Math.trunc(toNum(this.eval(args[0])));
      case 'sqrt': return Math.sqrt(toNum(this.eval(args[0])));
      case 'exp': return Math.exp(toNum(this.eval(args[0])));
      case 'log': return Math.log(toNum(this.eval(args[0])));
      case 'sprintf': return formatPrintf(s(0), args.slice(1).map((a) => this.eval(a)));
      case 'split': {
        const target = args[1];
        if (target.k !== 'var') throw new AwkSyntaxError('split: second argument is not an array');
        const str = s(0);
        const a = new Map<string, Val>();
        this.arrays.set(target.name, a);
        const sep = args.length > 2 ? (args[2].k === 're' ? args[2].re : toStr(this.eval(args[2]))) : toStr(this.vars.get('FS') ?? ' ');
        let parts: string[];
        if (str === '') parts = [];
        else if (sep === ' ') parts = str.split(/[ \t\n]+/).filter((x) => x !== '');
        else if (typeof sep === 'string' && sep.length === 1) parts = str.split(sep);
        else parts = str.split(this.dynRe(sep));
        parts.forEach((p, i) => a.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'match': {
        const str = s(0);
        const re = args[1].k === 're' ? args[1].re : this.dynRe(this.eval(args[1]));
        const m = re.exec(str);
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sub': case 'gsub': {
        const re0 = args[0].k === 're' ? args[0].re : this.dynRe(this.eval(args[0]));
        const re = new RegExp(re0.source, 'g');
        const repl = s(1);
        const target: Expr = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
        const str = toStr(this.get(target));
        let count = 0;
        const out = str.replace(re, (m: string) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => x === '&' ? m : x === '\\&' ? '&' : '\\');
        });
        if (count > 0) this.set(target, out);
        return count;
      }
    }
    return '';
  }

  exec(stmts: Stmt[]): void { for (const s of stmts) this.stmt(s); }

  private outNum(v: Val): string {
    return typeof v === 'number' ? numStr(v, toStr(this.vars.get('OFMT') ?? '%.6g')) : toStr(v);
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'print': {
        const ofs = toStr(this.vars.get('OFS') ?? ' ');
        const ors = toStr(this.vars.get('ORS') ?? '\n');
        this.out += (s.args.length === 0 ? toStr(this.fields[0]) : s.args.map((a) => this.outNum(this.eval(a))).join(ofs)) + ors;
        if (this.out.length > 4096) this.flush();
        return;
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkSyntaxError('printf: no format');
        const [f, ...rest] = s.args.map((a) => this.eval(a));
        this.out += formatPrintf(toStr(f), rest);
        return;
      }
      case 'expr': this.eval(s.e); return;
      case 'if': if (this.cond(s.c)) this.stmt(s.a); else if (s.b) this.stmt(s.b); return;
      case 'while':
        while (this.cond(s.c)) { try { this.stmt(s.body); } catch (e) { if (e instanceof Break) break; if (!(e instanceof Continue)) throw e; } }
        return;
      case 'for':
        for (if_(s.init, this); s.c ? this.cond(s.c) : true; if_(s.step, this)) {
          try { this.stmt(s.body); } catch (e) { if (e instanceof Break) break; if (!(e instanceof Continue)) throw e; }
        }
        return;
      case 'forin':
        for (const k of [...this.arr(s.arr).keys()]) {
          this.vars.set(s.v, new StrNum(k));
          try { this.stmt(s.body); } catch (e) { if (e instanceof Break) break; if (!(e instanceof Continue)) throw e; }
        }
        return;
      case 'block': this.exec(s.body); return;
      case 'next': throw new Next();
      case 'break': throw new Break();
      case 'continue': throw new Continue();
      case 'exit': throw new Exit(s.e ? Math.trunc(toNum(this.eval(s.e))) : 0);
      case 'delete': if (s.keys) this.arr(s.name).delete(this.key(s.keys)); else this.arr(s.name).clear(); return;
    }
  }
}

function if_(e: Expr | undefined, awk: Awk): void { if (e) awk.eval(e); }

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0) throw new AwkSyntaxError('division by zero'); return a / b;
    case '%': if (b === 0) throw new AwkSyntaxError('division by zero in %'); return a % b;
    case '^': return a ** b;
  }
  return 0;
}

export const awk: Command = (ctx) => withOpts(ctx, {
  short: 'F:v:f:',
  long: { 'field-separator': { key: 'F', arg: true }, assign: { key: 'v', arg: true } },
  stopAtOperand: true,
}, 2, async (p) => {
  const args = [...p.args];
  const src = args.shift();
  if (src === undefined) {
    ctx.stderr.write('Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...\n');
    return 2;
  }
  let rules: Rule[];
  try {
    const starts: number[] = [];
    rules = new Parser(lex(src, starts), starts).program();
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    // gawk: the program line, then a caret under the offending token.
    const pos = e.pos ?? src.length;
    const lineNo = src.slice(0, pos).split('\n').length;
    const lineStart = src.lastIndexOf('\n', pos - 1) + 1;
    const nl = src.indexOf('\n', pos);
    const line = src.slice(lineStart, nl < 0 ? src.length : nl);
    ctx.stderr.write(`awk: cmd. line:${lineNo}: ${line}\nawk: cmd. line:${lineNo}: ${' '.repeat(pos - lineStart)}^ ${e.message}\n`);
    return 1;
  }
  const awk = new Awk(ctx);
  const fsOpt = p.last('F');
  if (fsOpt !== undefined) awk.vars.set('FS', fsOpt === 't' ? '\t' : unescape(fsOpt));
  for (const a of p.opts.get('v') ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) { ctx.stderr.write(`awk: \`${a}' argument to \`-v' not in \`var=value' form\n\n`); return 2; }
    awk.vars.set(a.slice(0, eq), new StrNum(unescape(a.slice(eq + 1))));
  }
  const main = rules.filter((r) => r.kind === 'main');
  const ends = rules.filter((r) => r.kind === 'end');
  let code = 0;
  const runEnd = (): void => { for (const r of ends) awk.exec(r.action ?? []); };
  try {
    try {
      for (const r of rules) if (r.kind === 'begin') awk.exec(r.action ?? []);
      if (main.length > 0 || ends.length > 0) {
        const record = (line: string): void => {
          awk.vars.set('NR', toNum(awk.vars.get('NR') ?? 0) + 1);
          awk.vars.set('FNR', toNum(awk.vars.get('FNR') ?? 0) + 1);
          awk.setRecord(line);
          try {
            for (const r of main) {
              if (r.pattern && !awk.cond(r.pattern)) continue;
              if (r.action) awk.exec(r.action);
              else awk.out += toStr(awk.fields[0]) + toStr(awk.vars.get('ORS') ?? '\n');
            }
          } catch (e) { if (!(e instanceof Next)) throw e; }
        };
        const files = args.length ? args : ['-'];
        for (const f of files) {
          const eq = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(f);
          if (eq) { awk.vars.set(eq[0].slice(0, -1), new StrNum(unescape(f.slice(eq[0].length)))); continue; }
          awk.vars.set('FNR', 0);
          awk.vars.set('FILENAME', f === '-' ? '' : f);
          if (f === '-') {
            // SIMPLIFICATION: stdin is read line by line (so `kubectl get -w | awk` streams); files whole.
            for await (const raw of readLines(ctx.stdin)) { record(raw.endsWith('\n') ? raw.slice(0, -1) : raw); awk.flush(); }
            continue;
          }
          const r = await readInput(ctx, f);
          if (!r.ok) { awk.flush(); ctx.stderr.write(`awk: cmd. line:1: fatal: cannot open file \`${f}' for reading: ${r.reason}\n`); return 2; }
          for (const line of splitLines(r.text)) record(line);
        }
      }
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
    }
    try { runEnd(); } catch (e) { if (!(e instanceof Exit)) throw e; code = e.code; }
  } catch (e) {
    awk.flush();
    if (e instanceof AwkSyntaxError) { ctx.stderr.write(`awk: cmd. line:1: fatal: ${e.message}\n`); return 2; }
    throw e;
  }
  awk.flush();
  return code;
});
