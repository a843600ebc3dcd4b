// `kubectl expose (-f FILE | TYPE NAME) [--port] [--target-port] [--type] [--name] [--selector]`:
// builds a Service client-side from a Pod, Service, ReplicationController, Deployment or
// ReplicaSet (selector, ports and protocols introspected from the object), then creates it:
// `service/httpenv exposed`, `--dry-run=client -o yaml`, kubectl's introspection errors.
// Models kubectl/pkg/cmd/expose/expose.go and kubectl/pkg/polymorphichelpers/{canbeexposed,mapbasedselectorforobject,portsforobject,protocolsforobject}.go.
// Leaves out: --overrides, --record, --save-config annotation, --load-balancer-ip validation.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError, StatusError } from './client';
import { printResult, visitObjects } from './mutate-util';

interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}

interface PodSpecLike {
  containers?: Array<{ ports?: ContainerPort[] }>;
}

const EXPOSABLE = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);

function podSpecOf(o: KObject): PodSpecLike | undefined {
  const spec = o.spec as { template?: { spec?: PodSpecLike } } & PodSpecLike;
  return o.kind === 'Pod' ? spec : spec?.template?.spec;
}

/** The map-based selector of an exposable object, as `k=v,k2=v2` (MapBasedSelectorForObject). */
function selectorFor(o: KObject): Record<string, string> {
  const spec = (o.spec ?? {}) as { selector?: Record<string, unknown> & { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } };
  switch (o.kind) {
    case 'Pod': {
      const l = o.metadata?.labels ?? {};
      if (Object.keys(l).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return l;
    }
    case 'Service': {
      const s = (spec.selector ?? {}) as Record<string, string>;
      if (Object.keys(s).length === 0) throw new Error('the service has no pod selector set');
      return s;
    }
    case 'ReplicationController':
      return (spec.selector ?? {}) as Record<string, string>;
    default: {
      const sel = spec.selector ?? {};
      if (sel.matchExpressions && sel.matchExpressions.length) {
        throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      }
      return sel.matchLabels ?? {};
    }
  }
}

/** Ports and their protocols (PortsForObject, ProtocolsForObject). */
function portsFor(o: KObject): Array<{ port: number; protocol: string }> {
  if (o.kind === 'Service') {
    const ports = ((o.spec as { ports?: Array<{ port?: number; protocol?: string }> })?.ports ?? []);
    return ports.map((p) => ({ port: p.port ?? 0, protocol: p.protocol ?? 'TCP' }));
  }
  const out: Array<{ port: number; protocol: string }> = [];
  for (const c of podSpecOf(o)?.containers ?? []) for (const p of c.ports ?? []) out.push({ port: p.containerPort ?? 0, protocol: p.protocol ?? 'TCP' });
  return out;
}

function parseMap(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new KubectlError(`error: invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

const intOrString = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

async function runExpose(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const dry = dryRunOf(f);
  const objs = await visitObjects(inv, f.args, { cmd: 'expose' });
  for (const v of objs) {
    const o = v.obj;
    if (!EXPOSABLE.has(String(o.kind))) throw new KubectlError(`error: cannot expose a ${o.kind}`);
    let selector: Record<string, string>;
    if (f.str('selector')) selector = parseMap(f.str('selector'));
    else {
      try {
        selector = selectorFor(o);
      } catch (e) {
        throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
      }
    }
    const clusterIP = f.str('cluster-ip');
    const headless = clusterIP === 'None';
    const introspected = portsFor(o);
    const protoOf = new Map<number, string>();
    for (const p of introspected) if (!protoOf.has(p.port)) protoOf.set(p.port, p.protocol);
    let portList: number[];
    if (f.str('port')) portList = [Number(f.str('port'))];
    else {
      portList = introspected.map((p) => p.port);
      if (portList.length === 0 && !headless) throw new KubectlError("error: couldn't find port via --port flag or introspection");
    }
    const target = f.str('target-port');
    const ports = portList.map((port, i) => {
      const p: Record<string, unknown> = {};
      if (portList.length > 1) p.name = `port-${i + 1}`;
      p.protocol = f.str('protocol') || protoOf.get(port) || 'TCP';
      p.port = port;
      p.targetPort = target ? intOrString(target) : port;
      return p;
    });
    let name = f.str('name') || v.name;
    if (name.length > 63) name = name.slice(0, 63);
    const labels = f.str('labels') ? parseMap(f.str('labels')) : (o.metadata?.labels ?? {});
    const metadata: Record<string, unknown> = { name, creationTimestamp: null };
    if (Object.keys(labels).length) metadata.labels = labels;
    const spec: Record<string, unknown> = {};
    if (ports.length) spec.ports = ports;
    spec.selector = selector;
    if (clusterIP) spec.clusterIP = clusterIP;
    if (f.str('type')) spec.type = f.str('type');
    if (f.str('external-ip')) spec.externalIPs = [f.str('external-ip')];
    if (f.str('load-balancer-ip')) spec.loadBalancerIP = f.str('load-balancer-ip');
    if (f.str('session-affinity')) spec.sessionAffinity = f.str('session-affinity');
    const svc = { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } } as unknown as KObject;
    const r = inv.client.discovery.mustFind('services');
    if (dry === 'client') {
      printResult(inv, r, svc, 'exposed', dry);
      continue;
    }
    const res = inv.client.raw('POST', inv.client.path(r, inv.namespace), {
      body: svc,
      query: { fieldManager: 'kubectl-expose', dryRun: dry === 'server' ? 'All' : undefined },
    });
    if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status);
    printResult(inv, r, res.body as KObject, 'exposed', dry);
  }
  return 0;
}

export const exposeCommand: SubCommand = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  usage: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-expose' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runExpose,
};
