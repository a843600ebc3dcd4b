// Field errors as in k8s.io/apimachinery/pkg/util/validation/field: a path, a type and
// a detail, rendered exactly like upstream's (*Error).Error() so Status messages match.
// Models apimachinery/pkg/util/validation/field/errors.go

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path, e.g. `spec.template.spec.containers[0].name`. */
  field: string;
  /** The offending value; omitted (undefined) where upstream omits it. */
  badValue?: unknown;
  detail: string;
}

/** Upstream ErrorType.String() values, used in messages and in Status causes' `reason`. */
export const fieldErrorTypeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Field path builder: `path('spec').child('containers').index(0).key('app')`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  child(name: string, ...more: string[]): FieldPath {
    let t = this.text === '' ? name : `${this.text}.${name}`;
    for (const m of more) t = `${t}.${m}`;
    return new FieldPath(t);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

export const path = (name: string, ...more: string[]): FieldPath => {
  let p = FieldPath.root(name);
  for (const m of more) p = p.child(m);
  return p;
};

/**
 * Marks a value that upstream prints with Go's %#v (structs, maps, slices): `GoValue` carries
 * the already-formatted text, e.g. `map[string]string{"app":"nginx"}`.
 */
export class GoValue {
  constructor(readonly repr: string) {}
}

/** Upstream's omitValue: the body shows the type only (TooMany with an unknown count). */
export const omitValue: unique symbol = Symbol('omitValue');

const f = (type: FieldErrorType, field: FieldPath | string, badValue: unknown, detail: string): FieldError => ({
  type,
  field: String(field),
  badValue,
  detail,
});

// Required and Forbidden carry "" as the bad value upstream; it is never printed.
export const required = (p: FieldPath | string, detail = ''): FieldError => f('FieldValueRequired', p, '', detail);
export const invalid = (p: FieldPath | string, value: unknown, detail: string): FieldError => f('FieldValueInvalid', p, value, detail);
export const notFound = (p: FieldPath | string, value: unknown): FieldError => f('FieldValueNotFound', p, value, '');
export const duplicate = (p: FieldPath | string, value: unknown): FieldError => f('FieldValueDuplicate', p, value, '');
export const forbidden = (p: FieldPath | string, detail: string): FieldError => f('FieldValueForbidden', p, '', detail);
/** v1.32 TooLong (TooLongMaxLength folded into it): the value is never printed. */
export const tooLong = (p: FieldPath | string, value: unknown, max: number): FieldError =>
  f('FieldValueTooLong', p, value, max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long');
export const tooMany = (p: FieldPath | string, actual: number, max: number): FieldError =>
  f('FieldValueTooMany', p, actual >= 0 ? actual : omitValue, max >= 0 ? `must have at most ${max} items` : 'has too many items');
export const internalError = (p: FieldPath | string, detail: string): FieldError => f('InternalError', p, null, detail);
export const notSupported = (p: FieldPath | string, value: unknown, valid: readonly string[]): FieldError =>
  f('FieldValueNotSupported', p, value, valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '');
/** apimachinery/pkg/api/validation FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** Go's strconv.Quote (printable Unicode kept, control characters escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** `map[string]string{"a":"b", "c":"d"}` (Go sorts map keys when printing). */
export function goStringMap(m: Readonly<Record<string, string>> | undefined): GoValue {
  if (!m) return new GoValue('map[string]string(nil)');
  const keys = Object.keys(m).sort();
  return new GoValue(`map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`);
}

/** `[]string{"a", "b"}`; `[]string(nil)` for a missing slice. */
export function goStringSlice(a: readonly string[] | undefined): GoValue {
  if (!a) return new GoValue('[]string(nil)');
  return new GoValue(`[]string{${a.map(goQuote).join(', ')}}`);
}

/** Renders a bad value as upstream's (*Error).ErrorBody does (%v, %q or %#v by Go type). */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoValue) return v.repr;
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v as string[]).repr;
  // SIMPLIFICATION: other structs print with Go's %#v upstream (e.g. `core.ServicePort{...}`);
  // without Go types we print JSON.
  return JSON.stringify(v);
}

/** The part after the field: `Invalid value: "Foo": detail`, `Required value`, ... */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = fieldErrorTypeText[e.type];
      break;
    default:
      s = e.badValue === omitValue ? fieldErrorTypeText[e.type] : `${fieldErrorTypeText[e.type]}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** Aggregate like utilerrors.NewAggregate: one error bare, several in brackets. */
export function aggregateFieldErrors(errs: readonly FieldError[]): string {
  const msgs: string[] = [];
  const seen = new Set<string>();
  for (const e of errs) {
    const m = fieldErrorString(e);
    if (!seen.has(m)) {
      seen.add(m);
      msgs.push(m);
    }
  }
  if (msgs.length === 0) return '';
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}
