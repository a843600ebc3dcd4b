// The virtual clock: every delay in the simulation is a task on this priority queue.
// Time moves only when the host advances it (pacer in the browser, commands in the shell),
// so the same seed and script always give the same result. Equal due times run FIFO.
// A loop limit catches components that reschedule each other forever at one instant
// (as sinonjs/fake-timers' loopLimit does) and names the tasks involved.

export interface TaskHandle {
  readonly id: number;
  readonly dueAt: number;
  readonly label: string;
}

interface Task extends TaskHandle {
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class LoopLimitError extends Error {}

export class VirtualClock {
  private current: number;
  private heap: Task[] = [];
  private seq = 0;
  private readonly loopLimit: number;
  private readonly recentLabels: string[] = [];
  /** Set when a task resolved something a shell command awaits; hosts may yield to microtasks. */
  yieldRequested = false;
  /** Number of tasks run since creation (for benchmarks and diagnostics). */
  tasksRun = 0;

  constructor(startMs: number, opts: { loopLimit?: number } = {}) {
    this.current = startMs;
    this.loopLimit = opts.loopLimit ?? 1_000_000;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, fn: () => void, label: string): TaskHandle {
    const task: Task = {
      id: ++this.seq,
      seq: this.seq,
      dueAt: this.current + Math.max(0, delayMs),
      label,
      fn,
      cancelled: false,
    };
    this.push(task);
    return task;
  }

  cancel(handle: TaskHandle | undefined): void {
    if (handle) (handle as Task).cancelled = true;
  }

  /** Due time of the next live task, or undefined when idle. */
  nextDueAt(): number | undefined {
    this.dropCancelled();
    return this.heap.length ? this.heap[0].dueAt : undefined;
  }

  pending(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** Runs every task due within `ms` from now, then sets the time to now + ms. */
  advance(ms: number): number {
    return this.advanceTo(this.current + Math.max(0, ms));
  }

  advanceTo(target: number): number {
    let ran = 0;
    let sameInstant = 0;
    let lastTime = this.current;
    for (;;) {
      this.dropCancelled();
      const next = this.heap[0];
      if (!next || next.dueAt > target) break;
      this.pop();
      if (next.dueAt === lastTime) sameInstant++;
      else {
        sameInstant = 0;
        lastTime = next.dueAt;
      }
      if (sameInstant > this.loopLimit) this.fail();
      this.current = Math.max(this.current, next.dueAt);
      this.run(next);
      ran++;
    }
    if (target > this.current) this.current = target;
    return ran;
  }

  /** Runs the next live task, jumping time to it. Returns false when idle. */
  runNext(limitAt = Infinity): boolean {
    this.dropCancelled();
    const next = this.heap[0];
    if (!next || next.dueAt > limitAt) return false;
    this.pop();
    this.current = Math.max(this.current, next.dueAt);
    this.run(next);
    return true;
  }

  /** Runs tasks (jumping time) until none is left or maxTasks ran. */
  runUntilIdle(opts: { maxTasks?: number } = {}): number {
    const max = opts.maxTasks ?? this.loopLimit;
    let ran = 0;
    while (this.runNext()) {
      if (++ran >= max) this.fail();
    }
    return ran;
  }

  /** A promise resolved by the clock after `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.schedule(ms, () => {
        this.yieldRequested = true;
        resolve();
      }, 'sleep');
    });
  }

  private run(task: Task): void {
    this.tasksRun++;
    this.recentLabels.push(task.label);
    if (this.recentLabels.length > 20) this.recentLabels.shift();
    task.fn();
  }

  private fail(): never {
    throw new LoopLimitError(
      `Aborting after running ${this.loopLimit} tasks at virtual time ${this.current}, assuming an infinite loop. Last tasks: ${this.recentLabels.join(', ')}`,
    );
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
  }

  private less(a: Task, b: Task): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }

  private push(t: Task): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop() as Task;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
