// `kubectl top nodes|pods`: kubectl first checks discovery for the metrics.k8s.io group; the
// engine serves no Metrics API yet, so this prints what kubectl prints against such a server.
// Models kubectl/pkg/cmd/top/{top.go,top_node.go,top_pod.go} (the Metrics API availability check).
// SIMPLIFICATION: no metrics model; when the engine serves metrics.k8s.io/v1beta1 this is
// where NodeMetrics/PodMetrics tables would be printed.
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

async function runTop(inv: Invocation): Promise<number> {
  const [sub] = inv.flags.args;
  if (!sub) {
    inv.out(TOP_HELP);
    return 0;
  }
  if (!['node', 'nodes', 'no', 'pod', 'pods', 'po'].includes(sub)) throw new KubectlError(`error: unknown command "${sub}" for "kubectl top"`);
  const groups = inv.client.get('/apis') as { groups?: Array<{ name: string }> };
  if (!(groups.groups ?? []).some((g) => g.name === 'metrics.k8s.io')) throw new KubectlError('error: Metrics API not available');
  throw new KubectlError('error: Metrics API not available');
}

export const topCommand: SubCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'kubectl top [flags] [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'use-protocol-buffers', type: 'bool', def: true },
    { name: 'show-capacity', type: 'bool' },
    { name: 'sum', type: 'bool' },
    { name: 'field-selector', type: 'string' },
  ],
  run: runTop,
};
