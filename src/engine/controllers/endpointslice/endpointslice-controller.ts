// The EndpointSlice controller: for every Service with a selector, EndpointSlices named
// `<service>-<5 chars>` (owned by the Service) holding one endpoint per pod with its
// ready/serving/terminating conditions, nodeName, zone and targetRef, grouped by resolved
// port set, at most 100 endpoints a slice; a placeholder slice when nothing matches.
// Leaves out: IPv6/dual-stack slices, topology hints and the batching of slice updates.
// Models pkg/controller/endpointslice/{endpointslice_controller.go,reconciler.go} and
// staging/src/k8s.io/endpointslice/utils.go (podToEndpoint, getEndpointPorts)
import type { EndpointSlice, KObject, Node, Pod, Service } from '../../api/types';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { Controller, ControllerContext } from '../types';
import { BY_CONTROLLER, indexOwned } from '../util/informers';
import { newControllerRef } from '../util/owner';
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

const COMPONENT = 'endpointslice-controller';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

type SliceEndpoint = EndpointSlice['endpoints'][number];
type SlicePort = NonNullable<EndpointSlice['ports']>[number];

/** podToEndpoint */
export function podToEndpoint(pod: Pod, svc: Service, node: Node | undefined): SliceEndpoint {
  const publish = Boolean(svc.spec?.publishNotReadyAddresses);
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const ready = publish || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: [pod.status?.podIP ?? ''],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: every service port that resolves on this pod; names are always set. */
export function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

const epKey = (ep: SliceEndpoint) => ep.targetRef?.uid ?? ep.addresses.join(',');

export class EndpointSliceController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private services!: Informer;
  private pods!: Informer;
  private slices!: Informer;
  private nodes!: Informer;
  private rt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    this.rt = this.ctx.api.mustResource('endpointslices', 'discovery.k8s.io');
    this.services = this.ctx.informers.for('services');
    this.pods = this.ctx.informers.for('pods');
    this.slices = this.ctx.informers.for('endpointslices', 'discovery.k8s.io');
    this.nodes = this.ctx.informers.for('nodes');
    indexOwned(this.slices);
    watchServicesAndPods(this.services, this.pods, this.queue);
  }

  reconcile(key: string): void {
    const svc = this.services.get(key) as Service | undefined;
    // A deleted service's slices go with it through the garbage collector (owner references).
    if (!svc || !serviceSelects(svc)) return;
    const ns = svc.metadata?.namespace ?? '';
    const pods = podsForService(this.pods, svc);
    // Desired endpoints grouped by port set.
    const groups = new Map<string, { ports: SlicePort[]; eps: Map<string, SliceEndpoint> }>();
    const used: Pod[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(svc, pod);
      if (!ports.length && (svc.spec?.ports ?? []).length) continue;
      const ep = podToEndpoint(pod, svc, pod.spec?.nodeName ? (this.nodes.get(pod.spec.nodeName) as Node | undefined) : undefined);
      const k = JSON.stringify(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, eps: new Map() }));
      g.eps.set(epKey(ep), ep);
      used.push(pod);
    }
    const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: svc.metadata?.name ?? '', [MANAGED_BY_LABEL]: MANAGED_BY };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    const trigger = triggerTime(svc, used);
    const existing = (this.slices.byIndex(BY_CONTROLLER, svc.metadata?.uid ?? '') as EndpointSlice[])
      .filter((s) => s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY)
      .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));

    const toWrite: { slice: EndpointSlice; ports: SlicePort[] | undefined; eps: SliceEndpoint[] }[] = [];
    const toDelete: EndpointSlice[] = [];
    const toCreate: { ports: SlicePort[] | undefined; eps: SliceEndpoint[] }[] = [];
    // Keep endpoints in the slice that already holds them; refresh their values.
    for (const s of existing) {
      const g = groups.get(JSON.stringify(s.ports ?? []));
      if (!g) {
        toDelete.push(s);
        continue;
      }
      const eps: SliceEndpoint[] = [];
      for (const ep of s.endpoints ?? []) {
        const want = g.eps.get(epKey(ep));
        if (want && eps.length < MAX_ENDPOINTS_PER_SLICE) {
          eps.push(want);
          g.eps.delete(epKey(ep));
        }
      }
      toWrite.push({ slice: s, ports: s.ports, eps });
    }
    // Place the rest: into slices of the same ports with room, then new slices.
    for (const [k, g] of groups) {
      const rest = [...g.eps.values()];
      for (const w of toWrite) {
        if (!rest.length) break;
        if (JSON.stringify(w.ports ?? []) !== k) continue;
        while (rest.length && w.eps.length < MAX_ENDPOINTS_PER_SLICE) w.eps.push(rest.shift() as SliceEndpoint);
      }
      while (rest.length) toCreate.push({ ports: g.ports, eps: rest.splice(0, MAX_ENDPOINTS_PER_SLICE) });
    }
    // Slices left empty go away, except one placeholder when the service has no endpoints.
    const kept = toWrite.filter((w) => w.eps.length);
    for (const w of toWrite) if (!w.eps.length) toDelete.push(w.slice);
    if (!kept.length && !toCreate.length) {
      const placeholder = toDelete.find((s) => !(s.endpoints ?? []).length && !s.ports) ?? undefined;
      if (placeholder) toDelete.splice(toDelete.indexOf(placeholder), 1);
      else toCreate.push({ ports: undefined, eps: [] });
      if (placeholder) kept.push({ slice: placeholder, ports: undefined, eps: [] });
    }
    const api = this.ctx.api;
    for (const w of kept) {
      const s = w.slice;
      const same = deepEqual(s.endpoints ?? [], w.eps) && deepEqual(s.metadata?.labels ?? {}, labels);
      if (same) continue;
      try {
        api.mutate(this.rt, ns, s.metadata?.name ?? '', (o) => {
          const e = o as EndpointSlice;
          const m = (e.metadata ??= {});
          m.labels = labels;
          m.annotations = { ...(m.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: trigger };
          e.endpoints = w.eps;
        });
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
    }
    for (const c of toCreate) {
      const body: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata?.name}-`,
          namespace: ns,
          labels,
          annotations: { [TRIGGER_TIME_ANNOTATION]: trigger },
          ownerReferences: [newControllerRef(svc as KObject, 'v1', 'Service')],
        },
        addressType: 'IPv4',
        endpoints: c.eps,
      };
      if (c.ports) body.ports = c.ports;
      api.create(this.rt, ns, body as KObject);
    }
    for (const s of toDelete) {
      try {
        api.delete(this.rt, ns, s.metadata?.name ?? '');
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
    }
  }
}
