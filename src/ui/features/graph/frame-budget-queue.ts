// Spreads DOM writes over animation frames: at most `perFrame` keys are written per frame, the
// rest wait in arrival order and are written by the next frames (the latest state of each key,
// once). The graph uses it for pods' invisible SVG proxies, so a burst of hundreds of pods costs
// a bounded amount of DOM, style and layout per frame. While `hold` says so, every write waits
// (the graph holds proxies while bulk updates keep coming). Leaves out: priorities (oldest first only).

/** Runs `run` at the next frame; returns a cancel function. */
export type FrameRequest = (run: () => void) => () => void;

export const nextAnimationFrame: FrameRequest = (run) => {
  const id = requestAnimationFrame(() => run());
  return () => cancelAnimationFrame(id);
};

export class FrameBudgetQueue<K> {
  private readonly backlog = new Set<K>();
  private budget: number;
  private cancel: (() => void) | undefined;

  constructor(private readonly perFrame: number, private readonly write: (key: K) => void, private readonly request: FrameRequest = nextAnimationFrame, private readonly hold: () => boolean = () => false) {
    this.budget = perFrame;
  }

  /** Keys waiting for a later frame. */
  get pending(): number {
    return this.backlog.size;
  }

  /** A new frame's work starts (a render): the budget is full again. */
  startFrame(): void {
    this.budget = this.perFrame;
  }

  /** Writes `key` now if this frame's budget allows, nothing older waits and nothing holds writes; else in a later frame. */
  update(key: K): void {
    if (this.budget > 0 && this.backlog.size === 0 && !this.hold()) {
      this.budget--;
      this.write(key);
      return;
    }
    this.backlog.add(key);
    this.cancel ??= this.request(() => this.drain());
  }

  /** Forgets a waiting key (its object is gone). */
  drop(key: K): void {
    this.backlog.delete(key);
  }

  /** Forgets everything and stops asking for frames. */
  clear(): void {
    this.backlog.clear();
    this.cancel?.();
    this.cancel = undefined;
  }

  private drain(): void {
    this.cancel = undefined;
    if (this.hold()) {
      // Held: ask again next frame (one callback a frame while held).
      this.cancel = this.request(() => this.drain());
      return;
    }
    this.budget = this.perFrame;
    for (const key of this.backlog) {
      if (this.budget <= 0) break;
      this.budget--;
      this.backlog.delete(key);
      this.write(key);
    }
    if (this.backlog.size > 0) this.cancel = this.request(() => this.drain());
  }
}
