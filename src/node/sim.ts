// `npm run sim -- [--seed N] [--step MS] [FILE]`: runs a shell script against a fresh default
// cluster and prints what a terminal would show — each top-level command echoed as
// `$ <command>`, then its output. Virtual time moves only while a command waits, plus one
// second after each command (typing pace, `--step`). Without FILE it reads standard input,
// with a prompt when that is a terminal.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { splitTopLevel, needsMoreInput } from '../shell';
import { createSession } from '../worker/session';
import { advanceTo, runCommand } from './driver';

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

async function runScript(args: Args, script: string): Promise<number> {
  const session = createSession({ seed: args.seed });
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
  const session = createSession({ seed: args.seed });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const prompt = () => `${session.sys.user}@${session.sys.hostname}:${session.shell.cwd.replace(/^\/home\/[^/]+/, '~')}$ `;
  let buffer = '';
  rl.setPrompt(prompt());
  rl.prompt();
  rl.on('SIGINT', () => {
    session.shell.interrupt();
    buffer = '';
    out.write('^C\n');
    rl.setPrompt(prompt());
    rl.prompt();
  });
  for await (const line of rl) {
    buffer = buffer ? `${buffer}\n${line}` : line;
    if (needsMoreInput(buffer)) {
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    const cmd = buffer;
    buffer = '';
    rl.pause();
    await runCommand(session, cmd, out, 60 * 60_000);
    await advanceTo(session, session.cluster.clock.now() + args.step);
    if (session.shell.exited) break;
    rl.resume();
    rl.setPrompt(prompt());
    rl.prompt();
  }
  rl.close();
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
