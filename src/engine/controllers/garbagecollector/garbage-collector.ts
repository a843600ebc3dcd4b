// The garbage collector: deletes objects whose owners are all gone (background cascading),
// finishes foreground deletion (an owner with the `foregroundDeletion` finalizer waits until
// its blocking dependents are gone) and orphaning (the `orphan` finalizer: dependents lose
// their ownerReferences, then the finalizer goes).
// Leaves out: the dependency graph with virtual nodes, cluster-scoped/namespaced owner
// mismatch events and owner references to kinds the API server does not serve.
// Models pkg/controller/garbagecollector/{garbagecollector.go,graph_builder.go,operations.go}
import type { KObject, OwnerReference } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ResourceType } from '../../apiserver/resource-type';
import { resourceKey } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import type { Controller, ControllerContext } from '../types';
import { ensureIndex, ownerUids } from '../util/informers';

const COMPONENT = 'garbage-collector-controller';
const OWNER_UID = 'owner-uid';
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

interface Watched {
  rt: ResourceType;
  inf: Informer;
}

/** Kinds the collector does not track (events are never owned here). */
const IGNORED = new Set(['events']);

export class GarbageCollector implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private watched = new Map<string, Watched>();
  /** uid → `resourceKey|objKey` for every tracked object. */
  private byUid = new Map<string, string>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    for (const rt of this.ctx.api.types) {
      if (IGNORED.has(rt.plural)) continue;
      const inf = this.ctx.informers.for(rt.plural, rt.group);
      const rk = resourceKey(rt);
      this.watched.set(rk, { rt, inf });
      ensureIndex(inf, OWNER_UID, ownerUids);
      inf.addHandlers({
        add: (o) => this.observe(rk, undefined, o),
        update: (old, cur) => this.observe(rk, old, cur),
        delete: (o) => this.removed(rk, o),
      });
    }
  }

  private itemKey(rk: string, o: KObject): string {
    return `${rk}|${objKey(o)}`;
  }

  private observe(rk: string, old: KObject | undefined, o: KObject): void {
    const m = o.metadata ?? {};
    const uid = m.uid;
    // Runs for every write of every kind: build the item key only when it is needed. An
    // update of the same object (same uid) maps to the same key as before.
    let key: string | undefined;
    // The map keeps one flat copy of the key per object (not the template's rope of parts).
    if (uid && old?.metadata?.uid !== uid) this.byUid.set(uid, flatString((key ??= this.itemKey(rk, o))));
    const refsChanged = !old || !sameRefs(old.metadata?.ownerReferences, m.ownerReferences);
    if (m.ownerReferences?.length && refsChanged) this.queue.add((key ??= this.itemKey(rk, o)));
    if (m.deletionTimestamp) {
      const fins = m.finalizers ?? [];
      if (fins.includes(FOREGROUND) || fins.includes(ORPHAN)) this.queue.add((key ??= this.itemKey(rk, o)));
    }
    // An owner entering deletion: its dependents may now need attention.
    if (m.deletionTimestamp && !old?.metadata?.deletionTimestamp && uid) this.enqueueDependents(uid);
  }

  private removed(rk: string, o: KObject): void {
    const uid = o.metadata?.uid;
    if (uid && this.byUid.get(uid) === this.itemKey(rk, o)) this.byUid.delete(uid);
    if (uid) this.enqueueDependents(uid);
    // A dependent went away: owners waiting in foreground deletion may be done.
    for (const r of o.metadata?.ownerReferences ?? []) {
      const k = this.byUid.get(r.uid);
      if (k) this.queue.add(k);
    }
  }

  private enqueueDependents(uid: string): void {
    for (const [rk, w] of this.watched) for (const d of w.inf.byIndex(OWNER_UID, uid)) this.queue.add(this.itemKey(rk, d));
  }

  private dependents(uid: string): { rt: ResourceType; obj: KObject }[] {
    const out: { rt: ResourceType; obj: KObject }[] = [];
    for (const w of this.watched.values()) for (const d of w.inf.byIndex(OWNER_UID, uid)) out.push({ rt: w.rt, obj: d });
    return out;
  }

  private parse(key: string): { w: Watched; obj: KObject } | undefined {
    const i = key.indexOf('|');
    const w = this.watched.get(key.slice(0, i));
    const obj = w?.inf.get(key.slice(i + 1));
    return w && obj ? { w, obj } : undefined;
  }

  reconcile(key: string): ReconcileResult | void {
    const item = this.parse(key);
    if (!item) return;
    const { w, obj } = item;
    const m = obj.metadata ?? {};
    const fins = m.finalizers ?? [];
    if (m.deletionTimestamp && fins.includes(ORPHAN)) this.orphanDependents(w.rt, obj);
    else if (m.deletionTimestamp && fins.includes(FOREGROUND)) this.processDeletingDependents(w.rt, obj);
    if (m.ownerReferences?.length && !m.deletionTimestamp) this.attemptToDelete(w.rt, obj);
  }

  /** Whether the referenced owner is absent (or a different object with the same name). */
  private ownerState(dep: KObject, ref: OwnerReference): 'dangling' | 'waiting' | 'solid' {
    const rt = this.ctx.api.typeFor(ref.apiVersion, ref.kind);
    // SIMPLIFICATION: an owner of a kind this API server does not serve is treated as present.
    if (!rt) return 'solid';
    const owner = this.ctx.api.tryGet(rt, rt.namespaced ? dep.metadata?.namespace : undefined, ref.name);
    if (!owner || owner.metadata?.uid !== ref.uid) return 'dangling';
    const om = owner.metadata ?? {};
    if (om.deletionTimestamp && (om.finalizers ?? []).includes(FOREGROUND)) return 'waiting';
    return 'solid';
  }

  private attemptToDelete(rt: ResourceType, cached: KObject): void {
    // Decide on the latest state, not the cache: an orphaning owner may just have released it.
    const obj = this.ctx.api.tryGet(rt, cached.metadata?.namespace, cached.metadata?.name ?? '');
    if (!obj || obj.metadata?.uid !== cached.metadata?.uid || obj.metadata?.deletionTimestamp) return;
    const refs = obj.metadata?.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      const s = this.ownerState(obj, r);
      if (s === 'solid') solid.push(r);
      else if (s === 'dangling') dangling.push(r);
      else waiting.push(r);
    }
    const ns = obj.metadata?.namespace;
    const name = obj.metadata?.name ?? '';
    const uid = obj.metadata?.uid;
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Some owners remain: drop the references to the ones that are gone or going.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.guard(() =>
        this.ctx.api.mutate(rt, ns, name, (o) => {
          const m = o.metadata;
          if (!m || m.uid !== uid) return;
          m.ownerReferences = (m.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
        }),
      );
      return;
    }
    let policy: 'Background' | 'Foreground' | 'Orphan' = 'Background';
    const fins = obj.metadata?.finalizers ?? [];
    if (fins.includes(ORPHAN)) policy = 'Orphan';
    else if (fins.includes(FOREGROUND)) policy = 'Foreground';
    else if (waiting.length && uid && this.dependents(uid).length) policy = 'Foreground';
    this.guard(() => this.ctx.api.delete(rt, ns, name, { propagationPolicy: policy, preconditions: { uid } }));
  }

  private processDeletingDependents(rt: ResourceType, owner: KObject): void {
    const uid = owner.metadata?.uid ?? '';
    const blocking = this.dependents(uid).filter(({ obj }) =>
      (obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true),
    );
    if (!blocking.length) {
      this.removeFinalizer(rt, owner, FOREGROUND);
      return;
    }
    for (const { rt: drt, obj } of blocking) {
      if (!obj.metadata?.deletionTimestamp) this.attemptToDelete(drt, obj);
    }
    // The dependents' own deletion events requeue this owner.
  }

  private orphanDependents(rt: ResourceType, owner: KObject): void {
    const uid = owner.metadata?.uid ?? '';
    for (const { rt: drt, obj } of this.dependents(uid)) {
      this.guard(() =>
        this.ctx.api.mutate(drt, obj.metadata?.namespace, obj.metadata?.name ?? '', (o) => {
          const refs = (o.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
          if (!o.metadata) return;
          if (refs.length) o.metadata.ownerReferences = refs;
          else delete o.metadata.ownerReferences;
        }),
      );
    }
    this.removeFinalizer(rt, owner, ORPHAN);
  }

  private removeFinalizer(rt: ResourceType, obj: KObject, fin: string): void {
    const uid = obj.metadata?.uid;
    this.guard(() =>
      this.ctx.api.mutate(rt, obj.metadata?.namespace, obj.metadata?.name ?? '', (o) => {
        if (!o.metadata || o.metadata.uid !== uid) return;
        const rest = (o.metadata.finalizers ?? []).filter((f) => f !== fin);
        if (rest.length) o.metadata.finalizers = rest;
        else delete o.metadata.finalizers;
      }),
    );
  }

  /** Runs an API write, ignoring "already gone" and stale-precondition conflicts. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (isApiError(e) && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}

function sameRefs(a: OwnerReference[] | undefined, b: OwnerReference[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].uid !== b[i].uid || a[i].blockOwnerDeletion !== b[i].blockOwnerDeletion) return false;
  return true;
}

/** The string as V8's internalized copy: flat, one copy per text (property keys are internalized). */
function flatString(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}
