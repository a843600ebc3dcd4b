// Shell arithmetic for $((...)): integers, + - * / % **, comparisons, && || !, ?:, bitwise,
// assignment (= += -= *= /= %=) and ++/--. Models bash's expr.c semantics (C precedence).
// Leaves out: bases other than 10/16/8 (`2#101`), comma operator, 64-bit overflow wrapping.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const OPS = ['**=', '<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '^', '(', ')', '?', ':', '='];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      const s = num[0];
      out.push({ t: 'num', v: s.startsWith('0x') || s.startsWith('0X') ? parseInt(s, 16) : s.length > 1 && s.startsWith('0') ? parseInt(s, 8) : parseInt(s, 10) });
      i += s.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${src.slice(i)}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BINARY: [string[], number][] = [
  [['||'], 1], [['&&'], 2], [['|'], 3], [['^'], 4], [['&'], 5], [['==', '!='], 6],
  [['<', '>', '<=', '>='], 7], [['<<', '>>'], 8], [['+', '-'], 9], [['*', '/', '%'], 10],
];
const PREC = new Map<string, number>();
for (const [ops, p] of BINARY) for (const o of ops) PREC.set(o, p);

export function evalArith(src: string, vars: ArithVars): number {
  const toks = tokenize(src);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => { const t = toks[i]; return t !== undefined && t.t === 'op' && t.v === v; };
  const varValue = (name: string, depth = 0): number => {
    const raw = vars.get(name) ?? '';
    if (raw.trim() === '') return 0;
    if (/^\s*-?[0-9]+\s*$/.test(raw)) return parseInt(raw, 10);
    if (depth > 10) throw new ArithError('expression recursion level exceeded');
    return evalArith(raw, vars);
  };
  const int = (n: number): number => Math.trunc(n);

  const primary = (): number => {
    const t = toks[i];
    if (!t) throw new ArithError(`syntax error: operand expected (error token is "${src.trim()}")`);
    if (t.t === 'num') { i++; return t.v; }
    if (t.t === 'id') {
      i++;
      if (isOp('++') || isOp('--')) {
        const op = (toks[i] as { v: string }).v; i++;
        const old = varValue(t.v);
        vars.set(t.v, String(op === '++' ? old + 1 : old - 1));
        return old;
      }
      const assignOps = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=', '**='];
      const nt = toks[i];
      if (nt && nt.t === 'op' && assignOps.includes(nt.v)) {
        i++;
        const rhs = ternary();
        const cur = nt.v === '=' ? 0 : varValue(t.v);
        const v = nt.v === '=' ? rhs : binop(nt.v.slice(0, -1), cur, rhs);
        vars.set(t.v, String(v));
        return v;
      }
      return varValue(t.v);
    }
    if (t.v === '(') {
      i++;
      const v = ternary();
      if (!isOp(')')) throw new ArithError(`syntax error: ')' expected`);
      i++;
      return v;
    }
    if (t.v === '++' || t.v === '--') {
      i++;
      const id = toks[i];
      if (!id || id.t !== 'id') throw new ArithError('syntax error: operand expected');
      i++;
      const v = varValue(id.v) + (t.v === '++' ? 1 : -1);
      vars.set(id.v, String(v));
      return v;
    }
    if (t.v === '-') { i++; return -unary(); }
    if (t.v === '+') { i++; return unary(); }
    if (t.v === '!') { i++; return unary() ? 0 : 1; }
    if (t.v === '~') { i++; return ~unary(); }
    throw new ArithError(`syntax error: operand expected (error token is "${toks.slice(i).map((x) => String(x.v)).join(' ')}")`);
  };
  const unary = (): number => {
    const base = primary();
    if (isOp('**')) { i++; const e = unary(); return int(base ** e); }
    return base;
  };
  const binop = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return a + b; case '-': return a - b; case '*': return a * b;
      case '/': case '%':
        if (b === 0) throw new ArithError(`division by 0 (error token is "${src.trim().split(/[/%]/).pop()?.trim() ?? ''}")`);
        return op === '/' ? int(a / b) : a % b;
      case '**': return int(a ** b);
      case '<': return +(a < b); case '>': return +(a > b); case '<=': return +(a <= b); case '>=': return +(a >= b);
      case '==': return +(a === b); case '!=': return +(a !== b);
      case '&&': return +(a !== 0 && b !== 0); case '||': return +(a !== 0 || b !== 0);
      case '&': return a & b; case '|': return a | b; case '^': return a ^ b;
      case '<<': return a << b; case '>>': return a >> b;
      default: throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${op}")`);
    }
  };
  const binary = (minPrec: number): number => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'op') break;
      const p = PREC.get(t.v);
      if (p === undefined || p < minPrec) break;
      i++;
      const right = binary(p + 1);
      left = binop(t.v, left, right);
    }
    return left;
  };
  const ternary = (): number => {
    const c = binary(1);
    if (!isOp('?')) return c;
    i++;
    const a = ternary();
    if (!isOp(':')) throw new ArithError("syntax error: `:' expected for conditional expression");
    i++;
    const b = ternary();
    return c !== 0 ? a : b;
  };

  if (toks.length === 0) return 0;
  const v = ternary();
  if (i < toks.length) {
    throw new ArithError(`syntax error in expression (error token is "${toks.slice(i).map((x) => String(x.v)).join(' ')}")`);
  }
  return v;
}
