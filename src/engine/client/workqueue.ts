// A de-duplicating work queue on the virtual clock, as client-go's workqueue with the default
// controller rate limiter: a key is processed at most once at a time, re-adds while it runs
// are coalesced, and failures back off per item (5 ms doubling up to 1000 s).
// Models staging/src/k8s.io/client-go/util/workqueue/{queue.go,delaying_queue.go,default_rate_limiters.go}
import type { TaskHandle, VirtualClock } from '../core/clock';

export interface ReconcileResult {
  requeueAfterMs?: number;
}

export type Reconciler = (key: string) => ReconcileResult | void;

export class WorkQueue {
  private queue: string[] = [];
  private queued = new Set<string>();
  private processing = false;
  private scheduled: TaskHandle | undefined;
  private delayed = new Map<string, TaskHandle>();
  private failures = new Map<string, number>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly name: string,
    private readonly reconcile: Reconciler,
    private readonly onError: (key: string, err: unknown) => void = () => {},
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.kick();
  }

  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    const due = this.clock.now() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.dueAt <= due) return;
    this.clock.cancel(existing);
    this.delayed.set(
      key,
      this.clock.schedule(ms, () => {
        this.delayed.delete(key);
        this.add(key);
      }, `${this.name}:requeue`),
    );
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  len(): number {
    return this.queue.length;
  }

  private kick(): void {
    if (this.scheduled || this.processing) return;
    this.scheduled = this.clock.schedule(0, () => this.drain(), `${this.name}:work`);
  }

  /** Processes every key queued now; keys added meanwhile wait for the next round. */
  private drain(): void {
    this.scheduled = undefined;
    this.processing = true;
    const batch = this.queue;
    this.queue = [];
    for (const key of batch) this.queued.delete(key);
    for (const key of batch) {
      try {
        const res = this.reconcile(key);
        this.forget(key);
        if (res && res.requeueAfterMs !== undefined) this.addAfter(key, res.requeueAfterMs);
      } catch (err) {
        this.onError(key, err);
        this.addRateLimited(key);
      }
    }
    this.processing = false;
    if (this.queue.length) this.kick();
  }
}
