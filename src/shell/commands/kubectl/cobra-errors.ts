// Errors kubectl prints before a command runs, as cobra and kubectl's cmdutil shape them: a
// required flag that is missing (v1.32 logs it through klog from component-base's cli.run),
// the arguments of a command group that has no such sub-command (cmdutil.RequireNoArguments)
// and a command group run without a sub-command (cmdutil.DefaultSubCommandRun: help, exit 1).
// Models kubernetes/staging/src/k8s.io/component-base/cli/run.go and kubectl/pkg/cmd/util/helpers.go.
import type { Invocation } from './command';
import { KubectlError } from './client';
import { klogHeader } from './connection';
import { helpFor } from './help';

/** `E… run.go:72] "command failed" err="required flag(s) \"image\" not set"` (exit 1). */
export function requiredFlagsError(inv: Invocation, missing: string[]): KubectlError {
  const now = inv.client.host.now();
  const msg = `required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`;
  // SIMPLIFICATION: the process id in the klog header is made up from the virtual time.
  return new KubectlError(`${klogHeader('E', now, 20000 + (Math.floor(now / 1000) % 9000), 'run.go:72')}"command failed" err=${JSON.stringify(msg)}`);
}

/** RequireNoArguments: `error: unknown command "foo x"` and the usage hint of the group. */
export function unknownSubcommand(args: string[], group: string): KubectlError {
  return new KubectlError(`error: unknown command ${JSON.stringify(args.join(' '))}\nSee 'kubectl ${group} -h' for help and examples`);
}

/** DefaultSubCommandRun: the group's help on `stream` (kubectl passes stderr for most groups), exit 1. */
export async function groupHelp(inv: Invocation, group: string, stream: 'out' | 'err' = 'err'): Promise<number> {
  const text = await helpFor(group.split(' '), inv.ctx.env.get('HOME') || inv.ctx.fs.home);
  if (text !== undefined) (stream === 'out' ? inv.out : inv.err)(text);
  return 1;
}
