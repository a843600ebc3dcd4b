// `kubectl explain` output (the OpenAPI v3 plaintext template, kubectl v1.32 default) computed
// from the generated schema. The schema is stored in v2 shape; the functions below read it as
// kubectl sees the v3 document: a `$ref` field with a description is `allOf: [{$ref}]`, and
// IntOrString / Quantity have no `type` (they are oneOf types in v3).
// Not modelled: externalDocs (no built-in type has any), `--output plaintext-openapiv2`.
// Models staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl
import { INT_OR_STRING, QUANTITY, byteCompare, defaultGvkFor, definitionNameFor, definitionByName, refName, resolveRef, splitApiVersion } from './document';
import type { ExplainError, GroupVersionKind, SchemaNode } from './types';
import { indent, wrapString } from './word-wrap';

/** A node as the v3 template sees it. */
interface V3Node {
  $ref?: string;
  allOf?: V3Node[];
  node: SchemaNode; // description, type, enum, properties, required, items, additionalProperties
}

const v3Cache = new WeakMap<SchemaNode, V3Node>();

function v3(node: SchemaNode): V3Node {
  let n = v3Cache.get(node);
  if (!n) {
    if (node.$ref && node.description !== undefined) n = { allOf: [{ $ref: node.$ref, node: {} }], node };
    else if (node.$ref) n = { $ref: node.$ref, node: {} };
    else n = { node };
    v3Cache.set(node, n);
  }
  return n;
}

function resolve(n: V3Node): V3Node | undefined {
  const target = resolveRef(n.$ref);
  return target ? v3(target) : undefined;
}

function v3Type(ref: string, target: SchemaNode): string | undefined {
  const name = refName(ref);
  return name === INT_OR_STRING || name === QUANTITY ? undefined : target.type;
}

function typeGuess(n: V3Node): string {
  const s = n.node;
  if (s.items) return `[]${typeGuess(v3(s.items))}`;
  if (s.additionalProperties) return `map[string]${typeGuess(v3(s.additionalProperties))}`;
  if (n.allOf && !s.properties && n.allOf.length === 1) return typeGuess(n.allOf[0]);
  if (n.$ref) {
    const target = resolveRef(n.$ref);
    const t = target ? v3Type(n.$ref, target) : undefined;
    if (!target || !t || t === 'object') {
      const name = n.$ref.split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return t;
  }
  if (s.type === 'object') return 'Object';
  return s.type || 'Object';
}

function extractEnum(n: V3Node, longView: boolean, limit: number, indentAmount: number): string {
  const values = n.node.enum;
  if (!values || values.length === 0) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (let i = 0; i < values.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    out += values[i] === '' ? '""' : values[i];
  }
  return out;
}

function description(n: V3Node): string {
  const s = resolve(n) ?? n;
  let out = s.node.description ? `${s.node.description}\n` : '';
  for (const a of s.allOf ?? []) out += description(a);
  if (s.node.items) out += description(v3(s.node.items));
  if (s.node.additionalProperties) out += description(v3(s.node.additionalProperties));
  return out;
}

function fieldDetail(name: string, parent: V3Node, short: boolean, level: number): string {
  const indentAmount = level * 2;
  const field = v3((parent.node.properties as Record<string, SchemaNode>)[name]);
  let out = `${' '.repeat(indentAmount)}${name}\t<${typeGuess(field)}>`;
  if (parent.node.required?.includes(name)) out += ' -required-';
  out += extractEnum(field, false, 4, indentAmount) + '\n';
  if (!short) {
    out += indent(indentAmount + 2, wrapString(field.node.description || '<no description>', 78 - indentAmount)) + '\n';
    out += '\n';
  }
  return out;
}

function fieldList(n: V3Node, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  const ref = n.$ref ?? '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const resolved = resolve(n) ?? n;
  let out = '';
  const props = resolved.node.properties;
  if (props) {
    for (const key of Object.keys(props).sort(byteCompare)) {
      out += fieldDetail(key, resolved, recursive, level);
      if (recursive) out += fieldList(v3(props[key]), level + 1, recursive, next);
    }
  }
  for (const a of resolved.allOf ?? []) out += fieldList(a, level, recursive, next);
  if (resolved.node.items) out += fieldList(v3(resolved.node.items), level, recursive, next);
  if (resolved.node.additionalProperties) out += fieldList(v3(resolved.node.additionalProperties), level, recursive, next);
  return out;
}

function output(n: V3Node, history: ReadonlySet<string>, path: readonly string[], recursive: boolean): string {
  const ref = n.$ref ?? '';
  const next = new Set(history).add(ref);
  const resolved = resolve(n) ?? n;
  if (path.length === 0) {
    let out = 'DESCRIPTION:\n' + indent(4, wrapString(description(resolved) || '<empty>', 76)) + '\n';
    const fields = fieldList(resolved, 1, recursive, new Set());
    if (fields) out += 'FIELDS:\n' + fields;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const props = resolved.node.properties;
  if (props && Object.prototype.hasOwnProperty.call(props, path[0])) {
    const sub = v3(props[path[0]]);
    let out = '';
    if (path.length === 1) out += `FIELD: ${path[0]} <${typeGuess(sub)}>\n${extractEnum(sub, true, -1, 0)}\n\n`;
    return out + output(sub, new Set(), path.slice(1), recursive);
  }
  if (resolved.node.items) return output(v3(resolved.node.items), next, path, recursive);
  if (resolved.node.additionalProperties) return output(v3(resolved.node.additionalProperties), next, path, recursive);
  for (const a of resolved.allOf ?? []) {
    const out = output(a, next, path, recursive);
    if (out) return out;
  }
  return '';
}

/**
 * What `kubectl explain <kind>[.<field>...] [--recursive]` prints, or the error it exits with.
 * `apiVersion` undefined means the preferred version (`--api-version` not given).
 */
export function explain(apiVersion: string | undefined, kind: string, fieldPath: string[], opts: { recursive?: boolean } = {}): string | ExplainError {
  let gvk: GroupVersionKind | undefined;
  if (apiVersion === undefined) gvk = defaultGvkFor(kind);
  else if (definitionNameFor(apiVersion, kind)) gvk = { ...splitApiVersion(apiVersion), kind };
  if (!gvk) {
    // SIMPLIFICATION: kubectl resolves the resource name first and prints
    // `the server doesn't have a resource type "x"`; here the caller passes a kind.
    return { error: `error: GVR (${apiVersion ?? ''}, Kind=${kind}) not found in OpenAPI schema` };
  }
  const defName = definitionNameFor(gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, kind) as string;
  const body = output(v3(definitionByName(defName) as SchemaNode), new Set(), fieldPath, opts.recursive === true);
  if (!body) return { error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist` };
  let header = gvk.group ? `GROUP:      ${gvk.group}\n` : '';
  header += `KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  return header + body + '\n';
}
