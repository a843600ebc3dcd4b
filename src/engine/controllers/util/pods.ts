// Pod helpers the controllers share: readiness, availability with minReadySeconds, activeness
// and the pod deletion ranking ReplicaSets use when scaling down.
// Models pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable) and pkg/controller/controller_utils.go
// (IsPodActive, ActivePodsWithRanks). Leaves out: the LogarithmicScaleDown feature gate off.
import type { Pod, PodCondition } from '../../api/types';
import { parseTime } from '../../core/time';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  const cs = pod.status?.conditions;
  if (!cs) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i].type === type) return cs[i];
  return undefined;
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** When the pod last became Ready, if it is Ready. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  return parseTime(c.lastTransitionTime);
}

/** Ready for at least minReadySeconds (strictly before now, as upstream). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const t = podReadyTime(pod);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** Not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(pod: Pod): number {
  let m = 0;
  for (const cs of pod.status?.containerStatuses ?? []) m = Math.max(m, cs.restartCount ?? 0);
  return m;
}

/** floor(log2(age in ns)), -1 for no age: the LogarithmicScaleDown bucket. */
function logRank(t: number | undefined, now: number): number {
  if (t === undefined) return -1;
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * Sorts pods so that the ones to delete first come first (ActivePodsWithRanks.Less):
 * unscheduled, then Pending < Unknown < Running, not ready, lower deletion cost, more
 * related pods on the same node, more recently ready, more restarts, newer.
 */
export function sortPodsForDeletion(pods: Pod[], ranks: Map<Pod, number>, now: number): Pod[] {
  const uid = (p: Pod) => p.metadata?.uid ?? '';
  return pods.sort((a, b) => {
    const an = a.spec?.nodeName ?? '';
    const bn = b.spec?.nodeName ?? '';
    if (an !== bn && (!an || !bn)) return !an ? -1 : 1;
    const ap = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
    const bp = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
    if (ap !== bp) return ap - bp;
    const ar = isPodReady(a);
    const br = isPodReady(b);
    if (ar !== br) return ar ? 1 : -1;
    const ac = deletionCost(a);
    const bc = deletionCost(b);
    if (ac !== bc) return ac - bc;
    const ak = ranks.get(a) ?? 0;
    const bk = ranks.get(b) ?? 0;
    if (ak !== bk) return bk - ak;
    if (ar && br) {
      const at = podReadyTime(a);
      const bt = podReadyTime(b);
      if (at !== bt) {
        const diff = logRank(at, now) - logRank(bt, now);
        if (diff !== 0) return diff;
        return uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0;
      }
    }
    const am = maxRestarts(a);
    const bm = maxRestarts(b);
    if (am !== bm) return bm - am;
    const act = parseTime(a.metadata?.creationTimestamp);
    const bct = parseTime(b.metadata?.creationTimestamp);
    if (act !== bct) {
      const diff = logRank(act, now) - logRank(bct, now);
      if (diff !== 0) return diff;
      return uid(a) < uid(b) ? -1 : uid(a) > uid(b) ? 1 : 0;
    }
    return 0;
  });
}
