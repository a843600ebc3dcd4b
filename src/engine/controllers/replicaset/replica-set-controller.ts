// The ReplicaSet and ReplicationController controllers (one implementation, two flavours):
// create or delete pods until the number of active pods matches spec.replicas, in slow-start
// batches, with expectations so a burst is never repeated from a stale cache; adopt and
// release pods by selector; report replicas/fullyLabeled/ready/available in status.
// Leaves out: pod-level finalizers on create beyond the template's, and the
// ReplicaSet terminatingReplicas field (alpha in later releases).
// Models pkg/controller/replicaset/replica_set.go and pkg/controller/controller_utils.go
import type { KObject, Pod, ReplicaSet, OwnerReference } from '../../api/types';
import type { LabelSelector } from '../../api/selectors';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { Expectations } from '../util/expectations';
import { BY_CONTROLLER, ORPHANS, indexOwned } from '../util/informers';
import { claim, controllerOf, newControllerRef, selectorFromMeta, selectorFromSet } from '../util/owner';
import { isPodActive, isPodAvailable, isPodReady, sortPodsForDeletion } from '../util/pods';
import { clone } from '../../api/meta';
import { OwnedPods } from './owned-pods';

/** What differs between the ReplicaSet and ReplicationController controllers. */
export interface ReplicaFlavor {
  component: 'replicaset-controller' | 'replication-controller';
  plural: string;
  group: string;
  kind: string;
  apiVersion: string;
  selectorOf(obj: KObject): LabelSelector;
}

export const REPLICASET: ReplicaFlavor = {
  component: 'replicaset-controller',
  plural: 'replicasets',
  group: 'apps',
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  selectorOf: (o) => selectorFromMeta((o as ReplicaSet).spec?.selector),
};

export const REPLICATIONCONTROLLER: ReplicaFlavor = {
  component: 'replication-controller',
  plural: 'replicationcontrollers',
  group: '',
  kind: 'ReplicationController',
  apiVersion: 'v1',
  selectorOf: (o) => {
    const sel = (o.spec as { selector?: Record<string, string> } | undefined)?.selector;
    // An RC without a selector selects nothing (defaulting copies the template labels into it).
    return sel && Object.keys(sel).length ? selectorFromSet(sel) : selectorFromMeta(undefined);
  },
};

/** The most pods created or deleted in one sync (upstream's BurstReplicas). */
export const BURST_REPLICAS = 500;

/** Runs fn `count` times in batches of 1, 2, 4, ... stopping after a batch with a failure. */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        error ??= e;
      }
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}

/** What status reports about the controlled pods. */
interface PodCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

type ReplicaObject = KObject & {
  spec?: { replicas?: number; minReadySeconds?: number; template?: { metadata?: KObject['metadata']; spec?: unknown } };
  status?: ReplicaSet['status'];
};

export class ReplicaSetController implements Controller {
  readonly name: string;
  private readonly queue: WorkQueue;
  private readonly expectations: Expectations;
  private readonly owned: OwnedPods;
  private pods!: Informer;
  private owners!: Informer;
  private podRt!: ResourceType;
  private ownerRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext, private readonly flavor: ReplicaFlavor = REPLICASET) {
    this.name = flavor.component;
    this.queue = new WorkQueue(ctx.clock, flavor.component, (key) => this.reconcile(key));
    this.expectations = new Expectations(ctx.clock);
    this.owned = new OwnedPods(flavor.kind);
  }

  start(): void {
    const { informers, api } = this.ctx;
    this.podRt = api.mustResource('pods');
    this.ownerRt = api.mustResource(this.flavor.plural, this.flavor.group);
    this.pods = informers.for('pods');
    this.owners = informers.for(this.flavor.plural, this.flavor.group);
    indexOwned(this.pods);
    indexOwned(this.owners);
    this.owners.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_old, cur) => this.queue.add(objKey(cur)),
      delete: (o) => {
        this.expectations.delete(objKey(o));
        this.queue.add(objKey(o));
      },
    });
    this.pods.addHandlers({
      add: (p) => this.owned.observe(p as Pod),
      update: (_o, c) => this.owned.observe(c as Pod),
      delete: (p) => this.owned.forget(p as Pod),
    });
    this.pods.addHandlers({
      add: (p) => this.addPod(p as Pod),
      update: (o, c) => this.updatePod(o as Pod, c as Pod),
      delete: (p) => this.deletePod(p as Pod),
    });
  }

  // ------------------------------------------------------------ event handlers

  private resolve(ns: string | undefined, ref: OwnerReference): ReplicaObject | undefined {
    if (ref.kind !== this.flavor.kind) return undefined;
    const o = this.owners.getNs(ns, ref.name);
    return o && o.metadata?.uid === ref.uid ? (o as ReplicaObject) : undefined;
  }

  private ownersOfOrphan(pod: Pod): ReplicaObject[] {
    const labels = pod.metadata?.labels;
    if (!labels) return [];
    return this.owners.list(pod.metadata?.namespace ?? '').filter((o) => this.flavor.selectorOf(o).matches(labels)) as ReplicaObject[];
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata?.namespace, ref);
      if (!rs) return;
      const key = objKey(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.ownersOfOrphan(pod)) this.queue.add(objKey(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelChanged = !deepEqual(old.metadata?.labels, cur.metadata?.labels);
    if (cur.metadata?.deletionTimestamp) {
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolve(old.metadata?.namespace, oldRef);
      if (rs) this.queue.add(objKey(rs));
    }
    if (curRef) {
      const rs = this.resolve(cur.metadata?.namespace, curRef);
      if (!rs) return;
      const key = objKey(rs);
      this.queue.add(key);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(key, minReady * 1000 + 1);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.ownersOfOrphan(cur)) this.queue.add(objKey(rs));
  }

  private deletePod(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolve(pod.metadata?.namespace, ref);
    if (!rs) return;
    const key = objKey(rs);
    this.expectations.deletionObserved(key, objKey(pod));
    this.queue.add(key);
  }

  // ------------------------------------------------------------ reconcile

  reconcile(key: string): ReconcileResult | void {
    const rs = this.owners.get(key) as ReplicaObject | undefined;
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = this.flavor.selectorOf(rs);
    const want = rs.spec?.replicas ?? 1;
    let updated: ReplicaObject;
    const counts = this.statusOnlyCounts(rs, selector, needsSync, want);
    if (counts) {
      updated = this.updateStatus(rs, counts, undefined, 0);
    } else {
      const uid = rs.metadata?.uid ?? '';
      const ns = rs.metadata?.namespace ?? '';
      const candidates = [...this.pods.byIndex(BY_CONTROLLER, uid), ...this.pods.byIndex(ORPHANS, ns)].filter((p) => isPodActive(p as Pod));
      const pods = claim(
        { api: this.ctx.api, owner: rs, ownerRef: newControllerRef(rs, this.flavor.apiVersion, this.flavor.kind), selector, rt: this.podRt },
        candidates,
      ) as Pod[];
      let manageErr: unknown;
      if (needsSync && !rs.metadata?.deletionTimestamp) manageErr = this.manageReplicas(key, rs, pods, want);
      updated = this.updateStatus(rs, this.countPods(rs, pods), manageErr, pods.length - want);
      if (manageErr !== undefined) throw manageErr;
    }
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const st: NonNullable<ReplicaObject['status']> = updated.status ?? { replicas: 0 };
    if (minReady > 0 && (st.readyReplicas ?? 0) === want && (st.availableReplicas ?? 0) !== want) {
      return { requeueAfterMs: minReady * 1000 + 1 };
    }
  }

  /**
   * The status counts without listing pods, when this sync has nothing else to do: no owned
   * pod to release, no orphan to adopt, and no pod to create or delete. Then the claim and
   * manage steps would be no-ops, and the running tallies give the same counts as a walk.
   * Undefined when the full sync must run.
   */
  private statusOnlyCounts(rs: ReplicaObject, selector: LabelSelector, needsSync: boolean, want: number): PodCounts | undefined {
    const uid = rs.metadata?.uid ?? '';
    const c = this.owned.counts(uid, selector, rs.spec?.template?.metadata?.labels ?? {});
    if (c.mismatched) return undefined;
    if (needsSync && !rs.metadata?.deletionTimestamp && c.replicas !== want) return undefined;
    for (const p of this.pods.byIndex(ORPHANS, rs.metadata?.namespace ?? '')) {
      if (isPodActive(p as Pod) && selector.matches(p.metadata?.labels)) return undefined;
    }
    const minReady = rs.spec?.minReadySeconds ?? 0;
    let available = c.ready;
    if (minReady > 0) {
      const now = this.ctx.clock.now();
      available = 0;
      for (const p of this.owned.readyPods(uid)) if (isPodAvailable(p, minReady, now)) available++;
    }
    return { replicas: c.replicas, fullyLabeled: c.fullyLabeled, ready: c.ready, available };
  }

  /** Counts over the pods the ReplicaSet controls (the full walk). */
  private countPods(rs: ReplicaObject, pods: Pod[]): PodCounts {
    const now = this.ctx.clock.now();
    const tmplLabels = rs.spec?.template?.metadata?.labels ?? {};
    const minReady = rs.spec?.minReadySeconds ?? 0;
    let fully = 0;
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      const ls = p.metadata?.labels ?? {};
      let match = true;
      for (const k in tmplLabels) {
        if (ls[k] !== tmplLabels[k]) {
          match = false;
          break;
        }
      }
      if (match) fully++;
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
    }
    return { replicas: pods.length, fullyLabeled: fully, ready, available };
  }

  private manageReplicas(key: string, rs: ReplicaObject, pods: Pod[], want: number): unknown {
    const diff = pods.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, n);
      const { successes, error } = slowStartBatch(n, 1, () => this.createPod(rs));
      for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = this.podsToDelete(rs, pods, n);
      this.expectations.expectDeletions(key, victims.map((p) => objKey(p)));
      let error: unknown;
      for (const pod of victims) {
        try {
          this.ctx.api.delete(this.podRt, pod.metadata?.namespace, pod.metadata?.name ?? '');
          this.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
        } catch (e) {
          this.expectations.deletionObserved(key, objKey(pod));
          if (isApiError(e) && e.code === 404) continue;
          this.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
          error ??= e;
        }
      }
      return error;
    }
    return undefined;
  }

  private createPod(rs: ReplicaObject): void {
    const tmpl = rs.spec?.template ?? {};
    const tm = tmpl.metadata ?? {};
    const ns = rs.metadata?.namespace;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata?.name}-`,
        namespace: ns,
        ownerReferences: [newControllerRef(rs, this.flavor.apiVersion, this.flavor.kind)],
      },
      spec: clone(tmpl.spec ?? {}) as Pod['spec'],
    };
    const meta = pod.metadata as NonNullable<Pod['metadata']>;
    if (ns === undefined) delete meta.namespace;
    if (tm.labels) meta.labels = { ...tm.labels };
    if (tm.annotations) meta.annotations = { ...tm.annotations };
    if (tm.finalizers) meta.finalizers = [...tm.finalizers];
    let created: KObject;
    try {
      // The body is built here for this call (plain JSON, nothing undefined): hand it over
      // instead of having create() copy it once more.
      created = this.ctx.api.createOwned(this.podRt, ns, pod as KObject);
    } catch (e) {
      this.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
      // A terminating namespace refuses new pods; that is not this controller's failure.
      if (isApiError(e) && e.code === 403 && /because it is being terminated/.test(e.message)) return;
      throw e;
    }
    this.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }

  /** Pods of the ReplicaSets that share this one's controller (the same Deployment). */
  private relatedPods(rs: ReplicaObject): Pod[] {
    const ref = controllerOf(rs);
    if (!ref?.uid) return [];
    const out: Pod[] = [];
    for (const sibling of this.owners.byIndex(BY_CONTROLLER, ref.uid)) {
      for (const p of this.pods.byIndex(BY_CONTROLLER, sibling.metadata?.uid ?? '')) if (isPodActive(p as Pod)) out.push(p as Pod);
    }
    return out;
  }

  private podsToDelete(rs: ReplicaObject, pods: Pod[], n: number): Pod[] {
    if (n >= pods.length) return pods;
    const onNode = new Map<string, number>();
    for (const p of this.relatedPods(rs)) {
      const node = p.spec?.nodeName ?? '';
      onNode.set(node, (onNode.get(node) ?? 0) + 1);
    }
    const ranks = new Map<Pod, number>();
    for (const p of pods) ranks.set(p, onNode.get(p.spec?.nodeName ?? '') ?? 0);
    return sortPodsForDeletion([...pods], ranks, this.ctx.clock.now()).slice(0, n);
  }

  private updateStatus(rs: ReplicaObject, counts: PodCounts, manageErr: unknown, diff: number): ReplicaObject {
    const now = this.ctx.clock.now();
    const old: NonNullable<ReplicaObject['status']> | Record<string, never> = rs.status ?? {};
    let conditions = old.conditions ? [...old.conditions] : undefined;
    const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
    if (manageErr !== undefined && !failure) {
      (conditions ??= []).push({
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: rfc3339(now),
        reason: diff < 0 ? 'FailedCreate' : 'FailedDelete',
        message: errorText(manageErr),
      });
    } else if (manageErr === undefined && failure) {
      conditions = conditions?.filter((c) => c.type !== 'ReplicaFailure');
      if (!conditions?.length) conditions = undefined;
    }
    const next: NonNullable<ReplicaObject['status']> = { replicas: counts.replicas };
    if (counts.fullyLabeled) next.fullyLabeledReplicas = counts.fullyLabeled;
    if (counts.ready) next.readyReplicas = counts.ready;
    if (counts.available) next.availableReplicas = counts.available;
    const gen = rs.metadata?.generation ?? 0;
    if (gen) next.observedGeneration = gen;
    if (conditions) next.conditions = conditions;
    if (deepEqual(next, old)) return rs;
    try {
      return this.ctx.api.replaceStatus(this.ownerRt, rs.metadata?.namespace, rs.metadata?.name ?? '', () => next) as ReplicaObject;
    } catch (e) {
      if (isApiError(e) && e.code === 404) return rs;
      throw e;
    }
  }

  private event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, { component: this.flavor.component });
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
