// Field selectors (`--field-selector`): parsing with upstream escaping, matching, String(),
// the selectable fields of each kind and the apiserver's field-label conversion errors.
// Models apimachinery/pkg/fields/selector.go, runtime.DefaultMetaV1FieldSelectorConversion,
// pkg/apis/core/v1/conversion.go, pkg/apis/batch/v1/conversion.go and each kind's
// ToSelectableFields in pkg/registry/*/strategy.go. Leaves out kinds the playground does not serve.
//
// What users see for an unsupported field (400 from the apiserver, prefixed by kubectl):
//   Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo

import type { KObject } from '../types';
import { SelectorError } from './selector-error';

export interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

export interface FieldSelector {
  matches(fields: Readonly<Record<string, string>>): boolean;
  readonly requirements: readonly FieldRequirement[];
  toString(): string;
  readonly empty: boolean;
}

/** fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue with its two error types. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character ${c}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const termOperators = ['!=', '==', '='] as const;

function splitTerm(term: string): { lhs: string; op: (typeof termOperators)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

class AndSelector implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}
  get empty(): boolean {
    return this.requirements.length === 0;
  }
  matches(fields: Readonly<Record<string, string>>): boolean {
    for (const r of this.requirements) {
      const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
      if ((v === r.value) !== (r.op === '=')) return false;
    }
    return true;
  }
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.op}${escapeFieldValue(r.value)}`).join(',');
  }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** fields.ParseSelector: terms are sorted as raw strings first, like upstream. */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort(byteOrder);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
    const value = unescapeFieldValue(t.rhs);
    reqs.push({ field: t.lhs, op: t.op === '!=' ? '!=' : '=', value });
  }
  return new AndSelector(reqs);
}

/** fields.SelectorFromSet (Go map order is random; we sort by field for determinism). */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>>): FieldSelector {
  return new AndSelector(
    Object.keys(set)
      .sort(byteOrder)
      .map((f) => ({ field: f, op: '=' as const, value: set[f] })),
  );
}

// ---------------------------------------------------------------------------------------------
// Per-kind selectable fields and the field-label conversion (which fields the apiserver accepts)

const META_ONLY = ['metadata.name', 'metadata.namespace'];

/** Kinds with their own AddFieldLabelConversionFunc; every other kind uses the metadata default. */
const SUPPORTED: Readonly<Record<string, readonly string[]>> = {
  Pod: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
    // Upstream also maps the legacy `spec.host` to spec.nodeName (see convertFieldLabel).
  ],
  Node: ['metadata.name', 'spec.unschedulable'],
  ReplicationController: ['metadata.name', 'metadata.namespace', 'status.replicas'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'metadata.namespace',
    'metadata.name',
  ],
  Namespace: ['status.phase', 'metadata.name'],
  Secret: ['type', 'metadata.namespace', 'metadata.name'],
  Service: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
  Job: ['metadata.name', 'metadata.namespace', 'status.successful'],
};

const supportedSets = new Map(Object.entries(SUPPORTED).map(([k, v]) => [k, new Set(v)]));

export function isSupportedField(kind: string, field: string): boolean {
  const set = supportedSets.get(kind);
  if (!set) return field === 'metadata.name' || field === 'metadata.namespace';
  return set.has(field) || (kind === 'Pod' && field === 'spec.host');
}

/**
 * The field-label conversion the apiserver applies to every requirement before listing:
 * returns the (possibly renamed) field, or throws SelectorError with upstream's message.
 */
export function convertFieldLabel(kind: string, field: string): string {
  if (kind === 'Pod' && field === 'spec.host') return 'spec.nodeName';
  if (isSupportedField(kind, field)) return field;
  if (!supportedSets.has(kind)) {
    throw new SelectorError(`"${field}" is not a known field selector: only "${META_ONLY[0]}", "${META_ONLY[1]}"`);
  }
  throw new SelectorError(`field label not supported: ${field}`);
}

/** Validates and converts a parsed selector for `kind` (throws SelectorError). */
export function convertFieldSelector(kind: string, sel: FieldSelector): FieldSelector {
  let changed = false;
  const reqs = sel.requirements.map((r) => {
    const f = convertFieldLabel(kind, r.field);
    if (f === r.field) return r;
    changed = true;
    return { ...r, field: f };
  });
  return changed ? new AndSelector(reqs) : sel;
}

type Loose = Record<string, unknown> | undefined;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : '0');

/** The selectable fields of an object (each kind's GetAttrs / ToSelectableFields). */
export function fieldsForObject(kind: string, o: KObject): Record<string, string> {
  const md = o.metadata ?? {};
  const f: Record<string, string> = { 'metadata.name': md.name ?? '' };
  const namespaced = kind !== 'Node' && kind !== 'Namespace';
  if (namespaced) f['metadata.namespace'] = md.namespace ?? '';
  const spec = obj(o.spec);
  const status = obj(o.status);
  switch (kind) {
    case 'Pod': {
      f['spec.nodeName'] = str(spec?.nodeName);
      f['spec.restartPolicy'] = str(spec?.restartPolicy);
      f['spec.schedulerName'] = str(spec?.schedulerName);
      f['spec.serviceAccountName'] = str(spec?.serviceAccountName);
      f['spec.hostNetwork'] = spec?.hostNetwork === true ? 'true' : 'false';
      f['status.phase'] = str(status?.phase);
      const ips = status?.podIPs;
      f['status.podIP'] = Array.isArray(ips) && ips.length > 0 ? str(obj(ips[0])?.ip) : str(status?.podIP);
      f['status.nominatedNodeName'] = str(status?.nominatedNodeName);
      break;
    }
    case 'Node':
      f['spec.unschedulable'] = spec?.unschedulable === true ? 'true' : 'false';
      break;
    case 'Namespace':
      f['status.phase'] = str(status?.phase);
      // Upstream keeps a legacy bare `name` field here (not accepted by the conversion).
      f.name = md.name ?? '';
      break;
    case 'Secret':
      f.type = str(o.type);
      break;
    case 'Service':
      f['spec.clusterIP'] = str(spec?.clusterIP);
      f['spec.type'] = str(spec?.type);
      break;
    case 'ReplicationController':
    case 'ReplicaSet':
      f['status.replicas'] = int(status?.replicas);
      break;
    case 'Job':
      f['status.successful'] = int(status?.succeeded);
      break;
    case 'Event': {
      const io = obj(o.involvedObject);
      f['involvedObject.kind'] = str(io?.kind);
      f['involvedObject.namespace'] = str(io?.namespace);
      f['involvedObject.name'] = str(io?.name);
      f['involvedObject.uid'] = str(io?.uid);
      f['involvedObject.apiVersion'] = str(io?.apiVersion);
      f['involvedObject.resourceVersion'] = str(io?.resourceVersion);
      f['involvedObject.fieldPath'] = str(io?.fieldPath);
      f.reason = str(o.reason);
      f.reportingComponent = str(o.reportingComponent);
      const source = str(obj(o.source)?.component);
      f.source = source !== '' ? source : str(o.reportingComponent);
      f.type = str(o.type);
      break;
    }
  }
  return f;
}
