// The Deployment controller: owns ReplicaSets named `<deployment>-<pod-template-hash>`, rolls
// pods from old to new ReplicaSets (RollingUpdate within maxSurge/maxUnavailable, or
// Recreate), scales proportionally mid-rollout, keeps revisions and revisionHistoryLimit,
// honours spec.paused, and reports status with Progressing/Available conditions.
// Leaves out: the deprecated server-side rollback annotation (kubectl 1.32 undoes client-side).
// Models pkg/controller/deployment/{deployment_controller,sync,rolling,recreate,progress}.go
import type { Deployment, KObject, OwnerReference, Pod, ReplicaSet } from '../../api/types';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { computePodTemplateHash } from '../../core/names';
import type { Controller, ControllerContext } from '../types';
import { BY_CONTROLLER, ORPHANS, indexOwned } from '../util/informers';
import { claim, controllerOf, newControllerRef, selectorFromMeta } from '../util/owner';
import * as u from './util';
import { clone } from '../../api/meta';

const COMPONENT = 'deployment-controller';
type Status = NonNullable<Deployment['status']>;

export class DeploymentController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private deployments!: Informer;
  private replicaSets!: Informer;
  private pods!: Informer;
  private dRt!: ResourceType;
  private rsRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    const { informers, api } = this.ctx;
    this.dRt = api.mustResource('deployments', 'apps');
    this.rsRt = api.mustResource('replicasets', 'apps');
    this.deployments = informers.for('deployments', 'apps');
    this.replicaSets = informers.for('replicasets', 'apps');
    this.pods = informers.for('pods');
    indexOwned(this.replicaSets);
    indexOwned(this.pods);
    this.deployments.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_o, c) => this.queue.add(objKey(c)),
      delete: (o) => this.queue.add(objKey(o)),
    });
    this.replicaSets.addHandlers({
      add: (rs) => this.onReplicaSet(undefined, rs),
      update: (old, cur) => this.onReplicaSet(old, cur),
      delete: (rs) => this.onReplicaSet(undefined, rs),
    });
    this.pods.addHandlers({ delete: (p) => this.onPodDelete(p as Pod) });
  }

  private resolve(ns: string | undefined, ref: OwnerReference | undefined): Deployment | undefined {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.getNs(ns, ref.name);
    return d && d.metadata?.uid === ref.uid ? (d as Deployment) : undefined;
  }

  private onReplicaSet(old: KObject | undefined, cur: KObject): void {
    const ns = cur.metadata?.namespace;
    const oldRef = old && controllerOf(old);
    const curRef = controllerOf(cur);
    if (oldRef && !deepEqual(oldRef, curRef)) {
      const d = this.resolve(ns, oldRef);
      if (d) this.queue.add(objKey(d));
    }
    if (curRef) {
      const d = this.resolve(ns, curRef);
      if (d) this.queue.add(objKey(d));
      return;
    }
    if (old && deepEqual(old.metadata?.labels, cur.metadata?.labels) && !oldRef) return;
    const labels = cur.metadata?.labels;
    for (const d of this.deployments.list(ns ?? '')) {
      if (selectorFromMeta((d as Deployment).spec?.selector).matches(labels)) this.queue.add(objKey(d));
    }
  }

  private onPodDelete(pod: Pod): void {
    const rsRef = controllerOf(pod);
    if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.getNs(pod.metadata?.namespace, rsRef.name);
    if (!rs) return;
    const d = this.resolve(pod.metadata?.namespace, controllerOf(rs));
    if (d && d.spec?.strategy?.type === 'Recreate') this.queue.add(objKey(d));
  }

  // ------------------------------------------------------------ plumbing

  private now(): number {
    return this.ctx.clock.now();
  }

  private event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(d as KObject, type, reason, message, { component: COMPONENT });
  }

  /** Writes the deployment's revision annotation (main resource) and status (status subresource). */
  private writeDeployment(d: Deployment, status: Status | undefined, revision?: string): Deployment {
    const ns = d.metadata?.namespace;
    const name = d.metadata?.name ?? '';
    let cur = d;
    if (revision !== undefined && d.metadata?.annotations?.[u.REVISION] !== revision) {
      cur = this.ctx.api.mutate(this.dRt, ns, name, (o) => {
        o.metadata = o.metadata ?? {};
        o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [u.REVISION]: revision };
      }) as Deployment;
    }
    if (status && !deepEqual(status, cur.status ?? {})) {
      cur = this.ctx.api.replaceStatus(this.dRt, ns, name, () => status) as Deployment;
    }
    return cur;
  }

  private scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
    const oldScale = u.replicasOf(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const desired = u.replicasOf(d);
    const max = desired + u.maxSurge(d);
    if (!sizeNeedsUpdate && !u.replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const updated = this.ctx.api.mutate(this.rsRt, rs.metadata?.namespace, rs.metadata?.name ?? '', (o) => {
      const r = o as ReplicaSet;
      (r.spec ??= { selector: {} }).replicas = newScale;
      u.setReplicasAnnotations(r, desired, max);
    }) as ReplicaSet;
    if (sizeNeedsUpdate) {
      const op = oldScale < newScale ? 'up' : 'down';
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  // ------------------------------------------------------------ reconcile

  reconcile(key: string): ReconcileResult | void {
    let d = this.deployments.get(key) as Deployment | undefined;
    if (!d) return;
    const sel = d.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
      this.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        this.writeDeployment(d, { ...(d.status ?? {}), observedGeneration: d.metadata?.generation });
      }
      return;
    }
    const rsList = this.replicaSetsFor(d);
    if (d.metadata?.deletionTimestamp) {
      this.syncStatusOnly(d, rsList);
      return;
    }
    d = this.checkPausedConditions(d);
    if (d.spec?.paused) return this.sync(d, rsList);
    const scaling = this.isScalingEvent(d, rsList);
    if (scaling.scaling) return this.sync(d, rsList);
    if (d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(d, rsList);
    // isScalingEvent already looked the new ReplicaSet up: when that wrote nothing and found
    // it, the rollout's own lookup would repeat the same steps to the same result.
    const found = scaling.got;
    const reuse = found.d === d && found.newRS !== undefined && rsList.includes(found.newRS) ? found : undefined;
    return this.rolloutRolling(d, rsList, reuse);
  }

  private replicaSetsFor(d: Deployment): ReplicaSet[] {
    const candidates = [
      ...this.replicaSets.byIndex(BY_CONTROLLER, d.metadata?.uid ?? ''),
      ...this.replicaSets.byIndex(ORPHANS, d.metadata?.namespace ?? ''),
    ];
    return claim(
      { api: this.ctx.api, owner: d as KObject, ownerRef: newControllerRef(d as KObject, 'apps/v1', 'Deployment'), selector: selectorFromMeta(d.spec?.selector), rt: this.rsRt },
      candidates,
    ) as ReplicaSet[];
  }

  private checkPausedConditions(d: Deployment): Deployment {
    if (!u.hasProgressDeadline(d)) return d;
    const cond = u.getCondition(d.status, 'Progressing');
    if (cond?.reason === u.REASON.TimedOut) return d;
    const pausedExists = cond?.reason === u.REASON.Paused;
    if (Boolean(d.spec?.paused) === pausedExists) return d;
    const status: Status = clone(d.status ?? {});
    if (d.spec?.paused) {
      u.setCondition(status, u.newCondition('Progressing', 'Unknown', u.REASON.Paused, 'Deployment is paused', this.now()));
    } else {
      u.setCondition(status, u.newCondition('Progressing', 'Unknown', u.REASON.Resumed, 'Deployment is resumed', this.now()));
    }
    return this.writeDeployment(d, status);
  }

  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): { scaling: boolean; got: ReturnType<DeploymentController['getAllReplicaSetsAndSyncRevision']> } {
    const got = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    const { newRS, oldRSs } = got;
    for (const rs of u.activeReplicaSets([...oldRSs, newRS])) {
      const desired = u.desiredReplicasAnnotation(rs);
      if (desired === undefined) continue;
      if (desired !== u.replicasOf(d)) return { scaling: true, got };
    }
    return { scaling: false, got };
  }

  /**
   * The new ReplicaSet (template equal to the deployment's, created when asked) with its
   * revision synced, and the old ones. Also updates `d` (revision annotation, conditions).
   */
  private getAllReplicaSetsAndSyncRevision(
    d: Deployment,
    rsList: ReplicaSet[],
    create: boolean,
  ): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[]; d: Deployment } {
    const existing = u.findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existing);
    const res = this.getNewReplicaSet(d, existing, oldRSs, create);
    return { newRS: res.rs, oldRSs, d: res.d };
  }

  private getNewReplicaSet(
    d: Deployment,
    existing: ReplicaSet | undefined,
    oldRSs: ReplicaSet[],
    create: boolean,
  ): { rs: ReplicaSet | undefined; d: Deployment } {
    const newRevision = String(u.maxRevision(oldRSs) + 1);
    const api = this.ctx.api;
    if (existing) {
      // setNewReplicaSetAnnotations replaces metadata.annotations rather than editing it, so
      // a copy of the metadata level is enough (a deep clone per sync showed in profiles).
      const copy = { ...existing, metadata: { ...existing.metadata } } as ReplicaSet;
      const annotationsUpdated = u.setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        const rs = api.mutate(this.rsRt, copy.metadata?.namespace, copy.metadata?.name ?? '', (o) => {
          o.metadata = { ...o.metadata, annotations: copy.metadata?.annotations };
          const spec = (o as ReplicaSet).spec ?? { selector: {} };
          if (minReady) spec.minReadySeconds = minReady;
          else delete spec.minReadySeconds;
        }) as ReplicaSet;
        return { rs, d };
      }
      let status: Status = d.status ?? {};
      if (u.hasProgressDeadline(d) && !u.getCondition(d.status, 'Progressing')) {
        status = clone(status);
        u.setCondition(status, u.newCondition('Progressing', 'True', u.REASON.FoundNewRS, `Found new replica set "${copy.metadata?.name}"`, this.now()));
      }
      return { rs: existing, d: this.writeDeployment(d, status, newRevision) };
    }
    if (!create) return { rs: undefined, d };

    const collisionCount = d.status?.collisionCount ?? undefined;
    const hash = computePodTemplateHash(d.spec?.template, collisionCount);
    const template = clone(d.spec?.template ?? {}) as NonNullable<ReplicaSet['spec']>['template'] & object;
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [u.HASH_LABEL]: hash } };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [u.HASH_LABEL]: hash };
    const ns = d.metadata?.namespace;
    const name = `${d.metadata?.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: ns,
        ownerReferences: [newControllerRef(d as KObject, 'apps/v1', 'Deployment')],
        labels: { ...(template.metadata.labels ?? {}) },
      },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec?.minReadySeconds) (newRS.spec as NonNullable<ReplicaSet['spec']>).minReadySeconds = d.spec.minReadySeconds;
    (newRS.spec as NonNullable<ReplicaSet['spec']>).replicas = u.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    const count = u.replicasOf(newRS);
    u.setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let createdRS: ReplicaSet;
    let alreadyExists = false;
    try {
      createdRS = api.create(this.rsRt, ns, newRS as KObject) as ReplicaSet;
    } catch (e) {
      if (isApiError(e) && e.code === 409 && e.reason === 'AlreadyExists') {
        const rs = api.tryGet(this.rsRt, ns, name) as ReplicaSet | undefined;
        const ref = rs && controllerOf(rs as KObject);
        if (rs && ref?.uid === d.metadata?.uid && u.equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
          createdRS = rs;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount so the next hash differs, and retry.
          const status: Status = clone(d.status ?? {});
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          this.writeDeployment(d, status);
          throw e;
        }
      } else {
        const msg = `Failed to create new replica set "${name}": ${e instanceof Error ? e.message : String(e)}`;
        if (u.hasProgressDeadline(d)) {
          const status: Status = clone(d.status ?? {});
          u.setCondition(status, u.newCondition('Progressing', 'False', u.REASON.FailedRSCreate, msg, this.now()));
          this.writeDeployment(d, status);
        }
        this.event(d, 'Warning', u.REASON.FailedRSCreate, msg);
        throw e;
      }
    }
    if (!alreadyExists && count > 0) {
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata?.name} from 0 to ${count}`);
    }
    const status: Status = clone(d.status ?? {});
    if (!alreadyExists && u.hasProgressDeadline(d)) {
      u.setCondition(status, u.newCondition('Progressing', 'True', u.REASON.NewReplicaSet, `Created new replica set "${createdRS.metadata?.name}"`, this.now()));
    }
    return { rs: createdRS, d: this.writeDeployment(d, status, newRevision) };
  }

  // ------------------------------------------------------------ sync (scaling, paused)

  private syncStatusOnly(d: Deployment, rsList: ReplicaSet[]): void {
    const { newRS, oldRSs, d: d2 } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d2);
  }

  private sync(d: Deployment, rsList: ReplicaSet[]): ReconcileResult | void {
    const got = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    d = got.d;
    const { newRS, oldRSs } = this.scale(d, got.newRS, got.oldRSs);
    if (d.spec?.paused) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** Scales the active ReplicaSets to spec.replicas, proportionally when several are active. */
  private scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const replace = (rs: ReplicaSet, updated: ReplicaSet) => {
      if (rs === newRS) newRS = updated;
      else oldRSs = oldRSs.map((o) => (o === rs ? updated : o));
    };
    const target = u.findActiveOrLatest(newRS, oldRSs);
    if (target) {
      if (u.replicasOf(target) === u.replicasOf(d)) return { newRS, oldRSs };
      replace(target, this.scaleReplicaSet(target, u.replicasOf(d), d).rs);
      return { newRS, oldRSs };
    }
    if (u.isSaturated(d, newRS)) {
      for (const old of u.activeReplicaSets(oldRSs)) replace(old, this.scaleReplicaSet(old, 0, d).rs);
      return { newRS, oldRSs };
    }
    if (u.isRollingUpdate(d)) {
      const all = u.activeReplicaSets([...oldRSs, newRS]);
      const allReplicas = u.specReplicaCount(all);
      const allowed = u.replicasOf(d) > 0 ? u.replicasOf(d) + u.maxSurge(d) : 0;
      const toAdd = allowed - allReplicas;
      if (toAdd > 0) all.sort(u.bySizeNewer);
      else if (toAdd < 0) all.sort(u.bySizeOlder);
      let added = 0;
      const sizes = new Map<ReplicaSet, number>();
      for (const rs of all) {
        if (toAdd !== 0) {
          const p = u.getProportion(rs, d, toAdd, added);
          sizes.set(rs, u.replicasOf(rs) + p);
          added += p;
        } else sizes.set(rs, u.replicasOf(rs));
      }
      if (toAdd !== 0 && all.length) {
        const first = all[0];
        const size = (sizes.get(first) ?? 0) + toAdd - added;
        sizes.set(first, size < 0 ? 0 : size);
      }
      for (const rs of all) replace(rs, this.scaleReplicaSet(rs, sizes.get(rs) ?? 0, d).rs);
    }
    return { newRS, oldRSs };
  }

  private cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    if (!u.hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 10);
    if (diff <= 0) return;
    cleanable.sort(u.byRevision);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || u.replicasOf(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.ctx.api.delete(this.rsRt, rs.metadata?.namespace, rs.metadata?.name ?? '');
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
    }
  }

  private calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Status {
    const available = u.availableReplicaCount(allRSs);
    const total = u.specReplicaCount(allRSs);
    const unavailable = Math.max(0, total - available);
    const s: Status = {};
    if (d.metadata?.generation) s.observedGeneration = d.metadata.generation;
    const replicas = u.actualReplicaCount(allRSs);
    if (replicas) s.replicas = replicas;
    const updated = u.actualReplicaCount([newRS]);
    if (updated) s.updatedReplicas = updated;
    const ready = u.readyReplicaCount(allRSs);
    if (ready) s.readyReplicas = ready;
    if (available) s.availableReplicas = available;
    if (unavailable) s.unavailableReplicas = unavailable;
    // A new array over the same condition objects: conditions are replaced, never edited in
    // place (setCondition/removeCondition build new arrays, new conditions are fresh objects).
    if (d.status?.conditions) s.conditions = [...d.status.conditions];
    if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount;
    if (available >= u.replicasOf(d) - u.maxUnavailable(d)) {
      u.setCondition(s, u.newCondition('Available', 'True', u.REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', this.now()));
    } else {
      u.setCondition(s, u.newCondition('Available', 'False', u.REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', this.now()));
    }
    return s;
  }

  private syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
    const s = this.calculateStatus(allRSs, newRS, d);
    if (deepEqual(s, d.status ?? {})) return;
    this.writeDeployment(d, s);
  }

  // ------------------------------------------------------------ rollouts

  private rolloutRolling(
    d: Deployment,
    rsList: ReplicaSet[],
    found?: ReturnType<DeploymentController['getAllReplicaSetsAndSyncRevision']>,
  ): ReconcileResult | void {
    const got = found ?? this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
    d = got.d;
    let newRS = got.newRS as ReplicaSet;
    let oldRSs = got.oldRSs;
    // Scale up the new ReplicaSet if we can.
    const up = this.reconcileNewReplicaSet([...oldRSs, newRS], newRS, d);
    newRS = up.rs;
    if (up.scaled) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    // Scale down old ReplicaSets if we can.
    const down = this.reconcileOldReplicaSets(oldRSs, newRS, d);
    oldRSs = down.oldRSs;
    if (down.scaled) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    if (u.deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  private reconcileNewReplicaSet(allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
    const want = u.replicasOf(d);
    if (u.replicasOf(newRS) === want) return { scaled: false, rs: newRS };
    if (u.replicasOf(newRS) > want) return this.scaleReplicaSet(newRS, want, d);
    return this.scaleReplicaSet(newRS, u.newRSNewReplicas(d, allRSs, newRS), d);
  }

  private reconcileOldReplicaSets(oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): { scaled: boolean; oldRSs: ReplicaSet[] } {
    const oldPods = u.specReplicaCount(oldRSs);
    if (oldPods === 0) return { scaled: false, oldRSs };
    const allPods = u.specReplicaCount([...oldRSs, newRS]);
    const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
    const newUnavailable = u.replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return { scaled: false, oldRSs };
    // Clean up unhealthy replicas first, then scale down healthy ones within maxUnavailable.
    const byRef = new Map<ReplicaSet, ReplicaSet>();
    let cleaned = 0;
    const sorted = u.activeReplicaSets(oldRSs).sort(u.byCreation);
    for (const rs of sorted) {
      if (cleaned >= maxScaledDown) break;
      const spec = u.replicasOf(rs);
      const avail = rs.status?.availableReplicas ?? 0;
      if (spec === avail) continue;
      const n = Math.min(maxScaledDown - cleaned, spec - avail);
      byRef.set(rs, this.scaleReplicaSet(rs, spec - n, d).rs);
      cleaned += n;
    }
    let current = oldRSs.map((rs) => byRef.get(rs) ?? rs);
    const scaledDown = this.scaleDownOldReplicaSetsForRollingUpdate([...current, newRS], current, d, (from, to) => {
      current = current.map((rs) => (rs === from ? to : rs));
    });
    return { scaled: cleaned + scaledDown > 0, oldRSs: current };
  }

  private scaleDownOldReplicaSetsForRollingUpdate(
    allRSs: ReplicaSet[],
    oldRSs: ReplicaSet[],
    d: Deployment,
    replace: (from: ReplicaSet, to: ReplicaSet) => void,
  ): number {
    const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
    const available = u.availableReplicaCount(allRSs);
    if (available <= minAvailable) return 0;
    const total = available - minAvailable;
    let done = 0;
    for (const rs of [...oldRSs].sort(u.byCreation)) {
      if (done >= total) break;
      if (u.replicasOf(rs) === 0) continue;
      const n = Math.min(u.replicasOf(rs), total - done);
      replace(rs, this.scaleReplicaSet(rs, u.replicasOf(rs) - n, d).rs);
      done += n;
    }
    return done;
  }

  private rolloutRecreate(d: Deployment, rsList: ReplicaSet[]): ReconcileResult | void {
    const got = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    d = got.d;
    let newRS = got.newRS;
    let oldRSs = got.oldRSs;
    // Scale down all old ReplicaSets first.
    let scaledDown = false;
    oldRSs = oldRSs.map((rs) => {
      if (u.replicasOf(rs) === 0) return rs;
      const r = this.scaleReplicaSet(rs, 0, d);
      if (r.scaled) scaledDown = true;
      return r.rs;
    });
    if (scaledDown) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    // Wait until every old pod is gone (Recreate's guarantee).
    if (this.oldPodsRunning(newRS, oldRSs)) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    if (!newRS) {
      const again = this.getAllReplicaSetsAndSyncRevision(d, rsList, true);
      d = again.d;
      newRS = again.newRS;
      oldRSs = again.oldRSs.map((rs) => oldRSs.find((o) => o.metadata?.uid === rs.metadata?.uid) ?? rs);
    }
    if (newRS) newRS = this.scaleReplicaSet(newRS, u.replicasOf(d), d).rs;
    if (u.deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (u.actualReplicaCount(oldRSs) > 0) return true;
    for (const rs of oldRSs) {
      if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
      for (const p of this.pods.byIndex(BY_CONTROLLER, rs.metadata?.uid ?? '')) {
        const phase = (p as Pod).status?.phase;
        if (phase === 'Failed' || phase === 'Succeeded') continue;
        return true;
      }
    }
    return false;
  }

  private syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): ReconcileResult | void {
    const s = this.calculateStatus(allRSs, newRS, d);
    const now = this.now();
    if (!u.hasProgressDeadline(d)) u.removeCondition(s, 'Progressing');
    const cur = u.getCondition(d.status, 'Progressing');
    const complete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === u.REASON.NewRSAvailable;
    if (u.hasProgressDeadline(d) && !complete) {
      const rsName = newRS?.metadata?.name;
      if (u.deploymentComplete(d, s)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata?.name}" has successfully progressed.`;
        u.setCondition(s, u.newCondition('Progressing', 'True', u.REASON.NewRSAvailable, msg, now));
      } else if (u.deploymentProgressing(d, s)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata?.name}" is progressing.`;
        const c = u.newCondition('Progressing', 'True', u.REASON.ReplicaSetUpdated, msg, now);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          u.removeCondition(s, 'Progressing');
        }
        u.setCondition(s, c);
      } else if (u.deploymentTimedOut(d, s, now)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata?.name}" has timed out progressing.`;
        u.setCondition(s, u.newCondition('Progressing', 'False', u.REASON.TimedOut, msg, now));
      }
    }
    // SIMPLIFICATION: no ReplicaFailure condition copied from the ReplicaSets.
    if (deepEqual(s, d.status ?? {})) return this.requeueStuck(d, s);
    this.writeDeployment(d, s);
  }

  /** When nothing changed, check again when the progress deadline would pass. */
  private requeueStuck(d: Deployment, s: Status): ReconcileResult | void {
    const cur = u.getCondition(d.status, 'Progressing');
    if (!u.hasProgressDeadline(d) || !cur) return;
    if (u.deploymentComplete(d, s) || cur.reason === u.REASON.TimedOut) return;
    const from = u.parseTimeCached(cur.lastUpdateTime) ?? this.now();
    const after = from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - this.now();
    if (after < 1000) return { requeueAfterMs: 1000 };
    return { requeueAfterMs: after + 1000 };
  }
}
