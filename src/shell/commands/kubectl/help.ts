// kubectl's help: `kubectl`, `kubectl --help`, `kubectl help [CMD...]`, `kubectl CMD [SUB] --help|-h`
// and `kubectl options`, printed from the texts kubectl v1.32 renders (help-texts.ts). Unknown
// topics get cobra's "Unknown help topic" plus the root usage.
// Models cobra's help command and kubectl/pkg/util/templates (the layout lives in the texts).
// Leaves out: plugin subcommands (the "Subcommands provided by plugins:" group stays empty).

import { HELP_TEXTS } from './help-texts';

// Static import: a lazy import() resolves on real time, which the headless driver does not wait
// for (it would advance virtual time meanwhile). Kept async so a lazy chunk can come back later.
/** The help texts keyed by command path (`''` is the root). */
export async function helpTexts(): Promise<Record<string, string>> {
  return HELP_TEXTS;
}

function personalise(text: string, home: string): string {
  return text.includes('@HOME@') ? text.split('@HOME@').join(home.replace(/\/$/, '')) : text;
}

/**
 * The longest command path among `words` (sub-command words in order, flags already removed)
 * that has help text: `['create', 'deployment', 'web']` → `'create deployment'`.
 */
export function helpPath(texts: Record<string, string>, words: string[]): string {
  let best = '';
  for (let i = 1; i <= words.length; i++) {
    const p = words.slice(0, i).join(' ');
    if (Object.prototype.hasOwnProperty.call(texts, p)) best = p;
    else break;
  }
  return best;
}

/** Positional words of argv before the first flag-looking word that takes no part in the path. */
export function pathWords(argv: string[]): string[] {
  const words: string[] = [];
  for (const a of argv) {
    if (a === '--') break;
    if (a.startsWith('-')) continue;
    words.push(a);
  }
  return words;
}

/** Help text for a command path, or undefined when kubectl has no such command. */
export async function helpFor(words: string[], home: string): Promise<string | undefined> {
  const texts = await helpTexts();
  const p = helpPath(texts, words);
  if (words.length && p === '') return undefined;
  return personalise(texts[p], home);
}

/** `kubectl help ARGS`: help for the command, or cobra's unknown-topic answer (stderr, exit 0). */
export async function helpCommand(args: string[], home: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const texts = await helpTexts();
  const p = helpPath(texts, args);
  // cobra's legacyArgs rejects only an unknown first word; extra words after a command are ignored.
  if (args.length && p === '') {
    err(`Unknown help topic [${args.map((a) => '`' + a + '`').join(' ')}]\n${texts.__usage__}`);
    return 0;
  }
  out(personalise(texts[p], home));
  return 0;
}

/** `kubectl options`: the global flags. */
export async function optionsText(home: string): Promise<string> {
  return personalise((await helpTexts()).options, home);
}
