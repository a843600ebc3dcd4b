// Test harness: a shell on a FakeClock that captures stdout/stderr. Used by the shell's own
// tests and available to command authors (kubectl, minikube). Not used by the product.
import type { Shell, ShellOptions } from '../index';
import { createShell } from '../index';
import { FakeClock } from './fake-sys';

export interface RunResult { out: string; err: string; code: number }

export class TestShell {
  readonly clock: FakeClock;
  readonly shell: Shell;
  constructor(opts: Partial<ShellOptions> = {}, clock = new FakeClock()) {
    this.clock = clock;
    this.shell = createShell({ sys: clock, ...opts });
  }

  /** Runs a script to completion, jumping virtual time over sleeps. */
  async run(script: string, opts: { isTTY?: boolean; stdin?: string } = {}): Promise<RunResult> {
    let out = '';
    let err = '';
    let fed = opts.stdin === undefined;
    const code = await this.clock.run(this.shell.execute(script, {
      stdout: { write: (t) => { out += t; } },
      stderr: { write: (t) => { err += t; } },
      isTTY: opts.isTTY ?? false,
      stdin: opts.stdin === undefined ? undefined : {
        read: async () => { if (fed) return null; fed = true; return opts.stdin ?? null; },
        readAll: async () => { if (fed) return ''; fed = true; return opts.stdin ?? ''; },
      },
    }));
    return { out, err, code };
  }

  /** Stdout and stderr interleaved in write order. */
  async both(script: string, opts: { isTTY?: boolean } = {}): Promise<string> {
    let all = '';
    const w = { write: (t: string) => { all += t; } };
    const code = await this.clock.run(this.shell.execute(script, { stdout: w, stderr: w, isTTY: opts.isTTY ?? false }));
    return all + `[${code}]`;
  }
}
