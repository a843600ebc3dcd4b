// Public entry of the patch package: the PATCH content types the apiserver accepts and the
// functions that apply and create patches. Models apiserver/pkg/endpoints/handlers/patch.go's
// dispatch. SIMPLIFICATION: server-side apply (`application/apply-patch+yaml`, managed fields)
// is not modelled here; applyPatch rejects it and the REST handler decides what to answer.

import type { Json } from '../../api/types';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './merge-patch';
import { PatchError } from './patch-error';
import { applyStrategicMergePatch } from './strategic-merge';

export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

export { applyJsonPatch } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { applyStrategicMergePatch } from './strategic-merge';
export { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-diff';
export { PatchError, REJECTED_REQUEST_MESSAGE } from './patch-error';
export type { PatchErrorReason } from './patch-error';

/** Applies a patch of the given content type to an object of `kind`. */
export function applyPatch(type: PatchType, doc: Json, patch: Json, kind: string): Json {
  switch (type) {
    case 'application/json-patch+json':
      return applyJsonPatch(doc, patch);
    case 'application/merge-patch+json':
      return applyMergePatch(doc, patch);
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(doc, patch, kind);
    default:
      throw new PatchError(`unsupported patch type: ${type}`, 500);
  }
}
