// Headless time driver: runs a shell command to completion while moving virtual time only
// as far as the command needs (a command that waits makes time jump to the next event).
// Between clock tasks that resolved something a command awaits, it yields one macrotask so
// promise chains settle in order — deterministic, because the order of tasks is.
import type { Session } from '../worker/session';
import type { Reader, Writer } from '../shell';

const macrotask = () => new Promise<void>((r) => setImmediate(r));

/** Runs clock tasks up to `target`, yielding to promise continuations when asked. */
export async function advanceTo(session: Session, target: number, done: () => boolean = () => false): Promise<void> {
  const { clock } = session.cluster;
  for (;;) {
    await macrotask();
    if (done()) return;
    clock.yieldRequested = false;
    let ran = 0;
    while (!clock.yieldRequested && ran < 5000) {
      if (!clock.runNext(target)) {
        if (clock.now() < target) clock.advanceTo(target);
        await macrotask();
        return;
      }
      ran++;
    }
  }
}

/** What the user types while a command runs (src/worker/tty-input.ts). */
export interface TypedInput extends Reader {
  /** A read waits for the user: virtual time stands still until input arrives. */
  readonly reading: boolean;
  /** Resolves at the next input (or end of file). */
  input(): Promise<void>;
}

export interface RunResult {
  code: number;
  interrupted: boolean;
}

/**
 * Runs `command` in the session's shell. If it is still running after `maxWaitMs` of virtual
 * time, it is interrupted as if the user pressed Ctrl-C (and `^C` is printed). `stdin` is what
 * the user types meanwhile (interactive `npm run sim`, with `isTTY`); without it stdin is empty.
 */
export async function runCommand(
  session: Session,
  command: string,
  out: Writer,
  maxWaitMs = 10 * 60_000,
  io: { stdin?: TypedInput; isTTY?: boolean } = {},
): Promise<RunResult> {
  const { clock } = session.cluster;
  let settled = false;
  let code = 0;
  const p = session.shell
    .execute(command, { stdout: out, stderr: out, isTTY: io.isTTY ?? false, ...(io.stdin ? { stdin: io.stdin } : {}) })
    .then((c) => {
      code = c;
      settled = true;
      clock.yieldRequested = true;
    });
  const { stdin } = io;
  const deadline = clock.now() + maxWaitMs;
  let interrupted = false;
  while (!settled) {
    if (stdin?.reading) {
      // The command waits for the user: time stands still, as at a prompt.
      await Promise.race([stdin.input(), p]);
      continue;
    }
    await advanceTo(session, deadline, () => settled || (stdin?.reading ?? false));
    if (!settled && clock.now() >= deadline) {
      interrupted = true;
      out.write('^C\n');
      session.shell.interrupt();
      for (let i = 0; i < 100 && !settled; i++) await macrotask();
      break;
    }
  }
  await p;
  return { code, interrupted };
}
