// Seeded pseudo-random numbers (xoshiro128**), the only randomness in the engine.
// `fork(label)` derives an independent stream so that adding a consumer in one component
// does not shift the numbers every other component sees.

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function hashString(s: string): number {
  // FNV-1a 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly seed: number;
  /** Streams forked from this one, in creation order (for snapshots: see src/engine/snapshot.ts). */
  private readonly forks: { label: string; rng: Rng }[] = [];

  constructor(seed: number) {
    this.seed = seed >>> 0;
    const sm = splitmix32(this.seed);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const result = Math.imul(((Math.imul(this.b, 5) << 7) | (Math.imul(this.b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = ((this.d << 11) | (this.d >>> 21)) >>> 0;
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    return result;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** An independent stream derived from this RNG's seed and a label. */
  fork(label: string): Rng {
    const rng = new Rng((this.seed ^ hashString(label)) >>> 0);
    this.forks.push({ label, rng });
    return rng;
  }

  /** The generator's state with that of every stream forked from it. */
  state(): RngState {
    return { s: [this.a, this.b, this.c, this.d], forks: this.forks.map((f) => ({ label: f.label, state: f.rng.state() })) };
  }

  /** Sets the state saved by state(); forks are matched by label in creation order. */
  setState(st: RngState): void {
    [this.a, this.b, this.c, this.d] = st.s.map((x) => x >>> 0);
    const used = new Set<number>();
    for (const f of st.forks) {
      const i = this.forks.findIndex((g, j) => !used.has(j) && g.label === f.label);
      if (i < 0) continue;
      used.add(i);
      this.forks[i].rng.setState(f.state);
    }
  }
}

export interface RngState {
  s: number[];
  forks: { label: string; state: RngState }[];
}
