// metrics.k8s.io/v1beta1 as metrics-server serves it through the aggregator: NodeMetrics
// (`nodes`) and PodMetrics (`pods`), get and list (label and field selectors), read-only, from
// scrapes every --metric-resolution (15 s by default) of the usage model. The group is registered while the
// metrics-server Deployment exists in kube-system and answers once it has an available replica.
// Models metrics-server pkg/api/{node.go,pod.go} and pkg/storage (two samples before a pod shows).
// SIMPLIFICATION: no APIService object; no Table output (metrics-server's columns).
import type { KObject, Node, Pod } from '../api/types';
import { ApiError, errNotFound } from '../api/status';
import { parseFieldSelector, parseLabelSelector } from '../api/selectors';
import type { ApiServer } from '../apiserver/apiserver';
import type { AggregatedApi, ApiRequest, ApiResponse } from '../apiserver/rest';
import type { ResourceType } from '../apiserver/resource-type';
import { hashString } from '../core/rng';
import { rfc3339 } from '../core/time';
import type { LoadContext, Usage } from './usage-model';
import { containerUsage, nodeOverhead } from './usage-model';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
/** metrics-server's default --metric-resolution. */
export const SCRAPE_MS = 15_000;

/** --metric-resolution=60s|1m|15s of the Deployment's container, else the default. */
function resolutionOf(d: KObject | undefined): number {
  const containers = (d?.spec as { template?: { spec?: { containers?: Array<{ args?: string[]; command?: string[] }> } } } | undefined)?.template?.spec?.containers ?? [];
  for (const c of containers) {
    for (const a of [...(c.command ?? []), ...(c.args ?? [])]) {
      const m = /^--metric-resolution=(\d+)(s|m)$/.exec(a);
      if (m) return Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000) || SCRAPE_MS;
    }
  }
  return SCRAPE_MS;
}

function metricsType(plural: string, kind: string, namespaced: boolean): ResourceType {
  return {
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: '',
    shortNames: [],
    namespaced,
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
    statusSubresource: false,
    generation: false,
  };
}

export const NODE_METRICS_TYPE = metricsType('nodes', 'NodeMetrics', false);
export const POD_METRICS_TYPE = metricsType('pods', 'PodMetrics', true);

interface ContainerSample {
  name: string;
  usage: Usage;
}
interface PodSample {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  containers: ContainerSample[];
}
interface NodeSample {
  name: string;
  labels?: Record<string, string>;
  usage: Usage;
}
interface Scrape {
  index: number;
  period: number;
  at: number;
  pods: Map<string, PodSample>;
  nodes: Map<string, NodeSample>;
}

const quantity = (u: Usage) => ({ cpu: `${u.cpuNano}n`, memory: `${Math.round(u.memBytes / 1024)}Ki` });

const failure = (code: number, reason: string, message: string) =>
  new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

export class MetricsApi implements AggregatedApi {
  readonly group = METRICS_GROUP;
  readonly version = METRICS_VERSION;
  readonly types = [NODE_METRICS_TYPE, POD_METRICS_TYPE];
  private cache?: Scrape;
  /** Offset of the scrape ticks within the 15 s period. */
  private readonly phase: number;

  constructor(private readonly api: ApiServer, private readonly seed: number) {
    this.phase = hashString(`metrics-phase:${seed}`) % SCRAPE_MS;
  }

  private server(): KObject | undefined {
    const rt = this.api.resource('deployments', 'apps');
    return rt ? this.api.tryGet(rt, 'kube-system', 'metrics-server') : undefined;
  }

  /** The APIService is registered (metrics-server installed). */
  available(): boolean {
    return this.server() !== undefined;
  }

  private ready(): boolean {
    const d = this.server() as { status?: { availableReplicas?: number } } | undefined;
    return (d?.status?.availableReplicas ?? 0) > 0;
  }

  /** The latest scrape at or before now. */
  scrape(): Scrape {
    const now = this.api.clock.now();
    const period = resolutionOf(this.server());
    const index = Math.floor((now - this.phase) / period);
    if (this.cache?.index === index && this.cache.period === period) return this.cache;
    const at = index * period + this.phase;
    const podsRt = this.api.mustResource('pods');
    const nodesRt = this.api.mustResource('nodes');
    const pods = this.api.list(podsRt, undefined).items as Pod[];
    const nodes = this.api.list(nodesRt, undefined).items as Node[];
    const load: LoadContext = { workers: new Map(), rng: new Map(), hasher: new Map() };
    const running = (p: Pod) => p.status?.phase === 'Running' && !!p.spec?.nodeName;
    for (const p of pods) {
      if (!running(p)) continue;
      const ns = p.metadata?.namespace ?? '';
      for (const c of p.spec?.containers ?? []) {
        const m = /dockercoins\/(worker|rng|hasher)\b/.exec(c.image ?? '');
        if (!m) continue;
        const key = m[1] === 'worker' ? 'workers' : (m[1] as 'rng' | 'hasher');
        load[key].set(ns, (load[key].get(ns) ?? 0) + 1);
      }
    }
    const nodeSum = new Map<string, Usage>();
    const podSamples = new Map<string, PodSample>();
    for (const p of pods) {
      if (!running(p)) continue;
      const containers: ContainerSample[] = [];
      const images = new Map((p.spec?.containers ?? []).map((c) => [c.name, c.image ?? '']));
      for (const st of p.status?.containerStatuses ?? []) {
        const started = st.state?.running?.startedAt;
        // metrics-server needs two scrapes of a container before it reports a rate.
        if (!started || Date.parse(started) > at - period) continue;
        containers.push({ name: st.name, usage: containerUsage(this.seed, p, st.name, images.get(st.name) ?? st.image ?? '', index, load) });
      }
      if (containers.length === 0) continue;
      // Containers in spec order, as the kubelet's summary lists them.
      const order = new Map((p.spec?.containers ?? []).map((c, i) => [c.name, i]));
      containers.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
      const ns = p.metadata?.namespace ?? '';
      const name = p.metadata?.name ?? '';
      podSamples.set(`${ns}/${name}`, { namespace: ns, name, labels: p.metadata?.labels, containers });
      const node = p.spec?.nodeName ?? '';
      const sum = nodeSum.get(node) ?? { cpuNano: 0, memBytes: 0 };
      for (const c of containers) {
        sum.cpuNano += c.usage.cpuNano;
        sum.memBytes += c.usage.memBytes;
      }
      nodeSum.set(node, sum);
    }
    const nodeSamples = new Map<string, NodeSample>();
    for (const n of nodes) {
      const name = n.metadata?.name ?? '';
      const ready = (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      if (!ready) continue;
      const labels = n.metadata?.labels;
      const cp = labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
      const base = nodeOverhead(this.seed, name, cp, index);
      const pods = nodeSum.get(name) ?? { cpuNano: 0, memBytes: 0 };
      nodeSamples.set(name, { name, labels, usage: { cpuNano: base.cpuNano + pods.cpuNano, memBytes: base.memBytes + pods.memBytes } });
    }
    this.cache = { index, period, at, pods: podSamples, nodes: nodeSamples };
    return this.cache;
  }

  handle(method: string, rest: string[], q: Record<string, string>, _req: ApiRequest): ApiResponse {
    void _req;
    let plural = rest[0];
    let ns: string | undefined;
    let name: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      ns = rest[1];
      plural = rest[2];
      name = rest[3];
      if (plural !== 'pods' || rest.length > 4) throw failure(404, 'NotFound', 'the server could not find the requested resource');
    } else {
      name = rest[1];
      if ((plural !== 'nodes' && plural !== 'pods') || rest.length > 2 || (plural === 'pods' && name !== undefined)) {
        throw failure(404, 'NotFound', 'the server could not find the requested resource');
      }
    }
    if (method !== 'GET') throw failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (!this.ready()) {
      // The aggregator's answer for an APIService without an available endpoint.
      return { status: 503, body: 'service unavailable\n', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    }
    const s = this.scrape();
    const now = rfc3339(this.api.clock.now());
    const ts = rfc3339(s.at);
    const apiVersion = `${METRICS_GROUP}/${METRICS_VERSION}`;
    const nodeObj = (n: NodeSample) => ({
      metadata: { name: n.name, creationTimestamp: now, ...(n.labels ? { labels: n.labels } : {}) },
      timestamp: ts,
      window: '20s',
      usage: quantity(n.usage),
    });
    const podObj = (p: PodSample) => ({
      metadata: { name: p.name, namespace: p.namespace, creationTimestamp: now, ...(p.labels ? { labels: p.labels } : {}) },
      timestamp: ts,
      window: '15s',
      containers: p.containers.map((c) => ({ name: c.name, usage: quantity(c.usage) })),
    });
    if (plural === 'nodes') {
      if (name !== undefined) {
        const n = s.nodes.get(name);
        if (!n) throw errNotFound({ group: METRICS_GROUP, resource: 'nodemetrics' }, name);
        return ok({ kind: 'NodeMetrics', apiVersion, ...nodeObj(n) });
      }
      const label = parseLabelSelector(q.labelSelector ?? '');
      const field = parseFieldSelector(q.fieldSelector ?? '');
      const items = [...s.nodes.values()]
        .filter((n) => label.matches(n.labels ?? {}) && field.matches({ 'metadata.name': n.name }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map(nodeObj);
      return ok({ kind: 'NodeMetricsList', apiVersion, metadata: {}, items });
    }
    if (name !== undefined) {
      const p = s.pods.get(`${ns}/${name}`);
      if (!p) throw errNotFound({ group: METRICS_GROUP, resource: 'podmetrics' }, `${ns}/${name}`);
      return ok({ kind: 'PodMetrics', apiVersion, ...podObj(p) });
    }
    const label = parseLabelSelector(q.labelSelector ?? '');
    const field = parseFieldSelector(q.fieldSelector ?? '');
    const items = [...s.pods.values()]
      .filter((p) => (ns === undefined || p.namespace === ns) && label.matches(p.labels ?? {}) && field.matches({ 'metadata.name': p.name, 'metadata.namespace': p.namespace }))
      .sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(podObj);
    return ok({ kind: 'PodMetricsList', apiVersion, metadata: {}, items });
  }
}

function ok(body: unknown): ApiResponse {
  return { status: 200, body, headers: { 'content-type': 'application/json' } };
}

/** Registers metrics.k8s.io on a cluster's REST handler. */
export function installMetricsApi(rest: { aggregated: AggregatedApi[] }, api: ApiServer, seed: number): MetricsApi {
  const m = new MetricsApi(api, seed);
  rest.aggregated.push(m);
  return m;
}
