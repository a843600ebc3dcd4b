// A pure readline-like line editor for the terminal: it turns xterm's input data (keys, escape
// sequences, pastes) into edits of one line and returns the ANSI output that redraws it, plus
// actions for the host (submit, interrupt, complete, stdin). Unit-tested without xterm.
// Keys follow GNU readline's emacs defaults, Ctrl-R included. While a command runs, input is
// handled like a cooked TTY (echo, Backspace, Ctrl-U, Enter sends the line, Ctrl-D EOF) and
// goes to the command's stdin. A multi-line paste at the prompt runs line by line.
// SIMPLIFICATION: every character is one column wide; lines pasted at the prompt wait for the
// next prompt even when the command they start reads stdin.

export type EditorAction =
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'complete'; line: string; cursor: number }
  | { type: 'clear' }
  | { type: 'eof' }
  /** Input for the running command: a cooked line (ending in "\n"), or end of file. */
  | { type: 'stdin'; data: string; eof?: boolean };

export interface FeedResult {
  output: string;
  actions: EditorAction[];
}

const ESC = '\x1b';

/** Escape sequences xterm sends, mapped to editor commands. */
const SEQUENCES: Record<string, string> = {
  [`${ESC}[A`]: 'up', [`${ESC}OA`]: 'up',
  [`${ESC}[B`]: 'down', [`${ESC}OB`]: 'down',
  [`${ESC}[C`]: 'right', [`${ESC}OC`]: 'right',
  [`${ESC}[D`]: 'left', [`${ESC}OD`]: 'left',
  [`${ESC}[H`]: 'home', [`${ESC}OH`]: 'home', [`${ESC}[1~`]: 'home', [`${ESC}[7~`]: 'home',
  [`${ESC}[F`]: 'end', [`${ESC}OF`]: 'end', [`${ESC}[4~`]: 'end', [`${ESC}[8~`]: 'end',
  [`${ESC}[3~`]: 'delete',
  [`${ESC}[1;5C`]: 'word-right', [`${ESC}[1;5D`]: 'word-left', [`${ESC}f`]: 'word-right', [`${ESC}b`]: 'word-left',
  [`${ESC}[200~`]: 'ignore', [`${ESC}[201~`]: 'ignore',
};

const CONTROL: Record<string, string> = {
  '\r': 'enter', '\n': 'enter',
  '\x7f': 'backspace', '\x08': 'backspace',
  '\x01': 'home', '\x05': 'end', '\x02': 'left', '\x06': 'right',
  '\x10': 'up', '\x0e': 'down',
  '\x0b': 'kill-end', '\x15': 'kill-start', '\x17': 'kill-word', '\x19': 'yank',
  '\x03': 'interrupt', '\x0c': 'clear', '\x04': 'eof', '\t': 'tab',
  '\x12': 'search', '\x07': 'abort',
};

/** readline's incremental search state (Ctrl-R). */
interface Search {
  query: string;
  /** History index of the shown match (history.length = the line being edited). */
  index: number;
  failed: boolean;
  /** The line and cursor before the search (Ctrl-G puts them back). */
  line: string;
  pos: number;
  /** The real prompt, shown again when the search ends. */
  prompt: string;
  /** States before each typed character, for Backspace. */
  stack: { query: string; index: number; failed: boolean }[];
}

export interface LineEditorOptions {
  history?: string[];
  columns?: number;
}

export class LineEditor {
  private buffer = '';
  private pos = 0;
  private prompt = '';
  private running = true;
  private history: string[];
  private historyIndex: number | null = null;
  private draft = '';
  private killed = '';
  /** Row of the cursor relative to the prompt's first row, as last drawn. */
  private cursorRow = 0;
  private search: Search | null = null;
  private lastQuery = '';
  /** What a running command's reader has not been sent yet (the cooked line being typed). */
  private cooked = '';
  /** Pasted text after a submitted line, replayed at the next prompt. */
  private queued = '';
  columns: number;

  constructor(opts: LineEditorOptions = {}) {
    this.history = [...(opts.history ?? [])];
    this.columns = Math.max(1, opts.columns ?? 80);
  }

  get line(): string {
    return this.buffer;
  }
  get cursor(): number {
    return this.pos;
  }
  /** True while reading a line (false while a command runs). */
  get active(): boolean {
    return !this.running;
  }
  /** True while Ctrl-R searches the history. */
  get searching(): boolean {
    return this.search !== null;
  }
  /** True when pasted lines wait for the next prompt (see `replayQueued`). */
  get hasQueued(): boolean {
    return this.queued !== '';
  }
  get entries(): readonly string[] {
    return this.history;
  }

  /** Shows `prompt` and starts reading a line. */
  start(prompt: string): string {
    this.prompt = prompt;
    this.buffer = '';
    this.pos = 0;
    this.historyIndex = null;
    this.draft = '';
    this.running = false;
    this.cursorRow = 0;
    this.search = null;
    this.cooked = '';
    return prompt;
  }

  /** Feeds the next pasted line(s) that waited for this prompt (call right after `start`). */
  replayQueued(): FeedResult {
    const text = this.queued;
    this.queued = '';
    return this.feed(text);
  }

  setHistory(entries: string[]): void {
    this.history = [...entries];
    this.historyIndex = null;
  }

  feed(data: string): FeedResult {
    const res: FeedResult = { output: '', actions: [] };
    let i = 0;
    while (i < data.length) {
      const ch = data[i];
      if (ch === ESC) {
        const seq = this.matchSequence(data, i);
        i += seq.length;
        const cmd = SEQUENCES[seq] ?? (seq === ESC ? 'escape' : undefined);
        if (cmd) this.dispatch(cmd, res);
        continue;
      }
      i++;
      const cmd = CONTROL[ch];
      if (cmd) {
        const wasReading = !this.running;
        this.dispatch(cmd, res);
        if (wasReading && this.running && cmd === 'enter') {
          // A line was submitted: what follows in this chunk is a paste, for the next prompts.
          this.queued = data.slice(ch === '\r' && data[i] === '\n' ? i + 1 : i) + this.queued;
          break;
        }
      } else if (ch >= ' ') {
        // Collect a run of printable text (typing or a paste) and insert it at once.
        let j = i;
        while (j < data.length && data[j] >= ' ' && data[j] !== '\x7f') j++;
        this.insertText(ch + data.slice(i, j), res);
        i = j;
      }
    }
    return res;
  }

  private dispatch(cmd: string, res: FeedResult): void {
    if (this.running) this.cookedCommand(cmd, res);
    else if (this.search) this.searchCommand(cmd, res);
    else this.command(cmd, res);
  }

  private insertText(text: string, res: FeedResult): void {
    if (this.running) {
      this.cooked += text;
      res.output += text;
    } else if (this.search) {
      const s = this.search;
      for (const ch of text) {
        s.stack.push({ query: s.query, index: s.index, failed: s.failed });
        this.searchFor(s.query + ch, s.index, res);
      }
    } else this.insert(text, res);
  }

  // ---------------------------------------------------------------- cooked input (command runs)

  /** A canonical-mode TTY: echo, erase, kill, Enter sends the line, Ctrl-D sends or ends input. */
  private cookedCommand(cmd: string, res: FeedResult): void {
    switch (cmd) {
      case 'enter':
        res.output += '\r\n';
        res.actions.push({ type: 'stdin', data: this.cooked + '\n' });
        this.cooked = '';
        return;
      case 'backspace':
        if (this.cooked === '') return;
        this.cooked = this.cooked.slice(0, -1);
        res.output += '\b \b';
        return;
      case 'kill-start':
        res.output += '\b \b'.repeat(this.cooked.length);
        this.cooked = '';
        return;
      case 'eof':
        // Ctrl-D sends what was typed without a newline; on an empty line it is end of file.
        res.actions.push(this.cooked === '' ? { type: 'stdin', data: '', eof: true } : { type: 'stdin', data: this.cooked });
        this.cooked = '';
        return;
      case 'interrupt':
        this.cooked = '';
        this.queued = '';
        res.output += '^C\r\n';
        res.actions.push({ type: 'interrupt' });
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- reverse-i-search (Ctrl-R)

  private searchPrompt(): string {
    const s = this.search;
    if (!s) return this.prompt;
    return `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
  }

  private startSearch(res: FeedResult): void {
    this.search = { query: '', index: this.history.length, failed: false, line: this.buffer, pos: this.pos, prompt: this.prompt, stack: [] };
    res.output += this.redraw(this.searchPrompt(), this.buffer, this.pos);
  }

  /** Looks for `query` from history entry `from` backwards; shows the match or fails. */
  private searchFor(query: string, from: number, res: FeedResult): void {
    const s = this.search as Search;
    s.query = query;
    const entries = this.history;
    let found = -1;
    if (query === '') found = from;
    else
      for (let k = Math.min(from, entries.length - 1); k >= 0; k--) {
        if (entries[k].includes(query)) {
          found = k;
          break;
        }
      }
    if (found < 0) {
      s.failed = true;
      res.output += this.redraw(this.searchPrompt(), this.buffer, this.pos);
      return;
    }
    s.failed = false;
    s.index = found;
    const line = found >= entries.length ? s.line : entries[found];
    const at = query === '' ? this.pos : line.indexOf(query);
    res.output += this.redraw(this.searchPrompt(), line, Math.max(0, at));
  }

  private endSearch(res: FeedResult, restore: boolean): void {
    const s = this.search as Search;
    this.search = null;
    if (s.query !== '') this.lastQuery = s.query;
    this.historyIndex = null;
    res.output += restore ? this.redraw(s.prompt, s.line, s.pos) : this.redraw(s.prompt, this.buffer, this.pos);
  }

  private searchCommand(cmd: string, res: FeedResult): void {
    const s = this.search as Search;
    switch (cmd) {
      case 'search':
        // Ctrl-R again: the next older match; on an empty query, the previous search's.
        if (s.query === '') {
          if (this.lastQuery !== '') this.searchFor(this.lastQuery, s.index - 1, res);
        } else this.searchFor(s.query, s.failed ? s.index : s.index - 1, res);
        return;
      case 'backspace': {
        // Back to the state before the last typed character.
        const prev = s.stack.pop();
        if (!prev) return;
        this.searchFor(prev.query, prev.index, res);
        return;
      }
      case 'abort':
        this.endSearch(res, true);
        return;
      case 'interrupt':
        this.endSearch(res, false);
        this.command('interrupt', res);
        return;
      case 'escape':
        this.endSearch(res, false);
        return;
      default:
        // Any other key ends the search on the shown line and then does its usual job.
        this.endSearch(res, false);
        this.command(cmd, res);
    }
  }

  /** Redraws prompt and line from the prompt's first row; leaves the cursor at `pos`. */
  private redraw(prompt: string, line: string, pos: number): string {
    let out = this.cursorRow > 0 ? `${ESC}[${this.cursorRow}A` : '';
    out += '\r';
    this.prompt = prompt;
    this.buffer = line;
    this.pos = pos;
    out += prompt + line + this.wrapFix() + `${ESC}[J`;
    this.cursorRow = this.rowOf(prompt.length + line.length);
    out += this.moveFromTo(line.length, pos);
    return out;
  }

  /** Applies completion candidates for the word at the cursor (from a `complete` action). */
  complete(candidates: string[]): string {
    if (this.running || candidates.length === 0) return '';
    const before = this.buffer.slice(0, this.pos);
    const word = /(\S*)$/.exec(before)?.[1] ?? '';
    const start = this.pos - word.length;
    if (candidates.length === 1) {
      const c = candidates[0];
      const add = c.endsWith('/') ? c : c + ' ';
      return this.replace(start, this.pos, add);
    }
    const common = commonPrefix(candidates);
    if (common.length > word.length && common.startsWith(word)) return this.replace(start, this.pos, common);
    // No progress: list the candidates under the line, as bash does on a second Tab.
    let out = this.moveToEnd() + '\r\n' + formatColumns(candidates, this.columns);
    this.cursorRow = 0;
    out += this.prompt + this.buffer + this.placeCursorFromEnd();
    return out;
  }

  private matchSequence(data: string, i: number): string {
    // CSI: ESC [ params final; SS3: ESC O x; Meta: ESC x.
    if (data[i + 1] === '[') {
      let j = i + 2;
      while (j < data.length && /[0-9;?]/.test(data[j])) j++;
      return data.slice(i, Math.min(j + 1, data.length));
    }
    if (data[i + 1] === 'O') return data.slice(i, i + 3);
    return data.slice(i, i + 2);
  }

  private command(cmd: string, res: FeedResult): void {
    if (this.running) {
      // Between Enter and the command's start (same chunk): only Ctrl-C matters.
      if (cmd === 'interrupt') {
        this.queued = '';
        res.output += '^C\r\n';
        res.actions.push({ type: 'interrupt' });
      }
      return;
    }
    const b = this.buffer;
    switch (cmd) {
      case 'enter': {
        res.output += this.moveToEnd() + '\r\n';
        const line = b;
        this.running = true;
        if (line.trim() !== '' && !/^\s/.test(line) && this.history[this.history.length - 1] !== line) this.history.push(line);
        this.historyIndex = null;
        res.actions.push({ type: 'submit', line });
        return;
      }
      case 'search':
        this.startSearch(res);
        return;
      case 'backspace':
        if (this.pos > 0) res.output += this.replace(this.pos - 1, this.pos, '');
        return;
      case 'delete':
        if (this.pos < b.length) res.output += this.replace(this.pos, this.pos + 1, '');
        return;
      case 'eof':
        if (b === '') {
          res.actions.push({ type: 'eof' });
          return;
        }
        if (this.pos < b.length) res.output += this.replace(this.pos, this.pos + 1, '');
        return;
      case 'left':
        res.output += this.moveTo(this.pos - 1);
        return;
      case 'right':
        res.output += this.moveTo(this.pos + 1);
        return;
      case 'home':
        res.output += this.moveTo(0);
        return;
      case 'end':
        res.output += this.moveTo(b.length);
        return;
      case 'word-left':
        res.output += this.moveTo(wordStart(b, this.pos));
        return;
      case 'word-right':
        res.output += this.moveTo(wordEnd(b, this.pos));
        return;
      case 'kill-end':
        if (this.pos < b.length) this.killed = b.slice(this.pos);
        res.output += this.replace(this.pos, b.length, '');
        return;
      case 'kill-start':
        if (this.pos > 0) this.killed = b.slice(0, this.pos);
        res.output += this.replace(0, this.pos, '');
        return;
      case 'kill-word': {
        // unix-word-rubout: back to the previous whitespace.
        let s = this.pos;
        while (s > 0 && b[s - 1] === ' ') s--;
        while (s > 0 && b[s - 1] !== ' ') s--;
        if (s < this.pos) this.killed = b.slice(s, this.pos);
        res.output += this.replace(s, this.pos, '');
        return;
      }
      case 'yank':
        if (this.killed) res.output += this.replace(this.pos, this.pos, this.killed);
        return;
      case 'up':
        res.output += this.historyMove(-1);
        return;
      case 'down':
        res.output += this.historyMove(1);
        return;
      case 'interrupt':
        // bash prints ^C and a fresh prompt (the host calls start() with it).
        res.output += this.moveToEnd() + '^C\r\n';
        this.running = true;
        this.historyIndex = null;
        this.queued = '';
        res.actions.push({ type: 'interrupt' });
        return;
      case 'clear':
        res.output += `${ESC}[H${ESC}[2J${ESC}[3J`;
        this.cursorRow = 0;
        res.output += this.prompt + b + this.placeCursorFromEnd();
        res.actions.push({ type: 'clear' });
        return;
      case 'tab':
        res.actions.push({ type: 'complete', line: b, cursor: this.pos });
        return;
    }
  }

  private insert(text: string, res: FeedResult): void {
    if (this.running) return;
    res.output += this.replace(this.pos, this.pos, text);
  }

  private historyMove(dir: -1 | 1): string {
    const n = this.history.length;
    if (n === 0) return '';
    let idx = this.historyIndex;
    if (idx === null) {
      if (dir === 1) return '';
      this.draft = this.buffer;
      idx = n - 1;
    } else {
      idx += dir;
      if (idx < 0) return '';
    }
    const text = idx >= n ? this.draft : this.history[idx];
    this.historyIndex = idx >= n ? null : idx;
    return this.replaceAll(text);
  }

  private replaceAll(text: string): string {
    return this.replace(0, this.buffer.length, text);
  }

  /** Replaces buffer[from, to) with text, leaves the cursor after it, and redraws from `from`. */
  private replace(from: number, to: number, text: string): string {
    const oldCursor = this.pos;
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(to);
    this.pos = from + text.length;
    // Redraw from the edit point: move there, write the rest, clear what is left, place cursor.
    let out = this.moveFromTo(oldCursor, from);
    out += this.buffer.slice(from) + this.wrapFix() + `${ESC}[J`;
    this.cursorRow = this.rowOf(this.prompt.length + this.buffer.length);
    out += this.moveFromTo(this.buffer.length, this.pos);
    return out;
  }

  private moveTo(p: number): string {
    const target = Math.max(0, Math.min(this.buffer.length, p));
    const out = this.moveFromTo(this.pos, target);
    this.pos = target;
    return out;
  }

  private moveToEnd(): string {
    const out = this.moveFromTo(this.pos, this.buffer.length);
    this.pos = this.buffer.length;
    return out;
  }

  /** After writing up to an exact multiple of the width, xterm waits to wrap: force it. */
  private wrapFix(): string {
    const end = this.prompt.length + this.buffer.length;
    return end > 0 && end % this.columns === 0 ? ' \r' : '';
  }

  /** Cursor movement between two buffer offsets, assuming the cursor is at `from`. */
  private moveFromTo(from: number, to: number): string {
    const a = this.prompt.length + from;
    const b = this.prompt.length + to;
    if (a === b) return '';
    const rowA = this.cursorRow;
    const rowB = this.rowOf(b);
    const colB = b % this.columns;
    let out = '';
    if (rowB < rowA) out += `${ESC}[${rowA - rowB}A`;
    else if (rowB > rowA) out += `${ESC}[${rowB - rowA}B`;
    out += '\r';
    if (colB > 0) out += `${ESC}[${colB}C`;
    this.cursorRow = rowB;
    return out;
  }

  private placeCursorFromEnd(): string {
    this.cursorRow = this.rowOf(this.prompt.length + this.buffer.length);
    return this.wrapFix() + this.moveFromTo(this.buffer.length, this.pos);
  }

  private rowOf(offset: number): number {
    return Math.floor(offset / this.columns);
  }
}

function wordStart(b: string, pos: number): number {
  let s = pos;
  while (s > 0 && !/[A-Za-z0-9]/.test(b[s - 1])) s--;
  while (s > 0 && /[A-Za-z0-9]/.test(b[s - 1])) s--;
  return s;
}

function wordEnd(b: string, pos: number): number {
  let e = pos;
  while (e < b.length && !/[A-Za-z0-9]/.test(b[e])) e++;
  while (e < b.length && /[A-Za-z0-9]/.test(b[e])) e++;
  return e;
}

export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let p = items[0];
  for (const s of items) {
    let k = 0;
    while (k < p.length && k < s.length && p[k] === s[k]) k++;
    p = p.slice(0, k);
  }
  return p;
}

/** Lays candidates out in columns, top to bottom then left to right, like readline. */
export function formatColumns(items: string[], width: number): string {
  const colWidth = Math.max(...items.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / colWidth));
  const rows = Math.ceil(items.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const s = items[c * rows + r];
      if (s === undefined) continue;
      const last = c === perRow - 1 || items[(c + 1) * rows + r] === undefined;
      line += last ? s : s.padEnd(colWidth);
    }
    out += line + '\r\n';
  }
  return out;
}
