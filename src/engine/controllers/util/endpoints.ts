// What the Endpoints and EndpointSlice controllers share: which pods back a Service, how a
// service port resolves against a pod (targetPort number or named container port), and the
// triggers that re-sync a Service when its pods change.
// Models pkg/controller/util/endpoint/controller_utils.go and pkg/api/v1/pod/util.go (FindPort)
import type { KObject, Pod, Service, ServicePort } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import type { WorkQueue } from '../../client/workqueue';
import { deepEqual } from '../../apiserver/apiserver';
import { byLabels, indexByLabel } from './informers';
import { isPodReady, podCondition } from './pods';
import { selectorFromSet } from './owner';
import { parseTime, rfc3339 } from '../../core/time';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** FindPort: the container port a service port targets on this pod, or undefined. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** ShouldPodBeInEndpoints: has an IP, is not terminal, and is not terminating unless asked. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return Boolean(pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && svc.metadata?.namespace === pod.metadata?.namespace);
}

export function serviceSelects(svc: Service): boolean {
  return Boolean(svc.spec?.selector) && svc.spec?.type !== 'ExternalName';
}

/** Pods in the service's namespace matched by its selector. */
export function podsForService(pods: Informer, svc: Service): Pod[] {
  const sel = svc.spec?.selector ?? {};
  const s = selectorFromSet(sel);
  return byLabels(pods, svc.metadata?.namespace ?? '', sel).filter((p) => s.matches(p.metadata?.labels)) as Pod[];
}

/** The latest change among the pods and the service, as the trigger-time annotation value. */
export function triggerTime(svc: Service, pods: Pod[]): string {
  let t = parseTime(svc.metadata?.creationTimestamp) ?? 0;
  for (const p of pods) {
    const c = podCondition(p, 'Ready');
    const pt = parseTime(c?.lastTransitionTime) ?? parseTime(p.metadata?.creationTimestamp) ?? 0;
    if (pt > t) t = pt;
  }
  return rfc3339(t);
}

/** Whether the fields of a pod that endpoints depend on are the same in both versions. */
function sameEndpointFields(a: Pod, b: Pod): boolean {
  return (
    a.status?.podIP === b.status?.podIP &&
    a.status?.phase === b.status?.phase &&
    isPodReady(a) === isPodReady(b) &&
    a.metadata?.deletionTimestamp === b.metadata?.deletionTimestamp &&
    a.spec?.nodeName === b.spec?.nodeName &&
    a.spec?.hostname === b.spec?.hostname &&
    a.spec?.subdomain === b.spec?.subdomain
  );
}

/** Wires services and pods to a queue of service keys (addPod/updatePod/deletePod). */
export function watchServicesAndPods(services: Informer, pods: Informer, queue: WorkQueue): void {
  indexByLabel(pods);
  services.addHandlers({
    add: (s) => queue.add(objKey(s)),
    update: (_o, c) => queue.add(objKey(c)),
    delete: (s) => queue.add(objKey(s)),
  });
  const enqueueFor = (pod: KObject) => {
    const ls = pod.metadata?.labels;
    if (!ls) return;
    for (const s of services.list(pod.metadata?.namespace ?? '')) {
      const sel = (s as Service).spec?.selector;
      if (sel && selectorFromSet(sel).matches(ls)) queue.add(objKey(s));
    }
  };
  pods.addHandlers({
    add: enqueueFor,
    update: (old, cur) => {
      const labelsChanged = !deepEqual(old.metadata?.labels, cur.metadata?.labels);
      if (!labelsChanged && sameEndpointFields(old as Pod, cur as Pod)) return;
      enqueueFor(cur);
      if (labelsChanged) enqueueFor(old);
    },
    delete: enqueueFor,
  });
}
