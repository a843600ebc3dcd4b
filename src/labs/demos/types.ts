// The demo script format (instructor mode, issue #7): a demo is a list of steps the instructor
// plays into the terminal one by one (or automatically, with pauses in virtual time), each with
// a note in Spanish and English. Every step types exactly one command line; an editor apply is
// a file written first and then `kubectl apply -f FILE`; a node failure is injected through the
// playground's failure tools (the shell cannot stop a kubelet). Leaves out: undoing a step.
import type { Localized } from '../types';

/** A failure injected before the step's command (the Failure injection panel's stop/start node). */
export interface DemoFault {
  readonly action: 'stopNode' | 'startNode';
  readonly node: string;
}

export interface DemoStep {
  /** One or two sentences the instructor says and the audience reads. */
  readonly note: Localized;
  /** A command line typed into the terminal (exclusive with `apply`). */
  readonly run?: string;
  /** A manifest written to `file` (the shell's home directory), then `kubectl apply -f file`. */
  readonly apply?: { readonly file: string; readonly yaml: string };
  /** Injected before the command runs. */
  readonly fault?: DemoFault;
  /** Virtual seconds to wait after the command finishes before the next step, in auto mode. */
  readonly pause?: number;
  /** Exit status the command is expected to end with (default 0): a demo may show a failure. */
  readonly expectStatus?: number;
}

export interface Demo {
  /** Stable kebab-case id (saved in localStorage by the player). */
  readonly id: string;
  readonly title: Localized;
  readonly summary: Localized;
  readonly steps: readonly DemoStep[];
}

/** Virtual seconds auto mode waits after a step whose `pause` is not given. */
export const DEFAULT_PAUSE = 2;

/** The command line a step types into the terminal. */
export function demoCommand(step: DemoStep): string {
  if (step.apply) return `kubectl apply -f ${step.apply.file}`;
  return step.run ?? '';
}
