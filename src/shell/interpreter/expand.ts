// Word expansion in bash's order: tilde, parameter, command substitution and arithmetic, then
// field splitting on IFS of unquoted results, then pathname expansion (globbing) and quote removal.
// Leaves out: brace expansion, extglob, globstar, `$"..."` locale strings, nocaseglob.
import type { ParamOp, Script, Word } from '../parser/ast';
import type { Vfs } from '../vfs/vfs';
import { Parser } from '../parser/parser';
import { ArithError, evalArith } from './arith';

/** An expansion error: the message is printed and the current command fails with `status`. */
export class ShellError extends Error {
  constructor(message: string, readonly status = 1) { super(message); }
}

export interface ShellVars {
  vars: Map<string, string>;
  cwd: string;
  lastStatus: number;
  positional: string[];
  lastBgPid: number | null;
}

export interface ExpandEnv {
  st: ShellVars;
  fs: Vfs;
  home: string;
  user: string;
  pid: number;
  /** Runs a command substitution; returns its stdout (trailing newlines kept) and sets $?. */
  cmdsub(script: Script): Promise<string>;
}

type Seg = { text: string; quoted: boolean; split: boolean } | { brk: true };

interface Field { text: string; glob: string; hasGlob: boolean; keep: boolean }

function getParam(name: string, env: ExpandEnv): string | undefined {
  const st = env.st;
  switch (name) {
    case '?': return String(st.lastStatus);
    case '$': return String(env.pid);
    case '!': return st.lastBgPid === null ? '' : String(st.lastBgPid);
    case '#': return String(st.positional.length);
    case '0': return 'bash';
    case '@': case '*': return st.positional.join(' ');
    case '-': return 'himBHs';
  }
  if (/^[0-9]+$/.test(name)) return st.positional[Number(name) - 1];
  return st.vars.get(name);
}

function escapeGlobChar(c: string): string {
  return c === '*' || c === '?' || c === '[' || c === '\\' ? '\\' + c : c;
}

/** Glob pattern (with backslash-escaped literals) → RegExp source for one path component. */
export function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) { out += escapeRe(glob[++i]); continue; }
    if (c === '*') { out += '.*'; continue; }
    if (c === '?') { out += '.'; continue; }
    if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end > 0) {
        let body = glob.slice(i + 1, end);
        let neg = false;
        if (body[0] === '!' || body[0] === '^') { neg = true; body = body.slice(1); }
        out += '[' + (neg ? '^' : '') + body.replace(/[\\\]^]/g, (m) => '\\' + m) + ']';
        i = end;
        continue;
      }
    }
    out += escapeRe(c);
  }
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

async function paramValue(name: string, op: ParamOp | undefined, env: ExpandEnv): Promise<string> {
  const value = getParam(name, env);
  if (!op) return value ?? '';
  switch (op.type) {
    case 'length': return String([...(value ?? '')].length);
    case 'default': case 'assign': case 'alternative': case 'error': {
      const isSet = value !== undefined && !(op.colon && value === '');
      if (op.type === 'alternative') return isSet ? await expandToString(op.word, env) : '';
      if (isSet) return value;
      const w = await expandToString(op.word, env);
      if (op.type === 'assign') env.st.vars.set(name, w);
      if (op.type === 'error') throw new ShellError(`bash: ${name}: ${w || 'parameter null or not set'}`);
      return w;
    }
    case 'trimPrefix': case 'trimSuffix': {
      const v = value ?? '';
      const re = new RegExp('^(?:' + await wordToRegex(op.word, env) + ')$', 's');
      if (op.type === 'trimPrefix') {
        if (op.longest) { for (let n = v.length; n >= 0; n--) if (re.test(v.slice(0, n))) return v.slice(n); }
        else { for (let n = 0; n <= v.length; n++) if (re.test(v.slice(0, n))) return v.slice(n); }
      } else if (op.longest) { for (let n = 0; n <= v.length; n++) if (re.test(v.slice(n))) return v.slice(0, n); }
      else { for (let n = v.length; n >= 0; n--) if (re.test(v.slice(n))) return v.slice(0, n); }
      return v;
    }
    case 'replace': {
      const v = value ?? '';
      const src = await wordToRegex(op.pattern, env);
      if (src === '') return v;
      const rep = await expandToString(op.replacement, env);
      const re = new RegExp(src, op.all ? 'gs' : 's');
      return v.replace(re, () => rep);
    }
  }
}

async function wordToRegex(word: Word, env: ExpandEnv): Promise<string> {
  let glob = '';
  for (const p of word.parts) {
    if (p.kind === 'lit') glob += p.quoted ? [...p.text].map(escapeGlobChar).join('') : p.text;
    else {
      const v = await partValue(p, env);
      glob += p.kind !== 'tilde' && !p.quoted ? v : [...v].map(escapeGlobChar).join('');
    }
  }
  return globToRegex(glob);
}

async function partValue(p: Word['parts'][number], env: ExpandEnv): Promise<string> {
  switch (p.kind) {
    case 'lit': return p.text;
    case 'tilde':
      if (p.user === '' ) return env.st.vars.get('HOME') ?? env.home;
      if (p.user === env.user) return env.home;
      if (p.user === 'root') return '/root';
      return '~' + p.user;
    case 'param': return paramValue(p.name, p.op, env);
    case 'cmdsub': return (await env.cmdsub(p.script)).replace(/\n+$/, '');
    case 'arith': {
      const expr = await expandArithText(p.expr, env);
      try {
        return String(evalArith(expr, { get: (n) => env.st.vars.get(n), set: (n, v) => env.st.vars.set(n, v) }));
      } catch (e) {
        if (e instanceof ArithError) throw new ShellError(`bash: ${expr.trim()}: ${e.message}`);
        throw e;
      }
    }
  }
}

/** Expands `$x`, `${x}` and `$(...)` inside an arithmetic expression's text. */
async function expandArithText(expr: string, env: ExpandEnv): Promise<string> {
  if (!expr.includes('$')) return expr;
  const word = new Parser(expr).parseHeredocBody();
  return expandToString(word, env);
}

/** Expansion without field splitting or globbing (assignments, heredocs, here-strings). */
export async function expandToString(word: Word, env: ExpandEnv): Promise<string> {
  let out = '';
  for (const p of word.parts) out += await partValue(p, env);
  return out;
}

/** Brace expansion (`a{b,c}`, `{1..5}`, `{a..e}`, `{01..10..2}`) inside unquoted literal text. */
export function braceExpand(word: Word): Word[] {
  for (let pi = 0; pi < word.parts.length; pi++) {
    const part = word.parts[pi];
    if (part.kind !== 'lit' || part.quoted || !part.text.includes('{')) continue;
    const text = part.text;
    for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      let depth = 0;
      let close = -1;
      const commas: number[] = [];
      for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === '{') depth++;
        else if (c === '}') { depth--; if (depth === 0) { close = i; break; } }
        else if (c === ',' && depth === 1) commas.push(i);
      }
      if (close < 0) break;
      const inner = text.slice(open + 1, close);
      let alts: string[] | null = null;
      if (commas.length > 0) {
        alts = [];
        let start = open + 1;
        for (const c of [...commas, close]) { alts.push(text.slice(start, c)); start = c + 1; }
      } else {
        const m = /^(-?[0-9]+|[A-Za-z])\.\.(-?[0-9]+|[A-Za-z])(?:\.\.(-?[0-9]+))?$/.exec(inner);
        if (m) alts = braceSequence(m[1], m[2], m[3]);
      }
      if (!alts) continue;
      const prefix = text.slice(0, open);
      const suffix = text.slice(close + 1);
      const out: Word[] = [];
      for (const alt of alts) {
        const parts = [...word.parts];
        parts[pi] = { kind: 'lit', text: prefix + alt + suffix, quoted: false };
        out.push(...braceExpand({ parts }));
      }
      return out;
    }
  }
  return [word];
}

function braceSequence(a: string, b: string, stepS: string | undefined): string[] | null {
  const step = Math.abs(Number(stepS ?? '1')) || 1;
  const out: string[] = [];
  if (/^-?[0-9]+$/.test(a) && /^-?[0-9]+$/.test(b)) {
    const x = Number(a), y = Number(b);
    const pad = (/^-?0[0-9]/.test(a) || /^-?0[0-9]/.test(b)) ? Math.max(a.length, b.length) : 0;
    const fmt = (n: number): string => (pad ? (n < 0 ? '-' + String(-n).padStart(pad - 1, '0') : String(n).padStart(pad, '0')) : String(n));
    if (x <= y) for (let n = x; n <= y; n += step) out.push(fmt(n));
    else for (let n = x; n >= y; n -= step) out.push(fmt(n));
    return out;
  }
  if (/^[A-Za-z]$/.test(a) && /^[A-Za-z]$/.test(b)) {
    const x = a.charCodeAt(0), y = b.charCodeAt(0);
    if (x <= y) for (let n = x; n <= y; n += step) out.push(String.fromCharCode(n));
    else for (let n = x; n >= y; n -= step) out.push(String.fromCharCode(n));
    return out;
  }
  return null;
}

/** Full expansion of one word into zero or more fields (brace expansion first). */
export async function expandWord(word: Word, env: ExpandEnv): Promise<string[]> {
  const braced = braceExpand(word);
  if (braced.length !== 1 || braced[0] !== word) {
    const out: string[] = [];
    for (const w of braced) out.push(...await expandWordNoBrace(w, env));
    return out;
  }
  return expandWordNoBrace(word, env);
}

async function expandWordNoBrace(word: Word, env: ExpandEnv): Promise<string[]> {
  // Fast path: a plain literal word.
  if (word.parts.length === 1 && word.parts[0].kind === 'lit') {
    const p = word.parts[0];
    if (p.quoted || !/[*?[]/.test(p.text)) return [p.text];
  }
  const segs: Seg[] = [];
  for (const p of word.parts) {
    if (p.kind === 'lit') { segs.push({ text: p.text, quoted: p.quoted, split: false }); continue; }
    if (p.kind === 'tilde') { segs.push({ text: await partValue(p, env), quoted: true, split: false }); continue; }
    if (p.kind === 'param' && p.name === '@' && p.quoted && !p.op) {
      env.st.positional.forEach((a, i) => {
        if (i > 0) segs.push({ brk: true });
        segs.push({ text: a, quoted: true, split: false });
      });
      continue;
    }
    segs.push({ text: await partValue(p, env), quoted: p.quoted, split: !p.quoted });
  }
  const ifs = env.st.vars.get('IFS') ?? ' \t\n';
  const fields: Field[] = [];
  let cur: Field | null = null;
  const ensure = (): Field => (cur ??= { text: '', glob: '', hasGlob: false, keep: false });
  const finish = (): void => { if (cur && (cur.text !== '' || cur.keep)) fields.push(cur); cur = null; };
  const add = (text: string, quoted: boolean): void => {
    const f = ensure();
    f.text += text;
    if (quoted) { f.keep = true; f.glob += [...text].map(escapeGlobChar).join(''); return; }
    for (const c of text) {
      if (c === '*' || c === '?' || c === '[') { f.hasGlob = true; f.glob += c; }
      else f.glob += c === '\\' ? '\\\\' : c;
    }
  };
  for (const s of segs) {
    if ('brk' in s) { ensure().keep = true; finish(); continue; }
    if (!s.split || ifs === '') { add(s.text, s.quoted); continue; }
    let piece = '';
    for (const c of s.text) {
      if (ifs.includes(c)) {
        if (piece !== '') { add(piece, false); piece = ''; }
        finish();
      } else piece += c;
    }
    if (piece !== '') add(piece, false);
  }
  finish();
  const out: string[] = [];
  for (const f of fields) {
    if (f.hasGlob) {
      const matches = globPaths(f.glob, env.fs, env.st.cwd);
      if (matches.length > 0) { out.push(...matches); continue; }
    }
    out.push(f.text);
  }
  return out;
}

function hasUnescapedGlob(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '*' || s[i] === '?' || s[i] === '[') return true;
  }
  return false;
}

function unescapeGlob(s: string): string { return s.replace(/\\(.)/g, '$1'); }

/** Pathname expansion of an escaped glob pattern, relative to cwd; sorted like `LC_COLLATE=C`. */
export function globPaths(pattern: string, fs: Vfs, cwd: string): string[] {
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => !(absolute && i === 0));
  let bases: string[] = [absolute ? '/' : ''];
  for (let ci = 0; ci < comps.length; ci++) {
    const comp = comps[ci];
    const last = ci === comps.length - 1;
    const next: string[] = [];
    if (comp === '') { bases = bases.map((b) => b.endsWith('/') ? b : b + '/'); continue; }
    if (!hasUnescapedGlob(comp)) {
      const name = unescapeGlob(comp);
      for (const b of bases) next.push(b + name + (last ? '' : '/'));
    } else {
      const re = new RegExp('^' + globToRegex(comp) + '$', 's');
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const b of bases) {
        const dir = fs.resolve(b === '' ? '.' : b, cwd);
        if (!fs.isDir(dir)) continue;
        for (const name of fs.readdir(dir)) {
          if (name.startsWith('.') && !dotOk) continue;
          if (re.test(name)) next.push(b + name + (last ? '' : '/'));
        }
      }
    }
    bases = next;
  }
  return bases
    .filter((p) => fs.exists(fs.resolve(p, cwd)))
    .map((p) => (p.length > 1 && p.endsWith('/') && !pattern.endsWith('/') ? p.slice(0, -1) : p))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
