// Creating strategic merge patches: the two-way diff kubectl edit/label/annotate/set send and
// the three-way diff of kubectl apply (last-applied annotation = original, file = modified,
// live object = current), with `$setElementOrder`, `$deleteFromPrimitiveList`, `$retainKeys`
// and `$patch: delete` list entries exactly where upstream puts them.
// Models apimachinery/pkg/util/strategicpatch/patch.go (diffMaps, diffLists,
// CreateTwoWayMergeMapPatch, CreateThreeWayMergePatch). Leaves out preconditions and the
// overwrite=false conflict check (kubectl apply always passes overwrite=true).

import type { Json } from '../../api/types';
import { PatchMeta, splitStrategy } from './patch-meta';
import { goV, hasOwn, isObject, jsonEqual, jsonKind } from './json-util';
import type { JsonKind, JsonObject } from './json-util';
import {
  DELETE_PRIMITIVE_PREFIX,
  DIRECTIVE,
  ERR_BAD_JSON_DOC,
  ERR_NO_LIST_OF_LISTS,
  RETAIN_KEYS,
  SET_ORDER_PREFIX,
  errBadArgType,
  errNoMergeKey,
  mergeMap,
  normalizeSliceOrder,
  smpFail,
} from './strategic-merge';

interface DiffOptions {
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  setElementOrder: boolean;
  buildRetainKeysDirective: boolean;
}

/** Go's fmt %v for sorting and comparing scalars and merge-key values. */
const sv = (v: Json | undefined): string => goV(v);
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortScalars(list: readonly Json[]): Json[] {
  return list
    .map((v, i) => ({ v, s: sv(v), i }))
    .sort((a, b) => byString(a.s, b.s) || a.i - b.i)
    .map((x) => x.v);
}

function dedupe(list: readonly Json[]): Json[] {
  const seen = new Set<Json>();
  return list.filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
}

function elementKind(a: readonly Json[], b: readonly Json[]): JsonKind | undefined {
  let prev: JsonKind | undefined;
  for (const l of [a, b]) {
    for (const v of l) {
      const k = jsonKind(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') smpFail(ERR_NO_LIST_OF_LISTS);
      } else if (k !== prev) {
        smpFail(`list element types are not identical: ${goV([a as Json[], b as Json[]])}`);
      }
    }
  }
  return prev;
}

function mergeKeyValue(v: Json, mergeKey: string): { m: JsonObject; key: Json } {
  const m = isObject(v) ? v : errBadArgType('map', v);
  if (!hasOwn(m, mergeKey)) errNoMergeKey(m, mergeKey);
  return { m, key: m[mergeKey] };
}

function diffListsOfScalars(original: readonly Json[], modified: readonly Json[], o: DiffOptions): { add: Json[]; del: Json[] } {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  let oi = 0;
  let mi = 0;
  const add: Json[] = [];
  const del: Json[] = [];
  while (oi < os.length || mi < ms.length) {
    const oIn = oi < os.length;
    const mIn = mi < ms.length;
    const oStr = oIn ? sv(os[oi]) : '';
    const mStr = mIn ? sv(ms[mi]) : '';
    if (oIn && mIn && oStr === mStr) {
      oi++;
      mi++;
    } else if (oIn && (!mIn || oStr < mStr)) {
      if (!o.ignoreDeletions) del.push(os[oi]);
      oi++;
    } else {
      if (!o.ignoreChangesAndAdditions) add.push(ms[mi]);
      mi++;
    }
  }
  return { add, del: dedupe(del) };
}

function diffListsOfMaps(
  original: readonly Json[],
  modified: readonly Json[],
  schema: PatchMeta,
  mergeKey: string,
  o: DiffOptions,
): { patch: Json[]; del: Json[] } {
  const sortByKey = (l: readonly Json[]) =>
    l
      .map((v, i) => {
        const { m, key } = mergeKeyValue(v, mergeKey);
        return { m, key, s: sv(key), i };
      })
      .sort((a, b) => byString(a.s, b.s) || a.i - b.i);
  const os = sortByKey(original);
  const ms = sortByKey(modified);
  const patch: Json[] = [];
  const del: Json[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < os.length || mi < ms.length) {
    const oIn = oi < os.length;
    const mIn = mi < ms.length;
    if (oIn && mIn && os[oi].s === ms[mi].s) {
      const pv = diffMaps(os[oi].m, ms[mi].m, schema, o);
      if (Object.keys(pv).length > 0) {
        pv[mergeKey] = ms[mi].key;
        patch.push(pv);
      }
      oi++;
      mi++;
    } else if (!oIn || (mIn && os[oi].s > ms[mi].s)) {
      if (!o.ignoreChangesAndAdditions) patch.push(ms[mi].m);
      mi++;
    } else {
      if (!o.ignoreDeletions) del.push({ [DIRECTIVE]: 'delete', [mergeKey]: os[oi].key });
      oi++;
    }
  }
  return { patch, del };
}

function isOrderSame(original: readonly Json[], modified: readonly Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    if (mergeKeyValue(original[i], mergeKey).key !== mergeKeyValue(modified[i], mergeKey).key) return false;
  }
  return true;
}

function diffLists(
  original: readonly Json[],
  modified: readonly Json[],
  schema: PatchMeta,
  mergeKey: string,
  o: DiffOptions,
): { patchList: Json[]; deleteList: Json[]; setOrderList: Json[] } {
  const kind = elementKind(original, modified);
  // SIMPLIFICATION: upstream fails with "no elements in any of the given slices" when both
  // lists are empty; nothing differs then, so we return no patch.
  if (kind === undefined) return { patchList: [], deleteList: [], setOrderList: [] };
  if (kind === 'map') {
    const { patch, del } = diffListsOfMaps(original, modified, schema, mergeKey, o);
    const patchList = [...normalizeSliceOrder(patch, modified, mergeKey, kind), ...del];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let setOrderList: Json[] = [];
    if (
      o.setElementOrder &&
      ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!o.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: mergeKeyValue(v, mergeKey).key }));
    }
    return { patchList, deleteList: [], setOrderList };
  }
  const { add, del } = diffListsOfScalars(original, modified, o);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  let setOrderList: Json[] = [];
  if (o.setElementOrder && ((!o.ignoreDeletions && del.length > 0) || (!o.ignoreChangesAndAdditions && !jsonEqual(original as Json[], modified as Json[])))) {
    setOrderList = modified as Json[];
  }
  return { patchList, deleteList: del, setOrderList };
}

/** diffMaps: the patch turning `original` into `modified` under the given options. */
function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchMeta, o: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!hasOwn(original, key)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      // handleDirectiveMarker: a directive in both inputs is copied when it differs.
      if (!jsonEqual(ov, mv)) patch[key] = mv;
      continue;
    }
    const kind = jsonKind(ov);
    if (kind !== jsonKind(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (kind === 'map') {
      const { meta, sub } = schema.lookup(key);
      const { retainKeys: rk, strategy } = splitStrategy(meta.strategy);
      if (strategy === 'replace') {
        if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      } else {
        const pv = diffMaps(ov as JsonObject, mv as JsonObject, sub, { ...o, buildRetainKeysDirective: rk });
        if (Object.keys(pv).length > 0) patch[key] = pv;
      }
    } else if (kind === 'slice') {
      const { meta, sub } = schema.lookup(key);
      const { retainKeys: rk, strategy } = splitStrategy(meta.strategy);
      if (strategy === 'merge') {
        const { patchList, deleteList, setOrderList } = diffLists(ov as Json[], mv as Json[], sub, meta.mergeKey ?? '', {
          ...o,
          buildRetainKeysDirective: rk,
        });
        if (patchList.length > 0) patch[key] = patchList;
        if (deleteList.length > 0) patch[`${DELETE_PRIMITIVE_PREFIX}/${key}`] = deleteList;
        if (setOrderList.length > 0) patch[`${SET_ORDER_PREFIX}/${key}`] = setOrderList;
      } else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) {
        patch[key] = mv;
      }
    } else if (ov !== mv && !o.ignoreChangesAndAdditions) {
      patch[key] = mv;
    }
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasOwn(modified, key)) patch[key] = null;
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const k of Object.keys(original)) if (original[k] !== null && !hasOwn(modified, k)) return true;
  return false;
}

/** Sorts object keys recursively, as Go's encoding/json prints a map[string]interface{}. */
function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(byString)) out[k] = sortKeys(v[k]);
  return out;
}

function asObject(v: Json | null): JsonObject {
  if (v === null) return {};
  return isObject(v) ? v : smpFail(ERR_BAD_JSON_DOC);
}

/**
 * CreateTwoWayMergePatch: the patch from `original` to `modified` (kubectl edit, label,
 * annotate, set image...). Returns {} when they are equal. Keys come out sorted like Go's JSON.
 */
export function createTwoWayMergePatch(original: Json, modified: Json, kind: string): Json {
  const p = diffMaps(asObject(original), asObject(modified), PatchMeta.forKind(kind), {
    ignoreChangesAndAdditions: false,
    ignoreDeletions: false,
    setElementOrder: true,
    buildRetainKeysDirective: false,
  });
  return sortKeys(p);
}

/**
 * CreateThreeWayMergePatch as kubectl apply uses it: changes and additions from `current` (the
 * live object) to `modified` (the file), plus deletions of fields that were in `original` (the
 * last-applied annotation, null when absent) but are no longer in `modified`. Fields set by
 * others (not in `original`) survive. Returns {} when there is nothing to do.
 */
export function createThreeWayMergePatch(original: Json | null, modified: Json, current: Json, kind: string): Json {
  const schema = PatchMeta.forKind(kind);
  const orig = asObject(original);
  const mod = asObject(modified);
  const cur = asObject(current);
  const delta = diffMaps(cur, mod, schema, {
    ignoreChangesAndAdditions: false,
    ignoreDeletions: true,
    setElementOrder: true,
    buildRetainKeysDirective: false,
  });
  const deletions = diffMaps(orig, mod, schema, {
    ignoreChangesAndAdditions: true,
    ignoreDeletions: false,
    setElementOrder: true,
    buildRetainKeysDirective: false,
  });
  const merged = mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  return sortKeys(merged);
}
