// Small helpers that lab checks share: commands typed (with their exit status), kubectl verbs,
// localized "still missing" results, labels and live pods.
import type { KObject } from '../engine';
import type { CheckResult, LabView, Localized, TypedCommand } from './types';

/** Whether a typed command matches `test` and ended with one of `okStatus` (default: success). */
export const ran = (view: LabView, test: (c: TypedCommand) => boolean, okStatus: readonly number[] = [0]): boolean =>
  view.commands.some((c) => okStatus.includes(c.status) && test(c));

/** Whether `line` is a kubectl command whose verb (after any flags) is `verb`. */
export const kubectl = (line: string, verb: string): boolean => new RegExp(`^kubectl\\s+(?:\\S+\\s+)*?${verb}\\b`).test(line.trim());

/** A text in both languages. */
export const T = (es: string, en: string): Localized => ({ es, en });

/** A failed check that says, in both languages, what is still missing. */
export const missing = (es: string, en: string): CheckResult => ({ ok: false, detail: { es, en } });

/** An object's labels ({} when it has none). */
export const labels = (o: KObject): Record<string, string> => (o.metadata?.labels as Record<string, string> | undefined) ?? {};
