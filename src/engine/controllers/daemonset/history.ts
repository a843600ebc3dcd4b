// DaemonSet history: one ControllerRevision per distinct pod template, named `<ds>-<hash>`, with
// the template as a strategic-merge patch (`{"spec":{"template":{"$patch":"replace",...}}}`, keys
// sorted as Go's json of a map), the DaemonSet's annotations, the template labels plus
// controller-revision-hash, and revision numbers that grow when a template comes back (undo);
// old revisions beyond spec.revisionHistoryLimit (10) that no live pod uses are deleted.
// Models pkg/controller/daemon/update.go (constructHistory, snapshot, getPatch, Match,
// dedupCurHistories, cleanupHistory) and pkg/controller/history.
// SIMPLIFICATION: no hash collisions (collisionCount is never bumped).
import type { DaemonSet, KObject, Pod } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ApiServer } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { computePodTemplateHash } from '../../core/names';
import { BY_CONTROLLER } from '../util/informers';
import { newControllerRef } from '../util/owner';

export const REVISION_HASH_LABEL = 'controller-revision-hash';

export interface ControllerRevision extends KObject {
  data?: unknown;
  revision?: number;
}

/** A JSON value with object keys sorted at every level (encoding/json of a map[string]interface{}). */
function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortedDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** getPatch: the DaemonSet's template as a replace patch. */
export function daemonSetPatch(ds: DaemonSet): unknown {
  const tmpl = JSON.parse(JSON.stringify(ds.spec?.template ?? {})) as Record<string, unknown>;
  // The typed object always marshals metadata with creationTimestamp: null.
  const meta = (tmpl.metadata ?? {}) as Record<string, unknown>;
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  tmpl.metadata = meta;
  tmpl.$patch = 'replace';
  return sortedDeep({ spec: { template: tmpl } });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class DaemonSetHistory {
  constructor(
    private readonly api: ApiServer,
    private readonly rt: ResourceType,
    private readonly informer: Informer,
  ) {}

  /** ControllerRevisions controlled by the DaemonSet. */
  controlled(ds: DaemonSet): ControllerRevision[] {
    return this.informer.byIndex(BY_CONTROLLER, ds.metadata?.uid ?? '') as ControllerRevision[];
  }

  /**
   * constructHistory: the current revision (created or renumbered as needed) and the old ones.
   * Returns the hash the DaemonSet's pods carry.
   */
  construct(ds: DaemonSet): { hash: string; current?: ControllerRevision; old: ControllerRevision[] } {
    const patch = daemonSetPatch(ds);
    const all = this.controlled(ds);
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (const h of all) (same(h.data, patch) ? current : old).push(h);
    const next = Math.max(0, ...old.map((h) => h.revision ?? 0)) + 1;
    const ns = ds.metadata?.namespace;
    if (current.length === 0) {
      const hash = computePodTemplateHash(ds.spec?.template, ds.status?.collisionCount);
      const cr: ControllerRevision = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${ds.metadata?.name ?? ''}-${hash}`,
          namespace: ns,
          labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
          ...(ds.metadata?.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
          ownerReferences: [newControllerRef(ds as KObject, 'apps/v1', 'DaemonSet')],
        },
        data: patch,
        revision: next,
      };
      try {
        const created = this.api.create(this.rt, ns, cr) as ControllerRevision;
        return { hash, current: created, old };
      } catch (e) {
        if (!(isApiError(e) && e.code === 409)) throw e;
        // Already there (a stale cache): use it as it is.
        const existing = this.api.tryGet(this.rt, ns, cr.metadata?.name ?? '') as ControllerRevision | undefined;
        return { hash, current: existing, old };
      }
    }
    // dedupCurHistories: keep the highest revision, drop the duplicates.
    current.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
    let cur = current[0];
    for (const dup of current.slice(1)) {
      try {
        this.api.delete(this.rt, ns, dup.metadata?.name ?? '');
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
    }
    if ((cur.revision ?? 0) < next) {
      cur = this.api.mutate(this.rt, ns, cur.metadata?.name ?? '', (o) => {
        (o as ControllerRevision).revision = next;
      }) as ControllerRevision;
    }
    return { hash: cur.metadata?.labels?.[REVISION_HASH_LABEL] ?? cur.metadata?.name ?? '', current: cur, old };
  }

  /** cleanupHistory: delete the oldest unused revisions beyond revisionHistoryLimit. */
  cleanup(ds: DaemonSet, old: ControllerRevision[], pods: Pod[]): void {
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const toKill = old.length - limit;
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const p of pods) {
      const h = p.metadata?.labels?.[REVISION_HASH_LABEL];
      if (h) live.add(h);
    }
    const sorted = [...old].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    let killed = 0;
    for (const h of sorted) {
      if (killed >= toKill) break;
      if (live.has(h.metadata?.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
      try {
        this.api.delete(this.rt, h.metadata?.namespace, h.metadata?.name ?? '');
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
      killed++;
    }
  }
}
