// The lab format (DESIGN.md §7): a lab is a folder `src/labs/NN-name/` with `lab.ts` (this
// shape) and `steps/NN-step.{es,en}.md`. Checks are pure functions over a read-only view of the
// cluster and of the commands the student typed; the worker runs them after each command and
// each batch of cluster events, and CI replays every solution headlessly (src/node/labs-replay.test.ts).
import type { KObject } from '../engine';

export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];

/** A text in both languages. */
export type Localized<T = string> = Readonly<Record<Lang, T>>;

/** One command line the student ran in the terminal, as the shell saw it. */
export interface TypedCommand {
  /** The line as typed (without the prompt). */
  readonly line: string;
  /** Exit status ($?). */
  readonly status: number;
  /** What it printed (stdout and stderr interleaved, as on the screen), capped at 64 KB. */
  readonly output: string;
}

/** What a check sees. Everything is read-only; objects are the API server's JSON. */
export interface LabView {
  /**
   * Objects of a resource in the cluster of kubectl's current context: `resource` is kubectl's
   * plural (`pods`, `services`, `deployments`, `replicasets`, `replicationcontrollers`,
   * `namespaces`, `nodes`, `endpoints`, `events`, ...; `deployments.apps` also works). With
   * `namespace` only that namespace; without it, every namespace.
   */
  list(resource: string, namespace?: string): readonly KObject[];
  /** One object, or undefined. `namespace` is ignored for cluster-scoped resources. */
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined;
  /** Commands typed since the lab (re)started, oldest first. */
  readonly commands: readonly TypedCommand[];
  /** Virtual time, ms since the epoch. */
  readonly now: number;
  /** kubectl's current context (`kubernetes-admin@kubernetes`, or `minikube` after `minikube start`). */
  readonly context: string;
  /** Names of the clusters that exist (`kubernetes`, `minikube`, ...) and whether each runs. */
  readonly clusters: readonly { name: string; running: boolean }[];
}

/** A check passes with `true`; `{ ok: false, detail }` says what is still missing (shown as a hint). */
export type CheckResult = boolean | { readonly ok: boolean; readonly detail?: Localized };

export interface LabStep {
  /** Stable id within the lab (progress is saved by it). */
  readonly id: string;
  readonly title: Localized;
  /**
   * Markdown. Fenced blocks tagged `sh` hold runnable commands (one per line; the UI offers
   * "run in terminal"); every command of `solution` appears in them, in both languages.
   */
  readonly body: Localized;
  readonly check: (view: LabView) => CheckResult;
  /** Progressive hints, shown one at a time (same count in both languages). */
  readonly hints: Localized<readonly string[]>;
  /** Commands that solve the step from the state the previous steps leave (CI replays them). */
  readonly solution: readonly string[];
}

export interface Lab {
  /** Folder name, e.g. `02-pods`. */
  readonly id: string;
  /** Chapter of the course (1–11). */
  readonly chapter: number;
  readonly title: Localized;
  readonly summary: Localized;
  /** Seed of the fresh cluster the lab starts from. */
  readonly seed: number;
  /** Commands run, unseen, on that fresh cluster before the first step. */
  readonly setup?: readonly string[];
  readonly steps: readonly LabStep[];
}

/** Normalises a CheckResult. */
export function checkOk(r: CheckResult): boolean {
  return typeof r === 'boolean' ? r : r.ok;
}
