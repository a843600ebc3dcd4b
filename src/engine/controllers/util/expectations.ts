// Controller expectations: after a controller asks for N creations or deletions it does not act
// on that owner again until its informer has seen them (or five minutes pass), so a burst of
// creates is never repeated from a stale cache.
// Models pkg/controller/controller_utils.go (ControllerExpectations, UIDTrackingControllerExpectations)
import type { VirtualClock } from '../../core/clock';

const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Record {
  add: number;
  del: number;
  at: number;
  /** Pod keys whose deletion is expected (deletion observed once per pod). */
  deleting: Set<string>;
}

export class Expectations {
  private recs = new Map<string, Record>();
  constructor(private readonly clock: VirtualClock) {}

  satisfied(key: string): boolean {
    const r = this.recs.get(key);
    if (!r) return true;
    if (r.add <= 0 && r.del <= 0) return true;
    return this.clock.now() - r.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.recs.set(key, { add: n, del: 0, at: this.clock.now(), deleting: new Set() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.recs.set(key, { add: 0, del: podKeys.length, at: this.clock.now(), deleting: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const r = this.recs.get(key);
    if (r) r.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    const r = this.recs.get(key);
    if (r && r.deleting.delete(podKey)) r.del--;
  }

  delete(key: string): void {
    this.recs.delete(key);
  }
}
