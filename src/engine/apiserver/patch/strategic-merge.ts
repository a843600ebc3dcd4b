// Applying a strategic merge patch: lists merge by their patchMergeKey, `$patch: replace|delete`,
// `$deleteFromPrimitiveList/<f>`, `$setElementOrder/<f>`, `$retainKeys`, null deletes a key, and
// the resulting list order (patch order first, then server-only items where they were).
// Models apimachinery/pkg/util/strategicpatch/patch.go (mergeMap and helpers) and
// apimachinery/pkg/util/mergepatch/errors.go. The same merge (with other options) combines the
// deletion and delta patches of the three-way diff (see strategic-diff.ts).
// Inputs are never mutated; the result shares unchanged subtrees with the document and the patch.

import type { Json } from '../../api/types';
import { PatchError } from './patch-error';
import { PatchMeta, splitStrategy } from './patch-meta';
import { goV, hasOwn, isObject, jsonEqual, jsonKind } from './json-util';
import type { JsonKind, JsonObject } from './json-util';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';
export const SET_ORDER_PREFIX = '$setElementOrder';

export interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList`/`$setElementOrder`/`$retainKeys` (true on the server). */
  mergeParallelList: boolean;
  /** Drop nulls that have nothing to delete (true on the server). */
  ignoreUnmatchedNulls: boolean;
}

// --- mergepatch errors (handlers/patch.go interpretStrategicMergePatchError picks the code) ---
export const ERR_BAD_JSON_DOC = 'invalid JSON document';
export const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
export const ERR_BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
export const ERR_BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
export const ERR_BAD_SET_ORDER = 'invalid patch format of setElementOrder list';
export const ERR_CONTENT_NOT_MATCH_RETAIN_KEYS = "patch content doesn't match retainKeys list";
export const ERR_UNSUPPORTED_FORMAT = 'strategic merge patch format is not supported';

const BAD_REQUEST = new Set([ERR_BAD_JSON_DOC, ERR_BAD_PRIMITIVE_LIST, ERR_BAD_RETAIN_KEYS, ERR_BAD_SET_ORDER, ERR_UNSUPPORTED_FORMAT]);
const UNPROCESSABLE = new Set([ERR_NO_LIST_OF_LISTS, ERR_CONTENT_NOT_MATCH_RETAIN_KEYS]);

/** Throws with the status code interpretStrategicMergePatchError would give (others: 500). */
export function smpFail(msg: string): never {
  throw new PatchError(msg, BAD_REQUEST.has(msg) ? 400 : UNPROCESSABLE.has(msg) ? 422 : 500);
}

const GO_TYPES: Readonly<Record<JsonKind, string>> = {
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  string: 'string',
  float64: 'float64',
  bool: 'bool',
  nil: '%!s(<nil>)',
};

export const errBadArgType = (expected: JsonKind, actual: Json | undefined): never =>
  smpFail(`expected a ${GO_TYPES[expected]}, but received a ${GO_TYPES[jsonKind(actual)]}`);
export const errNoMergeKey = (m: JsonObject, k: string): never => smpFail(`map: ${goV(m)} does not contain declared merge key: ${k}`);
const errBadPatchType = (t: Json, m: JsonObject): never => smpFail(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);

export function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) return smpFail(prefix === DELETE_PRIMITIVE_PREFIX ? ERR_BAD_PRIMITIVE_LIST : ERR_BAD_SET_ORDER);
  return s.slice(i + 1);
}

/** sliceElementType: the common element kind of the given lists. */
export function sliceElementKind(...lists: readonly (readonly Json[])[]): JsonKind {
  let prev: JsonKind | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = jsonKind(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') smpFail(ERR_NO_LIST_OF_LISTS);
      } else if (prev !== k) {
        smpFail(`list element types are not identical: ${goV(lists as unknown as Json)}`);
      }
    }
  }
  if (prev === undefined) return smpFail('no elements in any of the given slices');
  return prev;
}

const asMap = (v: Json): JsonObject => (isObject(v) ? v : errBadArgType('map', v));

function mergeKeyOf(m: JsonObject, key: string): Json {
  if (!hasOwn(m, key)) return errNoMergeKey(m, key);
  return m[key];
}

/** Lookup table: merge-key value (or scalar) → first index, like upstream's linear `index`. */
function indexer(list: readonly Json[], mergeKey: string, kind: JsonKind): (v: Json) => number {
  const idx = new Map<unknown, number>();
  list.forEach((item, i) => {
    const k = kind === 'map' ? (isObject(item) ? item[mergeKey] : undefined) : item;
    if (!idx.has(k)) idx.set(k, i);
  });
  return (v) => {
    const k = kind === 'map' ? (isObject(v) ? v[mergeKey] : undefined) : v;
    return idx.get(k) ?? -1;
  };
}

function validateMergeKeyInLists(mergeKey: string, ...lists: readonly (readonly Json[])[]): void {
  for (const l of lists) for (const v of l) mergeKeyOf(asMap(v), mergeKey);
}

const isDeleteItem = (v: Json): boolean => isObject(v) && v[DIRECTIVE] === 'delete';

/** normalizeSliceOrder: sort by position in `order`, `$patch: delete` items last. */
export function normalizeSliceOrder(toSort: readonly Json[], order: readonly Json[], mergeKey: string, kind: JsonKind): Json[] {
  let items = toSort.slice();
  let toDelete: Json[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    toDelete = items.filter((v) => isDeleteItem(asMap(v)));
    if (toDelete.length) items = items.filter((v) => !isDeleteItem(v));
  }
  const at = indexer(order, mergeKey, kind);
  // SIMPLIFICATION: items missing from `order` go last in their own order (upstream's comparator
  // is not a strict ordering for them; real patches never contain such items).
  const keyed = items.map((v, i) => ({ v, i, at: at(v) }));
  keyed.sort((a, b) => {
    const ka = a.at < 0 ? Number.MAX_SAFE_INTEGER : a.at;
    const kb = b.at < 0 ? Number.MAX_SAFE_INTEGER : b.at;
    return ka - kb || a.i - b.i;
  });
  return [...keyed.map((k) => k.v), ...toDelete];
}

/** mergeSortedSlice: interleaves two sorted lists, keeping server order where both are known. */
function mergeSortedSlice(left: readonly Json[], right: readonly Json[], serverOrder: readonly Json[], mergeKey: string, kind: JsonKind): Json[] {
  const at = indexer(serverOrder, mergeKey, kind);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = at(left[i]);
      const ri = at(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(
  patch: readonly Json[],
  serverOnly: readonly Json[],
  patchOrder: readonly Json[],
  serverOrder: readonly Json[],
  mergeKey: string,
  kind: JsonKind,
): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partition(list: readonly Json[], by: readonly Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  if (mergeKey === '') {
    const set = new Set<Json>(by);
    for (const v of list) (set.has(v) ? inPatch : serverOnly).push(v);
  } else {
    const keys = new Set<Json>();
    for (const v of by) if (isObject(v) && hasOwn(v, mergeKey)) keys.add(v[mergeKey]);
    for (const v of list) (keys.has(mergeKeyOf(asMap(v), mergeKey)) ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

function dedupe(list: readonly Json[]): Json[] {
  const seen = new Set<Json>();
  const out: Json[] = [];
  for (const v of list) {
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/**
 * A patch value placed where nothing existed, cleaned as the server ends up storing it: list
 * elements carrying `$patch` are dropped (upstream removeDirectives), other `$`-prefixed
 * directive keys vanish (upstream leaves them for the decoder, which drops unknown fields) and
 * null members are discarded (discardNullValuesFromPatch). Returns undefined to drop the value.
 */
function sanitizeNew(v: Json): Json | undefined {
  if (Array.isArray(v)) {
    let out: Json[] | undefined;
    v.forEach((e, i) => {
      const r = isObject(e) && hasOwn(e, DIRECTIVE) ? undefined : sanitizeNew(e);
      if (r === e) {
        out?.push(e);
        return;
      }
      out ??= v.slice(0, i);
      if (r !== undefined) out.push(r);
    });
    return out ?? v;
  }
  if (!isObject(v)) return v;
  let out: JsonObject | undefined;
  for (const k of Object.keys(v)) {
    const e = v[k];
    const r = e === null || k.startsWith('$') ? undefined : sanitizeNew(e);
    if (r === e) continue;
    out ??= { ...v };
    if (r === undefined) delete out[k];
    else out[k] = r;
  }
  return out ?? v;
}

const fresh = (v: Json, opts: MergeOptions): Json => (opts.mergeParallelList ? (sanitizeNew(v) ?? null) : v);

function mergeSliceWithSpecialElements(original: readonly Json[], patch: readonly Json[], mergeKey: string): [Json[], Json[]] {
  let orig: Json[] = original.slice();
  const plain: Json[] = [];
  let replace = false;
  for (const v of patch) {
    const m = asMap(v);
    if (!hasOwn(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const d = m[DIRECTIVE];
    if (d === 'delete') {
      if (!hasOwn(m, mergeKey)) errNoMergeKey(m, mergeKey);
      const mv = m[mergeKey];
      orig = orig.filter((e) => !(isObject(e) && e[mergeKey] === mv));
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      smpFail('merging lists cannot yet be specified in the patch');
    } else {
      errBadPatchType(d, m);
    }
  }
  return replace ? [plain, []] : [orig, plain];
}

function mergeSlice(
  original: readonly Json[],
  patch: readonly Json[],
  schema: PatchMeta,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original as Json[];
  const kind = sliceElementKind(original, patch);
  let orig = original as Json[];
  let pat = patch as Json[];
  let merged: Json[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const del = new Set<Json>(patch);
      return original.filter((v) => !del.has(v));
    }
    merged = dedupe([...original, ...patch]);
  } else {
    if (mergeKey === '') smpFail(`cannot merge lists without merge key for ${schema.typeName ?? ''}`);
    [orig, pat] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = orig.slice();
    const at = indexer(merged, mergeKey, 'map');
    for (const v of pat) {
      const m = asMap(v);
      const key = mergeKeyOf(m, mergeKey);
      const i = at({ [mergeKey]: key });
      if (i >= 0 && isObject(merged[i]) && merged[i] !== undefined) {
        merged[i] = mergeMap(asMap(merged[i]), m, schema, opts);
      } else {
        // SIMPLIFICATION: upstream appends the element as sent and its decoder drops leftovers.
        merged.push(fresh(v, opts));
      }
    }
  }
  const [inPatch, serverOnly] = partition(merged, pat, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(inPatch, serverOnly, pat, orig, kind === 'map' ? mergeKey : '', kind);
}

function mergeSliceHandler(
  original: Json,
  patch: Json,
  schema: PatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): Json[] {
  const o = Array.isArray(original) ? original : errBadArgType('slice', original);
  const p = Array.isArray(patch) ? patch : errBadArgType('slice', patch);
  if (strategy === 'merge') return mergeSlice(o, p, schema, mergeKey, opts, isDeleteList);
  return p;
}

function validatePatchWithSetOrderList(patchList: readonly Json[], setOrder: readonly Json[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== '' ? patchList.filter((v) => !isDeleteItem(asMap(v))) : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrder.length) {
    const pv = nonDelete[pi];
    if (isObject(pv) && hasOwn(pv, DIRECTIVE)) {
      pi++;
      continue;
    }
    const eq = mergeKey === '' ? pv === setOrder[si] : mergeKeyOf(asMap(pv), mergeKey) === mergeKeyOf(asMap(setOrder[si]), mergeKey);
    if (eq) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrder.length) {
    smpFail(`the order in patch list:\n${goV(patchList as Json[])}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goV(setOrder as Json[])}`);
  }
}

/**
 * mergeMap: merges `patch` into `original` (null original = {}). Returns a new object.
 */
export function mergeMap(original: JsonObject | null, patch: JsonObject, schema: PatchMeta, opts: MergeOptions): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      const out = { ...patch };
      delete out[DIRECTIVE];
      return opts.mergeParallelList ? (sanitizeNew(out) as JsonObject) : out;
    }
    if (d === 'delete') return {};
    return errBadPatchType(d, patch);
  }
  const out: JsonObject = original ? { ...original } : {};
  const done = new Set<string>();

  // $retainKeys
  if (hasOwn(patch, RETAIN_KEYS)) {
    done.add(RETAIN_KEYS);
    const rk = patch[RETAIN_KEYS];
    if (!opts.mergeParallelList) {
      if (hasOwn(out, RETAIN_KEYS)) {
        if (!jsonEqual(out[RETAIN_KEYS], rk)) {
          smpFail(`${goV(out[RETAIN_KEYS])} and ${goV(rk)} are not deep equal: this may happen when calculating the 3-way diff patch`);
        }
      } else {
        out[RETAIN_KEYS] = rk;
      }
    } else {
      if (!Array.isArray(rk)) smpFail(ERR_BAD_RETAIN_KEYS);
      const keep = new Set<Json>(rk as Json[]);
      for (const k of Object.keys(patch)) {
        const v = patch[k];
        if (done.has(k) || v === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
        if (!keep.has(k)) smpFail(ERR_BAD_RETAIN_KEYS);
      }
      for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
    }
  }

  // $setElementOrder/<field>
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    done.add(key);
    const setOrder = patch[key];
    if (!opts.mergeParallelList) {
      if (hasOwn(out, key)) {
        if (!jsonEqual(out[key], setOrder)) smpFail(ERR_BAD_SET_ORDER);
      } else {
        out[key] = setOrder;
      }
    }
    if (!Array.isArray(setOrder)) return errBadArgType('slice', setOrder);
    const field = extractKey(key, SET_ORDER_PREFIX);
    const foundOriginal = hasOwn(out, field);
    const foundPatch = hasOwn(patch, field);
    const originalList = foundOriginal ? (Array.isArray(out[field]) ? (out[field] as Json[]) : errBadArgType('slice', out[field])) : [];
    const patchList = foundPatch ? (Array.isArray(patch[field]) ? (patch[field] as Json[]) : errBadArgType('slice', patch[field])) : [];
    const { meta, sub } = schema.lookup(field);
    const { strategy } = splitStrategy(meta.strategy);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, setOrder, mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = fresh(patchList, opts) as Json[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, sub, strategy, mergeKey, false, opts);
    else continue;
    const [inPatch, serverOnly] = partition(merged, setOrder, mergeKey);
    if (originalList.length + patchList.length === 0) {
      out[field] = merged;
    } else {
      const kind = sliceElementKind(originalList, patchList);
      out[field] = normalizeElementOrder(inPatch, serverOnly, setOrder, originalList, mergeKey, kind);
    }
    done.add(field);
  }

  // The remaining keys.
  for (let k of Object.keys(patch)) {
    if (done.has(k)) continue;
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      if (!opts.mergeParallelList) {
        out[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_PRIMITIVE_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!hasOwn(out, k)) {
      if (!isDeleteList) out[k] = fresh(patchV, opts);
      continue;
    }
    const cur = out[k];
    const ck = jsonKind(cur);
    if (ck !== jsonKind(patchV)) {
      if (!isDeleteList) out[k] = fresh(patchV, opts);
      continue;
    }
    const { meta, sub } = schema.lookup(k);
    const { strategy } = splitStrategy(meta.strategy);
    if (ck === 'map') {
      out[k] = strategy === 'replace' ? fresh(patchV, opts) : mergeMap(cur as JsonObject, patchV as JsonObject, sub, opts);
    } else if (ck === 'slice') {
      out[k] = mergeSliceHandler(cur, patchV, sub, strategy, meta.mergeKey ?? '', isDeleteList, opts);
    } else {
      out[k] = patchV;
    }
  }
  return out;
}

export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/**
 * Applies a strategic merge patch (`application/strategic-merge-patch+json`) to an object of
 * `kind`, as the apiserver does (StrategicMergeMapPatch). Never mutates its inputs.
 */
export function applyStrategicMergePatch(doc: Json, patch: Json, kind: string): Json {
  if (!isObject(patch)) {
    throw new PatchError(`json: cannot unmarshal ${patch === null ? 'null' : Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch} into Go value of type map[string]interface {}`, 400);
  }
  if (!isObject(doc)) smpFail(ERR_BAD_JSON_DOC);
  return mergeMap(doc, patch, PatchMeta.forKind(kind), SERVER_MERGE);
}
