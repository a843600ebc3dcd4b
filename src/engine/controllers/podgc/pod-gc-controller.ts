// The pod garbage collector of kube-controller-manager: every 20 s it looks for pods bound to a
// Node that no longer exists; such a Node name is quarantined for 40 s, then looked up again
// through the API, and if it is still gone its pods get a DisruptionTarget condition
// (DeletionByPodGC) and are force-deleted (grace period 0), so their controllers replace them.
// Pods that are terminating but were never scheduled are force-deleted as well.
// Leaves out: the terminated-pods threshold (12,500 by default; never reached here) and the
// out-of-service taint path.
// Models pkg/controller/podgc/gc_controller.go
import type { Pod } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';

const COMPONENT = 'pod-garbage-collector';
/** gcCheckPeriod */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime */
export const QUARANTINE_MS = 40_000;

export class PodGCController implements Controller {
  readonly name = COMPONENT;
  private pods!: Informer;
  private nodes!: Informer;
  private podRt!: ResourceType;
  private nodeRt!: ResourceType;
  /** Node names waiting out their quarantine. */
  private readonly quarantined = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    this.podRt = this.ctx.api.mustResource('pods');
    this.nodeRt = this.ctx.api.mustResource('nodes');
    this.pods = this.ctx.informers.for('pods');
    this.nodes = this.ctx.informers.for('nodes');
    this.arm();
  }

  private arm(): void {
    this.ctx.clock.schedule(GC_CHECK_PERIOD_MS, () => {
      this.gc();
      this.arm();
    }, 'podgc:gc');
  }

  /** One pass: gcOrphaned, then gcUnscheduledTerminating. */
  gc(): void {
    for (const o of this.pods.list()) {
      const pod = o as Pod;
      const node = pod.spec?.nodeName;
      if (!node) {
        if (pod.metadata?.deletionTimestamp) this.forceDelete(pod, false);
      } else if (!this.nodes.get(node) && !this.quarantined.has(node)) {
        this.quarantined.add(node);
        this.ctx.clock.schedule(QUARANTINE_MS, () => this.afterQuarantine(node), 'podgc:quarantine');
      }
    }
  }

  private afterQuarantine(node: string): void {
    this.quarantined.delete(node);
    try {
      this.ctx.api.get(this.nodeRt, undefined, node);
      return; // the Node came back
    } catch (e) {
      if (!(isApiError(e) && e.code === 404)) throw e;
    }
    for (const o of this.pods.list()) {
      const pod = o as Pod;
      if (pod.spec?.nodeName === node) this.forceDelete(pod, true);
    }
  }

  private forceDelete(pod: Pod, orphaned: boolean): void {
    const ns = pod.metadata?.namespace;
    const name = pod.metadata?.name ?? '';
    try {
      if (orphaned && !isFinished(pod)) {
        this.ctx.api.mutate(this.podRt, ns, name, (o) => {
          const p = o as Pod;
          const conds = ((p.status ??= {}).conditions ??= []);
          if (conds.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return;
          conds.push({
            type: 'DisruptionTarget',
            status: 'True',
            lastTransitionTime: rfc3339(this.ctx.clock.now()),
            reason: 'DeletionByPodGC',
            message: 'PodGC: node no longer exists',
          });
        }, { subresource: 'status' });
      }
      this.ctx.api.delete(this.podRt, ns, name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(isApiError(e) && e.code === 404)) throw e;
    }
  }
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
