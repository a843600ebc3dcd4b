// RFC 7386 JSON Merge Patch as gopkg.in/evanphx/json-patch.v4 MergePatch applies it for
// `application/merge-patch+json`: null deletes a key, objects merge, anything else replaces,
// and nulls inside newly added objects are pruned (array elements themselves are kept).
// Models vendor/gopkg.in/evanphx/json-patch.v4/merge.go. Leaves out CreateMergePatch.

import type { Json } from '../../api/types';
import { PatchError } from './patch-error';
import { isObject } from './json-util';
import type { JsonObject } from './json-util';

/** pruneNulls: drops null members of objects, recursively (also inside arrays). */
function pruneNulls(v: Json): Json {
  if (Array.isArray(v)) {
    let out: Json[] | undefined;
    v.forEach((e, i) => {
      if (e === null) return;
      const p = pruneNulls(e);
      if (p !== e) (out ??= v.slice())[i] = p;
    });
    return out ?? v;
  }
  if (!isObject(v)) return v;
  let out: JsonObject | undefined;
  for (const k of Object.keys(v)) {
    const e = v[k];
    if (e === null) {
      out ??= { ...v };
      delete out[k];
      continue;
    }
    const p = pruneNulls(e);
    if (p !== e) (out ??= { ...v })[k] = p;
  }
  return out ?? v;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...doc };
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (cur === undefined || cur === null) out[k] = pruneNulls(v);
    else if (!isObject(cur)) out[k] = pruneNulls(v);
    else if (!isObject(v)) out[k] = v;
    else out[k] = mergeDocs(cur, v);
  }
  return out;
}

/** Applies a JSON merge patch. Inputs are never mutated; unchanged subtrees are shared. */
export function applyMergePatch(doc: Json, patch: Json): Json {
  if (patch === null || (typeof patch !== 'object')) throw new PatchError('Invalid JSON Patch', 400);
  if (!isObject(doc)) throw new PatchError('Invalid JSON Document', 400);
  if (Array.isArray(patch)) {
    // Upstream returns the array itself, which then fails to decode as an object.
    throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}', 400);
  }
  return mergeDocs(doc, patch);
}
