// `kubectl -o yaml` and `-o json` encoders: sigs.k8s.io/yaml (JSON → go-yaml v2) and Go's
// encoding/json MarshalIndent with 4 spaces, both with sorted map keys as Go prints maps.
// The YAML side reproduces go-yaml v2's scalar analysis (plain / 'single' / "double" / literal |),
// its YAML 1.1 resolver (quotes "123", "true", "n", timestamps), folding of long plain and quoted
// scalars past column 80, indentless sequences and `{}`/`[]` for empty collections.
// Models gopkg.in/yaml.v2 emitterc.go, encode.go, resolve.go, sorter.go; encoding/json encode.go.
// Leaves out: complex keys (`? `) for keys over 128 characters, anchors, binary (!!binary) values.
import { loadAll, YAML11_SCHEMA } from 'js-yaml';

const BEST_WIDTH = 80;

// ------------------------------------------------------------------ key order (yaml.v2 sorter)

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/** go-yaml v2 keyList.Less for string keys: letters after non-letters, digit runs numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

const yamlKeyCompare = (a: string, b: string) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0);

// Objects of one kind share key sets: sorted orders are memoised by the key list (bounded).
const sortedKeysCache = new Map<string, string[]>();
function sortedYamlKeys(keys: string[]): string[] {
  const id = keys.join('\u0000');
  const hit = sortedKeysCache.get(id);
  if (hit) return hit;
  const sorted = keys.slice().sort(yamlKeyCompare);
  if (sortedKeysCache.size > 20_000) sortedKeysCache.clear();
  sortedKeysCache.set(id, sorted);
  return sorted;
}

// ------------------------------------------------------------------ resolver (yaml.v2 resolve.go)

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT_RE = /^[-+]?((\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN]|0[xX]([0-9a-fA-F]+(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][-+]?\d+)$/;
const TIMESTAMP_RE = /^\d{4}-\d{1,2}-\d{1,2}(([Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{2}(:\d{2})?)?)|( \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?))?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether a string, written plain, would be read back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  const c = s[0];
  const hint = c === '+' || c === '-' ? 'S' : c >= '0' && c <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(c) ? 'M' : c === '.' ? '.' : c === '<' ? 'M' : '';
  if (!hint) return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === '.') return GO_FLOAT_RE.test(s);
  if (hint === 'D' || hint === 'S') {
    if (TIMESTAMP_RE.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (INT_RE.test(plain)) return true;
    if (FLOAT_RE.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ scalar analysis (emitterc.go)

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    cp >= 0x10000
  );
}
const isBreakCp = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
const isSpaceCp = (cp: number) => cp === 0x20;
const isBlankzCp = (cp: number | undefined) => cp === undefined || cp === 0x20 || cp === 0x09 || isBreakCp(cp);

function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  const cps = [...value].map((ch) => ch.codePointAt(0)!);
  let blockInd = false;
  let flowInd = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const ch = String.fromCodePoint(cp);
    const followedByWs = i + 1 >= cps.length || isBlankzCp(cps[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowInd = true;
        blockInd = true;
      } else if (ch === '?' || ch === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (ch === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowInd = true;
    } else if (ch === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (ch === '#' && precededByWs) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(cp)) special = true;
    if (isSpaceCp(cp)) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakCp(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankzCp(cp);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

// selectStyle is pure: short scalars (names, labels, images, enum values) repeat across objects.
const styleCache = [new Map<string, Style>(), new Map<string, Style>()];
function selectStyle(s: string, simpleKey: boolean): Style {
  if (s.length > 256) return selectStyleUncached(s, simpleKey);
  const cache = styleCache[simpleKey ? 1 : 0];
  let st = cache.get(s);
  if (st === undefined) {
    st = selectStyleUncached(s, simpleKey);
    if (cache.size > 50_000) cache.clear();
    cache.set(s, st);
  }
  return st;
}

function selectStyleUncached(s: string, simpleKey: boolean): Style {
  // encode.go stringv: literal for multi-line text, plain unless it would resolve to another type.
  let style: Style = s.includes('\n') ? 'literal' : !resolvesToNonString(s) && !BASE60_RE.test(s) ? 'plain' : 'double';
  const a = analyze(s);
  if (simpleKey && a.multiline) return 'double';
  if (style === 'plain') {
    if (!a.blockPlain) style = 'single';
    else if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

// ------------------------------------------------------------------ writer with column tracking

/** Length in code points (go-yaml counts characters for the column). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

class Out {
  buf = '';
  column = 0;
  whitespace = true;
  indention = true;
  write(s: string): void {
    this.buf += s;
    this.column += codePoints(s);
  }
  newline(): void {
    this.buf += '\n';
    this.column = 0;
  }
  /** yaml_emitter_write_indent */
  indent(n: number): void {
    if (!this.indention || this.column > n || (this.column === n && !this.whitespace)) this.newline();
    while (this.column < n) this.write(' ');
    this.whitespace = true;
    this.indention = true;
  }
}

function writePlain(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  if (!o.whitespace) o.write(' ');
  // fast path: no space can fall past column 80, so the text goes out unchanged
  if (!allowBreaks || o.column + s.length <= BEST_WIDTH || !s.includes(' ')) {
    o.write(s);
    o.whitespace = false;
    o.indention = false;
    return;
  }
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ') {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && chars[i + 1] !== ' ') {
        o.indent(indent);
      } else o.write(ch);
      spaces = true;
    } else {
      o.write(ch);
      o.indention = false;
      spaces = false;
    }
  }
  o.whitespace = false;
  o.indention = false;
}

function writeSingle(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  if (!o.whitespace) o.write(' ');
  o.write("'");
  let spaces = false;
  let breaks = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ') {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
        o.indent(indent);
      } else o.write(ch);
      spaces = true;
    } else if (ch === '\n') {
      if (!breaks) o.newline();
      o.newline();
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) o.indent(indent);
      o.write(ch === "'" ? "''" : ch);
      o.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  o.write("'");
  o.whitespace = false;
  o.indention = false;
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function writeDouble(o: Out, s: string, indent: number, allowBreaks: boolean): void {
  if (!o.whitespace) o.write(' ');
  o.write('"');
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp) || cp === 0xfeff || isBreakCp(cp) || ch === '"' || ch === '\\') {
      const e = ESCAPES[cp];
      if (e !== undefined) o.write('\\' + e);
      else if (cp <= 0xff) o.write('\\x' + cp.toString(16).toUpperCase().padStart(2, '0'));
      else if (cp <= 0xffff) o.write('\\u' + cp.toString(16).toUpperCase().padStart(4, '0'));
      else o.write('\\U' + cp.toString(16).toUpperCase().padStart(8, '0'));
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        o.indent(indent);
        if (chars[i + 1] === ' ') o.write('\\');
      } else o.write(ch);
      spaces = true;
    } else {
      o.write(ch);
      spaces = false;
    }
  }
  o.write('"');
  o.whitespace = false;
  o.indention = false;
}

function writeLiteral(o: Out, s: string, indent: number): void {
  if (!o.whitespace) o.write(' ');
  o.write('|');
  let hints = '';
  if (s[0] === ' ' || s[0] === '\n') hints += '2';
  if (!s.endsWith('\n')) hints += '-';
  else if (s === '\n' || s.endsWith('\n\n')) hints += '+';
  o.write(hints);
  o.newline();
  o.indention = true;
  o.whitespace = true;
  let breaks = true;
  for (const ch of s) {
    if (ch === '\n') {
      o.newline();
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) o.indent(indent);
      o.write(ch);
      o.indention = false;
      breaks = false;
    }
  }
  o.whitespace = true;
  o.indention = breaks;
}

function writeScalarText(o: Out, text: string, indent: number, simpleKey: boolean, forceStyle?: Style): void {
  const style = forceStyle ?? selectStyle(text, simpleKey);
  switch (style) {
    case 'plain':
      return writePlain(o, text, indent, !simpleKey);
    case 'single':
      return writeSingle(o, text, indent, !simpleKey);
    case 'double':
      return writeDouble(o, text, indent, !simpleKey);
    default:
      return writeLiteral(o, text, indent);
  }
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) as yaml.v2 writes floats. */
function goFloatG(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = f.toExponential().split('e');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

function writeScalar(o: Out, v: unknown, indent: number, simpleKey: boolean): void {
  if (v === null || v === undefined) return writePlain(o, 'null', indent, false);
  if (typeof v === 'boolean') return writePlain(o, v ? 'true' : 'false', indent, false);
  if (typeof v === 'number') return writePlain(o, goFloatG(v), indent, false);
  return writeScalarText(o, String(v), indent, simpleKey);
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}
function isEmptyCollection(v: Record<string, unknown> | unknown[]): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).filter((k) => v[k] !== undefined).length === 0;
}

function emitNode(o: Out, v: unknown, indent: number, inMapping: boolean): void {
  if (!isCollection(v)) {
    writeScalar(o, v, indent + 2, false);
    return;
  }
  if (isEmptyCollection(v)) {
    if (!o.whitespace) o.write(' ');
    o.write(Array.isArray(v) ? '[]' : '{}');
    o.whitespace = false;
    o.indention = false;
    return;
  }
  if (Array.isArray(v)) {
    // indentless inside a mapping value (the emitter's mapping_context && !indention)
    const n = inMapping && !o.indention ? indent : indent + 2;
    emitSequence(o, v, n);
  } else emitMapping(o, v, indent + 2);
}

function emitSequence(o: Out, items: unknown[], indent: number): void {
  for (const item of items) {
    o.indent(indent);
    if (!o.whitespace) o.write(' ');
    o.write('-');
    o.whitespace = false;
    o.indention = true;
    emitNode(o, item === undefined ? null : item, indent, false);
  }
}

function emitMapping(o: Out, m: Record<string, unknown>, indent: number): void {
  const keys = sortedYamlKeys(Object.keys(m));
  for (const k of keys) {
    if (m[k] === undefined) continue;
    o.indent(indent);
    writeScalarText(o, k, indent, true);
    o.write(':');
    o.whitespace = false;
    o.indention = false;
    emitNode(o, m[k], indent, true);
  }
}

/** sigs.k8s.io/yaml Marshal of a JSON value (what `kubectl get -o yaml` prints, with its final newline). */
export function toYaml(v: unknown): string {
  const o = new Out();
  if (isCollection(v) && !isEmptyCollection(v)) {
    if (Array.isArray(v)) emitSequence(o, v, 0);
    else emitMapping(o, v, -2 + 2);
  } else emitNode(o, v, -2, false);
  return o.buf + '\n';
}

// ------------------------------------------------------------------ JSON (encoding/json)

const JSON_PLAIN_RE = /^[^"\\\u0000-\u001f<>&\u2028\u2029]*$/;

function goJsonString(s: string): string {
  if (JSON_PLAIN_RE.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** json.MarshalIndent(v, "", "    ") over decoded JSON (map keys sorted byte-wise). */
export function toGoJson(v: unknown, indent = '    ', prefix = '', sort = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + toGoJson(x, indent, inner, sort)).join(',\n') + '\n' + prefix + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sort) keys.sort(byteCompare);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${inner}${goJsonString(k)}: ${toGoJson(o[k], indent, inner, sort)}`).join(',\n') + '\n' + prefix + '}';
}

function byteCompare(a: string, b: string): number {
  // UTF-8 byte order equals code point order; JS `<` compares UTF-16 units, which differs only above the BMP.
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < ca.length && i < cb.length; i++) {
    const x = ca[i].codePointAt(0)!;
    const y = cb[i].codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

// ------------------------------------------------------------------ input

export class YamlInputError extends Error {}

/**
 * Splits a manifest into documents as kubectl's YAML decoder does (JSON documents too),
 * dropping empty ones. Throws YamlInputError with js-yaml's message on bad input.
 * SIMPLIFICATION: parse error texts are js-yaml's, not go-yaml's.
 */
export function parseManifests(text: string): unknown[] {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return [JSON.parse(t)];
    } catch {
      // fall through: YAML is a superset of JSON
    }
  }
  let docs: unknown[];
  try {
    docs = loadAll(text, { schema: YAML11_SCHEMA });
  } catch (e) {
    throw new YamlInputError((e as Error).message.split('\n')[0]);
  }
  return docs.filter((d) => d !== null && d !== undefined).map(normalizeDates);
}

/** Timestamps come back as strings, as kubectl's YAML-to-JSON conversion leaves them. */
function normalizeDates(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(normalizeDates);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = normalizeDates(x);
    return out;
  }
  return v;
}

/** json.Marshal (compact) over decoded JSON, keys sorted, HTML characters escaped. */
export function toGoJsonCompact(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(toGoJsonCompact).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(byteCompare);
  return '{' + keys.map((k) => `${goJsonString(k)}:${toGoJsonCompact(o[k])}`).join(',') + '}';
}
