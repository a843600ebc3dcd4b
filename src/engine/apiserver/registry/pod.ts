// Pods: born Pending with their QoS class; deleted gracefully once scheduled (the kubelet
// finishes the deletion after stopping the containers); bound to a node via `binding`.
// Models pkg/registry/core/pod/strategy.go (PrepareForCreate, CheckGracefulDelete) and
// pkg/apis/core/helper/qos/qos.go
import type { KObject, Pod } from '../../api/types';
import { defineType } from './define';

type Resources = { requests?: Record<string, unknown>; limits?: Record<string, unknown> };

/** QoS class from requests and limits of cpu and memory. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = (c.resources ?? {}) as Resources;
    for (const res of ['cpu', 'memory']) {
      const req = r.requests?.[res];
      const lim = r.limits?.[res];
      if (req !== undefined || lim !== undefined) any = true;
      if (lim === undefined || (req !== undefined && String(req) !== String(lim))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export const pods = defineType({
  kind: 'Pod',
  plural: 'pods',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  returnDeletedObject: true,
  storageVersionHash: 'xPOwRZ+Yhw8=',
  statusSubresource: true,
  subresources: ['status', 'binding', 'log', 'exec', 'attach', 'portforward', 'eviction', 'ephemeralcontainers', 'proxy'],
  prepareForCreate(obj: KObject) {
    const pod = obj as Pod;
    obj.status = { phase: 'Pending', qosClass: qosClass(pod) };
  },
  gracePeriodSeconds(obj: KObject, requested: number | undefined) {
    // Models pkg/registry/core/pod/strategy.go (CheckGracefulDelete)
    const pod = obj as Pod;
    let period = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
    // Unscheduled and terminated pods go away at once.
    if (!pod.spec?.nodeName) period = 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') period = 0;
    return period < 0 ? 1 : period;
  },
});
