// Shell builtins that need the shell's own state: cd, pwd, export, unset, alias, unalias, history,
// exit, source/., type, which, read, eval, set, shift, local, return, break, continue, jobs, fg,
// wait, kill, bash/sh -c, sudo. Messages as an interactive bash 5.1 prints them.
// Leaves out: options of set (-e, -x, -o ...), declare/typeset, getopts, trap, ulimit, umask.
import type { Interpreter, Io, Job, ShellState } from './interpreter';
import { ExitSignal, LoopSignal, ReturnSignal, shellQuote } from './signals';

export interface BuiltinCtx {
  argv: string[];
  st: ShellState;
  io: Io;
  interp: Interpreter;
  temp: Map<string, string>;
}
export type Builtin = (b: BuiltinCtx) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Commands bash runs as builtins although they also exist in /usr/bin (for `type`). */
export const BASH_BUILTIN_NAMES = new Set([
  'echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'kill', 'read', 'type', 'alias', 'unalias', 'cd', 'export',
  'unset', 'history', 'exit', 'source', '.', 'eval', 'set', 'shift', 'local', 'return', 'break', 'continue', 'jobs',
  'fg', 'wait', ':', 'help',
]);
export const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'in', '{', '}', '!', 'function', 'case', 'esac']);

/** Where `which`/`type` say a registry command lives. */
export function commandPath(name: string): string {
  return ['kubectl', 'minikube', 'helm', 'k9s'].includes(name) ? `/usr/local/bin/${name}` : `/usr/bin/${name}`;
}

const SPECIAL = new Set(['export', 'unset', 'set', 'shift', 'eval', 'source', '.', 'exit', 'return', 'break', 'continue', ':', 'local']);
export function isSpecialBuiltin(name: string): boolean { return SPECIAL.has(name); }

const err = (b: BuiltinCtx, msg: string): void => b.io.stderr.write(`bash: ${msg}\n`);

/** Per-reader leftover text for `read`, so each call consumes exactly one line. */
const leftovers = new WeakMap<object, string>();

async function readLine(b: BuiltinCtx): Promise<string | null> {
  const r = b.io.stdin;
  let buf = leftovers.get(r) ?? '';
  for (;;) {
    const nl = buf.indexOf('\n');
    if (nl >= 0) { leftovers.set(r, buf.slice(nl + 1)); return buf.slice(0, nl + 1); }
    if (b.io.interrupt.aborted) return null;
    const chunk = await r.read();
    if (chunk === null) { leftovers.set(r, ''); return buf === '' ? null : buf; }
    buf += chunk;
  }
}

function jobSpec(b: BuiltinCtx, spec: string | undefined, cmd: string): Job | null | undefined {
  const jobs = b.interp.sh.jobs;
  if (spec === undefined || spec === '%' || spec === '%+' || spec === '%%') return jobs[jobs.length - 1] ?? null;
  if (spec === '%-') return jobs[jobs.length - 2] ?? null;
  if (spec.startsWith('%')) {
    const job = jobs.find((j) => String(j.id) === spec.slice(1));
    if (!job) { err(b, `${cmd}: ${spec}: no such job`); return undefined; }
    return job;
  }
  const job = jobs.find((j) => String(j.pid) === spec);
  return job ?? null;
}

export function jobLine(job: Job, jobs: Job[], withAmp: boolean): string {
  const idx = jobs.indexOf(job);
  const mark = idx === jobs.length - 1 ? '+' : idx === jobs.length - 2 ? '-' : ' ';
  const state = job.state === 'Running' ? 'Running' : job.status === 0 ? 'Done' : `Exit ${job.status}`;
  return `[${job.id}]${mark}  ${state.padEnd(24)}${job.source}${withAmp && job.state === 'Running' ? ' &' : ''}\n`;
}

async function waitJob(job: Job, io: Io): Promise<number> {
  if (io.interrupt.aborted) return 130;
  let off = (): void => {};
  const interrupted = new Promise<number>((resolve) => { off = io.interrupt.onAbort(() => resolve(130)); });
  try { return await Promise.race([job.promise, interrupted]); } finally { off(); }
}

export const BUILTINS = new Map<string, Builtin>([
  [':', async () => 0],

  ['cd', async (b) => {
    const { st, io } = b;
    const fs = b.interp.sh.fs;
    const args = b.argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
    if (args.length > 1) { err(b, 'cd: too many arguments'); return 1; }
    let target: string | undefined = args[0];
    let print = false;
    if (target === undefined || target === '') {
      target = st.vars.get('HOME');
      if (target === undefined) { err(b, 'cd: HOME not set'); return 1; }
    } else if (target === '-') {
      target = st.vars.get('OLDPWD');
      if (target === undefined) { err(b, 'cd: OLDPWD not set'); return 1; }
      print = true;
    }
    const path = fs.resolve(target, st.cwd);
    const stat = fs.stat(path);
    if (!stat) { err(b, `cd: ${target}: No such file or directory`); return 1; }
    if (stat.type !== 'dir') { err(b, `cd: ${target}: Not a directory`); return 1; }
    st.vars.set('OLDPWD', st.cwd);
    st.exported.add('OLDPWD');
    st.cwd = path;
    st.vars.set('PWD', path);
    if (print) io.stdout.write(path + '\n');
    return 0;
  }],

  ['pwd', async (b) => { b.io.stdout.write(b.st.cwd + '\n'); return 0; }],

  ['export', async (b) => {
    const { st, io } = b;
    let args = b.argv.slice(1);
    let unexport = false;
    while (args[0]?.startsWith('-') && args[0].length > 1) {
      if (args[0] === '-n') unexport = true;
      else if (args[0] !== '-p' && args[0] !== '-f') { err(b, `export: ${args[0]}: invalid option`); io.stderr.write('export: usage: export [-fn] [name[=value] ...] or export -p\n'); return 2; }
      args = args.slice(1);
    }
    if (args.length === 0) {
      for (const k of [...st.exported].sort()) {
        const v = st.vars.get(k);
        io.stdout.write(v === undefined ? `declare -x ${k}\n` : `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq).replace(/\+$/, '') : a;
      if (!NAME_RE.test(name)) { err(b, `export: \`${a}': not a valid identifier`); status = 1; continue; }
      if (eq >= 0) {
        const v = a.slice(eq + 1);
        st.vars.set(name, a[eq - 1] === '+' ? (st.vars.get(name) ?? '') + v : v);
      }
      if (unexport) st.exported.delete(name); else st.exported.add(name);
    }
    return status;
  }],

  ['unset', async (b) => {
    const { st } = b;
    let args = b.argv.slice(1);
    let fns = false;
    if (args[0] === '-f') { fns = true; args = args.slice(1); } else if (args[0] === '-v') args = args.slice(1);
    let status = 0;
    for (const a of args) {
      if (!NAME_RE.test(a)) { err(b, `unset: \`${a}': not a valid identifier`); status = 1; continue; }
      if (fns) st.functions.delete(a);
      else if (st.vars.has(a)) { st.vars.delete(a); st.exported.delete(a); }
      else st.functions.delete(a);
    }
    return status;
  }],

  ['alias', async (b) => {
    const { st, io } = b;
    const args = b.argv.slice(1).filter((a) => a !== '-p');
    const show = (k: string): string => `alias ${k}='${(st.aliases.get(k) ?? '').replace(/'/g, `'\\''`)}'\n`;
    if (args.length === 0) {
      for (const k of [...st.aliases.keys()].sort()) io.stdout.write(show(k));
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) { st.aliases.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
      if (st.aliases.has(a)) io.stdout.write(show(a));
      else { err(b, `alias: ${a}: not found`); status = 1; }
    }
    return status;
  }],

  ['unalias', async (b) => {
    const { st } = b;
    const args = b.argv.slice(1);
    if (args.length === 0) { err(b, 'unalias: usage: unalias [-a] name [name ...]'); return 2; }
    if (args[0] === '-a') { st.aliases.clear(); return 0; }
    let status = 0;
    for (const a of args) {
      if (!st.aliases.delete(a)) { err(b, `unalias: ${a}: not found`); status = 1; }
    }
    return status;
  }],

  ['history', async (b) => {
    const hist = b.interp.sh.history;
    const args = b.argv.slice(1);
    if (args[0] === '-c') { hist.length = 0; return 0; }
    let start = 0;
    if (args[0] !== undefined) {
      if (!/^[0-9]+$/.test(args[0])) { err(b, `history: ${args[0]}: numeric argument required`); return 1; }
      start = Math.max(0, hist.length - Number(args[0]));
    }
    const lines: string[] = [];
    for (let i = start; i < hist.length; i++) lines.push(`${String(i + 1).padStart(5)}  ${hist[i]}\n`);
    b.io.stdout.write(lines.join(''));
    return 0;
  }],

  ['exit', async (b) => {
    const a = b.argv[1];
    if (a !== undefined && !/^-?[0-9]+$/.test(a)) { err(b, `exit: ${a}: numeric argument required`); throw new ExitSignal(2); }
    throw new ExitSignal(a === undefined ? b.st.lastStatus : ((Number(a) % 256) + 256) % 256);
  }],

  ['return', async (b) => {
    const a = b.argv[1];
    throw new ReturnSignal(a === undefined ? b.st.lastStatus : ((Number(a) % 256) + 256) % 256);
  }],

  ['break', async (b) => loopControl(b, 'break')],
  ['continue', async (b) => loopControl(b, 'continue')],

  ['source', async (b) => source(b)],
  ['.', async (b) => source(b)],

  ['eval', async (b) => b.interp.runSource(b.argv.slice(1).join(' '), b.st, b.io)],

  ['set', async (b) => {
    const args = b.argv.slice(1);
    if (args.length === 0) {
      const lines = [...b.st.vars.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
        .map(([k, v]) => `${k}=${shellQuote(v)}\n`);
      b.io.stdout.write(lines.join(''));
      return 0;
    }
    const dd = args.indexOf('--');
    if (dd >= 0) b.st.positional = args.slice(dd + 1);
    // SIMPLIFICATION: shell options (-e, -x, -u, -o pipefail) are accepted and ignored.
    return 0;
  }],

  ['shift', async (b) => {
    const n = b.argv[1] === undefined ? 1 : Number(b.argv[1]);
    if (n > b.st.positional.length) return 1;
    b.st.positional = b.st.positional.slice(n);
    return 0;
  }],

  ['local', async (b) => {
    // SIMPLIFICATION: no dynamic scoping; `local` assigns in the current scope.
    for (const a of b.argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq > 0) b.st.vars.set(a.slice(0, eq), a.slice(eq + 1));
      else if (!b.st.vars.has(a)) b.st.vars.set(a, '');
    }
    return 0;
  }],

  ['read', async (b) => {
    let args = b.argv.slice(1);
    let raw = false;
    let prompt = '';
    while (args[0]?.startsWith('-')) {
      if (args[0] === '-r') raw = true;
      else if (args[0] === '-p') { prompt = args[1] ?? ''; args = args.slice(1); }
      args = args.slice(1);
    }
    if (prompt) b.io.stderr.write(prompt);
    let line = await readLine(b);
    if (line === null) { for (const n of args.length ? args : ['REPLY']) b.st.vars.set(n, ''); return 1; }
    const complete = line.endsWith('\n');
    if (complete) line = line.slice(0, -1);
    if (!raw) {
      while (line.endsWith('\\')) {
        const more = await readLine(b);
        if (more === null) { line = line.slice(0, -1); break; }
        line = line.slice(0, -1) + more.replace(/\n$/, '');
      }
      line = line.replace(/\\(.)/g, '$1');
    }
    const names = args.length ? args : ['REPLY'];
    if (args.length === 0) { b.st.vars.set('REPLY', line); return complete ? 0 : 1; }
    const ifs = b.st.vars.get('IFS') ?? ' \t\n';
    let rest = line.replace(new RegExp(`^[${escapeClass(ifs)}]+`), '');
    names.forEach((n, i) => {
      if (i === names.length - 1) { b.st.vars.set(n, rest.replace(new RegExp(`[${escapeClass(ifs)}]+$`), '')); return; }
      const m = new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(ifs)}]*`).exec(rest);
      b.st.vars.set(n, m ? m[1] : '');
      rest = m ? rest.slice(m[0].length) : '';
    });
    return complete ? 0 : 1;
  }],

  ['type', async (b) => {
    const { st, io } = b;
    let status = 0;
    for (const name of b.argv.slice(1)) {
      if (st.aliases.has(name)) io.stdout.write(`${name} is aliased to \`${st.aliases.get(name)}'\n`);
      else if (KEYWORDS.has(name)) io.stdout.write(`${name} is a shell keyword\n`);
      else if (st.functions.has(name)) io.stdout.write(`${name} is a function\n`);
      else if (BUILTINS.has(name) || BASH_BUILTIN_NAMES.has(name)) io.stdout.write(`${name} is a shell builtin\n`);
      else if (b.interp.sh.commands.has(name)) io.stdout.write(`${name} is ${commandPath(name)}\n`);
      else { err(b, `type: ${name}: not found`); status = 1; }
    }
    return status;
  }],

  ['which', async (b) => {
    let status = 0;
    const names = b.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (names.length === 0) return 1;
    for (const name of names) {
      if (b.interp.sh.commands.has(name)) b.io.stdout.write(commandPath(name) + '\n');
      else status = 1;
    }
    return status;
  }],

  ['jobs', async (b) => {
    const jobs = b.interp.sh.jobs;
    for (const j of jobs) { b.io.stdout.write(jobLine(j, jobs, true)); if (j.state === 'Done') j.notified = true; }
    b.interp.sh.jobs = jobs.filter((j) => j.state === 'Running');
    return 0;
  }],

  ['fg', async (b) => {
    const job = jobSpec(b, b.argv[1], 'fg');
    if (job === undefined) return 1;
    if (job === null) { err(b, 'fg: current: no such job'); return 1; }
    b.io.stdout.write(job.source + '\n');
    const off = b.io.interrupt.onAbort(() => job.interrupt.abort());
    try {
      const code = await waitJob(job, b.io);
      if (code !== 130 || job.state === 'Done') b.interp.sh.jobs = b.interp.sh.jobs.filter((j) => j !== job);
      return job.state === 'Done' ? job.status : code;
    } finally { off(); }
  }],

  ['wait', async (b) => {
    const sh = b.interp.sh;
    const specs = b.argv.slice(1);
    let status = 0;
    const targets: Job[] = [];
    if (specs.length === 0) targets.push(...sh.jobs);
    for (const s of specs) {
      const j = jobSpec(b, s, 'wait');
      if (j === undefined) { status = 127; continue; }
      if (j === null) { err(b, `wait: pid ${s} is not a child of this shell`); status = 127; continue; }
      targets.push(j);
    }
    for (const j of targets) {
      const code = await waitJob(j, b.io);
      if (b.io.interrupt.aborted) return 130;
      status = specs.length === 0 ? 0 : code;
    }
    return status;
  }],

  ['kill', async (b) => {
    const args = b.argv.slice(1).filter((a) => !/^-[A-Z0-9]+$/.test(a) && a !== '-s');
    if (args.length === 0) { err(b, 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]'); return 2; }
    let status = 0;
    for (const a of args) {
      const j = jobSpec(b, a, 'kill');
      if (j === undefined) { status = 1; continue; }
      if (j === null) { err(b, `kill: (${a}) - No such process`); status = 1; continue; }
      j.interrupt.abort();
    }
    return status;
  }],

  ['sudo', async (b) => {
    const args = b.argv.slice(1);
    while (args[0]?.startsWith('-')) args.shift();
    if (args.length === 0) { b.io.stderr.write('usage: sudo -h | -K | -k | -V\n'); return 1; }
    return b.interp.dispatch(args, b.temp, b.st, b.io);
  }],

  ['bash', async (b) => shellCommand(b)],
  ['sh', async (b) => shellCommand(b)],
]);

function escapeClass(s: string): string { return s.replace(/[\\\]^-]/g, '\\$&'); }

function loopControl(b: BuiltinCtx, kind: 'break' | 'continue'): number {
  if (b.st.loopDepth === 0) {
    err(b, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`);
    return 0;
  }
  const n = b.argv[1] === undefined ? 1 : Number(b.argv[1]);
  if (!Number.isInteger(n) || n < 1) { err(b, `${kind}: ${b.argv[1]}: loop count out of range`); return 1; }
  throw new LoopSignal(kind, Math.min(n, b.st.loopDepth));
}

async function source(b: BuiltinCtx): Promise<number> {
  const file = b.argv[1];
  if (file === undefined) {
    err(b, `${b.argv[0]}: filename argument required`);
    b.io.stderr.write(`${b.argv[0]}: usage: ${b.argv[0]} filename [arguments]\n`);
    return 2;
  }
  const fs = b.interp.sh.fs;
  const path = fs.resolve(file, b.st.cwd);
  const stat = fs.stat(path);
  if (!stat) { err(b, `${file}: No such file or directory`); return 1; }
  if (stat.type === 'dir') { err(b, `${b.argv[0]}: ${file}: is a directory`); return 1; }
  const saved = b.st.positional;
  if (b.argv.length > 2) b.st.positional = b.argv.slice(2);
  try { return await b.interp.runSource(fs.readFile(path), b.st, b.io); }
  catch (e) { if (e instanceof ReturnSignal) return e.code; throw e; }
  finally { if (b.argv.length > 2) b.st.positional = saved; }
}

async function shellCommand(b: BuiltinCtx): Promise<number> {
  const args = b.argv.slice(1);
  if (args[0] === '-c') {
    if (args[1] === undefined) { b.io.stderr.write(`${b.argv[0]}: -c: option requires an argument\n`); return 2; }
    return b.interp.runNested(args[1], b.st, b.temp, b.io);
  }
  if (args.length > 0) {
    const fs = b.interp.sh.fs;
    const path = fs.resolve(args[0], b.st.cwd);
    if (!fs.isFile(path)) { b.io.stderr.write(`${b.argv[0]}: ${args[0]}: No such file or directory\n`); return 127; }
    return b.interp.runFile(path, args.slice(1), b.st, b.io);
  }
  // SIMPLIFICATION: no nested interactive shell; `bash` alone does nothing.
  return 0;
}
