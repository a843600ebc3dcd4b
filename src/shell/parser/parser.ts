// Recursive-descent parser for the bash subset people type: lists, pipelines, && ||, & ; newlines,
// quoting, $VAR ${...} $(...) `...` $((...)), heredocs, redirections, for/while/until/if, { } ( ),
// name() { } functions, comments and line continuation. Models bash's parse.y behaviour, not its code.
// Leaves out: case/esac, [[ ]], (( )), select, arrays, coprocesses, brace expansion {a,b}.
import type {
  AndOr, Assignment, ForCommand, IfCommand, ListItem, ParamOp, Pipeline, Redirect, RedirectOp, Script, ShellCommand, SimpleCommand, WhileCommand, Word, WordPart,
} from './ast';

export class ParseError extends Error {
  /** True when the text ended inside an unfinished construct (more input could complete it). */
  readonly incomplete: boolean;
  constructor(message: string, incomplete: boolean) {
    super(message);
    this.incomplete = incomplete;
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const RESERVED_STOPS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}', 'in']);
const REDIR_RE = /^([0-9]+)?(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|>|<)/;
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const FUNC_RE = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\([ \t]*\)/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;

interface PendingHeredoc { redirect: Redirect; delimiter: string; strip: boolean; quoted: boolean }

const lit = (text: string, quoted: boolean): WordPart => ({ kind: 'lit', text, quoted });

function pushLit(parts: WordPart[], text: string, quoted: boolean): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
  else parts.push(lit(text, quoted));
}

export class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  // ---------- entry points ----------

  parseProgram(): Script {
    const script = this.parseScript([]);
    this.skipBlanks();
    if (!this.eof()) this.unexpected();
    this.flushHeredocsAtEof();
    return script;
  }

  /** Top-level commands (one per line, with their heredoc bodies) as source slices. */
  splitTopLevel(): string[] {
    const out: string[] = [];
    for (;;) {
      this.skipSeparators(true);
      if (this.eof()) break;
      const start = this.pos;
      for (;;) {
        this.parseAndOr();
        this.skipBlanks();
        const c = this.peek();
        if (c === '&' && this.peekAt(1) !== '&') { this.pos++; this.skipBlanks(); }
        else if (c === ';' && this.peekAt(1) !== ';') { this.pos++; this.skipBlanks(); }
        if (this.eof() || this.peek() === '\n') break;
        if (this.peek() === '#') { this.skipComment(); break; }
        if (this.peek() === ')' || this.peek() === ';') this.unexpected();
      }
      if (this.peek() === '\n') { this.pos++; this.readHeredocs(); }
      this.flushHeredocsAtEof();
      out.push(this.src.slice(start, this.pos).replace(/\s+$/, ''));
    }
    return out;
  }

  // ---------- low-level helpers ----------

  private eof(): boolean { return this.pos >= this.src.length; }
  private peek(): string { return this.src[this.pos] ?? ''; }
  private peekAt(n: number): string { return this.src[this.pos + n] ?? ''; }
  private rest(): string { return this.src.slice(this.pos, this.pos + 64); }

  private incomplete(): never {
    throw new ParseError('syntax error: unexpected end of file', true);
  }

  private unexpected(): never {
    if (this.eof()) this.incomplete();
    let tok = this.peek();
    const two = this.src.slice(this.pos, this.pos + 2);
    if (['&&', '||', ';;', '>>', '<<', '&>'].includes(two)) tok = two;
    else if (tok === '\n') tok = 'newline';
    else if (!META.has(tok)) tok = this.src.slice(this.pos).match(/^[^\s;&|<>()]+/)?.[0] ?? tok;
    throw new ParseError(`syntax error near unexpected token \`${tok}'`, false);
  }

  /** Skips spaces, tabs, line continuations and a trailing comment (not the newline). */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') { this.pos++; continue; }
      if (c === '\\' && this.peekAt(1) === '\n') { this.pos += 2; continue; }
      if (c === '\\' && this.pos + 1 >= this.src.length) this.incomplete();
      if (c === '#') { this.skipComment(); continue; }
      return;
    }
  }

  private skipComment(): void {
    while (!this.eof() && this.peek() !== '\n') this.pos++;
  }

  /** Skips blanks and newlines (reading heredoc bodies); with `semis`, `;` too. */
  private skipSeparators(semis: boolean): void {
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === '\n') { this.pos++; this.readHeredocs(); continue; }
      if (semis && c === ';' && this.peekAt(1) !== ';') { this.pos++; continue; }
      return;
    }
  }

  private skipNewlines(): void { this.skipSeparators(false); }

  /** The reserved word at the cursor, if the next token is one. */
  private peekReserved(): string | null {
    const m = /^(if|then|elif|else|fi|for|in|while|until|do|done|\{|\}|!|function)(?=[\s;&|()<>]|$)/.exec(this.rest());
    if (!m) return null;
    if (m[1] === '}' || m[1] === '{') {
      const next = this.src[this.pos + 1] ?? '';
      if (m[1] === '{' && next !== ' ' && next !== '\t' && next !== '\n') return null;
    }
    return m[1];
  }

  private expectReserved(word: string): void {
    this.skipSeparators(true);
    if (this.peekReserved() !== word) this.unexpected();
    this.pos += word.length;
  }

  // ---------- heredocs ----------

  private readHeredocs(): void {
    const list = this.pending;
    this.pending = [];
    for (const h of list) {
      const lines: string[] = [];
      let found = false;
      while (!this.eof()) {
        let end = this.src.indexOf('\n', this.pos);
        const last = end < 0;
        if (last) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = last ? end : end + 1;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) { found = true; break; }
        lines.push(line + '\n');
      }
      if (!found) this.incomplete();
      const text = lines.join('');
      h.redirect.heredoc = {
        quoted: h.quoted,
        body: h.quoted ? { parts: text ? [lit(text, true)] : [] } : new Parser(text).parseHeredocBody(),
      };
    }
  }

  private flushHeredocsAtEof(): void {
    if (this.pending.length > 0) this.incomplete();
  }

  /** Heredoc body: `$`, backticks and `\$ \` \\ \newline` are special; quotes are not. */
  parseHeredocBody(): Word {
    const parts: WordPart[] = [];
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\') {
        const n = this.peekAt(1);
        if (n === '$' || n === '`' || n === '\\') { pushLit(parts, n, true); this.pos += 2; continue; }
        if (n === '\n') { this.pos += 2; continue; }
        pushLit(parts, c, true); this.pos++; continue;
      }
      if (c === '$' && this.parseDollar(parts, true)) continue;
      if (c === '`') { parts.push(this.parseBacktick(true)); continue; }
      pushLit(parts, c, true); this.pos++;
    }
    return { parts };
  }

  // ---------- grammar ----------

  private parseScript(stops: string[]): Script {
    const items: ListItem[] = [];
    for (;;) {
      this.skipSeparators(false);
      if (this.eof()) {
        if (stops.length > 0) this.incomplete();
        break;
      }
      if (this.peek() === ')' && stops.includes(')')) break;
      const rw = this.peekReserved();
      if (rw && stops.includes(rw)) break;
      if (this.peek() === ')' || this.peek() === ';') this.unexpected();
      const start = this.pos;
      const node = this.parseAndOr();
      const source = this.src.slice(start, this.pos).trim();
      this.skipBlanks();
      let background = false;
      const c = this.peek();
      if (c === '&' && this.peekAt(1) !== '&') { this.pos++; background = true; }
      else if (c === ';' && this.peekAt(1) !== ';') this.pos++;
      else if (c === '\n') { this.pos++; this.readHeredocs(); }
      else if (!this.eof() && c !== ')' && !(c === '}' )) {
        const r = this.peekReserved();
        if (!r || !stops.includes(r)) this.unexpected();
      }
      items.push({ node, background, source });
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== '&&' && two !== '||') break;
      this.pos += 2;
      this.skipNewlines();
      if (this.eof()) this.incomplete();
      rest.push({ op: two, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.peekReserved() === '!') { negate = true; this.pos++; this.skipBlanks(); }
    const commands: ShellCommand[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.peekAt(1) === '|') break;
      this.pos++;
      let both = false;
      if (this.peek() === '&') { this.pos++; both = true; }
      if (both) {
        const prev = commands[commands.length - 1];
        if (prev.type !== 'function') prev.redirects.push({ fd: 2, op: '>&', target: { parts: [lit('1', false)] } });
      }
      this.skipNewlines();
      if (this.eof()) this.incomplete();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  private parseCommand(): ShellCommand {
    this.skipBlanks();
    if (this.eof()) this.incomplete();
    const rw = this.peekReserved();
    const start = this.pos;
    switch (rw) {
      case 'for': return this.withRedirects(this.parseFor());
      case 'while': case 'until': return this.withRedirects(this.parseWhile(rw === 'until'));
      case 'if': return this.withRedirects(this.parseIf());
      case '{': {
        this.pos++;
        const body = this.parseScript(['}']);
        this.expectReserved('}');
        return this.withRedirects({ type: 'group', subshell: false, body, redirects: [] });
      }
      case 'function': {
        this.pos += 8;
        this.skipBlanks();
        const m = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(\([ \t]*\))?/.exec(this.rest());
        if (!m) this.unexpected();
        this.pos += m[0].length;
        return this.parseFunctionBody(m[1], start);
      }
      case null: case '!': break;
      default: if (RESERVED_STOPS.has(rw)) this.unexpected();
    }
    if (this.peek() === '(') {
      this.pos++;
      const body = this.parseScript([')']);
      this.skipSeparators(true);
      if (this.peek() !== ')') this.unexpected();
      this.pos++;
      return this.withRedirects({ type: 'group', subshell: true, body, redirects: [] });
    }
    const fm = FUNC_RE.exec(this.rest());
    if (fm) {
      this.pos += fm[0].length;
      return this.parseFunctionBody(fm[1], start);
    }
    return this.parseSimple();
  }

  private parseFunctionBody(name: string, start: number): ShellCommand {
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.type === 'simple' || body.type === 'function') this.unexpected();
    return { type: 'function', name, body, source: this.src.slice(start, this.pos) };
  }

  private withRedirects<T extends Exclude<ShellCommand, { type: 'function' }>>(cmd: T): T {
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return cmd;
      cmd.redirects.push(r);
    }
  }

  private parseFor(): ForCommand {
    this.pos += 3;
    this.skipBlanks();
    const m = NAME_RE.exec(this.rest());
    if (!m) this.unexpected();
    this.pos += m[0].length;
    this.skipBlanks();
    let items: Word[] | null = null;
    // `for x in a b c;` or `for x;` or newline before `in`.
    const save = this.pos;
    this.skipNewlines();
    if (this.peekReserved() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === ';' || c === '\n' || this.eof()) break;
        const w = this.parseWord();
        if (!w) this.unexpected();
        items.push(w);
      }
      if (this.eof()) this.incomplete();
      if (this.peek() === ';') this.pos++;
    } else {
      this.pos = save;
      if (this.peek() === ';') this.pos++;
    }
    this.expectReserved('do');
    const body = this.parseScript(['done']);
    this.expectReserved('done');
    return { type: 'for', variable: m[0], items, body, redirects: [] };
  }

  private parseWhile(until: boolean): WhileCommand {
    this.pos += 5; // 'while' and 'until' have the same length
    const cond = this.parseScript(['do']);
    this.expectReserved('do');
    const body = this.parseScript(['done']);
    this.expectReserved('done');
    return { type: 'while', until, cond, body, redirects: [] };
  }

  private parseIf(): IfCommand {
    this.pos += 2;
    const clauses: { cond: Script; body: Script }[] = [];
    let elseBody: Script | null = null;
    for (;;) {
      const cond = this.parseScript(['then']);
      this.expectReserved('then');
      const body = this.parseScript(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      this.skipSeparators(true);
      const rw = this.peekReserved();
      if (rw === 'elif') { this.pos += 4; continue; }
      if (rw === 'else') {
        this.pos += 4;
        elseBody = this.parseScript(['fi']);
        this.expectReserved('fi');
        break;
      }
      this.expectReserved('fi');
      break;
    }
    return { type: 'if', clauses, elseBody, redirects: [] };
  }

  private parseSimple(): SimpleCommand {
    const start = this.pos;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.peek();
      const r = this.tryRedirect();
      if (r) { redirects.push(r); continue; }
      if (c === '\n' || c === ';' || c === '|' || c === ')' || (c === '&')) break;
      if (c === '(') this.unexpected();
      if (words.length === 0) {
        const am = ASSIGN_RE.exec(this.rest());
        if (am) {
          this.pos += am[0].length;
          const value = this.parseWord(true) ?? { parts: [] };
          assigns.push({ name: am[1], value, append: am[2] === '+' });
          continue;
        }
      }
      const w = this.parseWord();
      if (!w) this.unexpected();
      words.push(w);
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) this.unexpected();
    return { type: 'simple', assigns, words, redirects, source: this.src.slice(start, this.pos).trim() };
  }

  private tryRedirect(): Redirect | null {
    const m = REDIR_RE.exec(this.rest());
    if (!m) return null;
    // `&` alone is a background operator, `&&` a list operator.
    this.pos += m[0].length;
    const op = m[2] as RedirectOp;
    const fd = m[1] !== undefined ? Number(m[1]) : op.startsWith('<') && op !== '<&' ? 0 : op === '<&' ? 0 : 1;
    this.skipBlanks();
    if (this.eof()) throw new ParseError("syntax error near unexpected token `newline'", false);
    const target = this.parseWord();
    if (!target) this.unexpected();
    const redirect: Redirect = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      let delimiter = '';
      let quoted = false;
      for (const p of target.parts) {
        if (p.kind === 'lit') { delimiter += p.text; if (p.quoted) quoted = true; }
        else if (p.kind === 'param') { delimiter += '$' + p.name; }
        else if (p.kind === 'tilde') delimiter += '~' + p.user;
        else quoted = true;
      }
      this.pending.push({ redirect, delimiter, strip: op === '<<-', quoted });
    }
    return redirect;
  }

  // ---------- words ----------

  /** Reads one word; null when the cursor is at a metacharacter. */
  private parseWord(assignValue = false): Word | null {
    const parts: WordPart[] = [];
    const start = this.pos;
    if (this.peek() === '~') {
      const m = /^~([A-Za-z0-9_.-]*)(?=[/\s;&|<>()]|$|:)/.exec(this.rest());
      if (m && (this.src[this.pos + m[0].length] !== ':' || assignValue)) {
        parts.push({ kind: 'tilde', user: m[1] });
        this.pos += m[0].length;
      }
    }
    while (!this.eof()) {
      const c = this.peek();
      if (META.has(c)) break;
      if (c === '\\') {
        const n = this.peekAt(1);
        if (n === '\n') { this.pos += 2; continue; }
        if (n === '') this.incomplete();
        pushLit(parts, n, true);
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.incomplete();
        const text = this.src.slice(this.pos + 1, end);
        if (text === '') parts.push(lit('', true)); else pushLit(parts, text, true);
        this.pos = end + 1;
        continue;
      }
      if (c === '"') { this.parseDoubleQuoted(parts); continue; }
      if (c === '`') { parts.push(this.parseBacktick(false)); continue; }
      if (c === '$') {
        if (this.parseDollar(parts, false)) continue;
      }
      pushLit(parts, c, false);
      this.pos++;
    }
    if (this.pos === start) return null;
    return { parts };
  }

  private parseDoubleQuoted(parts: WordPart[]): void {
    this.pos++;
    const before = parts.length;
    let sawText = false;
    for (;;) {
      if (this.eof()) this.incomplete();
      const c = this.peek();
      if (c === '"') { this.pos++; break; }
      if (c === '\\') {
        const n = this.peekAt(1);
        if (n === '\n') { this.pos += 2; continue; }
        if (n === '$' || n === '`' || n === '"' || n === '\\') { pushLit(parts, n, true); this.pos += 2; sawText = true; continue; }
        pushLit(parts, '\\', true); this.pos++; sawText = true; continue;
      }
      if (c === '$' && this.parseDollar(parts, true)) continue;
      if (c === '`') { parts.push(this.parseBacktick(true)); continue; }
      pushLit(parts, c, true); sawText = true;
      this.pos++;
    }
    // "" is an empty argument, not nothing.
    if (!sawText && parts.length === before) parts.push(lit('', true));
  }

  private parseBacktick(quoted: boolean): WordPart {
    this.pos++;
    let inner = '';
    for (;;) {
      if (this.eof()) this.incomplete();
      const c = this.peek();
      if (c === '`') { this.pos++; break; }
      if (c === '\\') {
        const n = this.peekAt(1);
        if (n === '`' || n === '\\' || n === '$') { inner += n; this.pos += 2; continue; }
      }
      inner += c;
      this.pos++;
    }
    const script = new Parser(inner).parseProgram();
    return { kind: 'cmdsub', script, source: inner, quoted };
  }

  /** Parses a `$` construct into parts; false when the `$` is literal. */
  private parseDollar(parts: WordPart[], quoted: boolean): boolean {
    const n = this.peekAt(1);
    if (n === '(' && this.peekAt(2) === '(') {
      const expr = this.readArith();
      if (expr !== null) { parts.push({ kind: 'arith', expr, quoted }); return true; }
    }
    if (n === '(') {
      this.pos += 2;
      const start = this.pos;
      const script = this.parseScript([')']);
      this.skipSeparators(true);
      if (this.peek() !== ')') this.unexpected();
      const source = this.src.slice(start, this.pos);
      this.pos++;
      parts.push({ kind: 'cmdsub', script, source, quoted });
      return true;
    }
    if (n === '{') { parts.push(this.parseBraceParam(quoted)); return true; }
    if (n === "'" && !quoted) { this.parseAnsiC(parts); return true; }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$!#@*\-])/.exec(this.src.slice(this.pos + 1, this.pos + 80));
    if (!m) return false;
    this.pos += 1 + m[0].length;
    parts.push({ kind: 'param', name: m[0], quoted });
    return true;
  }

  /** `$((...))` up to the matching `))`; null if the parens do not balance as arithmetic. */
  private readArith(): string | null {
    let depth = 0;
    let i = this.pos + 3;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (this.src[i + 1] === ')') {
            const expr = this.src.slice(this.pos + 3, i);
            this.pos = i + 2;
            return expr;
          }
          return null;
        }
        depth--;
      }
    }
    this.incomplete();
  }

  private parseAnsiC(parts: WordPart[]): void {
    this.pos += 2;
    let out = '';
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    for (;;) {
      if (this.eof()) this.incomplete();
      const c = this.peek();
      if (c === "'") { this.pos++; break; }
      if (c === '\\') {
        const n = this.peekAt(1);
        if (n in map) { out += map[n]; this.pos += 2; continue; }
        const hex = /^x([0-9a-fA-F]{1,2})/.exec(this.src.slice(this.pos + 1, this.pos + 4));
        if (hex) { out += String.fromCharCode(parseInt(hex[1], 16)); this.pos += 1 + hex[0].length; continue; }
        const oct = /^[0-7]{1,3}/.exec(this.src.slice(this.pos + 1, this.pos + 4));
        if (oct) { out += String.fromCharCode(parseInt(oct[0], 8)); this.pos += 1 + oct[0].length; continue; }
      }
      out += c;
      this.pos++;
    }
    if (out === '') parts.push(lit('', true)); else pushLit(parts, out, true);
  }

  private parseBraceParam(quoted: boolean): WordPart {
    this.pos += 2;
    const startInner = this.pos;
    let length = false;
    if (this.peek() === '#' && this.peekAt(1) !== '}') { length = true; this.pos++; }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$!#@*\-])/.exec(this.src.slice(this.pos, this.pos + 80));
    if (!m) throw new ParseError(`\${${this.src.slice(startInner, this.src.indexOf('}', startInner))}}: bad substitution`, false);
    const name = m[0];
    this.pos += name.length;
    if (length) {
      if (this.peek() !== '}') this.incompleteOr();
      this.pos++;
      return { kind: 'param', name, quoted, op: { type: 'length' } };
    }
    if (this.peek() === '}') { this.pos++; return { kind: 'param', name, quoted }; }
    let op: ParamOp;
    const two = this.src.slice(this.pos, this.pos + 2);
    const c = this.peek();
    if ([':-', ':=', ':+', ':?'].includes(two) || ['-', '=', '+', '?'].includes(c)) {
      const colon = c === ':';
      const sym = colon ? two[1] : c;
      this.pos += colon ? 2 : 1;
      const word = this.parseParamWord(quoted, '}');
      const type = sym === '-' ? 'default' : sym === '=' ? 'assign' : sym === '+' ? 'alternative' : 'error';
      op = { type, colon, word };
    } else if (c === '#' || c === '%') {
      const longest = this.peekAt(1) === c;
      this.pos += longest ? 2 : 1;
      op = { type: c === '#' ? 'trimPrefix' : 'trimSuffix', longest, word: this.parseParamWord(quoted, '}') };
    } else if (c === '/') {
      const all = this.peekAt(1) === '/';
      this.pos += all ? 2 : 1;
      const pattern = this.parseParamWord(quoted, '/}');
      let replacement: Word = { parts: [] };
      if (this.src[this.pos - 1] === '/') replacement = this.parseParamWord(quoted, '}');
      op = { type: 'replace', all, pattern, replacement };
      return { kind: 'param', name, quoted, op };
    } else {
      throw new ParseError(`\${${this.src.slice(startInner, this.src.indexOf('}', startInner))}}: bad substitution`, false);
    }
    return { kind: 'param', name, quoted, op };
  }

  private incompleteOr(): never {
    if (this.eof()) this.incomplete();
    throw new ParseError('bad substitution', false);
  }

  /** Word inside ${...} up to one of `ends` (consumed). */
  private parseParamWord(quoted: boolean, ends: string): Word {
    const parts: WordPart[] = [];
    for (;;) {
      if (this.eof()) this.incomplete();
      const c = this.peek();
      if (ends.includes(c)) { this.pos++; break; }
      if (c === '\\') { pushLit(parts, this.peekAt(1), true); this.pos += 2; continue; }
      if (c === "'" && !quoted) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.incomplete();
        pushLit(parts, this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
        continue;
      }
      if (c === '"') { this.parseDoubleQuoted(parts); continue; }
      if (c === '$' && this.parseDollar(parts, quoted)) continue;
      if (c === '`') { parts.push(this.parseBacktick(quoted)); continue; }
      pushLit(parts, c, quoted);
      this.pos++;
    }
    return { parts };
  }
}

export function parse(src: string): Script {
  return new Parser(src).parseProgram();
}

/** True when `text` ends inside an unfinished construct: open quote, heredoc, loop, trailing `\` or `|`. */
export function needsMoreInput(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

/** Splits a script into its top-level commands, each with its full source (heredoc bodies, loops). */
export function splitTopLevel(script: string): string[] {
  return new Parser(script).splitTopLevel();
}
