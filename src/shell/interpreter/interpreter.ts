// Executes the AST: lists, && ||, streaming pipelines (each stage a subshell, SIGPIPE on writes
// after the reader exits), redirections, loops, if, functions, background jobs, aliases, builtins
// and registry commands. Messages follow an interactive bash 5.1 (`bash: foo: command not found`).
// Leaves out: real processes and signals other than interrupt, job control stops (Ctrl-Z), set -e.
import type { ListItem, Pipeline, Redirect, Script, ShellCommand, SimpleCommand, Word } from '../parser/ast';
import { ParseError, parse } from '../parser/parser';
import type { Vfs } from '../vfs/vfs';
import { VfsError } from '../vfs/vfs';
import { BUILTINS, isSpecialBuiltin } from './builtins';
import type { ExpandEnv } from './expand';
import { ShellError, expandToString, expandWord } from './expand';
import { ExitSignal, LoopSignal, ReturnSignal, shellQuote } from './signals';
import {
  BufferWriter, EMPTY_READER, InterruptController, NULL_WRITER, Pipe, interruptibleReader, stringReader,
} from './streams';
import type { Command, CommandContext, Interrupt, Reader, RunIo, Sys, Writer } from './types';

export { ExitSignal, LoopSignal, ReturnSignal, shellQuote };

export interface ShellState {
  vars: Map<string, string>;
  exported: Set<string>;
  cwd: string;
  aliases: Map<string, string>;
  functions: Map<string, ShellCommand>;
  lastStatus: number;
  positional: string[];
  lastBgPid: number | null;
  /** Nesting depth of loops (for break/continue). */
  loopDepth: number;
}

export function cloneState(st: ShellState): ShellState {
  return {
    vars: new Map(st.vars), exported: new Set(st.exported), cwd: st.cwd, aliases: new Map(st.aliases),
    functions: new Map(st.functions), lastStatus: st.lastStatus, positional: [...st.positional], lastBgPid: st.lastBgPid,
    loopDepth: st.loopDepth,
  };
}

export interface Io {
  stdin: Reader;
  stdout: Writer;
  stderr: Writer;
  isTTY: boolean;
  interrupt: Interrupt;
}

export interface Job {
  id: number;
  pid: number;
  source: string;
  state: 'Running' | 'Done';
  status: number;
  interrupt: InterruptController;
  promise: Promise<number>;
  notified: boolean;
}

/** What the shell shares across subshells. */
export interface ShellShared {
  commands: Map<string, Command>;
  fs: Vfs;
  sys: Sys;
  home: string;
  history: string[];
  jobs: Job[];
  columns: number;
  rows: number;
  nextPid: number;
  pid: number;
  /** Interactive shell (prompts, job notices). */
  interactive: boolean;
  exited: boolean;
}

// SIMPLIFICATION: a loop that never waits on virtual time would starve the host event loop; stop it.
const MAX_LOOP_ITERATIONS = 100_000;

export class Interpreter {
  constructor(readonly sh: ShellShared) {}

  /** Parses and runs `src`; parse errors print bash's message and give status 2. */
  async runSource(src: string, st: ShellState, io: Io): Promise<number> {
    let script: Script;
    try {
      script = parse(src);
    } catch (e) {
      if (e instanceof ParseError) {
        io.stderr.write(`bash: ${e.message}\n`);
        st.lastStatus = 2;
        return 2;
      }
      throw e;
    }
    return this.runScript(script, st, io);
  }

  async runScript(script: Script, st: ShellState, io: Io): Promise<number> {
    let status = st.lastStatus;
    for (const item of script.items) {
      if (io.interrupt.aborted) { st.lastStatus = 130; return 130; }
      if (item.background) { status = this.startJob(item, st, io); st.lastStatus = status; continue; }
      status = await this.runAndOr(item, st, io);
      st.lastStatus = status;
    }
    return status;
  }

  private startJob(item: ListItem, st: ShellState, io: Io): number {
    const sh = this.sh;
    const interrupt = new InterruptController();
    const pid = sh.nextPid++;
    const id = sh.jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
    const jobState = cloneState(st);
    const job: Job = {
      id, pid, source: item.source, state: 'Running', status: 0, interrupt, notified: false,
      promise: Promise.resolve(0),
    };
    const jobIo: Io = { ...io, stdin: EMPTY_READER, interrupt };
    job.promise = (async () => {
      let code: number;
      try { code = await this.runAndOr(item, jobState, jobIo); }
      catch (e) { code = e instanceof ExitSignal ? e.code : 1; if (!(e instanceof ExitSignal)) throw e; }
      job.state = 'Done';
      job.status = code;
      return code;
    })();
    sh.jobs.push(job);
    st.lastBgPid = pid;
    if (sh.interactive) io.stderr.write(`[${id}] ${pid}\n`);
    return 0;
  }

  private async runAndOr(item: ListItem, st: ShellState, io: Io): Promise<number> {
    let status = await this.runPipeline(item.node.first, st, io);
    st.lastStatus = status;
    for (const { op, pipeline } of item.node.rest) {
      if (io.interrupt.aborted) return 130;
      if ((op === '&&') !== (status === 0)) continue;
      status = await this.runPipeline(pipeline, st, io);
      st.lastStatus = status;
    }
    return status;
  }

  private async runPipeline(p: Pipeline, st: ShellState, io: Io): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = await this.runCommand(p.commands[0], st, io);
    else status = await this.runMultiPipeline(p, st, io);
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  private async runMultiPipeline(p: Pipeline, st: ShellState, io: Io): Promise<number> {
    const n = p.commands.length;
    const pipes = Array.from({ length: n - 1 }, () => new Pipe());
    const results = await Promise.all(p.commands.map(async (cmd, i) => {
      const { ctl, dispose } = InterruptController.childOf(io.interrupt);
      let broken = false;
      if (i < n - 1) pipes[i].onBroken = () => { broken = true; ctl.abort(); };
      const stageIo: Io = {
        stdin: i === 0 ? io.stdin : pipes[i - 1].reader,
        stdout: i === n - 1 ? io.stdout : pipes[i].writer,
        stderr: io.stderr,
        isTTY: i === n - 1 ? io.isTTY : false,
        interrupt: ctl,
      };
      const sub = cloneState(st);
      try {
        const code = await this.runCommand(cmd, sub, stageIo);
        return broken ? 141 : code;
      } catch (e) {
        if (e instanceof ExitSignal) return e.code;
        if (e instanceof LoopSignal || e instanceof ReturnSignal) return 0;
        throw e;
      } finally {
        dispose();
        if (i < n - 1) pipes[i].writer.close();
        if (i > 0) pipes[i - 1].reader.cancel();
      }
    }));
    return results[n - 1];
  }

  async runCommand(cmd: ShellCommand, st: ShellState, io: Io): Promise<number> {
    switch (cmd.type) {
      case 'simple': return this.runSimple(cmd, st, io);
      case 'function': st.functions.set(cmd.name, cmd.body); return 0;
      default: break;
    }
    let rio: Io;
    let cleanup: () => void;
    try {
      ({ io: rio, cleanup } = await this.applyRedirects(cmd.redirects, st, io));
    } catch (e) {
      if (e instanceof ShellError) { io.stderr.write(e.message + '\n'); return e.status; }
      throw e;
    }
    try {
      switch (cmd.type) {
        case 'group': {
          if (!cmd.subshell) return await this.runScript(cmd.body, st, rio);
          const sub = cloneState(st);
          try { return await this.runScript(cmd.body, sub, rio); }
          catch (e) { if (e instanceof ExitSignal) return e.code; throw e; }
        }
        case 'if': {
          for (const clause of cmd.clauses) {
            const c = await this.runScript(clause.cond, st, rio);
            if (rio.interrupt.aborted) return 130;
            if (c === 0) return await this.runScript(clause.body, st, rio);
          }
          return cmd.elseBody ? await this.runScript(cmd.elseBody, st, rio) : 0;
        }
        case 'for': {
          let items: string[];
          const env = this.expandEnv(st, rio);
          if (cmd.items === null) items = [...st.positional];
          else {
            items = [];
            try { for (const w of cmd.items) items.push(...await expandWord(w, env)); }
            catch (e) { if (e instanceof ShellError) { rio.stderr.write(e.message + '\n'); return e.status; } throw e; }
          }
          let status = 0;
          st.loopDepth++;
          try {
            for (const item of items) {
              if (rio.interrupt.aborted) return 130;
              st.vars.set(cmd.variable, item);
              const r = await this.loopBody(cmd.body, st, rio);
              status = r.status;
              if (r.brk) break;
            }
          } finally { st.loopDepth--; }
          return status;
        }
        case 'while': {
          let status = 0;
          st.loopDepth++;
          try {
            for (let n = 0; ; n++) {
              if (rio.interrupt.aborted) return 130;
              if (n >= MAX_LOOP_ITERATIONS) { rio.stderr.write('bash: loop stopped after 100000 iterations\n'); return 1; }
              const c = await this.runScript(cmd.cond, st, rio);
              if (rio.interrupt.aborted) return 130;
              if (cmd.until ? c === 0 : c !== 0) break;
              const r = await this.loopBody(cmd.body, st, rio);
              status = r.status;
              if (r.brk) break;
            }
          } finally { st.loopDepth--; }
          return status;
        }
      }
    } finally {
      cleanup();
    }
  }

  private async loopBody(body: Script, st: ShellState, io: Io): Promise<{ status: number; brk: boolean }> {
    try {
      return { status: await this.runScript(body, st, io), brk: false };
    } catch (e) {
      if (e instanceof LoopSignal) {
        if (e.levels > 1) { e.levels--; throw e; }
        return { status: 0, brk: e.kind === 'break' };
      }
      throw e;
    }
  }

  /** Expansion environment; `rec.status` receives the status of the last command substitution. */
  expandEnv(st: ShellState, io: Io, rec?: { status: number }): ExpandEnv {
    return {
      st, fs: this.sh.fs, home: this.sh.home, user: this.sh.sys.user, pid: this.sh.pid,
      cmdsub: async (script: Script) => {
        const out = new BufferWriter();
        const sub = cloneState(st);
        let code: number;
        try {
          code = await this.runScript(script, sub, { ...io, stdout: out, isTTY: false });
        } catch (e) {
          if (e instanceof ExitSignal) code = e.code;
          else if (e instanceof LoopSignal || e instanceof ReturnSignal) code = 0;
          else throw e;
        }
        if (rec) rec.status = code;
        return out.text();
      },
    };
  }

  private async runSimple(cmd: SimpleCommand, st: ShellState, io: Io, aliasGuard?: Set<string>): Promise<number> {
    const rec = { status: 0 };
    const env = this.expandEnv(st, io, rec);
    const argv: string[] = [];
    try {
      for (const w of cmd.words) argv.push(...await expandWord(w, env));
    } catch (e) {
      if (e instanceof ShellError) { io.stderr.write(e.message + '\n'); return e.status; }
      throw e;
    }

    // Aliases: only for an unquoted literal first word.
    const first = cmd.words[0];
    if (first && argv.length > 0 && isPlainWord(first) && st.aliases.has(argv[0]) && !aliasGuard?.has(argv[0])) {
      const guard = new Set(aliasGuard ?? []);
      guard.add(argv[0]);
      return this.runAlias(cmd, argv, st, io, guard);
    }

    if (argv.length === 0) {
      try {
        for (const a of cmd.assigns) {
          const v = await expandToString(a.value, env);
          st.vars.set(a.name, a.append ? (st.vars.get(a.name) ?? '') + v : v);
        }
        const { cleanup } = await this.applyRedirects(cmd.redirects, st, io);
        cleanup();
      } catch (e) {
        if (e instanceof ShellError) { io.stderr.write(e.message + '\n'); return e.status; }
        throw e;
      }
      return rec.status;
    }

    const temp = new Map<string, string>();
    let rio: Io;
    let cleanup: () => void;
    try {
      for (const a of cmd.assigns) {
        const v = await expandToString(a.value, env);
        temp.set(a.name, a.append ? (st.vars.get(a.name) ?? '') + v : v);
      }
      ({ io: rio, cleanup } = await this.applyRedirects(cmd.redirects, st, io));
    } catch (e) {
      if (e instanceof ShellError) { io.stderr.write(e.message + '\n'); return e.status; }
      throw e;
    }
    try {
      return await this.dispatch(argv, temp, st, rio);
    } finally {
      cleanup();
    }
  }

  private async runAlias(cmd: SimpleCommand, argv: string[], st: ShellState, io: Io, guard: Set<string>): Promise<number> {
    const text = st.aliases.get(argv[0]) ?? '';
    const rest = argv.slice(1).map(shellQuote).join(' ');
    let script: Script;
    try { script = parse(text + (rest ? ' ' + rest : '')); }
    catch (e) { if (e instanceof ParseError) { io.stderr.write(`bash: ${e.message}\n`); return 2; } throw e; }
    let rio: Io;
    let cleanup: () => void;
    try { ({ io: rio, cleanup } = await this.applyRedirects(cmd.redirects, st, io)); }
    catch (e) { if (e instanceof ShellError) { io.stderr.write(e.message + '\n'); return e.status; } throw e; }
    try {
      // Simple alias of a simple command: run with the guard so `alias ls='ls -F'` does not recurse.
      const only = script.items.length === 1 && !script.items[0].background && script.items[0].node.rest.length === 0
        && script.items[0].node.first.commands.length === 1 && script.items[0].node.first.commands[0].type === 'simple';
      if (only) {
        const simple = script.items[0].node.first.commands[0] as SimpleCommand;
        const merged: SimpleCommand = { ...simple, assigns: [...cmd.assigns, ...simple.assigns] };
        return await this.runSimple(merged, st, rio, guard);
      }
      return await this.runScript(script, st, rio);
    } finally { cleanup(); }
  }

  /** Runs a command by name: function, builtin, registry command or a script file. */
  async dispatch(argv: string[], temp: Map<string, string>, st: ShellState, io: Io): Promise<number> {
    const name = argv[0];
    const fn = st.functions.get(name);
    if (fn) {
      const saved = st.positional;
      const savedVars = new Map<string, string | undefined>();
      for (const [k, v] of temp) { savedVars.set(k, st.vars.get(k)); st.vars.set(k, v); }
      st.positional = argv.slice(1);
      try { return await this.runCommand(fn, st, io); }
      catch (e) { if (e instanceof ReturnSignal) return e.code; throw e; }
      finally {
        st.positional = saved;
        for (const [k, v] of savedVars) { if (v === undefined) st.vars.delete(k); else st.vars.set(k, v); }
      }
    }
    const builtin = BUILTINS.get(name);
    if (builtin) {
      if (isSpecialBuiltin(name) || temp.size === 0) {
        for (const [k, v] of temp) st.vars.set(k, v);
        return builtin({ argv, st, io, interp: this, temp });
      }
      // Regular builtins see `VAR=x` prefixes only while they run (`IFS= read -r line`).
      const saved = new Map<string, string | undefined>();
      for (const [k, v] of temp) { saved.set(k, st.vars.get(k)); st.vars.set(k, v); }
      try { return await builtin({ argv, st, io, interp: this, temp }); }
      finally { for (const [k, v] of saved) { if (v === undefined) st.vars.delete(k); else st.vars.set(k, v); } }
    }
    const command = this.sh.commands.get(name);
    if (command) return this.runExternal(command, argv, temp, st, io);
    if (name.includes('/')) {
      const path = this.sh.fs.resolve(name, st.cwd);
      const stat = this.sh.fs.stat(path);
      if (!stat) { io.stderr.write(`bash: ${name}: No such file or directory\n`); return 127; }
      if (stat.type === 'dir') { io.stderr.write(`bash: ${name}: Is a directory\n`); return 126; }
      // SIMPLIFICATION: any file runs as a bash script (no execute bit, no shebang handling).
      return this.runFile(path, argv.slice(1), st, io);
    }
    io.stderr.write(`bash: ${name}: command not found\n`);
    return 127;
  }

  /** Runs a script file in a subshell with positional parameters. */
  async runFile(path: string, args: string[], st: ShellState, io: Io): Promise<number> {
    const text = this.sh.fs.readFile(path);
    const sub = cloneState(st);
    sub.positional = args;
    try { return await this.runSource(text, sub, io); }
    catch (e) { if (e instanceof ExitSignal) return e.code; throw e; }
  }

  exportedEnv(st: ShellState, temp?: Map<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of st.exported) { const v = st.vars.get(k); if (v !== undefined) env.set(k, v); }
    if (temp) for (const [k, v] of temp) env.set(k, v);
    return env;
  }

  private async runExternal(command: Command, argv: string[], temp: Map<string, string>, st: ShellState, io: Io): Promise<number> {
    const ctx: CommandContext = {
      argv,
      stdin: interruptibleReader(io.stdin, io.interrupt),
      stdout: io.stdout,
      stderr: io.stderr,
      env: this.exportedEnv(st, temp),
      cwd: st.cwd,
      fs: this.sh.fs,
      sys: this.sh.sys,
      interrupt: io.interrupt,
      isTTY: io.isTTY,
      columns: this.sh.columns,
      rows: this.sh.rows,
      run: (script: string, over?: RunIo) => this.runNested(script, st, temp, { ...io, ...over }),
    };
    try {
      return await command(ctx);
    } catch (e) {
      io.stderr.write(`${argv[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }

  /** `sh -c`-like nested run: a child shell that inherits only exported variables and the cwd. */
  async runNested(script: string, st: ShellState, temp: Map<string, string>, io: Io): Promise<number> {
    const sub: ShellState = {
      vars: this.exportedEnv(st, temp), exported: new Set([...st.exported, ...temp.keys()]), cwd: st.cwd,
      aliases: new Map(), functions: new Map(), lastStatus: 0, positional: [], lastBgPid: null, loopDepth: 0,
    };
    try { return await this.runSource(script, sub, io); }
    catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof LoopSignal || e instanceof ReturnSignal) return 0;
      throw e;
    }
  }

  // ---------- redirections ----------

  private async redirectTarget(w: Word, st: ShellState, io: Io): Promise<string> {
    const fields = await expandWord(w, this.expandEnv(st, io));
    if (fields.length !== 1) throw new ShellError(`bash: ${wordSource(w)}: ambiguous redirect`);
    return fields[0];
  }

  private fileWriter(name: string, st: ShellState, io: Io, append: boolean): Writer {
    if (name === '/dev/null') return NULL_WRITER;
    if (name === '/dev/stdout' || name === '/dev/tty') return io.stdout;
    if (name === '/dev/stderr') return io.stderr;
    const fs = this.sh.fs;
    const path = fs.resolve(name, st.cwd);
    try {
      if (append) fs.appendFile(path, '');
      else fs.writeFile(path, '');
    } catch (e) {
      if (e instanceof VfsError) throw new ShellError(`bash: ${name}: ${e.reason}`);
      throw e;
    }
    return { write: (t: string) => { try { fs.appendFile(path, t); } catch { /* file removed meanwhile */ } } };
  }

  private async applyRedirects(redirects: Redirect[], st: ShellState, io: Io): Promise<{ io: Io; cleanup: () => void }> {
    if (redirects.length === 0) return { io, cleanup: () => {} };
    const out: Io = { ...io };
    let errTTY = true;
    for (const r of redirects) {
      switch (r.op) {
        case '>': case '>|': case '>>': case '&>': case '&>>': {
          const name = await this.redirectTarget(r.target, st, io);
          const w = this.fileWriter(name, st, io, r.op === '>>' || r.op === '&>>');
          const tty = name === '/dev/tty' || (name === '/dev/stdout' && out.isTTY);
          if (r.op === '&>' || r.op === '&>>') { out.stdout = w; out.stderr = w; out.isTTY = tty; errTTY = tty; }
          else if (r.fd === 1) { out.stdout = w; out.isTTY = tty; }
          else if (r.fd === 2) { out.stderr = w; errTTY = tty; }
          break;
        }
        case '>&': {
          const target = await this.redirectTarget(r.target, st, io);
          if (target === '1') { if (r.fd === 2) { out.stderr = out.stdout; errTTY = out.isTTY; } }
          else if (target === '2') { if (r.fd === 1) { out.stdout = out.stderr; out.isTTY = errTTY; } }
          else if (target === '-') { if (r.fd === 1) out.stdout = NULL_WRITER; else if (r.fd === 2) out.stderr = NULL_WRITER; }
          else if (/^[0-9]+$/.test(target)) throw new ShellError(`bash: ${target}: Bad file descriptor`);
          else { const w = this.fileWriter(target, st, io, false); out.stdout = w; out.stderr = w; out.isTTY = false; }
          break;
        }
        case '<&': break;
        case '<': {
          const name = await this.redirectTarget(r.target, st, io);
          if (r.fd !== 0) break;
          if (name === '/dev/null') { out.stdin = EMPTY_READER; break; }
          if (name === '/dev/stdin') break;
          try { out.stdin = stringReader(this.sh.fs.readFile(this.sh.fs.resolve(name, st.cwd))); }
          catch (e) { if (e instanceof VfsError) throw new ShellError(`bash: ${name}: ${e.reason}`); throw e; }
          break;
        }
        case '<<': case '<<-': {
          const h = r.heredoc;
          const body = h ? await expandToString(h.body, this.expandEnv(st, io)) : '';
          if (r.fd === 0) out.stdin = stringReader(body);
          break;
        }
        case '<<<': {
          const text = await expandToString(r.target, this.expandEnv(st, io));
          if (r.fd === 0) out.stdin = stringReader(text + '\n');
          break;
        }
      }
    }
    return { io: out, cleanup: () => {} };
  }
}

function isPlainWord(w: Word): boolean {
  return w.parts.length === 1 && w.parts[0].kind === 'lit' && !w.parts[0].quoted;
}

function wordSource(w: Word): string {
  return w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'param' ? '$' + p.name : p.kind === 'tilde' ? '~' + p.user : p.kind === 'cmdsub' ? `$(${p.source})` : `$((${p.expr}))`)).join('');
}

