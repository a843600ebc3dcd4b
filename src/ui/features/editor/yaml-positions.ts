// Maps Kubernetes field paths from API errors (Status.details.causes[].field, as printed by
// field.Path: `spec.template.spec.containers[0].image`, `metadata.labels[app]`) to positions in
// a YAML or JSON buffer, and server failures to editor markers on the right line.
// Models apimachinery/pkg/util/validation/field/path.go (the String() form, parsed back).
// Leaves out: YAML aliases (an alias is marked where it is used, not where it is defined).
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { EditorApplyFailure } from '../../../worker/protocol';

/** A 1-based range, as Monaco's IRange. */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** `name` for `.name` children, `bracket` for `[0]` indexes and `[key]` map keys. */
export type PathSegment = { name: string } | { bracket: string };

export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let name = '';
  const flush = () => {
    if (name) out.push({ name });
    name = '';
  };
  while (i < field.length) {
    const c = field[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const end = field.indexOf(']', i + 1);
      if (end < 0) {
        name = field.slice(i);
        break;
      }
      out.push({ bracket: field.slice(i + 1, end) });
      i = end + 1;
    } else {
      name += c;
      i++;
    }
  }
  flush();
  return out;
}

interface Parsed {
  text: string;
  docs: Document.Parsed[];
  lines: LineCounter;
}

function parse(text: string): Parsed {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  return { text, docs: Array.isArray(docs) ? docs : [], lines };
}

function toRange(lines: LineCounter, start: number, end: number): TextRange {
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(start, end));
  return { startLineNumber: a.line, startColumn: a.col, endLineNumber: b.line, endColumn: b.col };
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined;
}

/** The range of a field in one document: its value when it is a scalar, else its key (or the
 *  first line of a list item); the deepest existing ancestor's key when the field is missing
 *  (`Required value`); the document's first line when not even the first segment exists. */
function rangeInDocument(doc: Document.Parsed, p: Parsed, segments: PathSegment[]): TextRange | undefined {
  let node: unknown = doc.contents;
  let marked: YamlNode | undefined;
  let complete = true;
  for (const seg of segments) {
    const key = 'name' in seg ? seg.name : seg.bracket;
    if (isMap(node)) {
      const pair = node.items.find((it) => scalarString(it.key) === key);
      if (!pair) {
        complete = false;
        break;
      }
      marked = pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(key) && node.items[Number(key)] !== undefined) {
      marked = node.items[Number(key)] as YamlNode;
      node = marked;
    } else {
      complete = false;
      break;
    }
  }
  if (complete && isScalar(node) && node.range) return toRange(p.lines, node.range[0], node.range[1]);
  const target = marked ?? (doc.contents as YamlNode | null) ?? undefined;
  if (!target?.range) return undefined;
  if (isScalar(target)) return toRange(p.lines, target.range[0], target.range[1]);
  return firstLine(p, target.range[0]);
}

/** From `offset` to the end of its line, trailing spaces and comments included. */
function firstLine(p: Parsed, offset: number): TextRange {
  const nl = p.text.indexOf('\n', offset);
  return toRange(p.lines, offset, nl < 0 ? p.text.length : nl);
}

/** Where `field` (a Kubernetes field path) is in document `docIndex` of `text`. */
export function fieldRange(text: string, field: string, docIndex = 0): TextRange | undefined {
  const p = parse(text);
  const doc = p.docs[docIndex];
  return doc ? rangeInDocument(doc, p, parseFieldPath(field)) : undefined;
}

/** The index of the document with this kind and metadata.name (the only document when the
 *  buffer has one), or -1. */
export function findDocument(text: string, kind: string, name: string): number {
  return findIn(parse(text).docs, kind, name);
}

function findIn(docs: Document.Parsed[], kind: string, name: string): number {
  const found = docs.findIndex((d) => d.get('kind') === kind && d.getIn(['metadata', 'name']) === name);
  if (found >= 0) return found;
  return docs.length === 1 ? 0 : -1;
}

export interface ServerMarker extends TextRange {
  /** The field path the server named. */
  field: string;
  /** `field: message`, as kubectl prints each cause. */
  message: string;
}

const UNKNOWN_FIELD = /unknown field "([^"]+)"/g;

/** Markers for the failures of one apply: one per cause with a field, plus strict-decoding
 *  `unknown field "spec.foo"` errors (they carry no causes). */
export function serverMarkers(text: string, failures: readonly EditorApplyFailure[]): ServerMarker[] {
  const p = parse(text);
  const out: ServerMarker[] = [];
  for (const f of failures) {
    const doc = p.docs[findIn(p.docs, f.kind, f.name)];
    if (!doc) continue;
    const fields: { field: string; message: string }[] = [];
    for (const c of f.causes) if (c.field) fields.push({ field: c.field, message: `${c.field}: ${c.message ?? c.reason ?? ''}` });
    if (fields.length === 0) for (const m of f.message.matchAll(UNKNOWN_FIELD)) fields.push({ field: m[1], message: `unknown field "${m[1]}"` });
    for (const { field, message } of fields) {
      const range = rangeInDocument(doc, p, parseFieldPath(field));
      if (range) out.push({ ...range, field, message });
    }
  }
  return out;
}
