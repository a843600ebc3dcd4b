// The demo player's model (instructor mode), pure and without React or DOM: which demo is
// chosen, the cursor (the step shown next), the step whose command runs, auto mode (after a
// step's command completes, wait its pause in VIRTUAL seconds, then run the next one) and what
// each played step ended with. The page injects the effects: typing a line into the terminal,
// writing a manifest, injecting a node failure, and the cluster's clock.
// Leaves out: undoing steps ("previous" only moves the cursor; the cluster keeps what ran).
import { DEFAULT_PAUSE, demoCommand } from '../../../labs/demos/types';
import type { Demo, DemoFault } from '../../../labs/demos/types';

/** What happened to a played step (this page's session only). */
export type StepOutcome =
  | { kind: 'done'; status: number; expected: boolean }
  | { kind: 'failed'; reason: FailReason; detail: string };

export interface PlayerState {
  /** The chosen demo's id, or null for the list. */
  readonly demo: string | null;
  /** The step shown and run by "Run": 0..steps.length (steps.length: the demo is over). */
  readonly cursor: number;
  /** The step being played (its fault, file and command), or null. */
  readonly running: number | null;
  /** Auto mode is on. */
  readonly auto: boolean;
  /** In auto mode, the virtual time (ms) at which the next step starts; null when not waiting. */
  readonly waitUntil: number | null;
  /** Outcome per step index, for the steps played since the demo was chosen or restarted. */
  readonly outcomes: Readonly<Record<number, StepOutcome>>;
  /** What the last fault injection printed (shown in the player), or null. */
  readonly note: string | null;
}

/** Why a step did not run: no terminal, the terminal was busy, the file or the fault failed. */
export type FailReason = 'noTerminal' | 'busy' | 'write' | 'fault';

export interface PlayerEffects {
  /**
   * True while the terminal runs a command or holds a half-typed line: a step's line pasted then
   * would become that command's input (or join the line), and its end would be taken for the step's.
   */
  busy?(): boolean;
  /** The cluster's virtual clock in ms (null before the engine has connected). */
  now(): number | null;
  /** Types `line` and Enter into the terminal; false when there is no terminal. */
  type(line: string): boolean;
  /** Writes a file of the shell's filesystem (relative to its working directory). */
  writeFile(path: string, content: string): Promise<void>;
  /** Injects a node failure. */
  fault(f: DemoFault): Promise<{ ok: boolean; output: string }>;
  /** Remembers the chosen demo and cursor (localStorage), so a reload reopens them. */
  save?(demo: string | null, cursor: number): void;
}

export const INITIAL: PlayerState = { demo: null, cursor: 0, running: null, auto: false, waitUntil: null, outcomes: {}, note: null };

export class DemoPlayer {
  private state: PlayerState;
  private readonly listeners = new Set<() => void>();
  /** The running step's line has been typed: the next shell completion is its end. */
  private typed = false;
  /** Bumped by every restart/select, so an effect that resolves late is ignored. */
  private epoch = 0;

  constructor(
    private readonly demos: readonly Demo[],
    private readonly fx: PlayerEffects,
    initial: { demo: string | null; cursor: number } = { demo: null, cursor: 0 },
  ) {
    const demo = demos.find((d) => d.id === initial.demo);
    this.state = demo ? { ...INITIAL, demo: demo.id, cursor: clamp(initial.cursor, 0, demo.steps.length) } : INITIAL;
  }

  getState = (): PlayerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The chosen demo, if any. */
  current(): Demo | undefined {
    return this.demos.find((d) => d.id === this.state.demo);
  }

  /** Chooses a demo (null: back to the list); its cursor starts at step 0. */
  select(id: string | null): void {
    const demo = this.demos.find((d) => d.id === id);
    this.epoch++;
    this.typed = false;
    this.set({ ...INITIAL, demo: demo?.id ?? null });
    this.persist();
  }

  /** Moves the cursor to step `i` without running anything (auto mode stops). */
  goTo(i: number): void {
    const demo = this.current();
    if (!demo || this.state.running !== null) return;
    this.set({ ...this.state, cursor: clamp(i, 0, demo.steps.length), auto: false, waitUntil: null });
    this.persist();
  }

  /** Back one step. The cluster is not rolled back: what ran stays done. */
  previous(): void {
    this.goTo(this.state.cursor - 1);
  }

  /** Back to step 0 and forget the outcomes (the cluster keeps its state). */
  restart(): void {
    if (!this.current()) return;
    this.epoch++;
    this.typed = false;
    this.set({ ...INITIAL, demo: this.state.demo });
    this.persist();
  }

  /**
   * The panel went away: a step still writing its file or injecting its fault types nothing
   * later, and auto mode stops. The player stays usable (a remount may reuse it).
   */
  detach(): void {
    this.epoch++;
    this.typed = false;
    this.set({ ...this.state, running: null, auto: false, waitUntil: null });
  }

  /** Plays the step at the cursor; the cursor moves on when its command completes. */
  run(): void {
    void this.play();
  }

  /** Turns auto mode on (playing the step at the cursor now, unless one is running) or off. */
  toggleAuto(): void {
    if (this.state.auto) {
      this.set({ ...this.state, auto: false, waitUntil: null });
      return;
    }
    const demo = this.current();
    if (!demo || this.state.cursor >= demo.steps.length) return;
    this.set({ ...this.state, auto: true, waitUntil: null });
    if (this.state.running === null) this.run();
  }

  /** The user typed in the terminal: auto mode stops (the step that runs goes on). */
  userTyped(): void {
    if (this.state.auto) this.set({ ...this.state, auto: false, waitUntil: null });
  }

  /** The terminal finished a command line with `status` (a `shell.complete` that needs no more input). */
  commandComplete(status: number): void {
    const demo = this.current();
    const i = this.state.running;
    if (!demo || i === null || !this.typed) return;
    this.typed = false;
    const step = demo.steps[i];
    const expected = status === (step.expectStatus ?? 0);
    const cursor = i + 1;
    const outcomes = { ...this.state.outcomes, [i]: { kind: 'done', status, expected } as const };
    // An unexpected exit status stops auto mode: the instructor decides what to do.
    const auto = this.state.auto && expected && cursor < demo.steps.length;
    const now = this.fx.now() ?? 0;
    this.set({ ...this.state, running: null, cursor, outcomes, auto, waitUntil: auto ? now + (step.pause ?? DEFAULT_PAUSE) * 1000 : null });
    this.persist();
  }

  /** The virtual clock moved: in auto mode, the next step starts once its pause is over. */
  tick(now: number): void {
    const { auto, waitUntil, running } = this.state;
    if (!auto || waitUntil === null || running !== null || now < waitUntil) return;
    this.set({ ...this.state, waitUntil: null });
    this.run();
  }

  private async play(): Promise<void> {
    const demo = this.current();
    const i = this.state.cursor;
    if (!demo || this.state.running !== null || i >= demo.steps.length) return;
    const step = demo.steps[i];
    const epoch = this.epoch;
    this.typed = false;
    this.set({ ...this.state, running: i, waitUntil: null, note: null });
    const fail = (reason: FailReason, detail: string) => {
      if (epoch !== this.epoch) return;
      this.set({ ...this.state, running: null, auto: false, outcomes: { ...this.state.outcomes, [i]: { kind: 'failed', reason, detail } } });
    };
    if (this.fx.busy?.()) return fail('busy', '');
    if (step.fault) {
      let res: { ok: boolean; output: string };
      try {
        res = await this.fx.fault(step.fault);
      } catch (e) {
        res = { ok: false, output: message(e) };
      }
      if (epoch !== this.epoch) return;
      if (!res.ok) return fail('fault', res.output);
      this.set({ ...this.state, note: res.output.trim() || null });
    }
    if (step.apply) {
      try {
        await this.fx.writeFile(step.apply.file, step.apply.yaml);
      } catch (e) {
        return fail('write', message(e));
      }
      if (epoch !== this.epoch) return;
    }
    this.typed = true;
    if (!this.fx.type(demoCommand(step))) {
      this.typed = false;
      fail('noTerminal', '');
    }
  }

  private persist(): void {
    this.fx.save?.(this.state.demo, this.state.cursor);
  }

  private set(s: PlayerState): void {
    this.state = s;
    for (const l of this.listeners) l();
  }
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Number.isFinite(n) ? Math.trunc(n) : lo));
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
