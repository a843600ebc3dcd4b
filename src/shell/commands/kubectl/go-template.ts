// kubectl's `-o go-template` / `-o template` / `--template`: a subset of Go's text/template over
// the object decoded from JSON (whole numbers are int64, as apimachinery's JSON decoder leaves
// them), with kubectl's extra functions `base64decode` and `exists`, and Go's error texts.
// Models go/src/text/template/{parse/lex.go,parse/parse.go,exec.go,funcs.go} and
// k8s.io/cli-runtime/pkg/printers/template.go. Hand-written: npm has no maintained text/template
// port (@ctrl/golang-template only substitutes fields). Leaves out: block, slice, call, html/js/
// urlquery, complex numbers, `else with`, methods; %q and %x on non-ASCII are approximations.

/** The invalid reflect.Value (a missing map key): prints as `<no value>`. */
const MISSING: unique symbol = Symbol('missing');
type Missing = typeof MISSING;

/** A number constant written in the template (`3` is an int, `1.5` a float64). */
class GoConst {
  constructor(
    readonly v: number,
    readonly type: 'int' | 'float64',
  ) {}
}

type GoValue = Missing | null | string | boolean | number | GoConst | GoValue[] | { [k: string]: GoValue };

export class GoTemplateError extends Error {}

import { utf8Decode, utf8Encode } from '../coreutils/common';
import { base64Decode } from '../coreutils/text';

// ------------------------------------------------------------------ parse tree

interface Pos {
  pos: number;
}
type Arg =
  | (Pos & { t: 'field'; names: string[] })
  | (Pos & { t: 'var'; name: string; names: string[] })
  | (Pos & { t: 'dot' })
  | (Pos & { t: 'ident'; name: string })
  | (Pos & { t: 'const'; value: GoValue; text: string })
  | (Pos & { t: 'pipe'; pipe: Pipe; names: string[] });
interface Cmd extends Pos {
  args: Arg[];
}
interface Pipe extends Pos {
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
}
interface ControlNode extends Pos {
  t: 'if' | 'with' | 'range';
  pipe: Pipe;
  body: TNode[];
  elseBody?: TNode[];
}
type TNode =
  | { t: 'text'; s: string }
  | (Pos & { t: 'action'; pipe: Pipe })
  | ControlNode
  | (Pos & { t: 'template'; name: string; pipe?: Pipe })
  | (Pos & { t: 'break' | 'continue' });

const BUILTINS = new Set(['and', 'or', 'not', 'len', 'index', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'base64decode', 'exists']);

export interface GoTemplate {
  root: TNode[];
  defs: Map<string, TNode[]>;
  src: string;
}

// ------------------------------------------------------------------ lexer + parser

type Tok = { k: 'text'; s: string; pos: number } | { k: 'action'; s: string; pos: number; inner: number };

class Parser {
  private toks: Tok[] = [];
  private ti = 0;
  private a = '';
  private ai = 0;
  private abase = 0;
  readonly defs = new Map<string, TNode[]>();
  private vars: string[][] = [['$']];

  constructor(private readonly src: string) {}

  lineOf(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) n++;
    return n;
  }

  fail(msg: string, pos: number): never {
    throw new GoTemplateError(`template: output:${this.lineOf(pos)}: ${msg}`);
  }

  /** Splits the source into text and `{{...}}` tokens, applying `{{- ` / ` -}}` trimming. */
  lex(): void {
    const s = this.src;
    let i = 0;
    let trimNext = false;
    while (i < s.length) {
      const open = s.indexOf('{{', i);
      let text = s.slice(i, open < 0 ? s.length : open);
      if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
      trimNext = false;
      if (open < 0) {
        if (text) this.toks.push({ k: 'text', s: text, pos: i });
        break;
      }
      let inner = open + 2;
      if (s[inner] === '-' && /[ \t\r\n]/.test(s[inner + 1] ?? '')) {
        text = text.replace(/[ \t\r\n]+$/, '');
        inner += 2;
      }
      if (text) this.toks.push({ k: 'text', s: text, pos: i });
      // find the closing `}}` outside quotes and comments
      let j = inner;
      let close = -1;
      while (j < s.length) {
        const c = s[j];
        if (s.startsWith('/*', j)) {
          const e = s.indexOf('*/', j + 2);
          if (e < 0) this.fail('unclosed comment', open);
          j = e + 2;
          continue;
        }
        if (c === '"' || c === '`' || c === "'") {
          let k = j + 1;
          while (k < s.length && s[k] !== c) {
            if (s[k] === '\\' && c !== '`') k++;
            if (s[k] === '\n' && c !== '`') this.fail(c === '"' ? 'unterminated quoted string' : 'unterminated character constant', open);
            k++;
          }
          if (k >= s.length) this.fail(c === '`' ? 'unterminated raw quoted string' : 'unterminated quoted string', open);
          j = k + 1;
          continue;
        }
        if (s.startsWith('}}', j)) {
          close = j;
          break;
        }
        j++;
      }
      if (close < 0) this.fail('unclosed action', open);
      let end = close;
      if (s[close - 1] === '-' && /[ \t\r\n]/.test(s[close - 2] ?? '') && close - 2 >= inner - 1) {
        end = close - 2;
        trimNext = true;
      }
      const body = s.slice(inner, Math.max(inner, end));
      if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) this.toks.push({ k: 'action', s: body, pos: open, inner });
      i = close + 2;
    }
  }

  parse(): TNode[] {
    this.lex();
    const [nodes, end] = this.list();
    if (end) this.fail(`unexpected {{${end.word}}}`, end.pos);
    return nodes;
  }

  /** Parses nodes until EOF or an `{{end}}`/`{{else}}` (returned). */
  private list(): [TNode[], { word: string; pos: number; tok: Tok } | undefined] {
    const out: TNode[] = [];
    while (this.ti < this.toks.length) {
      const tok = this.toks[this.ti++];
      if (tok.k === 'text') {
        out.push({ t: 'text', s: tok.s });
        continue;
      }
      this.a = tok.s;
      this.ai = 0;
      this.abase = tok.inner;
      this.skipSpace();
      const kw = /^(if|else|end|range|with|define|template|block|break|continue)\b/.exec(this.a.slice(this.ai));
      if (!kw) {
        out.push({ t: 'action', pos: tok.pos, pipe: this.pipeline('command', true) });
        continue;
      }
      const word = kw[1];
      this.ai += word.length;
      switch (word) {
        case 'end':
        case 'else':
          return [out, { word, pos: tok.pos, tok }];
        case 'if':
        case 'with':
        case 'range':
          out.push(this.control(word, tok.pos));
          break;
        case 'break':
        case 'continue':
          this.skipSpace();
          if (this.ai < this.a.length) this.fail(`unexpected ${JSON.stringify(this.a.slice(this.ai))} in {{${word}}}`, tok.pos);
          out.push({ t: word, pos: tok.pos });
          break;
        case 'define': {
          this.skipSpace();
          const name = this.stringLit(tok.pos, 'define clause');
          const [body, end] = this.list();
          if (!end || end.word !== 'end') this.fail('unexpected EOF', this.src.length);
          this.defs.set(name, body);
          break;
        }
        case 'template': {
          this.skipSpace();
          const name = this.stringLit(tok.pos, 'template clause');
          this.skipSpace();
          const pipe = this.ai < this.a.length ? this.pipeline('template', false) : undefined;
          out.push({ t: 'template', pos: tok.pos, name, pipe });
          break;
        }
        default:
          this.fail(`{{${word}}} is not supported in this playground`, tok.pos);
      }
    }
    return [out, undefined];
  }

  private stringLit(pos: number, ctx: string): string {
    const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)/.exec(this.a.slice(this.ai));
    if (!m) this.fail(`unexpected ${JSON.stringify(this.a.slice(this.ai).split(/\s/)[0])} in ${ctx}`, pos);
    this.ai += m[1].length;
    return unquote(m[1]);
  }

  private control(word: 'if' | 'with' | 'range', pos: number): TNode {
    this.vars.push([]);
    const pipe = this.pipeline(word, word !== 'range' || true);
    const [body, end] = this.list();
    let elseBody: TNode[] | undefined;
    if (!end) this.fail('unexpected EOF', this.src.length);
    if (end.word === 'else') {
      // `{{else if ...}}` chains: parse as a nested if inside the else branch
      this.skipSpace();
      const rest = this.a.slice(this.ai);
      if (word === 'if' && /^if\b/.test(rest)) {
        this.ai += 2;
        elseBody = [this.control('if', end.pos)];
        this.vars.pop();
        return { t: word, pos, pipe, body, elseBody };
      }
      if (rest.trim()) this.fail(`unexpected ${JSON.stringify(rest.trim())} in else`, end.pos);
      const [eb, end2] = this.list();
      if (!end2) this.fail('unexpected EOF', this.src.length);
      if (end2.word !== 'end') this.fail('expected end; found {{else}}', end2.pos);
      elseBody = eb;
    }
    this.vars.pop();
    return { t: word, pos, pipe, body, elseBody };
  }

  private skipSpace(): void {
    while (this.ai < this.a.length && /\s/.test(this.a[this.ai])) this.ai++;
  }

  private at(): number {
    return this.abase + this.ai;
  }

  private pipeline(ctx: string, allowDecl: boolean): Pipe {
    this.skipSpace();
    const pos = this.at();
    const decl: string[] = [];
    let assign = false;
    if (allowDecl) {
      const m = /^(\$[A-Za-z0-9_]*)\s*(?:,\s*(\$[A-Za-z0-9_]*)\s*)?(:=|=)(?!=)/.exec(this.a.slice(this.ai));
      if (m) {
        decl.push(m[1]);
        if (m[2]) decl.push(m[2]);
        assign = m[3] === '=';
        this.ai += m[0].length;
        if (assign) {
          for (const v of decl) if (!this.vars.some((sc) => sc.includes(v))) this.fail(`undefined variable "${v}"`, pos);
        } else this.vars[this.vars.length - 1].push(...decl);
      }
    }
    const cmds: Cmd[] = [];
    for (;;) {
      this.skipSpace();
      if (this.ai >= this.a.length || this.a[this.ai] === ')') break;
      cmds.push(this.command());
      this.skipSpace();
      if (this.a[this.ai] === '|') {
        this.ai++;
        continue;
      }
      break;
    }
    if (cmds.length === 0) this.fail(`missing value for ${ctx}`, pos);
    return { pos, decl, assign, cmds };
  }

  private command(): Cmd {
    const pos = this.at();
    const args: Arg[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.a[this.ai];
      if (c === undefined || c === '|' || c === ')') break;
      args.push(this.operand());
      const n = this.a[this.ai];
      if (n !== undefined && !/[\s|)]/.test(n)) this.fail(`unexpected ${JSON.stringify(n)} in operand`, pos);
    }
    if (args.length === 0) this.fail('missing value for command', pos);
    return { pos, args };
  }

  private fieldChain(): [string[], number] {
    const names: string[] = [];
    let secondPos = -1;
    while (this.a[this.ai] === '.' && /[A-Za-z_]/.test(this.a[this.ai + 1] ?? '')) {
      if (names.length === 1) secondPos = this.at();
      const m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(this.a.slice(this.ai))!;
      names.push(m[1]);
      this.ai += m[0].length;
    }
    return [names, secondPos];
  }

  private operand(): Arg {
    const rest = this.a.slice(this.ai);
    const pos = this.at();
    if (rest[0] === '.') {
      if (!/[A-Za-z_]/.test(rest[1] ?? '')) {
        this.ai++;
        return { t: 'dot', pos };
      }
      const [names, second] = this.fieldChain();
      return { t: 'field', pos: second >= 0 ? second : pos, names };
    }
    if (rest[0] === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(rest)!;
      this.ai += m[0].length;
      if (!this.vars.some((sc) => sc.includes(m[0]))) this.fail(`undefined variable "${m[0]}"`, pos);
      const here = this.at();
      const [names, second] = this.fieldChain();
      return { t: 'var', pos: names.length ? (names.length > 1 ? second : here) : pos, name: m[0], names };
    }
    if (rest[0] === '(') {
      this.ai++;
      const pipe = this.pipeline('parenthesized pipeline', true);
      this.skipSpace();
      if (this.a[this.ai] !== ')') this.fail('unclosed left paren', pos);
      this.ai++;
      const here = this.at();
      const [names] = this.fieldChain();
      return { t: 'pipe', pos: names.length ? here : pos, pipe, names };
    }
    const str = /^("(?:[^"\\\n]|\\.)*"|`[^`]*`)/.exec(rest);
    if (str) {
      this.ai += str[1].length;
      return { t: 'const', pos, value: unquote(str[1]), text: str[1] };
    }
    const chr = /^'(\\.|[^'\\])'/.exec(rest);
    if (chr) {
      this.ai += chr[0].length;
      return { t: 'const', pos, value: new GoConst(unquote(`"${chr[1]}"`).codePointAt(0) ?? 0, 'int'), text: chr[0] };
    }
    const num = /^[+-]?(0[xX][0-9a-fA-F_]+|\d[\d_]*(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(rest);
    if (num) {
      this.ai += num[0].length;
      const t = num[0].replace(/_/g, '');
      const isFloat = !/^[+-]?0[xX]/.test(t) && /[.eE]/.test(t);
      return { t: 'const', pos, value: new GoConst(Number(t), isFloat ? 'float64' : 'int'), text: num[0] };
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (id) {
      this.ai += id[0].length;
      if (id[0] === 'true' || id[0] === 'false') return { t: 'const', pos, value: id[0] === 'true', text: id[0] };
      if (id[0] === 'nil') return { t: 'const', pos, value: null, text: 'nil' };
      if (!BUILTINS.has(id[0])) this.fail(`function ${JSON.stringify(id[0])} not defined`, pos);
      return { t: 'ident', pos, name: id[0] };
    }
    this.fail(`unexpected ${JSON.stringify(rest[0])} in command`, pos);
  }
}

function unquote(q: string): string {
  if (q.startsWith('`')) return q.slice(1, -1);
  try {
    return JSON.parse(q.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'").replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as string;
  } catch {
    return q.slice(1, -1);
  }
}

/** Parses a template (`template.New("output").Parse(src)`); throws GoTemplateError with Go's text. */
export function parseGoTemplate(src: string): GoTemplate {
  const p = new Parser(src);
  const root = p.parse();
  return { root, defs: p.defs, src };
}

// ------------------------------------------------------------------ values and fmt

function isInt(v: GoValue): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || (v instanceof GoConst && v.type === 'int');
}

function numOf(v: GoValue): number {
  return v instanceof GoConst ? v.v : (v as number);
}

function typeName(v: GoValue): string {
  if (v === null || v === MISSING) return '<nil>';
  if (v instanceof GoConst) return v.type;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v uses it. */
function formatFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, e] = f.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

/** fmt's %v of a value (Sprint). */
function sprintValue(v: GoValue): string {
  if (v === MISSING || v === null) return '<nil>';
  if (v instanceof GoConst) return v.type === 'int' ? String(v.v) : formatFloat(v.v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(sprintValue).join(' ') + ']';
  const keys = Object.keys(v).sort();
  return 'map[' + keys.map((k) => `${k}:${sprintValue(v[k])}`).join(' ') + ']';
}

function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** %.Nf: JS's toFixed rounds exact ties up; Go's strconv rounds them to even. */
function toFixedEven(n: number, prec: number): string {
  const s = n.toFixed(prec);
  const long = Math.abs(n).toFixed(Math.min(100, prec + 40));
  const tail = long.slice(long.indexOf('.') + 1 + prec);
  if (!/^50*$/.test(tail)) return s;
  const down = (n < 0 ? '-' : '') + long.slice(0, long.length - tail.length).replace(/\.$/, '');
  const lastDigit = Number(down.replace(/\./, '').slice(-1));
  return lastDigit % 2 === 0 ? down : s;
}

function pad(s: string, width: number, minus: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (minus) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function badVerb(verb: string, v: GoValue): string {
  if (v === null || v === MISSING) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${sprintValue(v)})`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  width: number;
  prec: number;
}

function fmtOne(verb: string, v: GoValue, sp: Spec): string {
  if (Array.isArray(v) && verb !== 'v') return '[' + v.map((x) => fmtOne(verb, x, { ...sp, width: 0 })).join(' ') + ']';
  if (v !== null && v !== MISSING && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoConst) && verb !== 'v') {
    const o = v;
    return 'map[' + Object.keys(o).sort().map((k) => `${fmtOne(verb, k, { ...sp, width: 0 })}:${fmtOne(verb, o[k], { ...sp, width: 0 })}`).join(' ') + ']';
  }
  const num = v instanceof GoConst || typeof v === 'number';
  switch (verb) {
    case 'v':
      if (num && isInt(v) && sp.plus && numOf(v) >= 0) return '+' + sprintValue(v);
      return sprintValue(v);
    case 's':
      if (typeof v === 'string') return sp.prec >= 0 ? v.slice(0, sp.prec) : v;
      return badVerb(verb, v);
    case 'q':
      if (typeof v === 'string') return JSON.stringify(v);
      if (num && isInt(v)) return `'${String.fromCodePoint(numOf(v))}'`;
      return badVerb(verb, v);
    case 't':
      return typeof v === 'boolean' ? String(v) : badVerb(verb, v);
    case 'd':
    case 'x':
    case 'X':
    case 'o':
    case 'b':
    case 'c': {
      if (verb === 'x' || verb === 'X') {
        if (typeof v === 'string') {
          const hex = utf8Encode(v).map((b) => b.toString(16).padStart(2, '0')).join('');
          return verb === 'X' ? hex.toUpperCase() : hex;
        }
      }
      if (!num || !isInt(v)) return badVerb(verb, v);
      const n = numOf(v);
      if (verb === 'c') return String.fromCodePoint(n);
      const base = verb === 'd' ? 10 : verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      let s = Math.abs(n).toString(base);
      if (verb === 'X') s = s.toUpperCase();
      if (sp.prec >= 0) s = s.padStart(sp.prec, '0');
      const sign = n < 0 ? '-' : sp.plus ? '+' : sp.space ? ' ' : '';
      return sign + s;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (!num || isInt(v)) return badVerb(verb, v);
      const n = numOf(v);
      let s: string;
      if (verb === 'f' || verb === 'F') s = toFixedEven(n, sp.prec >= 0 ? sp.prec : 6);
      else if (verb === 'e' || verb === 'E') {
        const [m, e] = n.toExponential(sp.prec >= 0 ? sp.prec : 6).split('e');
        s = `${m}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
        if (verb === 'E') s = s.toUpperCase();
      } else s = sp.prec >= 0 ? formatFloat(Number(n.toPrecision(Math.max(sp.prec, 1)))) : formatFloat(n);
      if (sp.plus && n >= 0) s = '+' + s;
      return s;
    }
    default:
      return `%!${verb}(${typeName(v)}=${sprintValue(v)})`;
  }
}

/** fmt.Sprintf over template values. */
function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let ai = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const sp: Spec = { minus: false, plus: false, zero: false, space: false, width: 0, prec: -1 };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') sp.minus = true;
      else if (f === '+') sp.plus = true;
      else if (f === '0') sp.zero = true;
      else if (f === ' ') sp.space = true;
      else if (f === '#') continue;
      else break;
    }
    while (i < format.length && /\d/.test(format[i])) sp.width = sp.width * 10 + Number(format[i++]);
    if (format[i] === '.') {
      i++;
      sp.prec = 0;
      while (i < format.length && /\d/.test(format[i])) sp.prec = sp.prec * 10 + Number(format[i++]);
    }
    const verb = format[i++];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (ai >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += pad(fmtOne(verb, args[ai++], sp), sp.width, sp.minus, sp.zero && !sp.minus);
  }
  if (ai < args.length) out += '%!(EXTRA ' + args.slice(ai).map((a) => (a === null || a === MISSING ? '<nil>' : `${typeName(a)}=${sprintValue(a)}`)).join(', ') + ')';
  return out;
}

function truth(v: GoValue): boolean {
  if (v === MISSING || v === null) return false;
  if (v instanceof GoConst) return v.v !== 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

// ------------------------------------------------------------------ execution

class ExecError extends Error {
  constructor(
    readonly pos: number,
    readonly ctx: string,
    msg: string,
  ) {
    super(msg);
  }
}

class Control {
  constructor(readonly kind: 'break' | 'continue') {}
}

function argText(a: Arg): string {
  switch (a.t) {
    case 'field':
      return a.names.map((n) => `.${n}`).join('');
    case 'var':
      return a.name + a.names.map((n) => `.${n}`).join('');
    case 'dot':
      return '.';
    case 'ident':
      return a.name;
    case 'const':
      return a.text;
    case 'pipe':
      return `(${pipeText(a.pipe)})` + a.names.map((n) => `.${n}`).join('');
  }
}

function cmdText(c: Cmd): string {
  return c.args.map(argText).join(' ');
}

function pipeText(p: Pipe): string {
  const decl = p.decl.length ? `${p.decl.join(', ')} ${p.assign ? '=' : ':='} ` : '';
  return decl + p.cmds.map(cmdText).join(' | ');
}

type Scope = Array<[string, GoValue]>;

class Exec {
  out = '';
  private vars: Scope = [];

  constructor(private readonly tpl: GoTemplate) {}

  private err(node: Pos, ctx: string, msg: string): never {
    throw new ExecError(node.pos, ctx, msg);
  }

  private lookupVar(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i][0] === name) return this.vars[i][1];
    return MISSING;
  }

  private setVar(name: string, v: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i][0] === name) {
        this.vars[i][1] = v;
        return;
      }
    }
  }

  run(nodes: TNode[], dot: GoValue): void {
    for (const n of nodes) this.node(n, dot);
  }

  private node(n: TNode, dot: GoValue): void {
    switch (n.t) {
      case 'text':
        this.out += n.s;
        return;
      case 'action': {
        const v = this.pipe(n.pipe, dot);
        if (n.pipe.decl.length === 0) this.out += v === MISSING ? '<no value>' : sprintValue(v);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.pipe(n.pipe, dot);
        if (truth(v)) this.run(n.body, n.t === 'with' ? v : dot);
        else if (n.elseBody) this.run(n.elseBody, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.range(n, dot);
        return;
      case 'template': {
        const body = this.tpl.defs.get(n.name);
        if (!body) this.err(n, `template ${JSON.stringify(n.name)}`, `template ${JSON.stringify(n.name)} not defined`);
        const arg = n.pipe ? this.pipe(n.pipe, dot) : null;
        const saved = this.vars;
        this.vars = [['$', arg]];
        this.run(body, arg);
        this.vars = saved;
        return;
      }
      case 'break':
      case 'continue':
        throw new Control(n.t);
    }
  }

  private range(n: ControlNode, dot: GoValue): void {
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const v = this.pipe({ ...n.pipe, decl: [] }, dot);
    const items: Array<[GoValue, GoValue]> = [];
    if (Array.isArray(v)) v.forEach((x, i) => items.push([i, x]));
    else if (v !== null && v !== MISSING && typeof v === 'object' && !(v instanceof GoConst)) {
      for (const k of Object.keys(v).sort()) items.push([k, v[k]]);
    } else if (isInt(v)) {
      for (let i = 0; i < numOf(v); i++) items.push([new GoConst(i, 'int'), new GoConst(i, 'int')]);
    } else if (v !== null && v !== MISSING) {
      this.err(n, `range ${pipeText(n.pipe)}`, `range can't iterate over ${sprintValue(v)}`);
    }
    if (items.length === 0) {
      if (n.elseBody) this.run(n.elseBody, dot);
      this.vars.length = mark;
      return;
    }
    for (const [k, x] of items) {
      if (decl.length === 1) this.vars.push([decl[0], x]);
      else if (decl.length === 2) this.vars.push([decl[0], k], [decl[1], x]);
      const inner = this.vars.length;
      try {
        this.run(n.body, x);
      } catch (e) {
        if (!(e instanceof Control)) throw e;
        this.vars.length = mark;
        if (e.kind === 'break') break;
        continue;
      }
      this.vars.length = inner;
      this.vars.length = mark;
    }
    this.vars.length = mark;
  }

  private pipe(p: Pipe, dot: GoValue): GoValue {
    let v: GoValue = MISSING;
    let first = true;
    for (const c of p.cmds) {
      v = this.command(c, dot, first ? undefined : v);
      first = false;
    }
    if (p.decl.length) {
      if (p.assign) this.setVar(p.decl[0], v);
      else this.vars.push([p.decl[0], v]);
    }
    return v;
  }

  private command(c: Cmd, dot: GoValue, final: GoValue | undefined): GoValue {
    const head = c.args[0];
    if (head.t === 'ident') return this.call(c, head.name, c.args.slice(1), dot, final);
    if (c.args.length > 1 || final !== undefined) {
      if ((head.t === 'field' || head.t === 'var' || head.t === 'pipe') && head.names.length) {
        const recv = head.t === 'field' ? this.fields(head, dot, head.names.slice(0, -1)) : undefined;
        if (recv === undefined || (recv !== MISSING && recv !== null && typeof recv === 'object' && !Array.isArray(recv) && !(recv instanceof GoConst))) {
          this.err(head, argText(head), `${head.names[head.names.length - 1]} is not a method but has arguments`);
        }
      }
      this.err(c, cmdText(c), `can't give argument to non-function ${argText(head)}`);
    }
    return this.arg(head, dot);
  }

  private arg(a: Arg, dot: GoValue): GoValue {
    switch (a.t) {
      case 'dot':
        return dot;
      case 'const':
        return a.value;
      case 'field':
        return this.fields(a, dot, a.names);
      case 'var':
        return this.fields(a, this.lookupVar(a.name), a.names);
      case 'pipe': {
        const mark = this.vars.length;
        const v = this.pipe(a.pipe, dot);
        this.vars.length = mark;
        return this.fields(a, v, a.names);
      }
      case 'ident':
        return this.call({ pos: a.pos, args: [a] }, a.name, [], dot, undefined);
    }
  }

  private fields(node: Arg, recv: GoValue, names: string[]): GoValue {
    let v = recv;
    for (const name of names) {
      if (v === MISSING) return MISSING;
      if (v === null) this.err(node, argText(node), `nil pointer evaluating interface {}.${name}`);
      if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoConst)) {
        v = Object.prototype.hasOwnProperty.call(v, name) ? v[name] : MISSING;
        continue;
      }
      this.err(node, argText(node), `can't evaluate field ${name} in type ${v instanceof GoConst ? v.type : 'interface {}'}`);
    }
    return v;
  }

  private call(c: Cmd, name: string, argNodes: Arg[], dot: GoValue, final: GoValue | undefined): GoValue {
    const nargs = argNodes.length + (final === undefined ? 0 : 1);
    const ctx = cmdText(c);
    const evalArg = (i: number): GoValue => {
      const v = i < argNodes.length ? this.arg(argNodes[i], dot) : (final as GoValue);
      return v === MISSING ? null : v;
    };
    const all = (): GoValue[] => Array.from({ length: nargs }, (_, i) => evalArg(i));
    const want = (n: number) => {
      if (nargs !== n) this.err(c, ctx, `wrong number of args for ${name}: want ${n} got ${nargs}`);
    };
    const atLeast = (n: number) => {
      if (nargs < n) this.err(c, ctx, `wrong number of args for ${name}: want at least ${n} got ${nargs}`);
    };
    const fail = (msg: string): never => this.err(c, ctx, `error calling ${name}: ${msg}`);
    switch (name) {
      case 'and':
      case 'or': {
        atLeast(1);
        let v: GoValue = null;
        for (let i = 0; i < nargs; i++) {
          v = evalArg(i);
          if (truth(v) === (name === 'or')) return v;
        }
        return v;
      }
      case 'not':
        want(1);
        return !truth(evalArg(0));
      case 'len': {
        want(1);
        const v = evalArg(0);
        if (typeof v === 'string') return new GoConst(utf8Encode(v).length, 'int');
        if (Array.isArray(v)) return new GoConst(v.length, 'int');
        if (v !== null && typeof v === 'object' && !(v instanceof GoConst)) return new GoConst(Object.keys(v).length, 'int');
        return fail(v === null ? 'len of nil pointer' : `len of type ${typeName(v)}`);
      }
      case 'index': {
        atLeast(1);
        const args = all();
        let v = args[0];
        if (v === null) return fail('index of untyped nil');
        for (const k of args.slice(1)) {
          if (Array.isArray(v)) {
            if (!isInt(k)) return fail(`cannot index slice/array with type ${typeName(k)}`);
            const i = numOf(k);
            if (i < 0 || i >= v.length) return fail(`index out of range: ${i}`);
            v = v[i];
          } else if (v !== null && v !== MISSING && typeof v === 'object' && !(v instanceof GoConst)) {
            if (typeof k !== 'string') return fail(k === null ? 'value is nil; should be of type string' : `value has type ${typeName(k)}; should be string`);
            v = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : MISSING;
          } else if (v === MISSING) {
            return fail('index of untyped nil');
          } else return fail(`can't index item of type ${typeName(v)}`);
        }
        return v;
      }
      case 'print':
        return sprint(all());
      case 'println':
        return all().map(sprintValue).join(' ') + '\n';
      case 'printf': {
        atLeast(1);
        const args = all();
        if (typeof args[0] !== 'string') this.err(c, ctx, `wrong type for value; expected string; got ${typeName(args[0])}`);
        return sprintf(args[0] as string, args.slice(1));
      }
      case 'eq':
      case 'ne': {
        atLeast(name === 'eq' ? 1 : 2);
        if (name === 'ne') want(2);
        const args = all();
        const a = args[0];
        let eq = false;
        for (const b of args.slice(1)) {
          if (compare(a, b, fail) === 0) eq = true;
        }
        if (nargs === 1) fail('missing argument for comparison');
        return name === 'eq' ? eq : !eq;
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        want(2);
        const [a, b] = all();
        const r = compare(a, b, fail, true);
        return name === 'lt' ? r < 0 : name === 'le' ? r <= 0 : name === 'gt' ? r > 0 : r >= 0;
      }
      case 'base64decode': {
        want(1);
        const v = evalArg(0);
        if (typeof v !== 'string') this.err(c, ctx, `wrong type for value; expected string; got ${typeName(v)}`);
        const bad = /[^A-Za-z0-9+/=]/.exec(v);
        if (bad || v.length % 4 !== 0) {
          const at = bad ? bad.index : v.length - (v.length % 4);
          return fail(`base64 decode failed: illegal base64 data at input byte ${at}`);
        }
        return utf8Decode(base64Decode(v) ?? []);
      }
      case 'exists': {
        atLeast(1);
        const args = all();
        let v = args[0];
        for (const k of args.slice(1)) {
          if (Array.isArray(v) && isInt(k)) {
            const i = numOf(k);
            if (i < 0 || i >= v.length) return false;
            v = v[i];
          } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoConst) && typeof k === 'string') {
            if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
            v = v[k];
          } else return false;
        }
        return true;
      }
      default:
        return fail(`function ${name} not defined`);
    }
  }
}

function compare(a: GoValue, b: GoValue, fail: (m: string) => never, ordered = false): number {
  const nil = (x: GoValue) => x === null || x === MISSING;
  if (nil(a) || nil(b)) {
    if (ordered) fail('invalid type for comparison');
    return nil(a) && nil(b) ? 0 : 1;
  }
  const kind = (x: GoValue) => (typeof x === 'string' ? 's' : typeof x === 'boolean' ? 'b' : x instanceof GoConst || typeof x === 'number' ? (isInt(x) ? 'i' : 'f') : 'o');
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'o' || kb === 'o') return fail(ordered ? 'invalid type for comparison' : 'non-comparable types');
  if (ka !== kb) return fail('incompatible types for comparison');
  if (ka === 'b') {
    if (ordered) fail('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  if (ka === 's') return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  const x = numOf(a);
  const y = numOf(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Executes the template on data; on failure throws GoTemplateExecError carrying the partial output. */
export class GoTemplateExecError extends Error {
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}

export function executeGoTemplate(tpl: GoTemplate, data: unknown): string {
  const ex = new Exec(tpl);
  const root = data as GoValue;
  try {
    (ex as unknown as { vars: Scope }).vars = [['$', root]];
    ex.run(tpl.root, root);
  } catch (e) {
    if (e instanceof ExecError) {
      let line = 1;
      let lineStart = 0;
      for (let i = 0; i < e.pos; i++) {
        if (tpl.src.charCodeAt(i) === 10) {
          line++;
          lineStart = i + 1;
        }
      }
      throw new GoTemplateExecError(`template: output:${line}:${e.pos - lineStart}: executing "output" at <${e.ctx}>: ${e.message}`, ex.out);
    }
    if (e instanceof Control) throw new GoTemplateExecError(`template: output: {{${e.kind}}} outside {{range}}`, ex.out);
    throw e;
  }
  return ex.out;
}

/** fmt's %+v of the decoded object, as kubectl prints it after a failed execution. */
export function goTemplateDataText(data: unknown): string {
  return sprintValue(data as GoValue);
}
