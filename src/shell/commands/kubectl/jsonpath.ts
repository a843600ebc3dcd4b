// kubectl's JSONPath templates (`-o jsonpath=...`, `custom-columns`, `--sort-by`): text and
// `{...}` actions, fields, `['key.with.dots']`, `[*]`, indexes and slices, `..` recursive
// descent, filters `[?(@.a=="b")]`, `{range}...{end}`, quoted literals, missing keys allowed.
// Models k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go) as kubectl configures it.
// Leaves out: unions with `,` inside brackets mixed with filters, `{.a.b}` on Go structs.
import { toGoJsonCompact } from './yaml';

type Step =
  | { t: 'field'; name: string }
  | { t: 'wild' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'recursive' }
  | { t: 'filter'; path: Step[]; op?: string; value?: string | number | boolean | null; rhsPath?: Step[] }
  | { t: 'union'; keys: Array<string | number> };

type Node =
  | { t: 'text'; s: string }
  | { t: 'path'; steps: Step[] }
  | { t: 'range'; steps: Step[]; body: Node[] };

export class JsonPathError extends Error {}

function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  let s = src.trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '@') return steps;
  if (s.startsWith('@')) s = s.slice(1);
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        steps.push({ t: 'recursive' });
        i += 2;
        continue;
      }
      i++;
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j += s[j] === '\\' ? 2 : 1;
      const name = s.slice(i, Math.min(j, s.length)).replace(/\\\./g, '.');
      if (name === '*') steps.push({ t: 'wild' });
      else if (name !== '') steps.push({ t: 'field', name });
      i = j;
    } else if (c === '[') {
      const end = findClose(s, i);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ t: 'wild' });
      else if (inner.startsWith('?(')) steps.push(parseFilter(inner.slice(2, inner.lastIndexOf(')'))));
      else if (/^['"]/.test(inner)) {
        const keys = inner.split(',').map((k) => k.trim().replace(/^['"]|['"]$/g, ''));
        steps.push(keys.length === 1 ? { t: 'field', name: keys[0] } : { t: 'union', keys });
      } else if (inner.includes(':')) {
        const [a, b, st] = inner.split(':').map((x) => x.trim());
        steps.push({ t: 'slice', start: a ? Number(a) : undefined, end: b ? Number(b) : undefined, step: st ? Number(st) : undefined });
      } else if (inner.includes(',')) {
        steps.push({ t: 'union', keys: inner.split(',').map((k) => (/^-?\d+$/.test(k.trim()) ? Number(k.trim()) : k.trim())) });
      } else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else throw new JsonPathError(`invalid array index ${inner}`);
    } else {
      // bare first field: `metadata.name`
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      steps.push({ t: 'field', name: s.slice(i, j) });
      i = j;
    }
  }
  return steps;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new JsonPathError('unterminated array');
}

function parseLiteral(v: string): string | number | boolean | null {
  const t = v.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

function parseFilter(expr: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(expr.trim());
  if (!m) return { t: 'filter', path: parsePath(expr.trim()) };
  const rhs = m[3].trim();
  if (rhs.startsWith('@')) return { t: 'filter', path: parsePath(m[1]), op: m[2], rhsPath: parsePath(rhs) };
  return { t: 'filter', path: parsePath(m[1]), op: m[2], value: parseLiteral(rhs) };
}

/** Parses `{.a}text{range .items[*]}{.b}{end}`. */
export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) stack[stack.length - 1].push({ t: 'text', s: text });
    text = '';
  };
  while (i < tpl.length) {
    const c = tpl[i];
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    flush();
    // find matching '}' outside quotes
    let j = i + 1;
    let quote = '';
    for (; j < tpl.length; j++) {
      const d = tpl[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = '';
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '}') break;
    }
    if (j >= tpl.length) throw new JsonPathError(`unclosed action`);
    const action = tpl.slice(i + 1, j).trim();
    i = j + 1;
    if (action.startsWith('range')) {
      const node: Node = { t: 'range', steps: parsePath(action.slice(5).trim()), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (/^(['"])/.test(action)) {
      const q = action[0];
      const body = action.slice(1, action.lastIndexOf(q));
      stack[stack.length - 1].push({ t: 'text', s: q === '"' ? unescapeGo(body) : body });
    } else {
      stack[stack.length - 1].push({ t: 'path', steps: parsePath(action) });
    }
  }
  flush();
  return root;
}

function unescapeGo(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' })[c] ?? '\\' + c);
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.keys(o).sort().map((k) => o[k]);
  }
  return [];
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b || (a !== undefined && b !== undefined && String(a) === String(b) && typeof a === typeof b);
    case '!=':
      return !compare(a, '==', b);
    case '<':
      return typeof a === typeof b && (a as number) < (b as number);
    case '>':
      return typeof a === typeof b && (a as number) > (b as number);
    case '<=':
      return typeof a === typeof b && (a as number) <= (b as number);
    case '>=':
      return typeof a === typeof b && (a as number) >= (b as number);
    case '=~':
      return typeof a === 'string' && new RegExp(String(b)).test(a);
    default:
      return false;
  }
}

/** Evaluates a path against a value; missing keys yield no results. */
export function evalPath(root: unknown, steps: Step[]): unknown[] {
  let cur: unknown[] = [root];
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (st.t) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && st.name in (v as object)) next.push((v as Record<string, unknown>)[st.name]);
          break;
        case 'wild':
          next.push(...children(v));
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = st.i < 0 ? v.length + st.i : st.i;
            if (i >= 0 && i < v.length) next.push(v[i]);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) {
            const n = v.length;
            let a = st.start ?? 0;
            let b = st.end ?? n;
            if (a < 0) a += n;
            if (b < 0) b += n;
            const step = st.step ?? 1;
            for (let i = Math.max(0, a); i < Math.min(n, b); i += step) next.push(v[i]);
          }
          break;
        case 'union':
          for (const k of st.keys) {
            if (typeof k === 'number' && Array.isArray(v)) {
              const i = k < 0 ? v.length + k : k;
              if (i >= 0 && i < v.length) next.push(v[i]);
            } else if (v && typeof v === 'object' && String(k) in (v as object)) next.push((v as Record<string, unknown>)[String(k)]);
          }
          break;
        case 'recursive': {
          const walk = (x: unknown) => {
            next.push(x);
            for (const c of children(x)) walk(c);
          };
          walk(v);
          break;
        }
        case 'filter':
          for (const item of children(v)) {
            const lhs = evalPath(item, st.path);
            if (!st.op) {
              if (lhs.length > 0) next.push(item);
              continue;
            }
            const rhs = st.rhsPath ? evalPath(item, st.rhsPath)[0] : st.value;
            if (lhs.length > 0 && compare(lhs[0], st.op, rhs)) next.push(item);
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

/** Text of one result as jsonpath prints it (maps/slices as compact JSON). */
export function resultText(v: unknown): string {
  if (v === null || v === undefined) return v === null ? 'null' : '';
  if (typeof v === 'object') return toGoJsonCompact(v);
  return String(v);
}

/** Executes a template against data (kubectl: AllowMissingKeys(true)). */
export function executeTemplate(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'path') out += evalPath(data, n.steps).map(resultText).join(' ');
    else for (const item of evalPath(data, n.steps)) out += executeTemplate(n.body, item);
  }
  return out;
}

/** Go's fmt %v of a decoded JSON value (custom-columns cells). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[' + v.map(goValue).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return 'map[' + Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ') + ']';
  }
  return String(v);
}

export { parsePath };
