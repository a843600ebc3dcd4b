// AST of the bash subset Timonel understands (see parser.ts for the grammar).
// Mirrors bash's own split: words keep their quoting so expansion can decide what to split/glob.
// Leaves out: case, until-less loops besides while/until, [[ ]], arrays, function keyword forms.

/** A piece of a word. `quoted` parts are not field-split nor globbed. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'tilde'; user: string }                                   // leading ~ or ~user
  | { kind: 'param'; name: string; quoted: boolean; op?: ParamOp }
  | { kind: 'cmdsub'; script: Script; source: string; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

export type ParamOp =
  | { type: 'length' }                                                // ${#x}
  | { type: 'default' | 'assign' | 'alternative' | 'error'; colon: boolean; word: Word } // :- := :+ :?
  | { type: 'trimPrefix' | 'trimSuffix'; longest: boolean; word: Word } // # ## % %%
  | { type: 'replace'; all: boolean; pattern: Word; replacement: Word };  // ${x/a/b} ${x//a/b}

export interface Word { parts: WordPart[] }

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<' | '>|';

export interface Redirect {
  fd: number;                 // default 1 for output, 0 for input
  op: RedirectOp;
  target: Word;               // file name, fd number for >& / <&, here-string word, heredoc delimiter
  heredoc?: { body: Word; quoted: boolean }; // body parsed as a double-quoted-like word unless quoted
}

export interface Assignment { name: string; value: Word; append: boolean }

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** Source text of the command, for `jobs` and error messages. */
  source: string;
}
export interface ForCommand { type: 'for'; variable: string; items: Word[] | null; body: Script; redirects: Redirect[] }
export interface WhileCommand { type: 'while'; until: boolean; cond: Script; body: Script; redirects: Redirect[] }
export interface IfCommand { type: 'if'; clauses: { cond: Script; body: Script }[]; elseBody: Script | null; redirects: Redirect[] }
export interface GroupCommand { type: 'group'; subshell: boolean; body: Script; redirects: Redirect[] }
export interface FunctionDef { type: 'function'; name: string; body: ShellCommand; source: string }

export type ShellCommand = SimpleCommand | ForCommand | WhileCommand | IfCommand | GroupCommand | FunctionDef;

export interface Pipeline { negate: boolean; commands: ShellCommand[] }
export interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; pipeline: Pipeline }[] }
export interface ListItem { node: AndOr; background: boolean; source: string }
export interface Script { items: ListItem[] }
