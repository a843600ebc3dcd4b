// Running tallies of the pods each ReplicaSet (or ReplicationController) controls, kept up to
// date from the pod informer's add/update/delete events, so that a sync which only refreshes
// status costs O(1) instead of a walk over every pod (upstream gets the same effect from its
// work queue coalescing events; our virtual instants rarely coincide, so we count instead).
// Leaves out: nothing observable — the counts equal a full claim-and-count over the informer.
// Models the counting in pkg/controller/replicaset/replica_set_utils.go (calculateStatus)
import type { Pod } from '../../api/types';
import type { LabelSelector } from '../../api/selectors';
import { objKey } from '../../client/informer';
import { controllerOf } from '../util/owner';
import { isPodActive, isPodReady } from '../util/pods';

interface PodRecord {
  pod: Pod;
  /** uid of the controller the pod names (of the tracked kind). */
  owner: string;
  active: boolean;
  ready: boolean;
  /** Against the tally's selector / template labels (meaningless while the tally is stale). */
  matches: boolean;
  fullyLabeled: boolean;
}

/** Counts over one owner's active pods; `replicas` etc. only count pods its selector matches. */
export interface OwnedCounts {
  /** Active owned pods that match the selector (what claim keeps). */
  replicas: number;
  fullyLabeled: number;
  ready: number;
  /** Active owned pods that no longer match the selector (claim would release them). */
  mismatched: number;
}

class Tally {
  readonly pods = new Map<string, PodRecord>();
  replicas = 0;
  fullyLabeled = 0;
  ready = 0;
  mismatched = 0;
  /** The selector and template labels the per-pod flags were computed against. */
  selector: LabelSelector | undefined;
  selectorKey = '';
  templateLabels: Readonly<Record<string, string>> = {};
  stale = true;

  count(r: PodRecord, sign: 1 | -1): void {
    if (!r.active || this.stale) return;
    if (!r.matches) {
      this.mismatched += sign;
      return;
    }
    this.replicas += sign;
    if (r.fullyLabeled) this.fullyLabeled += sign;
    if (r.ready) this.ready += sign;
  }

  classify(r: PodRecord): void {
    if (this.stale || !this.selector) return;
    const labels = r.pod.metadata?.labels;
    r.matches = this.selector.matches(labels);
    r.fullyLabeled = hasAll(labels ?? {}, this.templateLabels);
  }
}

function hasAll(labels: Readonly<Record<string, string>>, want: Readonly<Record<string, string>>): boolean {
  for (const k in want) if (labels[k] !== want[k]) return false;
  return true;
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * Records are keyed by uid (a stored string whose hash V8 keeps) rather than by a
 * namespace/name string built per event; uid is unique for the life of a pod, and a pod
 * recreated under the same name arrives after its predecessor's delete.
 */
function podKey(pod: Pod): string {
  return pod.metadata?.uid || objKey(pod);
}

function selectorKey(s: LabelSelector): string {
  return `${s.empty ? '*' : '='}${s.toString()}`;
}

/**
 * Pods whose controller reference names an object of `kind`, grouped by that object's uid,
 * with counts maintained incrementally. Feed it every pod event (`observe` for adds and
 * updates, `forget` for deletes), in informer order.
 */
export class OwnedPods {
  private readonly byKey = new Map<string, PodRecord>();
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly kind: string) {}

  observe(pod: Pod): void {
    const key = podKey(pod);
    const ref = controllerOf(pod);
    const owner = ref && ref.kind === this.kind ? ref.uid : undefined;
    const prev = this.byKey.get(key);
    if (prev && prev.owner !== owner) this.forgetKey(key);
    if (!owner) return;
    let tally = this.tallies.get(owner);
    if (!tally) {
      tally = new Tally();
      this.tallies.set(owner, tally);
    }
    const rec = prev && prev.owner === owner ? prev : { pod, owner, active: false, ready: false, matches: false, fullyLabeled: false };
    if (rec === prev) tally.count(rec, -1);
    else {
      this.byKey.set(key, rec);
      tally.pods.set(key, rec);
    }
    // Status writes keep the (frozen, shared) labels object: then the selector and template
    // flags still hold (a tally that is not stale has every record classified against its
    // current selector; a stale one recounts everything anyway).
    const labelsKept = rec === prev && rec.pod.metadata?.labels === pod.metadata?.labels;
    rec.pod = pod;
    rec.active = isPodActive(pod);
    rec.ready = isPodReady(pod);
    if (!labelsKept) tally.classify(rec);
    tally.count(rec, 1);
  }

  forget(pod: Pod): void {
    this.forgetKey(podKey(pod));
  }

  private forgetKey(key: string): void {
    const rec = this.byKey.get(key);
    if (!rec) return;
    this.byKey.delete(key);
    const tally = this.tallies.get(rec.owner);
    if (!tally) return;
    tally.count(rec, -1);
    tally.pods.delete(key);
    if (!tally.pods.size) this.tallies.delete(rec.owner);
  }

  /**
   * The counts for owner `uid` against its current selector and template labels. Recounts
   * every pod of the owner only when those changed since the last call (or on first use).
   */
  counts(uid: string, selector: LabelSelector, templateLabels: Readonly<Record<string, string>>): OwnedCounts {
    const tally = this.tallies.get(uid);
    if (!tally) return { replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 0 };
    if (tally.selector !== selector) {
      const key = selectorKey(selector);
      if (key !== tally.selectorKey) tally.stale = true;
      tally.selector = selector;
      tally.selectorKey = key;
    }
    if (!sameLabels(tally.templateLabels, templateLabels)) tally.stale = true;
    tally.templateLabels = templateLabels;
    if (tally.stale) {
      tally.stale = false;
      tally.replicas = tally.fullyLabeled = tally.ready = tally.mismatched = 0;
      for (const r of tally.pods.values()) {
        tally.classify(r);
        tally.count(r, 1);
      }
    }
    return { replicas: tally.replicas, fullyLabeled: tally.fullyLabeled, ready: tally.ready, mismatched: tally.mismatched };
  }

  /** The active, selector-matching, ready pods of owner `uid` (valid after `counts`). */
  *readyPods(uid: string): IterableIterator<Pod> {
    const tally = this.tallies.get(uid);
    if (!tally) return;
    for (const r of tally.pods.values()) if (r.active && r.matches && r.ready) yield r.pod;
  }
}
