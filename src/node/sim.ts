// `npm run sim -- [--seed N] [--step MS] [FILE]`: runs a shell script against a fresh default
// cluster and prints what a terminal would show — each top-level command echoed as
// `$ <command>`, then its output. Virtual time moves only while a command waits, plus one
// second after each command (typing pace, `--step`). Without FILE it reads standard input,
// with a prompt when that is a terminal; there, lines typed while a command runs are its stdin
// (`kubectl exec -it POD -- sh`, `cat`, `read`) and Ctrl-D ends that input. `vi`/`nano` only say
// that no editor exists in this mode.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import { splitTopLevel, needsMoreInput } from '../shell';
import { createSession } from '../worker/session';
import { advanceTo, runCommand } from './driver';
import { EDITOR_COMMAND_NAMES, editorCommand } from '../worker/editor-commands';
import { TtyInput } from '../worker/tty-input';
import type { Session } from '../worker/session';

interface Args {
  seed: number;
  step: number;
  file?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, step: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${name}`);
      return v;
    };
    if (a === '--seed' || a.startsWith('--seed=')) args.seed = Number(val('--seed'));
    else if (a === '--step' || a.startsWith('--step=')) args.step = Number(val('--step'));
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: npm run sim -- [--seed N] [--step MS] [FILE]\n');
      process.exit(0);
    } else if (a.startsWith('-') && a !== '-') throw new Error(`unknown flag: ${a}`);
    else args.file = a;
  }
  if (!Number.isFinite(args.seed) || !Number.isFinite(args.step)) throw new Error('--seed and --step take numbers');
  return args;
}

const out = { write: (s: string) => void process.stdout.write(s) };

/** A session with the transcript mode's `vi`, `vim` and `nano` (they explain there is no editor). */
function simSession(args: Args): Session {
  const session = createSession({ seed: args.seed });
  for (const name of EDITOR_COMMAND_NAMES) session.shell.register(name, editorCommand(name, undefined));
  return session;
}

async function runScript(args: Args, script: string): Promise<number> {
  const session = simSession(args);
  let last = 0;
  for (const cmd of splitTopLevel(script)) {
    if (!cmd.trim()) continue;
    out.write(`$ ${cmd.split('\n').join('\n> ')}\n`);
    const r = await runCommand(session, cmd, out);
    last = r.code;
    if (session.shell.exited) break;
    await advanceTo(session, session.cluster.clock.now() + args.step);
  }
  return last;
}

async function interactive(args: Args): Promise<number> {
  const session = simSession(args);
  const prompt = () => `${session.sys.user}@${session.sys.hostname}:${session.shell.cwd.replace(/^\/home\/[^/]+/, '~')}$ `;
  /** Lines typed at the prompt, waiting to be run. */
  const typed: string[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  /** The running command's stdin; null at the prompt. */
  let stdin: TtyInput | null = null;
  let buffer = '';
  let rl: Interface;
  let reopen = false;
  const open = () => {
    rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    rl.on('line', (line) => {
      if (stdin) stdin.write(line + '\n');
      else {
        typed.push(line);
        wake?.();
      }
    });
    rl.on('SIGINT', () => {
      out.write('^C\n');
      if (stdin) {
        session.shell.interrupt();
        return;
      }
      typed.length = 0;
      buffer = '';
      rl.setPrompt(prompt());
      rl.prompt();
    });
    // Ctrl-D: end of input for a running command (readline closes: a new one is opened after
    // the command), or the end of the session at the prompt.
    rl.on('close', () => {
      if (stdin) {
        stdin.eof();
        reopen = true;
      } else {
        ended = true;
        wake?.();
      }
    });
  };
  open();
  const nextLine = async (): Promise<string | null> => {
    while (typed.length === 0 && !ended) await new Promise<void>((r) => (wake = r));
    wake = null;
    return typed.shift() ?? null;
  };
  rl!.setPrompt(prompt());
  rl!.prompt();
  for (let line = await nextLine(); line !== null; line = await nextLine()) {
    buffer = buffer ? `${buffer}\n${line}` : line;
    if (needsMoreInput(buffer)) {
      rl!.setPrompt('> ');
      rl!.prompt();
      continue;
    }
    const cmd = buffer;
    buffer = '';
    stdin = new TtyInput();
    rl!.setPrompt('');
    await runCommand(session, cmd, out, 60 * 60_000, { stdin, isTTY: true });
    stdin.close();
    stdin = null;
    await advanceTo(session, session.cluster.clock.now() + args.step);
    if (session.shell.exited) break;
    if (reopen) {
      reopen = false;
      open();
    }
    rl!.setPrompt(prompt());
    rl!.prompt();
  }
  rl!.close();
  return session.shell.lastStatus;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sim: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (args.file && args.file !== '-') {
    process.exitCode = await runScript(args, readFileSync(args.file, 'utf8'));
  } else if (process.stdin.isTTY) {
    process.exitCode = await interactive(args);
  } else {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    process.exitCode = await runScript(args, Buffer.concat(chunks).toString('utf8'));
  }
}

void main();
