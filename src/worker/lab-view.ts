// The read-only LabView that lab checks see (src/labs/types.ts), built over a worker Session:
// objects come from the API server of kubectl's current context (through its REST façade, so a
// check reads exactly what `kubectl get -o json` would), commands from the shell transcript the
// caller keeps. Used by the worker's lab host and by the headless replay test.
import type { KObject } from '../engine';
import type { LabView, TypedCommand } from '../labs';
import { parseKubeconfig } from '../shell/commands/kubectl/kubeconfig';
import type { Session } from './session';

/** Where each resource lives (kubectl plural → API group/version); `name.group` forms accepted. */
const GROUPS: Readonly<Record<string, string>> = {
  pods: 'v1', services: 'v1', endpoints: 'v1', namespaces: 'v1', nodes: 'v1', replicationcontrollers: 'v1',
  events: 'v1', configmaps: 'v1', secrets: 'v1', serviceaccounts: 'v1', persistentvolumeclaims: 'v1',
  persistentvolumes: 'v1', resourcequotas: 'v1', limitranges: 'v1',
  deployments: 'apps/v1', replicasets: 'apps/v1', daemonsets: 'apps/v1', statefulsets: 'apps/v1', controllerrevisions: 'apps/v1',
  jobs: 'batch/v1', cronjobs: 'batch/v1', horizontalpodautoscalers: 'autoscaling/v2',
  ingresses: 'networking.k8s.io/v1', ingressclasses: 'networking.k8s.io/v1', networkpolicies: 'networking.k8s.io/v1',
  endpointslices: 'discovery.k8s.io/v1', leases: 'coordination.k8s.io/v1',
};
const CLUSTER_SCOPED = new Set(['namespaces', 'nodes', 'persistentvolumes', 'ingressclasses']);

function resourcePath(resource: string, namespace: string | undefined, name?: string): string {
  const plural = resource.split('.')[0];
  const gv = GROUPS[plural];
  if (!gv) throw new Error(`lab view: unknown resource ${JSON.stringify(resource)}`);
  const base = gv === 'v1' ? '/api/v1' : `/apis/${gv}`;
  const ns = !CLUSTER_SCOPED.has(plural) && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** kubectl's current context in the shell's ~/.kube/config, and the cluster it points at. */
function currentTarget(session: Session): { context: string; cluster: Session['cluster'] | undefined } {
  const path = `${session.shell.fs.home}/.kube/config`;
  try {
    const cfg = parseKubeconfig(session.shell.fs.readFile(path));
    const ctx = cfg.contexts.get(cfg.currentContext);
    const server = ctx ? cfg.clusters.get(ctx.cluster)?.server : undefined;
    return { context: cfg.currentContext, cluster: server ? session.clusters.clusterAt(server) : undefined };
  } catch {
    return { context: '', cluster: session.cluster };
  }
}

export function createLabView(session: Session, commands: readonly TypedCommand[]): LabView {
  const target = currentTarget(session);
  const request = (path: string): KObject | undefined => {
    const c = target.cluster;
    if (!c) return undefined;
    const res = c.request({ method: 'GET', path });
    return res.status === 200 ? (res.body as KObject) : undefined;
  };
  return {
    list: (resource, namespace) => ((request(resourcePath(resource, namespace)) as { items?: KObject[] } | undefined)?.items ?? []),
    get: (resource, namespace, name) => request(resourcePath(resource, namespace ?? 'default', name)),
    commands,
    now: session.cluster.clock.now(),
    context: target.context,
    clusters: session.clusters.list().map((e) => ({ name: e.name, running: e.running })),
  };
}
