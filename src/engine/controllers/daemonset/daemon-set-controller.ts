// The DaemonSet controller: one pod per eligible node (nodeSelector, required node affinity,
// taints against tolerations including the ones every daemon pod gets), created with a
// required node affinity on `metadata.name` so the scheduler places it; extra, misplaced and
// failed pods are deleted; RollingUpdate replaces outdated pods within maxUnavailable.
// Keeps the template history as ControllerRevisions (history.ts).
// Leaves out: maxSurge rolling updates and the failed-pod backoff.
// Models pkg/controller/daemon/{daemon_controller.go,update.go,util/daemonset_util.go}
import type { DaemonSet, KObject, Node, Pod, Taint, Toleration } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { deepEqual } from '../../apiserver/apiserver';
import { DaemonSetHistory, REVISION_HASH_LABEL } from './history';
import { parseTime } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { Expectations } from '../util/expectations';
import { BY_CONTROLLER, ORPHANS, indexOwned } from '../util/informers';
import { findUntoleratedTaint, podMatchesNodeSelectorAndAffinity } from '../util/nodes';
import { claim, controllerOf, newControllerRef, selectorFromMeta } from '../util/owner';
import { isPodAvailable, isPodReady } from '../util/pods';
import { scaledValue } from '../deployment/util';
import { errorText } from '../replicaset/replica-set-controller';
import { clone } from '../../api/meta';

const COMPONENT = 'daemonset-controller';
export { REVISION_HASH_LABEL };
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** The tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations). */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

function addTolerations(existing: Toleration[] | undefined, add: Toleration[]): Toleration[] {
  const out = [...(existing ?? [])];
  for (const t of add) {
    const i = out.findIndex((e) => e.key === t.key && e.effect === t.effect && (e.operator ?? 'Equal') === t.operator);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/** The node a daemon pod is meant for: spec.nodeName or its metadata.name affinity. */
export function daemonPodNode(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

export class DaemonSetController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private readonly expectations: Expectations;
  private dsInf!: Informer;
  private pods!: Informer;
  private nodes!: Informer;
  private podRt!: ResourceType;
  private dsRt!: ResourceType;
  private history!: DaemonSetHistory;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
    this.expectations = new Expectations(ctx.clock);
  }

  start(): void {
    const { informers, api } = this.ctx;
    this.podRt = api.mustResource('pods');
    this.dsRt = api.mustResource('daemonsets', 'apps');
    this.dsInf = informers.for('daemonsets', 'apps');
    this.pods = informers.for('pods');
    this.nodes = informers.for('nodes');
    indexOwned(this.pods);
    const revisions = informers.for('controllerrevisions', 'apps');
    indexOwned(revisions);
    this.history = new DaemonSetHistory(api, api.mustResource('controllerrevisions', 'apps'), revisions);
    const onRevision = (cr: KObject) => {
      const ref = controllerOf(cr);
      if (ref?.kind !== 'DaemonSet') return;
      const ds = this.dsInf.getNs(cr.metadata?.namespace, ref.name);
      if (ds && ds.metadata?.uid === ref.uid) this.queue.add(objKey(ds));
    };
    revisions.addHandlers({ add: onRevision, update: (_o, c) => onRevision(c), delete: onRevision });
    this.dsInf.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_o, c) => this.queue.add(objKey(c)),
      delete: (o) => this.expectations.delete(objKey(o)),
    });
    const onPod = (pod: KObject, deleted: boolean) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet') return;
      const ds = this.dsInf.getNs(pod.metadata?.namespace, ref.name);
      if (!ds || ds.metadata?.uid !== ref.uid) return;
      const key = objKey(ds);
      if (deleted) this.expectations.deletionObserved(key, objKey(pod));
      this.queue.add(key);
    };
    this.pods.addHandlers({
      add: (p) => {
        if (p.metadata?.deletionTimestamp) return onPod(p, true);
        const ref = controllerOf(p);
        if (ref?.kind === 'DaemonSet') {
          const ds = this.dsInf.getNs(p.metadata?.namespace, ref.name);
          if (ds && ds.metadata?.uid === ref.uid) this.expectations.creationObserved(objKey(ds));
        }
        onPod(p, false);
      },
      update: (_o, c) => onPod(c, Boolean(c.metadata?.deletionTimestamp)),
      delete: (p) => onPod(p, true),
    });
    const enqueueAll = () => {
      for (const ds of this.dsInf.list()) this.queue.add(objKey(ds));
    };
    this.nodes.addHandlers({
      add: enqueueAll,
      update: (o, c) => {
        const a = o as Node;
        const b = c as Node;
        if (
          !deepEqual(a.metadata?.labels, b.metadata?.labels) ||
          !deepEqual(a.spec?.taints, b.spec?.taints) ||
          a.spec?.unschedulable !== b.spec?.unschedulable
        ) {
          enqueueAll();
        }
      },
      delete: enqueueAll,
    });
  }

  /** The pod the DaemonSet would create on `node` (CreatePodTemplate + node affinity). */
  private newPod(ds: DaemonSet, hash: string, nodeName: string): Pod {
    const tmpl = clone(ds.spec?.template ?? {});
    const spec = (tmpl.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
    spec.tolerations = addTolerations(spec.tolerations, daemonPodTolerations(Boolean(spec.hostNetwork)));
    const req = { key: 'metadata.name', operator: 'In', values: [nodeName] };
    const affinity = (spec.affinity ??= {});
    const na = (affinity.nodeAffinity ??= {});
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [req] }] };
    const labels: Record<string, string> = { ...(tmpl.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
    if (ds.metadata?.generation) labels[TEMPLATE_GENERATION_LABEL] = String(ds.metadata.generation);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata?.name}-`,
        namespace: ds.metadata?.namespace,
        labels,
        ownerReferences: [newControllerRef(ds as KObject, 'apps/v1', 'DaemonSet')],
      },
      spec,
    };
    if (tmpl.metadata?.annotations) (pod.metadata as NonNullable<Pod['metadata']>).annotations = { ...tmpl.metadata.annotations };
    return pod;
  }

  /** [shouldRun, shouldContinueRunning] for a node. */
  private nodeShouldRun(ds: DaemonSet, node: Node, probe: Pod): [boolean, boolean] {
    const fixed = ds.spec?.template?.spec?.nodeName;
    if (fixed && fixed !== node.metadata?.name) return [false, false];
    const check: Pod = { ...probe, spec: { ...(probe.spec as NonNullable<Pod['spec']>), affinity: ds.spec?.template?.spec?.affinity } };
    if (!podMatchesNodeSelectorAndAffinity(check, node)) return [false, false];
    const taints: Taint[] = node.spec?.taints ?? [];
    const tol = probe.spec?.tolerations;
    if (findUntoleratedTaint(taints, tol, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
      return [false, !findUntoleratedTaint(taints, tol, (t) => t.effect === 'NoExecute')];
    }
    return [true, true];
  }

  reconcile(key: string): ReconcileResult | void {
    const ds = this.dsInf.get(key) as DaemonSet | undefined;
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    const { hash, old } = this.history.construct(ds);
    const ns = ds.metadata?.namespace ?? '';
    const candidates = [...this.pods.byIndex(BY_CONTROLLER, ds.metadata?.uid ?? ''), ...this.pods.byIndex(ORPHANS, ns)];
    const owned = claim(
      { api: this.ctx.api, owner: ds as KObject, ownerRef: newControllerRef(ds as KObject, 'apps/v1', 'DaemonSet'), selector: selectorFromMeta(ds.spec?.selector), rt: this.podRt },
      candidates,
    ) as Pod[];
    const byNode = new Map<string, Pod[]>();
    for (const p of owned) {
      if (p.metadata?.deletionTimestamp) continue;
      const n = daemonPodNode(p);
      if (!n) continue;
      let list = byNode.get(n);
      if (!list) byNode.set(n, (list = []));
      list.push(p);
    }
    const nodes = this.nodes.list() as Node[];
    const probe = this.newPod(ds, hash, '');
    const shouldRun = new Map<string, boolean>();
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    let err: unknown;
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      const [run, keep] = this.nodeShouldRun(ds, node, probe);
      shouldRun.set(name, run);
      const pods = byNode.get(name) ?? [];
      if (run && !pods.length) toCreate.push(name);
      else if (run) {
        const live: Pod[] = [];
        for (const p of pods) {
          if (p.status?.phase === 'Failed') {
            this.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to kill it`);
            toDelete.push(p);
          } else live.push(p);
        }
        if (live.length > 1) {
          live.sort((a, b) => (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0));
          toDelete.push(...live.slice(1));
        }
      } else if (!keep) toDelete.push(...pods);
    }
    for (const [n, pods] of byNode) if (!shouldRun.has(n)) toDelete.push(...pods);

    if (this.expectations.satisfied(key)) {
      if (!toCreate.length && !toDelete.length) toDelete.push(...this.rollingUpdateVictims(ds, hash, nodes, byNode, shouldRun));
      err = this.syncNodes(key, ds, hash, toCreate, toDelete);
      if (err === undefined) this.history.cleanup(ds, old, owned);
    }
    this.updateStatus(ds, hash, byNode, shouldRun);
    if (err !== undefined) throw err;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      const st = this.dsInf.get(key) as DaemonSet | undefined;
      if (st && (st.status?.numberReady ?? 0) !== (st.status?.numberAvailable ?? 0)) return { requeueAfterMs: minReady * 1000 + 1 };
    }
  }

  /** Outdated pods to replace now, within maxUnavailable (update.go rollingUpdate, maxSurge 0). */
  private rollingUpdateVictims(ds: DaemonSet, hash: string, nodes: Node[], byNode: Map<string, Pod[]>, shouldRun: Map<string, boolean>): Pod[] {
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
    const desired = [...shouldRun.values()].filter(Boolean).length;
    let maxUnavailable: number;
    try {
      maxUnavailable = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
    } catch {
      maxUnavailable = 1;
    }
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let unavailable = 0;
    const unavailableOld: Pod[] = [];
    const availableOld: Pod[] = [];
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      if (!shouldRun.get(name)) continue;
      const pods = byNode.get(name) ?? [];
      if (pods.length !== 1) {
        unavailable++;
        continue;
      }
      const p = pods[0];
      const current = p.metadata?.labels?.[REVISION_HASH_LABEL] === hash;
      const avail = isPodAvailable(p, minReady, now);
      if (current) {
        if (!avail) unavailable++;
      } else if (!avail) unavailableOld.push(p);
      else availableOld.push(p);
    }
    const out = [...unavailableOld];
    unavailable += unavailableOld.length;
    for (const p of availableOld) {
      if (unavailable >= maxUnavailable) break;
      out.push(p);
      unavailable++;
    }
    return out;
  }

  private syncNodes(key: string, ds: DaemonSet, hash: string, toCreate: string[], toDelete: Pod[]): unknown {
    this.expectations.expectCreations(key, toCreate.length);
    let error: unknown;
    let created = 0;
    // Slow start, as the ReplicaSet controller does.
    let i = 0;
    for (let batch = Math.min(toCreate.length, 1); batch > 0 && !error; batch = Math.min(2 * batch, toCreate.length - i)) {
      for (let j = 0; j < batch; j++, i++) {
        try {
          const pod = this.ctx.api.create(this.podRt, ds.metadata?.namespace, this.newPod(ds, hash, toCreate[i]) as KObject);
          created++;
          this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
        } catch (e) {
          this.event(ds, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
          error ??= e;
        }
      }
    }
    for (let k = created; k < toCreate.length; k++) this.expectations.creationObserved(key);
    if (toDelete.length) {
      this.expectations.expectDeletions(key, toDelete.map((p) => objKey(p)));
      for (const p of toDelete) {
        try {
          this.ctx.api.delete(this.podRt, p.metadata?.namespace, p.metadata?.name ?? '');
          this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`);
        } catch (e) {
          this.expectations.deletionObserved(key, objKey(p));
          if (isApiError(e) && e.code === 404) continue;
          this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
          error ??= e;
        }
      }
    }
    return error;
  }

  private updateStatus(ds: DaemonSet, hash: string, byNode: Map<string, Pod[]>, shouldRun: Map<string, boolean>): void {
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let mis = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const [node, run] of shouldRun) {
      const pods = byNode.get(node) ?? [];
      if (run) {
        desired++;
        if (pods.length) {
          current++;
          const p = pods[0];
          if (isPodReady(p)) {
            ready++;
            if (isPodAvailable(p, minReady, now)) available++;
          }
          if (p.metadata?.labels?.[REVISION_HASH_LABEL] === hash) updated++;
        }
      } else if (pods.length) mis++;
    }
    const s: NonNullable<DaemonSet['status']> = {
      currentNumberScheduled: current,
      numberMisscheduled: mis,
      desiredNumberScheduled: desired,
      numberReady: ready,
    };
    if (ds.metadata?.generation) s.observedGeneration = ds.metadata.generation;
    if (updated) s.updatedNumberScheduled = updated;
    if (available) s.numberAvailable = available;
    if (desired - available > 0) s.numberUnavailable = desired - available;
    if (ds.status?.conditions) s.conditions = ds.status.conditions;
    if (ds.status?.collisionCount !== undefined) s.collisionCount = ds.status.collisionCount;
    if (deepEqual(s, ds.status ?? {})) return;
    try {
      this.ctx.api.mutate(this.dsRt, ds.metadata?.namespace, ds.metadata?.name ?? '', (o) => {
        o.status = s;
      }, { subresource: 'status' });
    } catch (e) {
      if (!(isApiError(e) && e.code === 404)) throw e;
    }
  }

  private event(ds: DaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(ds as KObject, type, reason, message, { component: COMPONENT });
  }
}
