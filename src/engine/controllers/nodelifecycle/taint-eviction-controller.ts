// The taint eviction controller (formerly the node lifecycle controller's taint manager):
// pods on a node with NoExecute taints are deleted at once when they do not tolerate them,
// after the smallest tolerationSeconds when they do for a while, never when they tolerate
// them forever. Evictions are cancelled when the taints go away before they are due.
// Leaves out: the rate-limited worker pools (evictions run on the virtual clock directly).
// Models pkg/controller/tainteviction/taint_eviction.go
import type { KObject, Node, Pod, Taint, Toleration } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { TaskHandle } from '../../core/clock';
import { rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { BY_NODE, indexByNode } from '../util/informers';
import { sameJson, toleratesTaint } from '../util/nodes';

const COMPONENT = 'taint-eviction-controller';

interface Scheduled {
  createdAt: number;
  dueAt: number;
  handle: TaskHandle;
}

/** Tolerations matching each taint (first match per taint), or undefined if one is not tolerated. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[] | undefined): Toleration[] | undefined {
  const out: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    out.push(t);
  }
  return out;
}

/** getMinTolerationTime: ms, 0 for none, -1 for forever. */
export function minTolerationMs(tolerations: Toleration[]): number {
  if (!tolerations.length) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export class TaintEvictionController implements Controller {
  readonly name = COMPONENT;
  private readonly nodeQueue: WorkQueue;
  private readonly podQueue: WorkQueue;
  private scheduled = new Map<string, Scheduled>();
  private nodes!: Informer;
  private pods!: Informer;
  private podRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.nodeQueue = new WorkQueue(ctx.clock, `${COMPONENT}:nodes`, (k) => this.syncNode(k));
    this.podQueue = new WorkQueue(ctx.clock, `${COMPONENT}:pods`, (k) => this.syncPod(k));
  }

  start(): void {
    this.podRt = this.ctx.api.mustResource('pods');
    this.nodes = this.ctx.informers.for('nodes');
    this.pods = this.ctx.informers.for('pods');
    indexByNode(this.pods);
    const noExec = (n: KObject | undefined) => JSON.stringify(((n as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
    this.nodes.addHandlers({
      add: (n) => this.nodeQueue.add(objKey(n)),
      update: (o, n) => {
        if (noExec(o) !== noExec(n)) this.nodeQueue.add(objKey(n));
      },
    });
    this.pods.addHandlers({
      add: (p) => this.podQueue.add(objKey(p)),
      update: (o, p) => {
        const a = o as Pod;
        const b = p as Pod;
        if (a.spec?.nodeName !== b.spec?.nodeName || !sameJson(a.spec?.tolerations, b.spec?.tolerations) || Boolean(b.metadata?.deletionTimestamp)) {
          this.podQueue.add(objKey(p));
        }
      },
      delete: (p) => this.cancel(objKey(p), false),
    });
  }

  private noExecuteTaints(nodeName: string | undefined): Taint[] {
    if (!nodeName) return [];
    const node = this.nodes.get(nodeName) as Node | undefined;
    return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  }

  private syncNode(name: string): void {
    const taints = this.noExecuteTaints(name);
    for (const p of this.pods.byIndex(BY_NODE, name) as Pod[]) this.process(p, taints);
  }

  private syncPod(key: string): void {
    const pod = this.pods.get(key) as Pod | undefined;
    if (!pod) return this.cancel(key, false);
    this.process(pod, this.noExecuteTaints(pod.spec?.nodeName));
  }

  private process(pod: Pod, taints: Taint[]): void {
    const key = objKey(pod);
    if (pod.metadata?.deletionTimestamp || !pod.spec?.nodeName) return this.cancel(key, false);
    if (!taints.length) return this.cancel(key, true);
    const used = matchingTolerations(taints, pod.spec?.tolerations);
    const now = this.ctx.clock.now();
    if (!used) {
      this.cancel(key, false);
      this.evict(pod);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) return this.cancel(key, true);
    const existing = this.scheduled.get(key);
    const start = existing ? existing.createdAt : now;
    const due = start + min;
    if (existing) {
      if (existing.dueAt <= due) return;
      this.ctx.clock.cancel(existing.handle);
    }
    const handle = this.ctx.clock.schedule(due - now, () => {
      this.scheduled.delete(key);
      const cur = this.pods.get(key) as Pod | undefined;
      if (cur && cur.metadata?.uid === pod.metadata?.uid) this.evict(cur);
    }, `${COMPONENT}:evict`);
    this.scheduled.set(key, { createdAt: start, dueAt: due, handle });
  }

  private cancel(key: string, withEvent: boolean): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    this.ctx.clock.cancel(s.handle);
    this.scheduled.delete(key);
    const pod = this.pods.get(key);
    if (withEvent && pod) {
      this.ctx.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: COMPONENT });
    }
  }

  private evict(pod: Pod): void {
    const ns = pod.metadata?.namespace;
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp) return;
    this.ctx.recorder.event(pod as KObject, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`, { component: COMPONENT });
    try {
      this.ctx.api.mutate(this.podRt, ns, name, (o) => {
        const p = o as Pod;
        const st = (p.status ??= {});
        const conds = (st.conditions ??= []);
        if (conds.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return;
        conds.push({
          type: 'DisruptionTarget',
          status: 'True',
          lastTransitionTime: rfc3339(this.ctx.clock.now()),
          reason: 'DeletionByTaintManager',
          message: 'Taint manager: deleting due to NoExecute taint',
        });
      }, { subresource: 'status' });
      this.ctx.api.delete(this.podRt, ns, name);
    } catch (e) {
      if (!(isApiError(e) && e.code === 404)) throw e;
    }
  }
}
