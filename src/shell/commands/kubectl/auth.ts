// `kubectl auth can-i VERB TYPE[/NAME] | NONRESOURCEURL`: the playground's only user is the
// cluster admin, so every request is allowed (`yes`, exit 0); an unknown resource type gets
// kubectl's warning first, as it does on a real cluster before the review says yes.
// Models kubectl/pkg/cmd/auth/cani.go.
// SIMPLIFICATION: answered client-side; the engine serves no SelfSubjectAccessReview (so the
// real kubectl pointed at the engine gets a BadRequest instead). Leaves out: --list, --as checks.
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';

const KNOWN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];

async function runCanI(inv: Invocation, args: string[]): Promise<number> {
  if (args.length < 2 && !(args.length === 1 && args[0].startsWith('/'))) {
    throw new KubectlError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const [verb, what] = args;
  if (!KNOWN_VERBS.includes(verb)) inv.err(`Warning: verb '${verb}' is not a known verb\n\n`);
  if (what && !what.startsWith('/') && what !== '*') {
    const type = what.split('/')[0];
    if (!inv.client.discovery.find(type)) inv.err(`Warning: the server doesn't have a resource type '${type}'\n\n`);
  }
  if (!inv.flags.bool('quiet')) inv.out('yes\n');
  return 0;
}

export const authCommand: SubCommand = {
  name: 'auth',
  short: 'Inspect authorization',
  usage: 'kubectl auth [flags] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'list', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
  ],
  run: async (inv) => {
    const [sub, ...args] = inv.flags.args;
    if (sub === 'can-i') return runCanI(inv, args);
    if (!sub) {
      inv.out('Inspect authorization.\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n\nUse "kubectl auth <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n');
      return 0;
    }
    throw new KubectlError(`error: unknown command "${sub}" for "kubectl auth"`);
  },
};
