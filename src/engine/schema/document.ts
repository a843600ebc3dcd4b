// Loads the generated schema (src/generated/k8s-schema.json, built by scripts/gen-schemas.ts)
// and indexes it by group/version/kind. Pure lookups; no I/O at call time.
import schemaJson from '../../generated/k8s-schema.json';
import type { GroupVersionKind, KindInfo, SchemaDocument, SchemaNode } from './types';

export const schemaDocument = schemaJson as unknown as SchemaDocument;
const definitions = schemaDocument.definitions;

export const REF_PREFIX = '#/definitions/';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** Go's map iteration in text/template and the real discovery both order keys bytewise. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

const byGvk = new Map<string, string>();
const kinds: KindInfo[] = [];
for (const name of Object.keys(definitions).sort(byteCompare)) {
  for (const gvk of definitions[name]['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    const key = `${apiVersion}|${gvk.kind}`;
    if (byGvk.has(key)) continue; // the first definition in key order wins, as in kubectl's template
    byGvk.set(key, name);
    kinds.push({ apiVersion, kind: gvk.kind, definition: name });
  }
}

export function definitionNameFor(apiVersion: string, kind: string): string | undefined {
  return byGvk.get(`${apiVersion}|${kind}`);
}

/** The GVK a kind resolves to when no apiVersion is given: the core group first, then the
 *  groups in name order. SIMPLIFICATION: real kubectl asks discovery for the preferred version. */
export function defaultGvkFor(kind: string): GroupVersionKind | undefined {
  let best: KindInfo | undefined;
  for (const k of kinds) {
    if (k.kind !== kind) continue;
    if (!best || (!k.apiVersion.includes('/') && best.apiVersion.includes('/'))) best = k;
  }
  if (!best) return undefined;
  const { group, version } = splitApiVersion(best.apiVersion);
  return { group, kind, version };
}

export function listKinds(): KindInfo[] {
  return kinds.slice();
}

export function definitionByName(name: string): SchemaNode | undefined {
  return definitions[name];
}

/** `#/definitions/io.k8s.api.core.v1.PodSpec` → its definition. */
export function resolveRef(ref: string | undefined): SchemaNode | undefined {
  if (!ref || !ref.startsWith(REF_PREFIX)) return undefined;
  return definitions[ref.slice(REF_PREFIX.length)];
}

export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}
