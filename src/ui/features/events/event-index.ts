// The Events panel's rows, kept sorted by last-seen time incrementally: each mirror update is
// compared with the previous one by object identity, and only Events that were added, changed
// or deleted are parsed and moved (binary search), so a batch costs O(changed · log n) plus one
// identity scan, not a parse and sort of every Event. Ties keep first-seen order, as a stable
// sort of the mirror would. Leaves out: filtering by namespace or object.
import type { KObject } from '../../../engine';
import type { ObjectMap } from '../../state/mirror';

export interface EventRow {
  uid: string;
  namespace: string;
  last: string | undefined;
  type: string;
  reason: string;
  object: string;
  message: string;
}

interface Entry {
  row: EventRow;
  /** Parsed last-seen time (0 when absent or unparsable). */
  t: number;
  /** First-seen order, the tie-breaker. */
  seq: number;
}

/** Last time the event was seen, as kubectl picks it. Models kubectl's events printer (kubectl get events). */
export function lastSeen(e: KObject): string | undefined {
  const ev = e as { lastTimestamp?: string; eventTime?: string; series?: { lastObservedTime?: string }; metadata?: { creationTimestamp?: string } };
  return ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp;
}

export function toRow(e: KObject): EventRow {
  const ev = e as { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
  return {
    uid: e.metadata?.uid as string,
    namespace: e.metadata?.namespace ?? '',
    last: lastSeen(e),
    type: ev.type ?? '',
    reason: ev.reason ?? '',
    object: `${(ev.involvedObject?.kind ?? '').toLowerCase()}/${ev.involvedObject?.name ?? ''}`,
    message: (ev.message ?? '').trim(),
  };
}

const before = (a: Entry, b: Entry) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

export class EventIndex {
  private source: ObjectMap | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly sorted: Entry[] = [];
  private seq = 0;
  private cache: { max: number; rows: EventRow[] } | undefined;

  /** Brings the index up to `events`; returns true when anything changed. */
  update(events: ObjectMap): boolean {
    if (events === this.source) return false;
    const prev = this.source;
    this.source = events;
    let changed = false;
    // forEach: no entry array per Event (the mirror's maps read cheapest this way).
    events.forEach((obj, uid) => {
      if (prev?.get(uid) === obj && this.entries.has(uid)) return;
      const old = this.entries.get(uid);
      if (old) this.remove(old);
      const entry: Entry = { row: toRow(obj), t: Date.parse(lastSeen(obj) ?? '') || 0, seq: old ? old.seq : this.seq++ };
      this.entries.set(uid, entry);
      this.insert(entry);
      changed = true;
    });
    if (this.entries.size > events.size) {
      for (const [uid, entry] of this.entries) {
        if (events.has(uid)) continue;
        this.entries.delete(uid);
        this.remove(entry);
        changed = true;
      }
    }
    if (changed) this.cache = undefined;
    return changed;
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The newest `max` rows, oldest first; the same array until something changes. */
  last(max: number): EventRow[] {
    if (this.cache?.max !== max) this.cache = { max, rows: this.sorted.slice(-max).map((e) => e.row) };
    return this.cache.rows;
  }

  private position(e: Entry): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.sorted[mid], e)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insert(e: Entry): void {
    const i = this.position(e);
    if (i === this.sorted.length) this.sorted.push(e);
    else this.sorted.splice(i, 0, e);
  }

  private remove(e: Entry): void {
    const i = this.position(e);
    if (this.sorted[i] === e) this.sorted.splice(i, 1);
  }
}

/** All rows sorted, the newest `max` (what a full sort gives; used by tests as the reference). */
export function sortedRows(events: Iterable<KObject>, max: number): EventRow[] {
  const rows = [...events].map((e, i) => ({ row: toRow(e), t: Date.parse(lastSeen(e) ?? '') || 0, i }));
  rows.sort((a, b) => a.t - b.t || a.i - b.i);
  return rows.slice(-max).map((r) => r.row);
}
