// What the API server's strict JSON decoding into the Go types reports for a request body:
// the first type mismatch (`json: cannot unmarshal ...`) or, failing that, every unknown field
// (`unknown field "spec.containers[0].foo"`) in document order.
// Not modelled: duplicate keys (a parsed object has none; see duplicateFieldErrors for text).
// Models sigs.k8s.io/json (UnmarshalStrict) and apimachinery runtime/serializer/json/json.go
import { INT_OR_STRING, QUANTITY, definitionByName, definitionNameFor, refName } from './document';
import type { SchemaNode } from './types';

type Compiled =
  | { k: 'struct'; goName: string; goType: string; props: Map<string, Compiled> | undefined; def: string }
  | { k: 'array'; goType: string; items: Compiled }
  | { k: 'map'; goType: string; values: Compiled }
  | { k: 'string' | 'int32' | 'int64' | 'bool' | 'any' | 'intstr' | 'quantity' | 'time'; goType: string };

const ANY_JSON = new Set(['io.k8s.apimachinery.pkg.runtime.RawExtension', 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']);
const TIME = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']);
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const structs = new Map<string, Compiled>();

function compileRef(name: string): Compiled {
  if (ANY_JSON.has(name)) return { k: 'any', goType: 'any' };
  if (name === INT_OR_STRING) return { k: 'intstr', goType: 'intstr.IntOrString' };
  if (name === QUANTITY) return { k: 'quantity', goType: 'resource.Quantity' };
  if (TIME.has(name)) return { k: 'time', goType: 'v1.Time' };
  let c = structs.get(name);
  if (!c) {
    const short = name.slice(name.lastIndexOf('.') + 1);
    // Properties are compiled on first use (the graph is cyclic, e.g. JSONSchemaProps-like types).
    c = { k: 'struct', goName: short, goType: `v1.${short}`, props: undefined, def: name };
    structs.set(name, c);
  }
  return c;
}

function compile(node: SchemaNode): Compiled {
  if (node.$ref) return compileRef(refName(node.$ref));
  switch (node.type) {
    case 'array': {
      const items = compile(node.items as SchemaNode);
      return { k: 'array', goType: `[]${items.goType}`, items };
    }
    case 'object': {
      if (!node.additionalProperties) return { k: 'any', goType: 'any' };
      const values = compile(node.additionalProperties);
      return { k: 'map', goType: `map[string]${values.goType}`, values };
    }
    case 'integer':
      return node.format === 'int64' ? { k: 'int64', goType: 'int64' } : { k: 'int32', goType: 'int32' };
    case 'boolean':
      return { k: 'bool', goType: 'bool' };
    default:
      // SIMPLIFICATION: named Go string types (v1.PullPolicy, v1.Protocol, ...) print as `string`.
      return { k: 'string', goType: 'string' };
  }
}

function propsOf(c: Extract<Compiled, { k: 'struct' }>): Map<string, Compiled> {
  if (!c.props) {
    const props = new Map<string, Compiled>();
    const def = definitionByName(c.def);
    for (const [name, node] of Object.entries(def?.properties ?? {})) props.set(name, compile(node));
    c.props = props;
  }
  return c.props;
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** Mutable walk state; path strings are only built when an error is reported. */
interface Walk {
  strictPath: string[]; // "spec", ".containers", "[0]", ...
  goFields: string[]; // Go errorContext.FieldStack: JSON names of struct fields only
  goStruct: string; // Go errorContext.Struct
  typeError: string | undefined;
  unknown: string[];
}

function typeError(w: Walk, value: string, goType: string): void {
  if (w.typeError !== undefined) return; // encoding/json keeps the earliest
  w.typeError = `json: cannot unmarshal ${value} into Go struct field ${w.goStruct}.${w.goFields.join('.')} of type ${goType}`;
}

function walk(w: Walk, c: Compiled, v: unknown): void {
  if (v === null || v === undefined) return; // null leaves any Go value alone
  switch (c.k) {
    case 'any':
      return;
    case 'string':
      if (typeof v !== 'string') typeError(w, jsonKind(v), c.goType);
      return;
    case 'bool':
      if (typeof v !== 'boolean') typeError(w, jsonKind(v), c.goType);
      return;
    case 'int32':
    case 'int64':
      if (typeof v !== 'number') typeError(w, jsonKind(v), c.goType);
      else if (!Number.isInteger(v) || (c.k === 'int32' ? v < -2147483648 || v > 2147483647 : !Number.isSafeInteger(v))) {
        typeError(w, `number ${String(v)}`, c.goType);
      }
      return;
    case 'intstr':
      // IntOrString.UnmarshalJSON: quoted → string, anything else → int32.
      if (typeof v !== 'string' && typeof v !== 'number') typeError(w, jsonKind(v), 'int32');
      else if (typeof v === 'number' && (!Number.isInteger(v) || v < -2147483648 || v > 2147483647)) typeError(w, `number ${String(v)}`, 'int32');
      return;
    case 'time':
      // Time.UnmarshalJSON unmarshals into a string first, then parses RFC 3339.
      if (typeof v !== 'string') typeError(w, jsonKind(v), 'string');
      // SIMPLIFICATION: the RFC 3339 parse error ("parsing time ...") is not reported.
      return;
    case 'quantity':
      // Quantity.UnmarshalJSON parses strings and bare numbers; the error has no field context.
      if ((typeof v !== 'string' && typeof v !== 'number') || !QUANTITY_RE.test(String(v).trim())) {
        if (w.typeError === undefined) w.typeError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      }
      return;
    case 'array':
      if (!Array.isArray(v)) {
        typeError(w, jsonKind(v), c.goType);
        return;
      }
      for (let i = 0; i < v.length; i++) {
        w.strictPath.push(`[${i}]`);
        walk(w, c.items, v[i]);
        w.strictPath.pop();
      }
      return;
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        typeError(w, jsonKind(v), c.goType);
        return;
      }
      const rec = v as Record<string, unknown>;
      for (const key in rec) {
        w.strictPath.push(w.strictPath.length ? `.${key}` : key);
        walk(w, c.values, rec[key]);
        w.strictPath.pop();
      }
      return;
    }
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        typeError(w, jsonKind(v), c.goType);
        return;
      }
      const props = propsOf(c);
      const rec = v as Record<string, unknown>;
      const savedStruct = w.goStruct;
      for (const key in rec) {
        const sub = props.get(key);
        w.strictPath.push(w.strictPath.length ? `.${key}` : key);
        if (!sub) {
          w.unknown.push(`unknown field "${w.strictPath.join('')}"`);
        } else {
          w.goFields.push(key);
          w.goStruct = c.goName;
          walk(w, sub, rec[key]);
          w.goStruct = savedStruct;
          w.goFields.pop();
        }
        w.strictPath.pop();
      }
      return;
    }
  }
}

/**
 * Errors the API server's strict decoding reports for `obj` as a body of the given kind:
 * `[typeError]` when a value has the wrong JSON type (decoding stops there), else one
 * `unknown field "<path>"` per unknown field, else `[]`. Undefined kinds give `[]`.
 */
export function strictDecodeErrors(apiVersion: string, kind: string, obj: unknown): string[] {
  const def = definitionNameFor(apiVersion, kind);
  if (!def) return [];
  const w: Walk = { strictPath: [], goFields: [], goStruct: '', typeError: undefined, unknown: [] };
  const root = compileRef(def);
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return [`json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${root.goType}`];
  }
  walk(w, root, obj);
  return w.typeError !== undefined ? [w.typeError] : w.unknown;
}

/**
 * The message after `<Kind> in version "<v>" cannot be handled as a <Kind>: ` for the errors
 * from strictDecodeErrors (or from duplicateFieldErrors), or undefined when there are none.
 * Models apimachinery/pkg/runtime/error.go (strictDecodingError).
 */
export function decodeErrorMessage(errors: string[]): string | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1 && !errors[0].startsWith('unknown field') && !errors[0].startsWith('duplicate field')) return errors[0];
  return `strict decoding error: ${errors.join(', ')}`;
}

/**
 * `duplicate field "<path>"` for each repeated key in a JSON text (object keys only), in the
 * order sigs.k8s.io/json reports them. Assumes the text is valid JSON.
 */
export function duplicateFieldErrors(json: string): string[] {
  const out: string[] = [];
  let i = 0;
  const ws = () => {
    while (i < json.length && (json[i] === ' ' || json[i] === '\n' || json[i] === '\r' || json[i] === '\t')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(json.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    const ch = json[i];
    if (ch === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (json[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        const p = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(`duplicate field "${p}"`);
        seen.add(key);
        ws();
        i++; // ':'
        value(p);
        ws();
        if (json[i++] === '}') return;
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (json[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (json[i++] === ']') return;
      }
    } else if (ch === '"') {
      str();
    } else {
      while (i < json.length && !',}] \n\r\t'.includes(json[i])) i++;
    }
  };
  value('');
  return out;
}
