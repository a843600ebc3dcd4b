// The Endpoints controller: for every Service with a selector, an Endpoints object of the same
// name listing ready pods in `addresses` and unready ones in `notReadyAddresses`, per resolved
// port set, with the last-change-trigger-time annotation. Terminating pods are left out.
// Leaves out: the 1000-address capacity annotation and truncation, and the hash-based order
// upstream's RepackSubsets gives to ports and subsets (we sort by name/port and first IP).
// Models pkg/controller/endpoint/endpoints_controller.go and pkg/api/v1/endpoints/util.go
import type { EndpointSubset, Endpoints, KObject, Pod, Service } from '../../api/types';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { Controller, ControllerContext } from '../types';
import { splitKey } from '../util/owner';
import { isPodReady } from '../util/pods';
import {
  HEADLESS_LABEL,
  TRIGGER_TIME_ANNOTATION,
  findPort,
  podsForService,
  serviceSelects,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  triggerTime,
  watchServicesAndPods,
} from '../util/endpoints';

const COMPONENT = 'endpoint-controller';

type Address = NonNullable<EndpointSubset['addresses']>[number];
type Port = NonNullable<EndpointSubset['ports']>[number];

function ipLess(a: Address, b: Address): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const au = a.targetRef?.uid ?? '';
  const bu = b.targetRef?.uid ?? '';
  return au < bu ? -1 : au > bu ? 1 : 0;
}

/** Groups addresses by identical port sets, as RepackSubsets does. */
export function buildSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = Boolean(svc.spec?.publishNotReadyAddresses);
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  const add = (ports: Port[], addr: Address, ready: boolean) => {
    const sorted = [...ports].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    const k = JSON.stringify(sorted);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: sorted, ready: [], notReady: [] }));
    (ready ? g.ready : g.notReady).push(addr);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const addr: Address = {
      ip: pod.status?.podIP ?? '',
      targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
    };
    if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
    if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
    const ready = tolerateUnready || isPodReady(pod);
    const svcPorts = svc.spec?.ports ?? [];
    if (!svcPorts.length) {
      // Headless service without ports: addresses only.
      if (svc.spec?.clusterIP === 'None') add([], addr, ready);
      continue;
    }
    const ports: Port[] = [];
    for (const sp of svcPorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: Port = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) p.name = sp.name;
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    if (ports.length) add(ports, addr, ready);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(ipLess);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(ipLess);
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return out.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

export class EndpointsController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private services!: Informer;
  private pods!: Informer;
  private endpoints!: Informer;
  private epRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    this.epRt = this.ctx.api.mustResource('endpoints');
    this.services = this.ctx.informers.for('services');
    this.pods = this.ctx.informers.for('pods');
    this.endpoints = this.ctx.informers.for('endpoints');
    watchServicesAndPods(this.services, this.pods, this.queue);
  }

  reconcile(key: string): void {
    const { ns, name } = splitKey(key);
    const svc = this.services.get(key) as Service | undefined;
    const api = this.ctx.api;
    if (!svc) {
      // The service is gone: so are its endpoints.
      try {
        api.delete(this.epRt, ns, name);
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
      return;
    }
    if (!serviceSelects(svc)) return;
    const pods = podsForService(this.pods, svc);
    const subsets = buildSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    const current = (this.endpoints.get(key) ?? api.tryGet(this.epRt, ns, name)) as Endpoints | undefined;
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata?.labels ?? {}, labels)) return;
    const body: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, annotations: { [TRIGGER_TIME_ANNOTATION]: triggerTime(svc, pods) } },
    };
    const meta = body.metadata as NonNullable<Endpoints['metadata']>;
    if (Object.keys(labels).length) meta.labels = labels;
    if (subsets.length) body.subsets = subsets;
    const fresh = api.tryGet(this.epRt, ns, name);
    if (!fresh) {
      api.create(this.epRt, ns, body as KObject);
      return;
    }
    api.mutate(this.epRt, ns, name, (o) => {
      const e = o as Endpoints;
      const m = (e.metadata ??= {});
      m.annotations = { ...(m.annotations ?? {}), ...meta.annotations };
      if (meta.labels) m.labels = meta.labels;
      else delete m.labels;
      if (body.subsets) e.subsets = body.subsets;
      else delete e.subsets;
    });
  }
}
