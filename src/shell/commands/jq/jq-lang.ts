// The jq language, written by hand: there is no maintained, small, pure-JS jq to depend on
// (jq-web ships a 1 MB+ wasm build; node-jq spawns the binary). Models jq 1.6 (Ubuntu 22.04):
// paths, iteration, pipes, comma, operators, if/try/reduce/foreach, def, `as` bindings, string
// interpolation, @formats, object/array construction, path updates (|=, =, +=, del) and ~80 builtins.
// Leaves out: label/break, limit on streams of streams, SQL-style and date builtins, `input`,
// `$__loc__`, `getpath` on invalid paths, modules. Objects are JS objects: integer-like keys are
// ordered first (SIMPLIFICATION; jq keeps insertion order).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
type PathElem = string | number | { start: number | null; end: number | null };

export class JqError extends Error {
  constructor(message: string, readonly value?: Json) { super(message); }
}
export class JqCompileError extends Error {
  /** Offset of the offending token in the program (jq pads the echoed program line to it). */
  constructor(message: string, readonly pos = 0) { super(message); }
}

// ---------- AST ----------

type Node =
  | { t: 'identity' } | { t: 'recurse' }
  | { t: 'field'; target: Node; name: string; opt: boolean }
  | { t: 'index'; target: Node; index: Node; opt: boolean }
  | { t: 'slice'; target: Node; from: Node | null; to: Node | null; opt: boolean }
  | { t: 'iterate'; target: Node; opt: boolean }
  | { t: 'literal'; value: Json }
  | { t: 'string'; parts: (string | Node)[]; format: string | null }
  | { t: 'format'; name: string }
  | { t: 'array'; body: Node | null }
  | { t: 'object'; entries: { key: Node | string; value: Node | null }[] }
  | { t: 'pipe'; left: Node; right: Node }
  | { t: 'comma'; left: Node; right: Node }
  | { t: 'binop'; op: string; left: Node; right: Node }
  | { t: 'and' | 'or' | 'alt'; left: Node; right: Node }
  | { t: 'assign'; op: string; left: Node; right: Node }
  | { t: 'neg'; body: Node }
  | { t: 'var'; name: string }
  | { t: 'as'; source: Node; patterns: Pattern[]; body: Node }
  | { t: 'call'; name: string; args: Node[]; pos: number }
  | { t: 'if'; cond: Node; then: Node; elifs: { cond: Node; then: Node }[]; else: Node | null }
  | { t: 'try'; body: Node; catch: Node | null }
  | { t: 'optional'; body: Node }
  | { t: 'reduce'; source: Node; pattern: Pattern; init: Node; update: Node }
  | { t: 'foreach'; source: Node; pattern: Pattern; init: Node; update: Node; extract: Node | null }
  | { t: 'def'; name: string; params: string[]; body: Node; rest: Node };

type Pattern = { t: 'var'; name: string } | { t: 'array'; items: Pattern[] } | { t: 'object'; entries: { key: string | Node; keyVar?: string; value: Pattern | null }[] };

// ---------- lexer ----------

type Tok = (
  | { k: 'num'; v: number } | { k: 'str'; parts: (string | Tok[])[] } | { k: 'ident'; v: string } | { k: 'field'; v: string }
  | { k: 'var'; v: string } | { k: 'format'; v: string } | { k: 'op'; v: string } | { k: 'eof' }) & { pos?: number };

const OPS = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', 'and', 'or',
  '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '(', ')', '{', '}', ':', ';', '?'];

function syntaxError(found: string, pos = 0): JqCompileError {
  return new JqCompileError(`syntax error, unexpected ${found} (Unix shell quoting issues?)`, pos);
}

function lex(src: string): Tok[] {
  let i = 0;
  const toks: Tok[] = [];
  const lexString = (): Tok => {
    i++; // opening quote
    const parts: (string | Tok[])[] = [];
    let cur = '';
    for (;;) {
      if (i >= src.length) throw syntaxError('$end');
      const c = src[i];
      if (c === '"') { i++; break; }
      if (c === '\\') {
        const n = src[i + 1];
        if (n === '(') {
          if (cur) { parts.push(cur); cur = ''; }
          i += 2;
          // Lex the interpolation up to its matching paren.
          let depth = 1;
          const start = i;
          let inStr = false;
          for (; i < src.length; i++) {
            const d = src[i];
            if (inStr) { if (d === '\\') i++; else if (d === '"') inStr = false; continue; }
            if (d === '"') inStr = true;
            else if (d === '(') depth++;
            else if (d === ')') { depth--; if (depth === 0) break; }
          }
          if (i >= src.length) throw syntaxError('$end');
          parts.push(lex(src.slice(start, i)));
          i++;
          continue;
        }
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
        if (n === 'u') { cur += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)); i += 6; continue; }
        if (n in map) { cur += map[n]; i += 2; continue; }
        throw new JqCompileError(`invalid escape at line 1, column ${i + 1}`);
      }
      cur += c;
      i++;
    }
    if (cur || parts.length === 0) parts.push(cur);
    return { k: 'str', parts };
  };
  const rawPush = toks.push.bind(toks);
  let tokStart = 0;
  toks.push = (...items: Tok[]): number => { for (const t of items) t.pos = tokStart; return rawPush(...items); };
  while (i < src.length) {
    const c = src[i];
    tokStart = i;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '"') { toks.push(lexString()); continue; }
    const num = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i));
    if (num && !(c === '.' && !/[0-9]/.test(src[i + 1] ?? ''))) { toks.push({ k: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    if (c === '$') {
      const m = /^\$(__loc__|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw syntaxError("'$'");
      toks.push({ k: 'var', v: m[1] });
      i += m[0].length;
      continue;
    }
    if (c === '@') {
      const m = /^@([A-Za-z0-9_]+)/.exec(src.slice(i));
      if (!m) throw syntaxError("'@'");
      toks.push({ k: 'format', v: m[1] });
      i += m[0].length;
      continue;
    }
    if (c === '.' && /[A-Za-z_]/.test(src[i + 1] ?? '')) {
      const m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ k: 'field', v: m[1] });
      i += m[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (id) {
      if (id[0] === 'and' || id[0] === 'or') toks.push({ k: 'op', v: id[0] });
      else toks.push({ k: 'ident', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i) && !/^[a-z]/.test(o));
    if (!op) throw syntaxError('INVALID_CHARACTER', i);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  tokStart = Math.max(0, src.length - 1);
  toks.push({ k: 'eof' });
  return toks;
}

// ---------- parser ----------

const KEYWORDS = new Set(['def', 'if', 'then', 'elif', 'else', 'end', 'as', 'reduce', 'foreach', 'try', 'catch', 'label', 'import', 'include', '__loc__']);

class JqParser {
  private i = 0;
  constructor(private toks: Tok[]) {}

  private peek(): Tok { return this.toks[this.i]; }
  private isOp(v: string): boolean { const t = this.peek(); return t.k === 'op' && t.v === v; }
  private isIdent(v: string): boolean { const t = this.peek(); return t.k === 'ident' && t.v === v; }
  private describe(t: Tok): string {
    switch (t.k) {
      case 'eof': return '$end';
      case 'num': return 'LITERAL';
      case 'str': return 'QQSTRING_START';
      case 'ident': return KEYWORDS.has(t.v) ? t.v : 'IDENT';
      case 'field': return 'FIELD';
      case 'var': return '$';
      case 'format': return 'FORMAT';
      case 'op': return t.v.length === 1 ? `'${t.v}'` : t.v;
    }
  }
  private err(t: Tok): JqCompileError { return syntaxError(this.describe(t), t.pos ?? 0); }

  private expectOp(v: string): void {
    if (!this.isOp(v)) throw this.err(this.peek());
    this.i++;
  }
  private expectIdent(v: string): void {
    if (!this.isIdent(v)) throw this.err(this.peek());
    this.i++;
  }

  parseProgram(): Node {
    const n = this.parsePipe();
    if (this.peek().k !== 'eof') throw this.err(this.peek());
    return n;
  }

  parsePipe(): Node {
    if (this.isIdent('def')) {
      this.i++;
      const nameTok = this.peek();
      if (nameTok.k !== 'ident') throw this.err(nameTok);
      this.i++;
      const params: string[] = [];
      if (this.isOp('(')) {
        this.i++;
        for (;;) {
          const p = this.peek();
          if (p.k === 'ident') params.push(p.v);
          else if (p.k === 'var') params.push('$' + p.v);
          else throw this.err(p);
          this.i++;
          if (this.isOp(';')) { this.i++; continue; }
          this.expectOp(')');
          break;
        }
      }
      this.expectOp(':');
      const body = this.parsePipe();
      this.expectOp(';');
      const rest = this.parsePipe();
      return { t: 'def', name: nameTok.v, params, body, rest };
    }
    const left = this.parseComma();
    if (this.isIdent('as')) {
      this.i++;
      const patterns = [this.parsePattern()];
      while (this.isOp('?//')) { this.i++; patterns.push(this.parsePattern()); }
      this.expectOp('|');
      const body = this.parsePipe();
      return { t: 'as', source: left, patterns, body };
    }
    if (this.isOp('|')) { this.i++; return { t: 'pipe', left, right: this.parsePipe() }; }
    return left;
  }

  private parsePattern(): Pattern {
    const t = this.peek();
    if (t.k === 'var') { this.i++; return { t: 'var', name: t.v }; }
    if (this.isOp('[')) {
      this.i++;
      const items: Pattern[] = [];
      if (!this.isOp(']')) for (;;) { items.push(this.parsePattern()); if (this.isOp(',')) { this.i++; continue; } break; }
      this.expectOp(']');
      return { t: 'array', items };
    }
    if (this.isOp('{')) {
      this.i++;
      const entries: { key: string | Node; keyVar?: string; value: Pattern | null }[] = [];
      for (;;) {
        const k = this.peek();
        if (k.k === 'var') { this.i++; entries.push({ key: k.v, keyVar: k.v, value: this.isOp(':') ? (this.i++, this.parsePattern()) : null }); }
        else if (k.k === 'ident') { this.i++; this.expectOp(':'); entries.push({ key: k.v, value: this.parsePattern() }); }
        else if (k.k === 'str') { this.i++; this.expectOp(':'); entries.push({ key: this.stringNode(k, null), value: this.parsePattern() }); }
        else if (this.isOp('(')) { this.i++; const e = this.parsePipe(); this.expectOp(')'); this.expectOp(':'); entries.push({ key: e, value: this.parsePattern() }); }
        else throw this.err(k);
        if (this.isOp(',')) { this.i++; continue; }
        break;
      }
      this.expectOp('}');
      return { t: 'object', entries };
    }
    throw this.err(t);
  }

  private parseComma(): Node {
    let left = this.parseAlt();
    while (this.isOp(',')) { this.i++; left = { t: 'comma', left, right: this.parseAlt() }; }
    return left;
  }

  private parseAlt(): Node {
    const left = this.parseAssign();
    if (this.isOp('//')) { this.i++; return { t: 'alt', left, right: this.parseAlt() }; }
    return left;
  }

  private parseAssign(): Node {
    const left = this.parseOr();
    const t = this.peek();
    if (t.k === 'op' && ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='].includes(t.v)) {
      this.i++;
      return { t: 'assign', op: t.v, left, right: this.parseAlt() };
    }
    return left;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isOp('or')) { this.i++; left = { t: 'or', left, right: this.parseAnd() }; }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseCompare();
    while (this.isOp('and')) { this.i++; left = { t: 'and', left, right: this.parseCompare() }; }
    return left;
  }

  private parseCompare(): Node {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      return { t: 'binop', op: t.v, left, right: this.parseAdditive() };
    }
    return left;
  }

  private parseAdditive(): Node {
    let left = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '+' || t.v === '-')) { this.i++; left = { t: 'binop', op: t.v, left, right: this.parseMultiplicative() }; continue; }
      return left;
    }
  }

  private parseMultiplicative(): Node {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '*' || t.v === '/' || t.v === '%')) { this.i++; left = { t: 'binop', op: t.v, left, right: this.parseUnary() }; continue; }
      return left;
    }
  }

  private parseUnary(): Node {
    if (this.isOp('-')) { this.i++; return { t: 'neg', body: this.parsePostfix() }; }
    return this.parsePostfix();
  }

  private parsePostfix(): Node {
    let node = this.parseTerm();
    for (;;) {
      const t = this.peek();
      if (t.k === 'field') { this.i++; node = { t: 'field', target: node, name: t.v, opt: this.optional() }; continue; }
      if (t.k === 'op' && t.v === '.' && this.toks[this.i + 1].k === 'str') {
        this.i++;
        const s = this.peek() as Extract<Tok, { k: 'str' }>;
        this.i++;
        node = { t: 'index', target: node, index: this.stringNode(s, null), opt: this.optional() };
        continue;
      }
      if (t.k === 'op' && t.v === '.' && this.toks[this.i + 1].k === 'op' && (this.toks[this.i + 1] as { v: string }).v === '[') { this.i++; continue; }
      if (t.k === 'op' && t.v === '[') { node = this.parseBracketSuffix(node); continue; }
      if (t.k === 'op' && t.v === '?') { this.i++; node = { t: 'optional', body: node }; continue; }
      return node;
    }
  }

  private optional(): boolean {
    if (this.isOp('?')) { this.i++; return true; }
    return false;
  }

  private parseBracketSuffix(target: Node): Node {
    this.expectOp('[');
    if (this.isOp(']')) { this.i++; return { t: 'iterate', target, opt: this.optional() }; }
    if (this.isOp(':')) {
      this.i++;
      const to = this.parsePipe();
      this.expectOp(']');
      return { t: 'slice', target, from: null, to, opt: this.optional() };
    }
    const index = this.parsePipe();
    if (this.isOp(':')) {
      this.i++;
      const to = this.isOp(']') ? null : this.parsePipe();
      this.expectOp(']');
      return { t: 'slice', target, from: index, to, opt: this.optional() };
    }
    this.expectOp(']');
    return { t: 'index', target, index, opt: this.optional() };
  }

  private stringNode(tok: Extract<Tok, { k: 'str' }>, format: string | null): Node {
    const parts = tok.parts.map((p) => (typeof p === 'string' ? p : new JqParser(p).parseProgram()));
    if (parts.length === 1 && typeof parts[0] === 'string' && format === null) return { t: 'literal', value: parts[0] };
    return { t: 'string', parts, format };
  }

  private parseTerm(): Node {
    const t = this.peek();
    switch (t.k) {
      case 'num': this.i++; return { t: 'literal', value: t.v };
      case 'str': this.i++; return this.stringNode(t, null);
      case 'format': {
        this.i++;
        const s = this.peek();
        if (s.k === 'str') { this.i++; return this.stringNode(s, t.v); }
        return { t: 'format', name: t.v };
      }
      case 'field': this.i++; return { t: 'field', target: { t: 'identity' }, name: t.v, opt: this.optional() };
      case 'var': this.i++; return { t: 'var', name: t.v };
      case 'op': {
        if (t.v === '.') {
          this.i++;
          const n = this.peek();
          if (n.k === 'str') { this.i++; return { t: 'index', target: { t: 'identity' }, index: this.stringNode(n, null), opt: this.optional() }; }
          if (n.k === 'op' && n.v === '[') return this.parseBracketSuffix({ t: 'identity' });
          return { t: 'identity' };
        }
        if (t.v === '..') { this.i++; return { t: 'recurse' }; }
        if (t.v === '(') { this.i++; const e = this.parsePipe(); this.expectOp(')'); return e; }
        if (t.v === '[') {
          this.i++;
          if (this.isOp(']')) { this.i++; return { t: 'array', body: null }; }
          const body = this.parsePipe();
          this.expectOp(']');
          return { t: 'array', body };
        }
        if (t.v === '{') return this.parseObject();
        if (t.v === '-') { this.i++; return { t: 'neg', body: this.parsePostfix() }; }
        throw this.err(t);
      }
      case 'ident': {
        if (t.v === 'if') return this.parseIf();
        if (t.v === 'try') {
          this.i++;
          const body = this.parsePostfixOnly();
          let c: Node | null = null;
          if (this.isIdent('catch')) { this.i++; c = this.parsePostfixOnly(); }
          return { t: 'try', body, catch: c };
        }
        if (t.v === 'reduce' || t.v === 'foreach') {
          this.i++;
          const source = this.parsePostfix();
          this.expectIdent('as');
          const pattern = this.parsePattern();
          this.expectOp('(');
          const init = this.parsePipe();
          this.expectOp(';');
          const update = this.parsePipe();
          let extract: Node | null = null;
          if (t.v === 'foreach' && this.isOp(';')) { this.i++; extract = this.parsePipe(); }
          this.expectOp(')');
          return t.v === 'reduce' ? { t: 'reduce', source, pattern, init, update } : { t: 'foreach', source, pattern, init, update, extract };
        }
        if (t.v === 'def') {
          // A def inside a term: `(def f: .; f)` handled by parsePipe.
          return this.parsePipe();
        }
        if (KEYWORDS.has(t.v)) throw syntaxError(t.v, t.pos ?? 0);
        this.i++;
        const args: Node[] = [];
        if (this.isOp('(')) {
          this.i++;
          for (;;) {
            args.push(this.parsePipe());
            if (this.isOp(';')) { this.i++; continue; }
            break;
          }
          this.expectOp(')');
        }
        return { t: 'call', name: t.v, args, pos: t.pos ?? 0 };
      }
      case 'eof': throw syntaxError('$end', t.pos ?? 0);
    }
  }

  private parsePostfixOnly(): Node { return this.parsePostfix(); }

  private parseIf(): Node {
    this.expectIdent('if');
    const cond = this.parsePipe();
    this.expectIdent('then');
    const then = this.parsePipe();
    const elifs: { cond: Node; then: Node }[] = [];
    let els: Node | null = null;
    for (;;) {
      if (this.isIdent('elif')) {
        this.i++;
        const c = this.parsePipe();
        this.expectIdent('then');
        elifs.push({ cond: c, then: this.parsePipe() });
        continue;
      }
      if (this.isIdent('else')) { this.i++; els = this.parsePipe(); }
      this.expectIdent('end');
      break;
    }
    return { t: 'if', cond, then, elifs, else: els };
  }

  private parseObject(): Node {
    this.expectOp('{');
    const entries: { key: Node | string; value: Node | null }[] = [];
    if (this.isOp('}')) { this.i++; return { t: 'object', entries }; }
    for (;;) {
      const k = this.peek();
      let key: Node | string;
      if (k.k === 'ident' || (k.k === 'op' && (k.v === 'and' || k.v === 'or'))) { this.i++; key = k.v; }
      else if (k.k === 'var') { this.i++; entries.push({ key: k.v, value: { t: 'var', name: k.v } }); if (this.isOp(',')) { this.i++; continue; } break; }
      else if (k.k === 'str') { this.i++; key = this.stringNode(k, null); }
      else if (k.k === 'format') { this.i++; const s = this.peek(); if (s.k !== 'str') throw this.err(s); this.i++; key = this.stringNode(s, k.v); }
      else if (k.k === 'num') { throw syntaxError('LITERAL'); }
      else if (this.isOp('(')) { this.i++; key = this.parsePipe(); this.expectOp(')'); }
      else throw this.err(k);
      let value: Node | null = null;
      if (this.isOp(':')) { this.i++; value = this.parseObjectValue(); }
      entries.push({ key, value });
      if (this.isOp(',')) { this.i++; continue; }
      break;
    }
    this.expectOp('}');
    return { t: 'object', entries };
  }

  /** Object values bind tighter than ',': `{a: 1, b: 2}`; pipes are allowed (`{a: .x | f}`). */
  private parseObjectValue(): Node {
    let left = this.parseAlt();
    while (this.isOp('|')) { this.i++; left = { t: 'pipe', left, right: this.parseAlt() }; }
    return left;
  }
}

export function compile(src: string): Node {
  return new JqParser(lex(src)).parseProgram();
}

// ---------- values ----------

export function typeOf(v: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'boolean' | 'number' | 'string' | 'object';
}

const ORDER = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 };

export function compare(a: Json, b: Json): number {
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) {
    const oa = ta === 'boolean' ? (a ? 2 : 1) : ORDER[ta];
    const ob = tb === 'boolean' ? (b ? 2 : 1) : ORDER[tb];
    return oa - ob;
  }
  switch (ta) {
    case 'null': return 0;
    case 'boolean': return (a ? 1 : 0) - (b ? 1 : 0);
    case 'number': return (a as number) - (b as number);
    case 'string': return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 'array': {
      const x = a as Json[], y = b as Json[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) { const c = compare(x[i], y[i]); if (c !== 0) return c; }
      return x.length - y.length;
    }
    case 'object': {
      const x = a as Obj, y = b as Obj;
      const kx = Object.keys(x).sort(), ky = Object.keys(y).sort();
      const c = compare(kx, ky);
      if (c !== 0) return c;
      for (const k of kx) { const d = compare(x[k], y[k]); if (d !== 0) return d; }
      return 0;
    }
  }
}

const truthy = (v: Json): boolean => v !== null && v !== false;

/** Short description used in error messages: `object ({"a":1})`. */
function desc(v: Json): string {
  let s = JSON.stringify(v) ?? 'null';
  if (s.length > 11) s = s.slice(0, 11) + '...';
  return `${typeOf(v)} (${s})`;
}

export function toJsonText(v: Json): string {
  return serialize(v, { indent: 0, sortKeys: false, color: false, ascii: false });
}

// ---------- environment ----------

interface FuncDef { params: string[]; body: Node; env: Env }
interface Env {
  vars: { name: string; value: Json; next: Env['vars'] } | null;
  funcs: { key: string; def: FuncDef | { closure: Node; env: Env }; next: Env['funcs'] } | null;
}

function lookupVar(env: Env, name: string): Json | undefined {
  for (let v = env.vars; v; v = v.next) if (v.name === name) return v.value;
  return undefined;
}
function bindVar(env: Env, name: string, value: Json): Env {
  return { vars: { name, value, next: env.vars }, funcs: env.funcs };
}
function lookupFunc(env: Env, key: string): FuncDef | { closure: Node; env: Env } | undefined {
  for (let f = env.funcs; f; f = f.next) if (f.key === key) return f.def;
  return undefined;
}

// ---------- evaluation ----------

function indexValue(v: Json, k: Json): Json {
  if (v === null) {
    if (typeof k === 'string' || typeof k === 'number' || k === null) return null;
  }
  if (typeof k === 'string') {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null;
    throw new JqError(`Cannot index ${typeOf(v)} with string "${k}"`);
  }
  if (typeof k === 'number') {
    if (Array.isArray(v)) {
      const i = Math.floor(k);
      const idx = i < 0 ? v.length + i : i;
      return idx >= 0 && idx < v.length ? v[idx] : null;
    }
    throw new JqError(`Cannot index ${typeOf(v)} with number`);
  }
  if (k !== null && typeof k === 'object' && !Array.isArray(k) && Array.isArray(v)) {
    return sliceValue(v, (k as Obj).start as number | null, (k as Obj).end as number | null);
  }
  if (Array.isArray(k) && Array.isArray(v)) {
    const out: Json[] = [];
    if (k.length === 0) return null;
    for (let i = 0; i + k.length <= v.length; i++) if (k.every((x, j) => compare(x, v[i + j]) === 0)) out.push(i);
    return out;
  }
  throw new JqError(`Cannot index ${typeOf(v)} with ${typeOf(k)}`);
}

function sliceValue(v: Json, from: Json, to: Json): Json {
  if (v === null) return null;
  if (typeof v !== 'string' && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with object`);
  if ((from !== null && typeof from !== 'number') || (to !== null && typeof to !== 'number')) throw new JqError('Start and end indices of an array slice must be numbers');
  const len = typeof v === 'string' ? [...v].length : v.length;
  const norm = (x: number | null, d: number): number => {
    if (x === null) return d;
    const n = Math.floor(x < 0 ? len + x : x);
    return Math.max(0, Math.min(len, n));
  };
  const a = norm(from, 0), b = Math.max(norm(from, 0), norm(to, len));
  return typeof v === 'string' ? [...v].slice(a, b).join('') : v.slice(a, b);
}

function iterate(v: Json): Json[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.values(v);
  throw new JqError(`Cannot iterate over ${typeOf(v)}${v === null ? '' : ` (${JSON.stringify(v)})`}`.replace(/ \((.{11}).+\)$/, ' ($1...)'));
}

function add(a: Json, b: Json): Json {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeOf(a) === 'object' && typeOf(b) === 'object') return { ...(a as Obj), ...(b as Obj) };
  throw new JqError(`${desc(a)} and ${desc(b)} cannot be added`);
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = typeOf(cur) === 'object' && typeOf(v) === 'object' ? deepMerge(cur as Obj, v as Obj) : v;
  }
  return out;
}

function binop(op: string, a: Json, b: Json): Json {
  switch (op) {
    case '+': return add(a, b);
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
      throw new JqError(`${desc(a)} and ${desc(b)} cannot be subtracted`);
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (typeof a === 'string' && typeof b === 'number') return b > 0 ? a.repeat(Math.ceil(b)) : null;
      if (typeof b === 'string' && typeof a === 'number') return a > 0 ? b.repeat(Math.ceil(a)) : null;
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return deepMerge(a as Obj, b as Obj);
      throw new JqError(`${desc(a)} and ${desc(b)} cannot be multiplied`);
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return splitStr(a, b);
      throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided`);
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        const bi = Math.trunc(b);
        if (bi === 0) throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided because the divisor is zero`);
        return Math.trunc(a) % bi;
      }
      throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided`);
    case '==': return compare(a, b) === 0;
    case '!=': return compare(a, b) !== 0;
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
  }
  throw new JqError(`unknown operator ${op}`);
}

function splitStr(a: string, sep: string): Json[] {
  if (a === '') return [];
  return a.split(sep);
}

function destructure(p: Pattern, value: Json, env: Env, ev: Evaluator): Env[] {
  if (p.t === 'var') return [bindVar(env, p.name, value)];
  if (p.t === 'array') {
    if (value !== null && !Array.isArray(value)) throw new JqError(`Cannot index ${typeOf(value)} with number`);
    let envs = [env];
    p.items.forEach((item, i) => {
      envs = envs.flatMap((e) => destructure(item, indexValue(value, i), e, ev));
    });
    return envs;
  }
  let envs = [env];
  for (const entry of p.entries) {
    const next: Env[] = [];
    for (const e of envs) {
      const keys = typeof entry.key === 'string' ? [entry.key] : [...ev.eval(entry.key, value, e)];
      for (const k of keys) {
        if (typeof k !== 'string') throw new JqError(`Cannot index ${typeOf(value)} with ${typeOf(k)}`);
        const v = indexValue(value, k);
        const e2 = entry.keyVar ? bindVar(e, entry.keyVar, v) : e;
        if (entry.value) next.push(...destructure(entry.value, v, e2, ev));
        else next.push(e2);
      }
    }
    envs = next;
  }
  return envs;
}

function getPath(v: Json, path: PathElem[]): Json {
  let cur = v;
  for (const p of path) {
    if (cur === null) return null;
    cur = typeof p === 'object' ? sliceValue(cur, p.start, p.end) : indexValue(cur, p);
  }
  return cur;
}

function setPath(v: Json, path: PathElem[], value: Json, i = 0): Json {
  if (i === path.length) return value;
  const p = path[i];
  if (typeof p === 'string') {
    if (v !== null && typeOf(v) !== 'object') throw new JqError(`Cannot index ${typeOf(v)} with "${p}"`);
    const obj = (v ?? {}) as Obj;
    return { ...obj, [p]: setPath(obj[p] ?? null, path, value, i + 1) };
  }
  if (typeof p === 'number') {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const arr = [...((v ?? []) as Json[])];
    const idx = p < 0 ? arr.length + p : p;
    if (idx < 0) throw new JqError('Out of bounds negative array index');
    while (arr.length <= idx) arr.push(null);
    arr[idx] = setPath(arr[idx], path, value, i + 1);
    return arr;
  }
  const arr = (v ?? []) as Json[];
  const cur = sliceValue(arr, p.start, p.end) as Json[];
  const replaced = setPath(cur, path, value, i + 1);
  if (!Array.isArray(replaced)) throw new JqError('A slice of an array can only be assigned another array');
  const len = arr.length;
  const a = p.start === null ? 0 : Math.max(0, Math.min(len, p.start < 0 ? len + p.start : p.start));
  const b = Math.max(a, p.end === null ? len : Math.max(0, Math.min(len, p.end < 0 ? len + p.end : p.end)));
  return [...arr.slice(0, a), ...replaced, ...arr.slice(b)];
}

function deletePaths(v: Json, paths: PathElem[][]): Json {
  // Delete longest/last paths first so indices stay valid.
  const sorted = [...paths].sort((x, y) => compare(y as Json, x as Json));
  let out = v;
  for (const p of sorted) out = deletePath(out, p);
  return out;
}

function deletePath(v: Json, path: PathElem[]): Json {
  if (path.length === 0) return null;
  if (v === null) return null;
  const [p, ...rest] = path;
  if (rest.length === 0) {
    if (typeof p === 'string') {
      if (typeOf(v) !== 'object') throw new JqError(`Cannot delete field at object index of ${typeOf(v)}`);
      const o = { ...(v as Obj) };
      delete o[p];
      return o;
    }
    if (typeof p === 'number') {
      if (!Array.isArray(v)) throw new JqError(`Cannot delete field at index of ${typeOf(v)}`);
      const idx = p < 0 ? v.length + p : p;
      return v.filter((_, i) => i !== idx);
    }
    if (!Array.isArray(v)) throw new JqError(`Cannot delete slice of ${typeOf(v)}`);
    const len = v.length;
    const a = p.start === null ? 0 : Math.max(0, Math.min(len, p.start < 0 ? len + p.start : p.start));
    const b = p.end === null ? len : Math.max(0, Math.min(len, p.end < 0 ? len + p.end : p.end));
    return [...v.slice(0, a), ...v.slice(Math.max(a, b))];
  }
  const child = typeof p === 'object' ? sliceValue(v, p.start, p.end) : indexValue(v, p);
  return setPath(v, [p], deletePath(child, rest));
}

export interface JqOptions { vars?: Record<string, Json>; env?: Record<string, string> }

class Evaluator {
  constructor(private readonly envVars: Record<string, string>) {}

  *eval(n: Node, input: Json, env: Env): Generator<Json> {
    switch (n.t) {
      case 'identity': yield input; return;
      case 'recurse': yield* this.recurse(input); return;
      case 'literal': yield n.value; return;
      case 'field':
        for (const v of this.eval(n.target, input, env)) {
          try { yield indexValue(v, n.name); } catch (e) { if (!n.opt) throw e; }
        }
        return;
      case 'index':
        for (const v of this.eval(n.target, input, env)) {
          for (const k of this.eval(n.index, input, env)) {
            try { yield indexValue(v, k); } catch (e) { if (!n.opt) throw e; }
          }
        }
        return;
      case 'slice':
        for (const v of this.eval(n.target, input, env)) {
          for (const to of n.to ? this.eval(n.to, input, env) : [null]) {
            for (const from of n.from ? this.eval(n.from, input, env) : [null]) {
              try { yield sliceValue(v, from, to); } catch (e) { if (!n.opt) throw e; }
            }
          }
        }
        return;
      case 'iterate':
        for (const v of this.eval(n.target, input, env)) {
          let items: Json[];
          try { items = iterate(v); } catch (e) { if (n.opt) continue; throw e; }
          yield* items;
        }
        return;
      case 'string': {
        for (const parts of this.stringParts(n.parts, input, env)) {
          yield parts.map((p) => (typeof p === 'string' ? p : n.format ? applyFormat(n.format, p.v) : typeof p.v === 'string' ? p.v : toJsonText(p.v))).join('');
        }
        return;
      }
      case 'format': yield applyFormat(n.name, input); return;
      case 'array': yield n.body ? [...this.eval(n.body, input, env)] : []; return;
      case 'object': yield* this.object(n.entries, 0, input, env, {}); return;
      case 'pipe':
        for (const v of this.eval(n.left, input, env)) yield* this.eval(n.right, v, env);
        return;
      case 'comma': yield* this.eval(n.left, input, env); yield* this.eval(n.right, input, env); return;
      case 'neg':
        for (const v of this.eval(n.body, input, env)) {
          if (typeof v !== 'number') throw new JqError(`${desc(v)} cannot be negated`);
          yield -v;
        }
        return;
      case 'binop':
        for (const r of this.eval(n.right, input, env)) for (const l of this.eval(n.left, input, env)) yield binop(n.op, l, r);
        return;
      case 'and': case 'or':
        for (const l of this.eval(n.left, input, env)) {
          if (n.t === 'and' && !truthy(l)) { yield false; continue; }
          if (n.t === 'or' && truthy(l)) { yield true; continue; }
          for (const r of this.eval(n.right, input, env)) yield truthy(r);
        }
        return;
      case 'alt': {
        let any = false;
        try {
          for (const v of this.eval(n.left, input, env)) if (truthy(v)) { any = true; yield v; }
        } catch (e) { if (!(e instanceof JqError)) throw e; }
        if (!any) yield* this.eval(n.right, input, env);
        return;
      }
      case 'assign': yield* this.assign(n, input, env); return;
      case 'var': {
        if (n.name === 'ENV') { yield { ...this.envVars }; return; }
        if (n.name === '__loc__') { yield { file: '<stdin>', line: 1 }; return; }
        const v = lookupVar(env, n.name);
        if (v === undefined) throw new JqCompileError(`$${n.name} is not defined`);
        yield v;
        return;
      }
      case 'as':
        for (const v of this.eval(n.source, input, env)) {
          let lastErr: unknown = null;
          let done = false;
          for (const pat of n.patterns) {
            try {
              for (const e of destructure(pat, v, env, this)) yield* this.eval(n.body, input, e);
              done = true;
              break;
            } catch (e) {
              if (!(e instanceof JqError) || n.patterns.length === 1) throw e;
              lastErr = e;
            }
          }
          if (!done && lastErr) throw lastErr;
        }
        return;
      case 'if': {
        for (const c of this.eval(n.cond, input, env)) {
          if (truthy(c)) { yield* this.eval(n.then, input, env); continue; }
          if (n.elifs.length > 0) {
            const [first, ...rest] = n.elifs;
            yield* this.eval({ t: 'if', cond: first.cond, then: first.then, elifs: rest, else: n.else }, input, env);
          } else if (n.else) yield* this.eval(n.else, input, env);
          else yield input;
        }
        return;
      }
      case 'try':
        try {
          for (const v of this.eval(n.body, input, env)) yield v;
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          if (n.catch) yield* this.eval(n.catch, e.value !== undefined ? e.value : e.message, env);
        }
        return;
      case 'optional':
        try { for (const v of this.eval(n.body, input, env)) yield v; }
        catch (e) { if (!(e instanceof JqError)) throw e; }
        return;
      case 'reduce': {
        for (let acc of this.eval(n.init, input, env)) {
          for (const v of this.eval(n.source, input, env)) {
            for (const e of destructure(n.pattern, v, env, this)) {
              let last: Json = null;
              let any = false;
              for (const r of this.eval(n.update, acc, e)) { last = r; any = true; }
              acc = any ? last : null;
            }
          }
          yield acc;
        }
        return;
      }
      case 'foreach': {
        for (let acc of this.eval(n.init, input, env)) {
          for (const v of this.eval(n.source, input, env)) {
            for (const e of destructure(n.pattern, v, env, this)) {
              for (const r of this.eval(n.update, acc, e)) {
                acc = r;
                if (n.extract) yield* this.eval(n.extract, r, e); else yield r;
              }
            }
          }
        }
        return;
      }
      case 'def': {
        const key = `${n.name}/${n.params.length}`;
        const def: FuncDef = { params: n.params, body: n.body, env };
        const newEnv: Env = { vars: env.vars, funcs: { key, def, next: env.funcs } };
        def.env = newEnv; // recursion
        yield* this.eval(n.rest, input, newEnv);
        return;
      }
      case 'call': yield* this.call(n, input, env); return;
    }
  }

  private *recurse(v: Json): Generator<Json> {
    yield v;
    if (Array.isArray(v)) for (const x of v) yield* this.recurse(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) yield* this.recurse(x);
  }

  private *stringParts(parts: (string | Node)[], input: Json, env: Env, i = 0): Generator<(string | { v: Json })[]> {
    if (i === parts.length) { yield []; return; }
    const p = parts[i];
    if (typeof p === 'string') { for (const rest of this.stringParts(parts, input, env, i + 1)) yield [p, ...rest]; return; }
    for (const v of this.eval(p, input, env)) for (const rest of this.stringParts(parts, input, env, i + 1)) yield [{ v }, ...rest];
  }

  private *object(entries: { key: Node | string; value: Node | null }[], i: number, input: Json, env: Env, acc: Obj): Generator<Json> {
    if (i === entries.length) { yield { ...acc }; return; }
    const e = entries[i];
    const keys: Json[] = typeof e.key === 'string' ? [e.key] : [...this.eval(e.key, input, env)];
    for (const k of keys) {
      if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
      const values: Iterable<Json> = e.value ? this.eval(e.value, input, env) : [indexValue(input, k)];
      for (const v of values) yield* this.object(entries, i + 1, input, env, { ...acc, [k]: v });
    }
  }

  /** Paths (with values) that a path expression designates. */
  *paths(n: Node, input: Json, env: Env, base: PathElem[] = []): Generator<[PathElem[], Json]> {
    switch (n.t) {
      case 'identity': yield [base, input]; return;
      case 'recurse': {
        const walk = function* (v: Json, p: PathElem[]): Generator<[PathElem[], Json]> {
          yield [p, v];
          if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* walk(v[i], [...p, i]);
          else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* walk(x, [...p, k]);
        };
        yield* walk(input, base);
        return;
      }
      case 'field':
        for (const [p, v] of this.paths(n.target, input, env, base)) {
          try { yield [[...p, n.name], indexValue(v, n.name)]; } catch (e) { if (!n.opt) throw e; }
        }
        return;
      case 'index':
        for (const [p, v] of this.paths(n.target, input, env, base)) {
          for (const k of this.eval(n.index, input, env)) {
            if (typeof k !== 'string' && typeof k !== 'number') throw new JqError(`Cannot update field at object index of ${typeOf(v)}`);
            try { yield [[...p, k], indexValue(v, k)]; } catch (e) { if (!n.opt) throw e; }
          }
        }
        return;
      case 'slice':
        for (const [p, v] of this.paths(n.target, input, env, base)) {
          for (const to of n.to ? this.eval(n.to, input, env) : [null]) {
            for (const from of n.from ? this.eval(n.from, input, env) : [null]) {
              yield [[...p, { start: from as number | null, end: to as number | null }], sliceValue(v, from, to)];
            }
          }
        }
        return;
      case 'iterate':
        for (const [p, v] of this.paths(n.target, input, env, base)) {
          if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) yield [[...p, i], v[i]]; }
          else if (v !== null && typeof v === 'object') { for (const [k, x] of Object.entries(v)) yield [[...p, k], x]; }
          else if (v === null) continue;
          else if (!n.opt) throw new JqError(`Cannot iterate over ${typeOf(v)}`);
        }
        return;
      case 'pipe':
        for (const [p, v] of this.paths(n.left, input, env, base)) yield* this.paths(n.right, v, env, p);
        return;
      case 'comma': yield* this.paths(n.left, input, env, base); yield* this.paths(n.right, input, env, base); return;
      case 'optional':
        try { for (const x of this.paths(n.body, input, env, base)) yield x; } catch (e) { if (!(e instanceof JqError)) throw e; }
        return;
      case 'if':
        for (const c of this.eval(n.cond, input, env)) {
          if (truthy(c)) yield* this.paths(n.then, input, env, base);
          else if (n.elifs.length > 0) {
            const [first, ...rest] = n.elifs;
            yield* this.paths({ t: 'if', cond: first.cond, then: first.then, elifs: rest, else: n.else }, input, env, base);
          } else if (n.else) yield* this.paths(n.else, input, env, base);
          else yield [base, input];
        }
        return;
      case 'alt': {
        let any = false;
        try {
          for (const [p, v] of this.paths(n.left, input, env, base)) if (truthy(v)) { any = true; yield [p, v]; }
        } catch (e) { if (!(e instanceof JqError)) throw e; }
        if (!any) yield* this.paths(n.right, input, env, base);
        return;
      }
      case 'as':
        for (const v of this.eval(n.source, input, env)) {
          for (const e of destructure(n.patterns[0], v, env, this)) yield* this.paths(n.body, input, e, base);
        }
        return;
      case 'def': {
        const key = `${n.name}/${n.params.length}`;
        const def: FuncDef = { params: n.params, body: n.body, env };
        const newEnv: Env = { vars: env.vars, funcs: { key, def, next: env.funcs } };
        def.env = newEnv;
        yield* this.paths(n.rest, input, newEnv, base);
        return;
      }
      case 'call': {
        const name = n.name;
        if (name === 'empty') return;
        if (name === 'select' && n.args.length === 1) {
          for (const c of this.eval(n.args[0], input, env)) if (truthy(c)) yield [base, input];
          return;
        }
        if (name === 'recurse' && n.args.length === 0) { yield* this.paths({ t: 'recurse' }, input, env, base); return; }
        if ((name === 'first' || name === 'last') && n.args.length === 1) {
          const all = [...this.paths(n.args[0], input, env, base)];
          if (all.length) yield name === 'first' ? all[0] : all[all.length - 1];
          return;
        }
        if (name === 'first' && n.args.length === 0) { yield [[...base, 0], indexValue(input, 0)]; return; }
        if (name === 'last' && n.args.length === 0) { yield [[...base, -1], indexValue(input, -1)]; return; }
        if (name === 'getpath' && n.args.length === 1) {
          for (const p of this.eval(n.args[0], input, env)) {
            if (!Array.isArray(p)) throw new JqError('Path must be specified as an array');
            yield [[...base, ...(p as PathElem[])], getPath(input, p as PathElem[])];
          }
          return;
        }
        if (name === 'paths' && n.args.length === 0) {
          for (const [p, v] of this.paths({ t: 'recurse' }, input, env, base)) if (p.length > base.length) yield [p, v];
          return;
        }
        const f = lookupFunc(env, `${name}/${n.args.length}`);
        if (f && 'params' in f) {
          yield* this.paths(f.body, input, this.bindParams(f, n.args, env, input), base);
          return;
        }
        if (f && 'closure' in f) { yield* this.paths(f.closure, input, f.env, base); return; }
        throw new JqError(`Invalid path expression with result ${toJsonText([...this.eval(n, input, env)][0] ?? null).slice(0, 11)}`);
      }
      default: {
        const v = [...this.eval(n, input, env)][0] ?? null;
        let s = toJsonText(v);
        if (s.length > 11) s = s.slice(0, 10) + '...';
        throw new JqError(`Invalid path expression with result ${s}`);
      }
    }
  }

  private *assign(n: Extract<Node, { t: 'assign' }>, input: Json, env: Env): Generator<Json> {
    if (n.op === '|=') {
      let out = input;
      for (const [p] of [...this.paths(n.left, input, env)]) {
        const cur = getPath(out, p);
        const first = this.eval(n.right, cur, env).next();
        out = first.done ? deletePaths(out, [p]) : setPath(out, p, first.value);
      }
      yield out;
      return;
    }
    if (n.op === '=') {
      for (const v of this.eval(n.right, input, env)) {
        let out = input;
        for (const [p] of [...this.paths(n.left, input, env)]) out = setPath(out, p, v);
        yield out;
      }
      return;
    }
    const op = n.op.slice(0, -1);
    for (const rhs of this.eval(n.right, input, env)) {
      let out = input;
      for (const [p] of [...this.paths(n.left, input, env)]) {
        const cur = getPath(out, p);
        out = setPath(out, p, op === '//' ? (truthy(cur) ? cur : rhs) : binop(op, cur, rhs));
      }
      yield out;
    }
  }

  private bindParams(f: FuncDef, args: Node[], callerEnv: Env, input: Json): Env {
    let env = f.env;
    f.params.forEach((p, i) => {
      if (p.startsWith('$')) {
        const v = [...this.eval(args[i], input, callerEnv)][0] ?? null;
        env = bindVar(env, p.slice(1), v);
        env = { vars: env.vars, funcs: { key: `${p.slice(1)}/0`, def: { closure: { t: 'literal', value: v }, env: callerEnv }, next: env.funcs } };
      } else {
        env = { vars: env.vars, funcs: { key: `${p}/0`, def: { closure: args[i], env: callerEnv }, next: env.funcs } };
      }
    });
    return env;
  }

  private *call(n: Extract<Node, { t: 'call' }>, input: Json, env: Env): Generator<Json> {
    const f = lookupFunc(env, `${n.name}/${n.args.length}`);
    if (f) {
      if ('closure' in f) { yield* this.eval(f.closure, input, f.env); return; }
      yield* this.eval(f.body, input, this.bindParams(f, n.args, env, input));
      return;
    }
    try { yield* callBuiltin(this, n.name, n.args, input, env); }
    catch (e) { if (e instanceof JqCompileError && e.message.endsWith('is not defined')) throw new JqCompileError(e.message, n.pos); throw e; }
  }

  /** First output of a sub-filter (or null). */
  one(n: Node, input: Json, env: Env): Json {
    const r = this.eval(n, input, env).next();
    return r.done ? null : r.value;
  }
}

// ---------- builtins ----------

function length(v: Json): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw new JqError(`boolean (${v}) has no length`);
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v).length;
}

function keysOf(v: Json, sort: boolean): Json[] {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (v !== null && typeof v === 'object') { const k = Object.keys(v); return sort ? k.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : k; }
  throw new JqError(`${desc(v)} has no keys`);
}

function needString(v: Json, what: string): string {
  if (typeof v !== 'string') throw new JqError(`${desc(v)} cannot be ${what}`);
  return v;
}

function toNumber(v: Json): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    throw new JqError(`Cannot parse '${v}' as JSON`);
  }
  throw new JqError(`${desc(v)} cannot be parsed as a number`);
}

function containsValue(a: Json, b: Json): boolean {
  if (typeOf(a) !== typeOf(b)) throw new JqError(`${desc(a)} and ${desc(b)} cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as Json[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && containsValue(x, y)));
  if (a !== null && typeof a === 'object') {
    return Object.entries(b as Obj).every(([k, y]) => Object.prototype.hasOwnProperty.call(a, k) && typeOf(a[k]) === typeOf(y) && containsValue(a[k], y));
  }
  return compare(a, b) === 0;
}

function regexFrom(re: Json, flags: Json): RegExp {
  const r = needString(re, 'matched, as it is not a string');
  const f = typeof flags === 'string' ? flags : '';
  let js = 'u';
  if (f.includes('i')) js += 'i';
  if (f.includes('x')) { /* extended: strip whitespace */ }
  if (f.includes('g')) js += 'g';
  if (f.includes('s')) js += 's';
  try { return new RegExp(f.includes('x') ? r.replace(/\s+/g, '') : r, js); }
  catch { throw new JqError(`${r} (at offset 0) is not a valid regex`); }
}

function matchObjects(s: string, re: RegExp, global: boolean): Json[] {
  const out: Json[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const m of s.matchAll(g)) {
    const offset = [...s.slice(0, m.index)].length;
    out.push({
      offset, length: [...m[0]].length, string: m[0],
      captures: m.slice(1).map((c, i) => ({ offset: c === undefined ? -1 : [...s.slice(0, s.indexOf(c, m.index))].length, length: c === undefined ? 0 : [...c].length, string: c ?? null, name: Object.entries(m.groups ?? {}).find(([, v]) => v === c)?.[0] ?? null, i })).map(({ i: _i, ...rest }) => rest),
    });
    if (!global) break;
    if (m[0] === '' && g.lastIndex === m.index) g.lastIndex++;
  }
  return out;
}

export function applyFormat(name: string, v: Json): string {
  const str = (x: Json): string => (typeof x === 'string' ? x : toJsonText(x));
  switch (name) {
    case 'text': return str(v);
    case 'json': return toJsonText(v);
    case 'base64': return base64Enc(str(v));
    case 'base64d': return base64Dec(str(v));
    case 'uri': return [...str(v)].map((c) => (/[A-Za-z0-9\-_.~]/.test(c) ? c : utf8(c).map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''))).join('');
    case 'html': return str(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c] as string);
    case 'sh': {
      const q = (x: Json): string => {
        if (typeof x === 'string') return `'${x.replace(/'/g, "'\\''")}'`;
        if (Array.isArray(x) || (x !== null && typeof x === 'object')) throw new JqError(`${desc(x)} can not be escaped for shell`);
        return toJsonText(x);
      };
      return Array.isArray(v) ? v.map(q).join(' ') : q(v);
    }
    case 'csv': case 'tsv': {
      if (!Array.isArray(v)) throw new JqError(`${desc(v)} cannot be ${name}-formatted, only an array can be`);
      return v.map((x) => {
        if (typeof x === 'number') return String(x);
        if (typeof x === 'boolean') return String(x);
        if (x === null) return '';
        if (typeof x === 'string') return name === 'csv' ? `"${x.replace(/"/g, '""')}"` : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
        throw new JqError(`${desc(x)} is not valid in a csv row`);
      }).join(name === 'csv' ? ',' : '\t');
    }
    default: throw new JqCompileError(`${name} is not a valid format`);
  }
}

function utf8(s: string): number[] {
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
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Enc(s: string): string {
  const b = utf8(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=');
  }
  return out;
}
function base64Dec(s: string): string {
  const bytes: number[] = [];
  let buf = 0, bits = 0;
  for (const c of s.replace(/=+$/, '')) {
    const v = B64.indexOf(c);
    if (v < 0) throw new JqError(`${desc(s)} is not valid base64 data`);
    buf = (buf << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; bytes.push((buf >> bits) & 255); }
  }
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    let c = n === 1 ? b : b & (0xff >> (n + 1));
    for (let j = 1; j < n; j++) c = (c << 6) | ((bytes[i + j] ?? 0) & 63);
    out += String.fromCodePoint(c);
    i += n;
  }
  return out;
}

function* callBuiltin(ev: Evaluator, name: string, args: Node[], input: Json, env: Env): Generator<Json> {
  const arity = args.length;
  const arg = (i: number): Generator<Json> => ev.eval(args[i], input, env);
  const key = `${name}/${arity}`;
  switch (key) {
    case 'empty/0': return;
    case 'not/0': yield !truthy(input); return;
    case 'length/0': yield length(input); return;
    case 'utf8bytelength/0': yield utf8(needString(input, 'have its UTF-8 byte length computed')).length; return;
    case 'keys/0': yield keysOf(input, true); return;
    case 'keys_unsorted/0': yield keysOf(input, false); return;
    case 'values/0': if (input !== null) yield input; return;
    case 'has/1':
      for (const k of arg(0)) {
        if (Array.isArray(input) && typeof k === 'number') yield k >= 0 && k < input.length;
        else if (typeOf(input) === 'object' && typeof k === 'string') yield Object.prototype.hasOwnProperty.call(input, k);
        else throw new JqError(`Cannot check whether ${typeOf(input)} has a ${typeOf(k)} key`);
      }
      return;
    case 'in/1': for (const o of arg(0)) yield* callBuiltin(ev, 'has', [{ t: 'literal', value: input }], o, env); return;
    case 'contains/1': for (const b of arg(0)) yield containsValue(input, b); return;
    case 'inside/1': for (const b of arg(0)) yield containsValue(b, input); return;
    case 'select/1': for (const c of arg(0)) if (truthy(c)) yield input; return;
    case 'map/1': yield [...ev.eval({ t: 'pipe', left: { t: 'iterate', target: { t: 'identity' }, opt: false }, right: args[0] }, input, env)]; return;
    case 'map_values/1': yield* ev.eval({ t: 'assign', op: '|=', left: { t: 'iterate', target: { t: 'identity' }, opt: false }, right: args[0] }, input, env); return;
    case 'add/0': {
      let acc: Json = null;
      for (const v of iterate(input)) acc = add(acc, v);
      yield acc;
      return;
    }
    case 'any/0': yield iterate(input).some(truthy); return;
    case 'all/0': yield iterate(input).every(truthy); return;
    case 'any/1': yield iterate(input).some((x) => truthy(ev.one(args[0], x, env))); return;
    case 'all/1': yield iterate(input).every((x) => truthy(ev.one(args[0], x, env))); return;
    case 'any/2': { for (const x of arg(0)) { for (const c of ev.eval(args[1], x, env)) if (truthy(c)) { yield true; return; } } yield false; return; }
    case 'all/2': { for (const x of arg(0)) { for (const c of ev.eval(args[1], x, env)) if (!truthy(c)) { yield false; return; } } yield true; return; }
    case 'range/1': for (const n of arg(0)) for (let i = 0; i < (n as number); i++) yield i; return;
    case 'range/2': for (const a of arg(0)) for (const b of arg(1)) for (let i = a as number; i < (b as number); i++) yield i; return;
    case 'range/3': for (const a of arg(0)) for (const b of arg(1)) for (const s of arg(2)) {
      const st = s as number;
      if (st > 0) for (let i = a as number; i < (b as number); i += st) yield i;
      else if (st < 0) for (let i = a as number; i > (b as number); i += st) yield i;
    } return;
    case 'floor/0': yield Math.floor(toNumberStrict(input)); return;
    case 'ceil/0': yield Math.ceil(toNumberStrict(input)); return;
    case 'round/0': yield Math.round(toNumberStrict(input)); return;
    case 'sqrt/0': yield Math.sqrt(toNumberStrict(input)); return;
    case 'fabs/0': yield Math.abs(toNumberStrict(input)); return;
    case 'pow/2': for (const a of arg(0)) for (const b of arg(1)) yield (a as number) ** (b as number); return;
    case 'log/0': yield Math.log(toNumberStrict(input)); return;
    case 'tostring/0': yield typeof input === 'string' ? input : toJsonText(input); return;
    case 'tonumber/0': yield toNumber(input); return;
    case 'tojson/0': yield toJsonText(input); return;
    case 'fromjson/0': {
      const s = needString(input, 'parsed as JSON');
      try { yield JSON.parse(s) as Json; } catch { throw new JqError(`${s} (while parsing '${s}')`); }
      return;
    }
    case 'type/0': yield typeOf(input); return;
    case 'infinite/0': yield Number.MAX_VALUE; return;
    case 'nan/0': yield NaN; return;
    case 'isnan/0': yield Number.isNaN(input); return;
    case 'null/0': yield null; return;
    case 'true/0': yield true; return;
    case 'false/0': yield false; return;
    case 'arrays/0': if (Array.isArray(input)) yield input; return;
    case 'objects/0': if (typeOf(input) === 'object') yield input; return;
    case 'iterables/0': if (Array.isArray(input) || typeOf(input) === 'object') yield input; return;
    case 'booleans/0': if (typeof input === 'boolean') yield input; return;
    case 'numbers/0': if (typeof input === 'number') yield input; return;
    case 'strings/0': if (typeof input === 'string') yield input; return;
    case 'nulls/0': if (input === null) yield input; return;
    case 'scalars/0': if (!Array.isArray(input) && typeOf(input) !== 'object') yield input; return;
    case 'ascii_downcase/0': yield needString(input, 'lowercased').replace(/[A-Z]/g, (c) => c.toLowerCase()); return;
    case 'ascii_upcase/0': yield needString(input, 'uppercased').replace(/[a-z]/g, (c) => c.toUpperCase()); return;
    case 'ltrimstr/1': for (const p of arg(0)) yield typeof input === 'string' && typeof p === 'string' && input.startsWith(p) ? input.slice(p.length) : input; return;
    case 'rtrimstr/1': for (const p of arg(0)) yield typeof input === 'string' && typeof p === 'string' && input.endsWith(p) && p !== '' ? input.slice(0, input.length - p.length) : input; return;
    case 'startswith/1': for (const p of arg(0)) { if (typeof input !== 'string' || typeof p !== 'string') throw new JqError('startswith() requires string inputs'); yield input.startsWith(p); } return;
    case 'endswith/1': for (const p of arg(0)) { if (typeof input !== 'string' || typeof p !== 'string') throw new JqError('endswith() requires string inputs'); yield input.endsWith(p); } return;
    case 'split/1': for (const s of arg(0)) { if (typeof input !== 'string' || typeof s !== 'string') throw new JqError('split input and separator must be strings'); yield splitStr(input, s); } return;
    case 'split/2': for (const re of arg(0)) for (const fl of arg(1)) { const s = needString(input, 'split'); yield s.split(regexFrom(re, fl)); } return;
    case 'join/1':
      for (const sep of arg(0)) {
        const parts = iterate(input).map((x) => {
          if (x === null) return '';
          if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x);
          throw new JqError(`Cannot join with ${typeOf(x)}`);
        });
        yield parts.join(needString(sep, 'joined'));
      }
      return;
    case 'test/1': case 'test/2': {
      for (const re of arg(0)) for (const fl of arity === 2 ? arg(1) : [null]) yield regexFrom(re, fl).test(needString(input, 'matched, as it is not a string'));
      return;
    }
    case 'match/1': case 'match/2': {
      for (const re of arg(0)) for (const fl of arity === 2 ? arg(1) : [null]) {
        yield* matchObjects(needString(input, 'matched, as it is not a string'), regexFrom(re, fl), typeof fl === 'string' && fl.includes('g'));
      }
      return;
    }
    case 'capture/1': case 'capture/2': {
      for (const re of arg(0)) for (const fl of arity === 2 ? arg(1) : [null]) {
        const s = needString(input, 'matched, as it is not a string');
        const m = regexFrom(re, fl).exec(s);
        if (m) yield { ...(m.groups ?? {}) } as Json;
      }
      return;
    }
    case 'sub/2': case 'gsub/2': case 'sub/3': case 'gsub/3': {
      const s = needString(input, 'matched, as it is not a string');
      for (const re of arg(0)) {
        const fl = arity === 3 ? ev.one(args[2], input, env) : null;
        const flags = (typeof fl === 'string' ? fl : '') + (name === 'gsub' ? 'g' : '');
        const r = regexFrom(re, flags);
        yield s.replace(r, (...m: unknown[]) => {
          const groups = (typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {}) as Obj;
          const rep = ev.one(args[1], { ...groups }, env);
          return needString(rep, 'added');
        });
      }
      return;
    }
    case 'explode/0': yield [...needString(input, 'exploded')].map((c) => c.codePointAt(0) ?? 0); return;
    case 'implode/0': yield String.fromCodePoint(...(iterate(input) as number[])); return;
    case 'to_entries/0': yield keysOf(input, false).map((k) => ({ key: k, value: indexValue(input, k) })); return;
    case 'from_entries/0': {
      const o: Obj = {};
      for (const e of iterate(input)) {
        const eo = (e ?? {}) as Obj;
        const k = ['key', 'k', 'name', 'Name', 'Key', 'K'].map((x) => eo[x]).find((x) => x !== undefined && x !== null && x !== false);
        const v = ['value', 'v', 'Value', 'V'].map((x) => eo[x]).find((x) => x !== undefined);
        if (k === undefined) throw new JqError(`Cannot use null (null) as object key`);
        o[typeof k === 'string' ? k : toJsonText(k)] = v ?? null;
      }
      yield o;
      return;
    }
    case 'with_entries/1': {
      const entries = keysOf(input, false).map((k) => ({ key: k, value: indexValue(input, k) }));
      const mapped = entries.flatMap((e) => [...ev.eval(args[0], e, env)]);
      yield* callBuiltin(ev, 'from_entries', [], mapped, env);
      return;
    }
    case 'sort/0': if (!Array.isArray(input)) throw new JqError(`${desc(input)} cannot be sorted, as it is not an array`); yield [...input].sort(compare); return;
    case 'sort_by/1': {
      if (!Array.isArray(input)) throw new JqError(`Cannot index ${typeOf(input)} with number`);
      const keyed = input.map((x, i) => ({ x, i, k: [...ev.eval(args[0], x, env)] as Json }));
      keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i);
      yield keyed.map((e) => e.x);
      return;
    }
    case 'group_by/1': {
      if (!Array.isArray(input)) throw new JqError(`Cannot index ${typeOf(input)} with number`);
      const keyed = input.map((x, i) => ({ x, i, k: [...ev.eval(args[0], x, env)] as Json }));
      keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i);
      const out: Json[][] = [];
      keyed.forEach((e, i) => { if (i === 0 || compare(keyed[i - 1].k, e.k) !== 0) out.push([]); out[out.length - 1].push(e.x); });
      yield out;
      return;
    }
    case 'unique/0': yield [...iterate(input)].sort(compare).filter((x, i, a) => i === 0 || compare(a[i - 1], x) !== 0); return;
    case 'unique_by/1': {
      const keyed = iterate(input).map((x, i) => ({ x, i, k: [...ev.eval(args[0], x, env)] as Json }));
      keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i);
      yield keyed.filter((e, i) => i === 0 || compare(keyed[i - 1].k, e.k) !== 0).map((e) => e.x);
      return;
    }
    case 'min/0': case 'max/0': {
      const a = iterate(input);
      if (a.length === 0) { yield null; return; }
      yield a.reduce((m, x) => (name === 'min' ? (compare(x, m) < 0 ? x : m) : (compare(x, m) >= 0 ? x : m)));
      return;
    }
    case 'min_by/1': case 'max_by/1': {
      const a = iterate(input);
      if (a.length === 0) { yield null; return; }
      const keyed = a.map((x) => ({ x, k: [...ev.eval(args[0], x, env)] as Json }));
      yield keyed.reduce((m, e) => (name === 'min_by' ? (compare(e.k, m.k) < 0 ? e : m) : (compare(e.k, m.k) >= 0 ? e : m))).x;
      return;
    }
    case 'reverse/0': yield typeof input === 'string' ? [...input].reverse().join('') : input === null ? [] : [...iterate(input)].reverse(); return;
    case 'first/0': yield indexValue(input, 0); return;
    case 'last/0': yield indexValue(input, -1); return;
    case 'first/1': { const r = arg(0).next(); if (!r.done) yield r.value; return; }
    case 'last/1': { let last: Json | undefined; for (const v of arg(0)) last = v; if (last !== undefined) yield last; return; }
    case 'nth/1': for (const i of arg(0)) yield indexValue(input, i); return;
    case 'nth/2': for (const i of arg(0)) { let k = 0; for (const v of ev.eval(args[1], input, env)) { if (k++ === i) { yield v; break; } } } return;
    case 'limit/2': for (const n of arg(0)) { let k = 0; if ((n as number) <= 0) continue; for (const v of ev.eval(args[1], input, env)) { yield v; if (++k >= (n as number)) break; } } return;
    case 'until/2': { let v = input; while (!truthy(ev.one(args[0], v, env))) v = ev.one(args[1], v, env); yield v; return; }
    case 'while/2': { let v = input; while (truthy(ev.one(args[0], v, env))) { yield v; v = ev.one(args[1], v, env); } return; }
    case 'repeat/1': { let v = input; for (let i = 0; i < 100000; i++) { yield v; v = ev.one(args[0], v, env); } return; }
    case 'recurse/0': yield* ev.eval({ t: 'recurse' }, input, env); return;
    case 'recurse/1': {
      const walk = function* (v: Json): Generator<Json> { yield v; for (const x of ev.eval(args[0], v, env)) yield* walk(x); };
      yield* walk(input);
      return;
    }
    case 'env/0': yield* ev.eval({ t: 'var', name: 'ENV' }, input, env); return;
    case 'builtins/0': yield []; return;
    case 'input_line_number/0': yield 0; return;
    case 'error/0': throw new JqError(typeof input === 'string' ? input : `${toJsonText(input)} (not a string)`, input);
    case 'error/1': for (const m of arg(0)) throw new JqError(typeof m === 'string' ? m : `${toJsonText(m)} (not a string)`, m); return;
    case 'path/1': for (const [p] of ev.paths(args[0], input, env)) yield p as Json; return;
    case 'paths/0': for (const [p] of ev.paths({ t: 'recurse' }, input, env)) if (p.length > 0) yield p as Json; return;
    case 'paths/1': for (const [p, v] of ev.paths({ t: 'recurse' }, input, env)) if (p.length > 0 && truthy(ev.one(args[0], v, env))) yield p as Json; return;
    case 'leaf_paths/0': for (const [p, v] of ev.paths({ t: 'recurse' }, input, env)) if (p.length > 0 && !Array.isArray(v) && typeOf(v) !== 'object') yield p as Json; return;
    case 'getpath/1': for (const p of arg(0)) { try { yield getPath(input, p as PathElem[]); } catch { yield null; } } return;
    case 'setpath/2': for (const p of arg(0)) for (const v of arg(1)) yield setPath(input, p as PathElem[], v); return;
    case 'delpaths/1': for (const ps of arg(0)) yield deletePaths(input, ps as PathElem[][]); return;
    case 'del/1': yield deletePaths(input, [...ev.paths(args[0], input, env)].map(([p]) => p)); return;
    case 'to_array/0': yield Array.isArray(input) ? input : [input]; return;
    case 'tostream/0': {
      const walk = function* (v: Json, p: Json[], top: boolean): Generator<Json> {
        const isC = Array.isArray(v) || typeOf(v) === 'object';
        if (!isC || length(v) === 0) { yield [p, v]; }
        else {
          const ks = keysOf(v, false);
          for (const k of ks) yield* walk(indexValue(v, k), [...p, k], false);
          yield [[...p, ks[ks.length - 1]]];
        }
        void top;
      };
      yield* walk(input, [], true);
      return;
    }
    case 'splits/1': case 'splits/2': { const s = needString(input, 'split'); for (const re of arg(0)) yield* s.split(regexFrom(re, arity === 2 ? ev.one(args[1], input, env) : null)); return; }
    case 'ascii/0': yield String.fromCharCode(input as number); return;
    case 'todate/0': yield new Date((input as number) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'); return;
    case 'fromdate/0': case 'fromdateiso8601/0': {
      const t = Date.parse(needString(input, 'parsed as a date'));
      if (Number.isNaN(t)) throw new JqError(`date "${input as string}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
      yield t / 1000;
      return;
    }
    case 'splits/0': return;
    case 'indices/1': case 'index/1': case 'rindex/1': {
      for (const x of arg(0)) {
        let idxs: Json[];
        if (typeof input === 'string' && typeof x === 'string') {
          idxs = [];
          if (x !== '') for (let i = input.indexOf(x); i >= 0; i = input.indexOf(x, i + 1)) idxs.push(i);
        } else if (input === null) { yield null; continue; }
        else idxs = indexValue(input, Array.isArray(x) ? x : [x]) as Json[];
        if (name === 'indices') yield idxs;
        else yield idxs.length === 0 ? null : name === 'index' ? idxs[0] : idxs[idxs.length - 1];
      }
      return;
    }
    case 'flatten/0': case 'flatten/1': {
      const depth = arity === 1 ? (ev.one(args[0], input, env) as number) : 1e9;
      if (depth < 0) throw new JqError('flatten depth must not be negative');
      const flat = (a: Json[], d: number): Json[] => a.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
      yield flat(iterate(input), depth);
      return;
    }
    case 'combinations/0': {
      const arrs = iterate(input) as Json[][];
      const rec = function* (i: number, acc: Json[]): Generator<Json> { if (i === arrs.length) { yield [...acc]; return; } for (const x of arrs[i]) yield* rec(i + 1, [...acc, x]); };
      yield* rec(0, []);
      return;
    }
    case 'transpose/0': {
      const rows = iterate(input) as Json[][];
      const n = Math.max(0, ...rows.map((r) => r.length));
      yield Array.from({ length: n }, (_, i) => rows.map((r) => r[i] ?? null));
      return;
    }
    case 'objects_with/0': return;
    case 'halt/0': return;
    case 'input/0': throw new JqError('No more inputs');
    case 'debug/0': yield input; return;
    case 'stderr/0': yield input; return;
    case 'ltrimstr/0': case 'rtrimstr/0': return;
    case 'trim/0': yield needString(input, 'trimmed').trim(); return;
    case 'ltrim/0': yield needString(input, 'trimmed').trimStart(); return;
    case 'rtrim/0': yield needString(input, 'trimmed').trimEnd(); return;
    case 'abs/0': yield Math.abs(toNumberStrict(input)); return;
    case 'getpath/0': return;
    case 'isvalid/1': { try { for (const _ of arg(0)) void _; yield true; } catch { yield false; } return; }
    case 'tojson/1': return;
  }
  for (const a of ['format/1']) if (key === a) { for (const f of arg(0)) yield applyFormat(needString(f, 'used as a format'), input); return; }
  throw new JqCompileError(`${name}/${arity} is not defined`);
}

function toNumberStrict(v: Json): number {
  if (typeof v !== 'number') throw new JqError(`${desc(v)} number required`);
  return v;
}

// ---------- output ----------

export interface SerializeOptions { indent: number; sortKeys: boolean; color: boolean; ascii: boolean; tab?: boolean }

const COL = (c: string): string => `\x1b[${c}m`;
const COLORS = { null: COL('1;30'), false: COL('0;39'), true: COL('0;39'), number: COL('0;39'), string: COL('0;32'), array: COL('1;39'), object: COL('1;39') };
const FIELD_COLOR = COL('34;1');
const RESET = COL('0');

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (n === Infinity) return '1.7976931348623157e+308';
  if (n === -Infinity) return '-1.7976931348623157e+308';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

function quoteString(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\t': out += '\\t'; continue;
      case '\r': out += '\\r'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (ascii && c > 0x7e) {
      if (c > 0xffff) { const h = Math.floor((c - 0x10000) / 0x400) + 0xd800, l = ((c - 0x10000) % 0x400) + 0xdc00; out += `\\u${h.toString(16)}\\u${l.toString(16)}`; }
      else out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** jq's dumper: pretty (indent > 0) or compact, optional jq 1.6 colours. */
export function serialize(v: Json, o: SerializeOptions): string {
  const parts: string[] = [];
  const pretty = o.indent > 0 || o.tab === true;
  const ind = (level: number): string => (o.tab ? '\t'.repeat(level) : ' '.repeat(level * o.indent));
  const dump = (x: Json, level: number): void => {
    const kind = x === null ? 'null' : x === false ? 'false' : x === true ? 'true' : typeOf(x);
    const color = o.color ? COLORS[kind as keyof typeof COLORS] : '';
    if (color) parts.push(color);
    if (x === null) parts.push('null');
    else if (typeof x === 'boolean') parts.push(String(x));
    else if (typeof x === 'number') parts.push(formatNumber(x));
    else if (typeof x === 'string') parts.push(quoteString(x, o.ascii));
    else if (Array.isArray(x)) {
      if (x.length === 0) parts.push('[]');
      else {
        parts.push('[');
        if (pretty) parts.push('\n' + ind(level + 1));
        x.forEach((el, i) => {
          if (i > 0) parts.push(pretty ? ',\n' + ind(level + 1) : ',');
          dump(el, level + 1);
          if (color) parts.push(color);
        });
        if (pretty) parts.push('\n' + ind(level));
        if (color) parts.push(color);
        parts.push(']');
      }
    } else {
      const keys = Object.keys(x);
      if (o.sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (keys.length === 0) parts.push('{}');
      else {
        parts.push('{');
        if (pretty) parts.push('\n' + ind(level + 1));
        keys.forEach((k, i) => {
          if (i > 0) parts.push(pretty ? ',\n' + ind(level + 1) : ',');
          if (color) parts.push(RESET, FIELD_COLOR);
          parts.push(quoteString(k, o.ascii));
          if (color) parts.push(RESET, color);
          parts.push(':');
          if (pretty) parts.push(' ');
          if (color) parts.push(RESET);
          dump(x[k], level + 1);
          if (color) parts.push(color);
        });
        if (pretty) parts.push('\n' + ind(level));
        if (color) parts.push(color);
        parts.push('}');
      }
    }
    if (color) parts.push(RESET);
  };
  dump(v, 0);
  return parts.join('');
}

// ---------- entry ----------

export function run(program: Node, input: Json, opts: JqOptions = {}): Generator<Json> {
  let env: Env = { vars: null, funcs: null };
  for (const [k, v] of Object.entries(opts.vars ?? {})) env = bindVar(env, k, v);
  const ev = new Evaluator(opts.env ?? {});
  return ev.eval(program, input, env);
}
