// Ownership helpers: controller references, label selectors parsed once per object, and the
// claim step (adopt matching orphans, release owned objects that no longer match).
// Models pkg/controller/controller_ref_manager.go (ClaimPods, ClaimReplicaSets) and
// apimachinery/pkg/apis/meta/v1/controller_ref.go
import type { KObject, OwnerReference } from '../../api/types';
import { labelSelectorFromMeta, labelSelectorFromSet, nothingLabels } from '../../api/selectors';
import type { LabelSelector, MetaLabelSelector } from '../../api/selectors';
import type { ApiServer } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import { isApiError } from '../../api/status';

export function controllerOf(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return undefined;
  // A plain loop: this runs several times per pod event (indexes, handlers, claim).
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

export function newControllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

const metaCache = new WeakMap<object, LabelSelector>();
const setCache = new WeakMap<object, LabelSelector>();

/** metav1.LabelSelector → selector, cached by the (frozen) selector object. A nil selector selects nothing. */
export function selectorFromMeta(sel: MetaLabelSelector | null | undefined): LabelSelector {
  if (!sel) return labelSelectorFromMeta(sel);
  let s = metaCache.get(sel);
  if (!s) {
    try {
      s = labelSelectorFromMeta(sel);
    } catch {
      // An invalid selector selects nothing (validation keeps these out of the store anyway).
      s = nothingLabels();
    }
    metaCache.set(sel, s);
  }
  return s;
}

/** map selector (Service, ReplicationController) → selector, cached. */
export function selectorFromSet(set: Record<string, string> | null | undefined): LabelSelector {
  if (!set) return labelSelectorFromSet(set);
  let s = setCache.get(set);
  if (!s) {
    s = labelSelectorFromSet(set);
    setCache.set(set, s);
  }
  return s;
}

export function splitKey(key: string): { ns: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { ns: undefined, name: key } : { ns: key.slice(0, i), name: key.slice(i + 1) };
}

/** Ignores a 404 (object already gone), rethrows anything else. */
export function ignoreNotFound<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (isApiError(e) && e.code === 404) return undefined;
    throw e;
  }
}

export interface ClaimOptions {
  api: ApiServer;
  owner: KObject;
  ownerRef: OwnerReference;
  selector: LabelSelector;
  /** The resource type of the claimed objects. */
  rt: ResourceType;
}

/**
 * Given candidates (objects owned by the owner plus orphans in its namespace), returns those
 * the owner controls after adopting matching orphans and releasing non-matching owned ones.
 * Adoption is skipped when the owner is being deleted (fresh read, as upstream's canAdopt).
 */
export function claim(opts: ClaimOptions, candidates: KObject[]): KObject[] {
  const { api, owner, ownerRef, selector, rt } = opts;
  const uid = owner.metadata?.uid;
  const out: KObject[] = [];
  let canAdopt: boolean | undefined;
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const labels = obj.metadata?.labels;
    if (ref) {
      if (ref.uid !== uid) continue;
      if (selector.matches(labels)) {
        out.push(obj);
        continue;
      }
      if (owner.metadata?.deletionTimestamp) continue;
      // Release: drop our reference.
      ignoreNotFound(() =>
        api.mutate(rt, obj.metadata?.namespace, obj.metadata?.name ?? '', (o) => {
          const m = o.metadata;
          if (!m || m.uid !== obj.metadata?.uid) return;
          m.ownerReferences = (m.ownerReferences ?? []).filter((r) => r.uid !== uid);
          if (!m.ownerReferences.length) delete m.ownerReferences;
        }),
      );
      continue;
    }
    if (obj.metadata?.deletionTimestamp || !selector.matches(labels)) continue;
    if (canAdopt === undefined) {
      const fresh = api.tryGet(api.typeFor(owner.apiVersion ?? '', owner.kind ?? '') as ResourceType, owner.metadata?.namespace, owner.metadata?.name ?? '');
      canAdopt = Boolean(fresh && fresh.metadata?.uid === uid && !fresh.metadata?.deletionTimestamp);
    }
    if (!canAdopt) continue;
    const adopted = ignoreNotFound(() =>
      api.mutate(rt, obj.metadata?.namespace, obj.metadata?.name ?? '', (o) => {
        const m = o.metadata;
        if (!m || m.uid !== obj.metadata?.uid || controllerOf(o)) return;
        (m.ownerReferences ??= []).push({ ...ownerRef });
      }),
    );
    if (adopted && controllerOf(adopted)?.uid === uid) out.push(adopted);
  }
  return out;
}
