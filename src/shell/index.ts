// Public API of the shell layer: createShell() wires the parser, interpreter, builtins, virtual fs
// and command registry (coreutils + jq + whatever the host registers: kubectl, minikube, curl).
// Leaves out: prompt rendering and line editing (the terminal UI owns those).
import { jq } from './commands/jq/jq';
import { coreutils } from './commands/coreutils/index';
import { BUILTINS, jobLine } from './interpreter/builtins';
import type { Interpreter as InterpreterT, Job, ShellShared, ShellState } from './interpreter/interpreter';
import { ExitSignal, Interpreter } from './interpreter/interpreter';
import { EMPTY_READER, InterruptController } from './interpreter/streams';
import type { Command, Reader, Sys, Writer } from './interpreter/types';
import { Vfs } from './vfs/vfs';

export type { Command, CommandContext, Interrupt, Reader, RunIo, Sys, Writer } from './interpreter/types';
export { needsMoreInput, splitTopLevel, parse, ParseError } from './parser/parser';
export { Vfs, VfsError } from './vfs/vfs';
export type { VfsJSON, VfsStat } from './vfs/vfs';
export { BufferWriter, InterruptController, Pipe, readLines, stringReader } from './interpreter/streams';
export { shellQuote } from './interpreter/signals';

export interface ShellOptions {
  sys: Sys;
  commands?: Map<string, Command>;
  fs?: Vfs;
  env?: Record<string, string>;
  cwd?: string;
  home?: string;
  columns?: number;
  rows?: number;
}

export interface ExecuteIo { stdout: Writer; stderr: Writer; stdin?: Reader; isTTY?: boolean }

export interface Shell {
  /** Runs one or many lines; resolves with the exit status of the last command. */
  execute(script: string, io: ExecuteIo): Promise<number>;
  /** Ctrl-C: interrupts the running foreground command(s). */
  interrupt(): void;
  register(name: string, cmd: Command): void;
  /** Completion candidates for the word under the cursor (command names, then file names). */
  complete(line: string, cursor: number): string[];
  /** Every name that can be run: builtins, registry commands, aliases, functions. */
  commandNames(): string[];
  readonly history: string[];
  readonly fs: Vfs;
  /** Shell variables (exported ones are passed to commands). */
  readonly env: Map<string, string>;
  readonly cwd: string;
  readonly lastStatus: number;
  /** True after `exit` ran at the top level. */
  readonly exited: boolean;
  columns: number;
  rows: number;
}

class ShellImpl implements Shell {
  private readonly sh: ShellShared;
  private readonly interp: InterpreterT;
  private readonly state: ShellState;
  private readonly running = new Set<InterruptController>();

  constructor(opts: ShellOptions) {
    const home = opts.home ?? `/home/${opts.sys.user}`;
    const fs = opts.fs ?? new Vfs({ now: () => opts.sys.now(), home, user: opts.sys.user, hostname: opts.sys.hostname });
    const commands = coreutils();
    commands.set('jq', jq);
    for (const [k, v] of opts.commands ?? []) commands.set(k, v);
    this.sh = {
      commands, fs, sys: opts.sys, home, history: [], jobs: [], columns: opts.columns ?? 80, rows: opts.rows ?? 24,
      nextPid: 4242, pid: 4200, interactive: false, exited: false,
    };
    this.interp = new Interpreter(this.sh);
    const cwd = opts.cwd ?? home;
    const vars = new Map<string, string>([
      ['HOME', home], ['USER', opts.sys.user], ['LOGNAME', opts.sys.user], ['SHELL', '/bin/bash'],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['PWD', cwd],
      ['HOSTNAME', opts.sys.hostname], ['TERM', 'xterm-256color'], ['LANG', 'C.UTF-8'],
    ]);
    const exported = new Set(vars.keys());
    exported.delete('HOSTNAME');
    for (const [k, v] of Object.entries(opts.env ?? {})) { vars.set(k, v); exported.add(k); }
    this.state = {
      vars, exported, cwd,
      // Ubuntu's default ~/.bashrc aliases (the --color=auto ones are left out: no colours yet).
      aliases: new Map([['ll', 'ls -alF'], ['la', 'ls -A'], ['l', 'ls -CF']]),
      functions: new Map(), lastStatus: 0, positional: [], lastBgPid: null, loopDepth: 0,
    };
  }

  get history(): string[] { return this.sh.history; }
  get fs(): Vfs { return this.sh.fs; }
  get env(): Map<string, string> { return this.state.vars; }
  get cwd(): string { return this.state.cwd; }
  get lastStatus(): number { return this.state.lastStatus; }
  get exited(): boolean { return this.sh.exited; }
  get columns(): number { return this.sh.columns; }
  set columns(v: number) { this.sh.columns = v; this.state.vars.set('COLUMNS', String(v)); }
  get rows(): number { return this.sh.rows; }
  set rows(v: number) { this.sh.rows = v; this.state.vars.set('LINES', String(v)); }

  async execute(script: string, io: ExecuteIo): Promise<number> {
    const trimmed = script.replace(/\n+$/, '');
    const hist = this.sh.history;
    // HISTCONTROL=ignoreboth, as Ubuntu's ~/.bashrc sets it.
    if (trimmed.trim() !== '' && !/^\s/.test(trimmed) && hist[hist.length - 1] !== trimmed) hist.push(trimmed);
    const ctl = new InterruptController();
    this.running.add(ctl);
    const isTTY = io.isTTY ?? false;
    this.sh.interactive = isTTY;
    let code: number;
    try {
      code = await this.interp.runSource(script, this.state, {
        stdin: io.stdin ?? EMPTY_READER, stdout: io.stdout, stderr: io.stderr, isTTY, interrupt: ctl,
      });
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      code = e.code;
      this.sh.exited = true;
      if (isTTY) io.stderr.write('exit\n');
    } finally {
      this.running.delete(ctl);
    }
    this.state.lastStatus = code;
    if (isTTY) this.notifyJobs(io.stderr);
    return code;
  }

  /** Prints `[1]+  Done  cmd` for finished background jobs, as bash does before a prompt. */
  private notifyJobs(out: Writer): void {
    const jobs = this.sh.jobs;
    const done = jobs.filter((j: Job) => j.state === 'Done' && !j.notified);
    if (done.length === 0) return;
    for (const j of done) { out.write(jobLine(j, jobs, false)); j.notified = true; }
    this.sh.jobs = jobs.filter((j) => j.state === 'Running');
  }

  interrupt(): void {
    for (const c of [...this.running]) c.abort();
  }

  register(name: string, cmd: Command): void { this.sh.commands.set(name, cmd); }

  commandNames(): string[] {
    const names = new Set<string>([...BUILTINS.keys(), ...this.sh.commands.keys(), ...this.state.aliases.keys(), ...this.state.functions.keys()]);
    return [...names].sort();
  }

  complete(line: string, cursor: number): string[] {
    const before = line.slice(0, cursor);
    const m = /(\S*)$/.exec(before);
    const word = m ? m[1] : '';
    const head = before.slice(0, before.length - word.length);
    const first = /^\s*$/.test(head) || /(\||&&|\|\||;|\$\()\s*$/.test(head);
    if (first && !word.includes('/')) return this.commandNames().filter((n) => n.startsWith(word));
    const slash = word.lastIndexOf('/');
    const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
    const base = slash >= 0 ? word.slice(slash + 1) : word;
    const dir = this.sh.fs.resolve(dirPart === '' ? '.' : dirPart, this.state.cwd);
    if (!this.sh.fs.isDir(dir)) return [];
    return this.sh.fs.readdir(dir)
      .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
      .map((n) => dirPart + n + (this.sh.fs.isDir(this.sh.fs.resolve(n, dir)) ? '/' : ''));
  }
}

export function createShell(opts: ShellOptions): Shell {
  return new ShellImpl(opts);
}
