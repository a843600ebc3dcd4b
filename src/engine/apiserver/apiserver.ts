// The simulated kube-apiserver's request handling for one object store: create, get, list,
// update, patch, delete, deletecollection and watch, with defaulting, validation, namespace
// lifecycle admission, optimistic concurrency, graceful deletion, finalizers and owner-driven
// deletion propagation (the garbage collector controller does the cascading itself).
// The REST façade (rest.ts) maps HTTP-shaped requests onto these methods; controllers and the
// kubelet call them directly through the client. Everything is synchronous.
// Models staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
import type { VirtualClock } from '../core/clock';
import type { Rng } from '../core/rng';
import { generateName, uuid } from '../core/names';
import { rfc3339 } from '../core/time';
import { clone } from '../api/meta';
import type { FieldError } from '../api/field';
import { invalid, required } from '../api/field';
import type { GroupResource } from '../api/types';
import type { KObject, Json } from '../api/types';
import {
  ApiError,
  errAlreadyExists,
  errBadRequest,
  errConflict,
  errGone,
  errInvalid,
  errNotFound,
  OPTIMISTIC_LOCK_MESSAGE,
  qualifiedResource as qualifiedResourceText,
} from '../api/status';
import { applyDefaults } from '../api/defaults';
import { validateCreate, validateUpdate, validateStatusUpdate, nameValidatorFor } from '../api/validation';
import { validateDaemonSetStatus, validateDeploymentStatus, validateReplicaSetStatus } from '../api/validation/apps';
import { parseFieldSelector, parseLabelSelector, fieldsForObject, isSupportedField, SelectorError } from '../api/selectors';
import type { FieldSelector, LabelSelector } from '../api/selectors';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from './patch';
import type { Store, StoreEvent } from '../store/store';
import { CompactedError } from '../store/store';
import type { ResourceType, StrategyContext } from './resource-type';
import { apiVersionOf, qualifiedKind, resourceKey } from './resource-type';
import { internalTypeName, isRegisteredKind } from './registry/scheme';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

/** What delete did: `deleted` is false while finalizers or a grace period keep the object. */
export interface DeleteResult {
  object: KObject;
  deleted: boolean;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK';
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}
/**
 * `key`: the object's store key (`namespace/name`, or the name), passed for events that come
 * from the store so that in-process watchers (informers) need not build it again.
 */
export type WatchCallback = (ev: WatchEvent, key?: string) => void;

export type PatchContentType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json';

export class ApiServer {
  private readonly byKey = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();
  /** Per-kind RNG streams (ResourceType.rngStream). */
  private readonly streams = new Map<string, Rng>();
  readonly types: ResourceType[];
  /** Hooks that other components (kubelet, network) install: pod logs, etc. */
  readonly hooks: Record<string, unknown> = {};

  constructor(
    readonly store: Store,
    readonly clock: VirtualClock,
    readonly rng: Rng,
    types: ResourceType[],
  ) {
    this.types = types;
    for (const t of types) if (t.rngStream && !this.streams.has(t.rngStream)) this.streams.set(t.rngStream, rng.fork(t.rngStream));
    for (const t of types) {
      this.byKey.set(resourceKey(t), t);
      this.byKind.set(`${apiVersionOf(t)}/${t.kind}`, t);
    }
  }

  private ctx(): StrategyContext {
    return { now: this.clock.now(), api: this };
  }

  /** Resource type by plural and group (`pods`, ''), or undefined. */
  resource(plural: string, group = ''): ResourceType | undefined {
    return this.byKey.get(group ? `${group}/${plural}` : plural);
  }

  /** Resource type by apiVersion and kind (`apps/v1`, `Deployment`). */
  typeFor(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  mustResource(plural: string, group = ''): ResourceType {
    const rt = this.resource(plural, group);
    if (!rt) throw new Error(`unknown resource ${group}/${plural}`);
    return rt;
  }

  private key(rt: ResourceType, ns: string | undefined, name: string): string {
    // Joined (a flat string), not concatenated: a template literal makes a rope (plus a fresh
    // `ns/` copy) that the first Map lookup flattens into a second string, and the store
    // keeps both for the object's lifetime.
    return rt.namespaced ? [ns ?? '', '/', name].join('') : name;
  }

  private gr(rt: ResourceType): GroupResource {
    return { group: rt.group, resource: rt.plural };
  }

  // ---------------------------------------------------------------- reads

  get(rt: ResourceType, ns: string | undefined, name: string): KObject {
    const obj = this.store.get(resourceKey(rt), this.key(rt, ns, name));
    if (!obj) throw errNotFound(this.gr(rt), name);
    return obj;
  }

  tryGet(rt: ResourceType, ns: string | undefined, name: string): KObject | undefined {
    return this.store.get(resourceKey(rt), this.key(rt, ns, name));
  }

  list(rt: ResourceType, ns: string | undefined, opts: ListOptions = {}): ListResult {
    const { label, field } = this.selectors(rt, opts);
    const prefix = rt.namespaced && ns ? `${ns}/` : undefined;
    let items = this.store.list(resourceKey(rt), prefix);
    if (label || field) items = items.filter((o) => this.matches(rt, o, label, field));
    const rv = String(this.store.rev);
    if (opts.continue || (opts.limit && opts.limit > 0)) {
      let start = 0;
      let listRv = rv;
      if (opts.continue) {
        const tok = decodeContinue(opts.continue);
        if (tok.rv < this.store.compactedRev) {
          throw errGone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
        }
        // SIMPLIFICATION: later pages show the objects as they are now, not at the first page's revision.
        listRv = String(tok.rv);
        start = lowerBound(items, (o) => this.key(rt, o.metadata?.namespace, o.metadata?.name ?? '') < tok.start);
      }
      const end = opts.limit && opts.limit > 0 ? Math.min(items.length, start + opts.limit) : items.length;
      const page = start === 0 && end === items.length ? items : items.slice(start, end);
      const rest = items.length - end;
      if (rest > 0) {
        const last = page[page.length - 1];
        const next = `${this.key(rt, last.metadata?.namespace, last.metadata?.name ?? '')}\u0000`;
        return { items: page, resourceVersion: listRv, continue: encodeContinue(Number(listRv), next), remainingItemCount: rest };
      }
      return { items: page, resourceVersion: listRv };
    }
    return { items, resourceVersion: rv };
  }

  private selectors(rt: ResourceType, opts: { labelSelector?: string; fieldSelector?: string }) {
    let label: LabelSelector | undefined;
    let field: FieldSelector | undefined;
    try {
      if (opts.labelSelector) {
        label = parseLabelSelector(opts.labelSelector);
        if (label.empty) label = undefined;
      }
      if (opts.fieldSelector) {
        field = parseFieldSelector(opts.fieldSelector);
        for (const r of field.requirements) {
          if (!isSupportedField(rt.kind, r.field)) {
            throw errBadRequest(`field label not supported: ${r.field}`);
          }
        }
        if (!field.requirements.length) field = undefined;
      }
    } catch (e) {
      if (e instanceof SelectorError) throw errBadRequest(e.message);
      throw e;
    }
    return { label, field };
  }

  private matches(rt: ResourceType, obj: KObject, label?: LabelSelector, field?: FieldSelector): boolean {
    if (label && !label.matches(obj.metadata?.labels)) return false;
    if (field && !field.matches(fieldsForObject(rt.kind, obj))) return false;
    return true;
  }

  // ---------------------------------------------------------------- create

  create(rt: ResourceType, ns: string | undefined, body: KObject, opts: WriteOptions = {}): KObject {
    return this.createDecoded(rt, ns, this.decode(rt, body), opts, false);
  }

  /**
   * create() for a body the caller built for this call and hands over (server components such
   * as the event recorder): no defensive copy on the way in, and the store keeps its root and
   * metadata objects. The body must be a plain JSON tree without undefined properties, and
   * the caller must not touch it afterwards. Everything else is create(): kind check,
   * admission, defaults, server-owned fields, validation, AlreadyExists.
   */
  createOwned(rt: ResourceType, ns: string | undefined, body: KObject, opts: WriteOptions = {}): KObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw errBadRequest('the body of the request was in an unknown format');
    this.checkKind(rt, body);
    body.apiVersion = apiVersionOf(rt);
    body.kind = rt.kind;
    return this.createDecoded(rt, ns, body, opts, true);
  }

  private createDecoded(rt: ResourceType, ns: string | undefined, obj: KObject, opts: WriteOptions, owned: boolean): KObject {
    const meta = (obj.metadata ??= {});
    if (rt.namespaced) {
      const target = ns ?? meta.namespace ?? 'default';
      if (meta.namespace && ns && meta.namespace !== ns) {
        throw errBadRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = target;
      this.admitNamespace(rt, target, meta.name ?? '');
    } else if ('namespace' in meta) {
      delete meta.namespace;
    }
    const rng = (rt.rngStream && this.streams.get(rt.rngStream)) || this.rng;
    if (!meta.name && meta.generateName) meta.name = generateName(rng, meta.generateName);
    const name = meta.name ?? '';
    applyDefaults(rt.kind, obj);
    // Fields the server owns.
    meta.uid = uuid(rng);
    meta.creationTimestamp = rfc3339(this.clock.now());
    // `delete` of an absent key is a runtime call in V8: only delete what is there.
    if ('resourceVersion' in meta) delete meta.resourceVersion;
    if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if ('selfLink' in meta) delete meta.selfLink;
    if (rt.generation) meta.generation = 1;
    else if ('generation' in meta) delete meta.generation;
    const ctx = this.ctx();
    const key = this.key(rt, meta.namespace, name);
    const errs: FieldError[] = [...this.validateMetaName(rt, obj), ...validateCreate(rt.kind, obj)];
    if (errs.length) throw errInvalid(qualifiedKind(rt), rt.group, rt.kind, name, errs);
    if (this.store.get(resourceKey(rt), key)) throw errAlreadyExists(this.gr(rt), name);
    rt.prepareForCreate?.(obj, ctx);
    try {
      if (rt.validateCreate) {
        const more = rt.validateCreate(obj, ctx);
        if (more.length) throw errInvalid(qualifiedKind(rt), rt.group, rt.kind, name, more);
      }
      if (opts.dryRun) {
        rt.abortWrite?.(obj);
        return obj;
      }
    } catch (e) {
      rt.abortWrite?.(obj);
      throw e;
    }
    return this.store.put(resourceKey(rt), key, obj, owned);
  }

  private validateMetaName(rt: ResourceType, obj: KObject): FieldError[] {
    const meta = obj.metadata ?? {};
    // A missing name and generateName is reported by validateCreate (ValidateObjectMeta).
    const v = nameValidatorFor(rt.kind);
    const errs: FieldError[] = [];
    if (meta.generateName && !meta.name) {
      for (const m of v(meta.generateName, true)) errs.push(invalid('metadata.generateName', meta.generateName, m));
    }
    return errs;
  }

  /**
   * Checks that a request body is of this resource's kind, with the errors the real decoder
   * gives: an unregistered kind, a kind that cannot convert into this one, another version.
   * Missing apiVersion/kind default to the URL's, as the JSON serializer does.
   * Models apiserver/pkg/endpoints/handlers/create.go (transformDecodeError, AcceptsGroupVersion)
   */
  checkKind(rt: ResourceType, body: { apiVersion?: unknown; kind?: unknown }): void {
    const av = apiVersionOf(rt);
    const kind = typeof body.kind === 'string' && body.kind ? body.kind : rt.kind;
    const apiVersion = typeof body.apiVersion === 'string' && body.apiVersion ? body.apiVersion : av;
    if (apiVersion === av && kind === rt.kind) return;
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    const prefix = `${kind} in version "${version}" cannot be handled as a ${rt.kind}`;
    if (!isRegisteredKind(apiVersion, kind) && !this.typeFor(apiVersion, kind)) {
      throw errBadRequest(`${prefix}: no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    }
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    // Same kind in a sibling group (events.k8s.io Event → core Event) converts; then the version check fails.
    const converts = kind === rt.kind && (group === rt.group || (kind === 'Event' && (group === 'events.k8s.io' || group === '')));
    if (!converts) {
      throw errBadRequest(`${prefix}: converting (${version}.${kind}) to (${internalTypeName(rt.group, rt.kind)}): unknown conversion`);
    }
    throw errBadRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${av})`);
  }

  /** Copies the request body into a fresh mutable object of the right kind. */
  private decode(rt: ResourceType, body: KObject): KObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw errBadRequest('the body of the request was in an unknown format');
    this.checkKind(rt, body);
    const obj = clone(body);
    obj.apiVersion = apiVersionOf(rt);
    obj.kind = rt.kind;
    return obj;
  }

  /**
   * NamespaceLifecycle admission for creates: the namespace must exist and not be terminating.
   * Models plugin/pkg/admission/namespace/lifecycle/admission.go
   */
  private admitNamespace(rt: ResourceType, ns: string, name: string): void {
    if (rt.plural === 'namespaces') return;
    const nsType = this.mustResource('namespaces');
    const nsObj = this.store.get(resourceKey(nsType), ns);
    if (!nsObj) throw errNotFound({ group: '', resource: 'namespaces' }, ns);
    if ((nsObj.status as { phase?: string } | undefined)?.phase === 'Terminating' || nsObj.metadata?.deletionTimestamp) {
      // Events may still be written for a terminating namespace, as upstream allows.
      if (rt.plural === 'events') return;
      const gr = qualifiedResourceText(this.gr(rt));
      const reason = `unable to create new content in namespace ${ns} because it is being terminated`;
      const details: NonNullable<ApiError['status']['details']> = { name };
      if (rt.group) details.group = rt.group;
      details.kind = rt.plural;
      details.causes = [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }];
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: name ? `${gr} "${name}" is forbidden: ${reason}` : `${gr} is forbidden: ${reason}`,
        reason: 'Forbidden',
        details,
        code: 403,
      });
    }
  }

  // ---------------------------------------------------------------- update

  /**
   * PUT semantics. `subresource` 'status' replaces only status; otherwise status is kept
   * for types with a status subresource.
   */
  update(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    body: KObject,
    opts: WriteOptions & { subresource?: string } = {},
  ): KObject {
    const obj = this.decode(rt, body);
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw errBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (rt.namespaced && meta.namespace && ns && meta.namespace !== ns) {
      throw errBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.name = name;
    const old = this.tryGet(rt, ns, name);
    if (!old) {
      // Create-on-update (events, endpoints, leases); never through a subresource.
      if (rt.allowCreateOnUpdate && !opts.subresource) {
        delete meta.resourceVersion;
        return this.create(rt, ns, obj, opts);
      }
      throw errNotFound(this.gr(rt), name);
    }
    if (rt.namespaced) meta.namespace = old.metadata?.namespace;
    // No resourceVersion: an unconditional update, which every built-in kind allows
    // (AllowUnconditionalUpdate). A stale one is a conflict.
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata?.resourceVersion) {
      throw errConflict(this.gr(rt), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    meta.resourceVersion = old.metadata?.resourceVersion;
    return this.commitUpdate(rt, old, obj, opts);
  }

  /** Shared tail of update and patch: server-owned fields, validation, no-op detection, store. */
  private commitUpdate(rt: ResourceType, old: KObject, obj: KObject, opts: WriteOptions & { subresource?: string }): KObject {
    const name = old.metadata?.name ?? '';
    const ctx = this.ctx();
    let next: KObject;
    if (opts.subresource === 'finalize') {
      // namespaces/finalize changes spec.finalizers only (FinalizeStrategy).
      next = { ...clone(old), spec: { ...(old.spec as object), finalizers: (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [] } } as KObject;
      const fins = (next.spec as { finalizers: string[] }).finalizers;
      if (!fins.length) delete (next.spec as { finalizers?: string[] }).finalizers;
    } else if (opts.subresource === 'status') {
      // SIMPLIFICATION: only status changes through the status subresource (upstream also
      // lets some kinds' status strategies take labels and annotations).
      // Shallow: the store writes a deep frozen copy anyway, and old's parts are frozen.
      next = { ...old, status: obj.status } as KObject;
      next.metadata = { ...next.metadata, resourceVersion: old.metadata?.resourceVersion };
      // The metadata is the stored one, field for field: the metadata update rules
      // (immutability, labels, owner references ...) cannot fail on it, so only the kind's
      // status rules run (validateStatusUpdate minus a no-op ObjectMeta pass per write).
      const errs = old.metadata?.resourceVersion ? statusRules(rt.kind, next) : validateStatusUpdate(rt.kind, next, old);
      if (errs.length) throw errInvalid(qualifiedKind(rt), rt.group, rt.kind, name, errs);
    } else {
      next = obj;
      applyDefaults(rt.kind, next);
      const meta = (next.metadata ??= {});
      const om = old.metadata ?? {};
      meta.uid = om.uid;
      meta.creationTimestamp = om.creationTimestamp;
      if (om.deletionTimestamp) {
        meta.deletionTimestamp = om.deletionTimestamp;
        meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      } else {
        if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
        if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
      }
      if (om.generateName) meta.generateName = om.generateName;
      if (rt.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      if (rt.generation) {
        meta.generation = om.generation ?? 1;
        if (specChanged(next, old)) meta.generation = (om.generation ?? 1) + 1;
      }
      const errs = validateUpdate(rt.kind, next, old);
      if (rt.validateUpdate) errs.push(...rt.validateUpdate(next, old, ctx));
      if (errs.length) throw errInvalid(qualifiedKind(rt), rt.group, rt.kind, name, errs);
      rt.prepareForUpdate?.(next, old, ctx);
    }
    // A write that changes nothing does not create a revision (as etcd3 GuaranteedUpdate).
    // Through /status everything but status is the stored value (metadata field for field),
    // so comparing status alone gives the same answer.
    if (opts.subresource === 'status' ? deepEqual(next.status, old.status) : sameObject(next, old)) return old;
    if (opts.dryRun) {
      rt.abortWrite?.(next);
      return next;
    }
    const key = this.key(rt, old.metadata?.namespace, name);
    if (this.shouldDeleteDuringUpdate(rt, next, old)) {
      const gone = this.store.remove(resourceKey(rt), key) as KObject;
      rt.afterDelete?.(gone, ctx);
      return gone;
    }
    return this.store.put(resourceKey(rt), key, next);
  }

  /**
   * Applies a mutation function to a fresh copy of the current object and updates it.
   * With subresource 'status' only `status` is copied (the write keeps nothing else): the
   * other top-level fields of the copy are the stored, frozen values, so `fn` may replace
   * them but not change them in place.
   */
  mutate(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    fn: (obj: KObject) => void,
    opts: WriteOptions & { subresource?: string } = {},
  ): KObject {
    const old = this.get(rt, ns, name);
    const obj = opts.subresource === 'status' ? statusDraft(old) : (clone(old) as KObject);
    fn(obj);
    return this.commitUpdate(rt, old, obj, opts);
  }

  /**
   * A /status write whose new status is computed whole from the current object: `fn` gets the
   * stored (frozen) object and returns the new status, or undefined to write nothing. Saves
   * the copy of the current status that mutate() makes for `fn` to edit; validation, no-op
   * detection and errors are mutate(..., {subresource: 'status'})'s. `fn` must not change
   * what it is given (it is frozen) and may return parts of it.
   */
  replaceStatus(rt: ResourceType, ns: string | undefined, name: string, fn: (cur: KObject) => unknown, opts: WriteOptions = {}): KObject {
    const old = this.get(rt, ns, name);
    const status = fn(old);
    if (status === undefined) return old;
    return this.commitUpdate(rt, old, { status } as KObject, { ...opts, subresource: 'status' });
  }

  // ---------------------------------------------------------------- patch

  patch(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    type: PatchContentType,
    patch: Json,
    opts: WriteOptions & { subresource?: string; onPatched?: (patched: KObject) => KObject } = {},
  ): KObject {
    const old = this.get(rt, ns, name);
    let patched: Json;
    try {
      const base = old as unknown as Json;
      if (type === 'application/json-patch+json') patched = applyJsonPatch(base, patch);
      else if (type === 'application/merge-patch+json') patched = applyMergePatch(base, patch);
      else patched = applyStrategicMergePatch(base, patch, rt.kind);
    } catch (e) {
      if (e instanceof PatchError) throw patchStatus(e);
      throw e;
    }
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw errBadRequest('patch produced a non-object');
    // The REST layer's strict decoding of the patched object (fieldValidation, unknown fields dropped).
    if (opts.onPatched) patched = opts.onPatched(patched as KObject) as unknown as Json;
    const obj = this.decode(rt, patched as KObject);
    const meta = (obj.metadata ??= {});
    // A patch may carry a resourceVersion precondition; otherwise it applies to the current one.
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata?.resourceVersion) {
      throw errConflict(this.gr(rt), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    meta.resourceVersion = old.metadata?.resourceVersion;
    if (meta.name !== name) throw errBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    return this.commitUpdate(rt, old, obj, opts);
  }

  // ---------------------------------------------------------------- delete

  /**
   * An update that leaves an object marked for deletion with no finalizers removes it, when
   * no grace period is running (a terminating pod waits for its kubelet's final delete).
   * Namespaces also need spec.finalizers empty.
   * Models registry/generic/registry/store.go (ShouldDeleteDuringUpdate) and
   * pkg/registry/core/namespace/storage/storage.go (ShouldDeleteNamespaceDuringUpdate)
   */
  private shouldDeleteDuringUpdate(rt: ResourceType, next: KObject, old: KObject): boolean {
    if (next.metadata?.finalizers?.length) return false;
    if (rt.plural === 'namespaces' && (next.spec as { finalizers?: string[] } | undefined)?.finalizers?.length) return false;
    const om = old.metadata ?? {};
    if (!om.deletionTimestamp) return false;
    return !om.deletionGracePeriodSeconds;
  }

  /** Deletes an object; returns what is left (see deleteWithResult). */
  delete(rt: ResourceType, ns: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    return this.deleteWithResult(rt, ns, name, opts).object;
  }

  /**
   * DELETE semantics: preconditions, graceful deletion (pods), garbage-collector finalizers
   * from the propagation policy, finalizers keeping the object (marked with a deletionTimestamp)
   * and namespace termination. `deleted` tells an immediate removal from a pending one.
   * Models registry/generic/registry/store.go (Delete, updateForGracefulDeletionAndFinalizers,
   * deletionFinalizersForGarbageCollection, markAsDeleting) and registry/rest/delete.go (BeforeDelete)
   */
  deleteWithResult(rt: ResourceType, ns: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    const old = this.get(rt, ns, name);
    const om = old.metadata ?? {};
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== om.uid) {
      throw errConflict(this.gr(rt), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${om.uid ?? ''}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== om.resourceVersion) {
      throw errConflict(
        this.gr(rt),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${om.resourceVersion ?? ''}`,
      );
    }
    if (rt.plural === 'namespaces') return this.deleteNamespace(rt, old, opts);
    const now = this.clock.now();
    const next = clone(old) as KObject;
    const meta = (next.metadata ??= {});

    // BeforeDelete: graceful deletion for kinds with a grace period (pods).
    let graceful = false;
    if (rt.gracePeriodSeconds) {
      if (om.deletionTimestamp) {
        const current = om.deletionGracePeriodSeconds ?? 0;
        if (current === 0) {
          // Marked with no grace left: fall through to an immediate delete.
        } else if (opts.gracePeriodSeconds !== undefined && Math.max(opts.gracePeriodSeconds, 0) < current) {
          // Only a shorter grace period may be set on an object already terminating.
          const period = Math.max(opts.gracePeriodSeconds, 0);
          meta.deletionTimestamp = rfc3339(Date.parse(om.deletionTimestamp) - current * 1000 + period * 1000);
          meta.deletionGracePeriodSeconds = period;
          graceful = true;
        } else {
          // Graceful deletion already pending: nothing changes.
          return { object: old, deleted: false };
        }
      } else {
        const period = rt.gracePeriodSeconds(old, opts.gracePeriodSeconds) ?? 0;
        meta.deletionTimestamp = rfc3339(now + period * 1000);
        meta.deletionGracePeriodSeconds = period;
        if (om.generation && om.generation > 0) meta.generation = om.generation + 1;
        graceful = true;
      }
    }

    // Garbage-collector finalizers from the propagation policy (or kept from the object).
    const fins = om.finalizers ?? [];
    const orphan = opts.propagationPolicy ? opts.propagationPolicy === 'Orphan' : fins.includes('orphan') || rt.defaultPropagation === 'Orphan';
    const foreground = opts.propagationPolicy ? opts.propagationPolicy === 'Foreground' : fins.includes('foregroundDeletion');
    const nextFins = fins.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (orphan) nextFins.push('orphan');
    if (foreground) nextFins.push('foregroundDeletion');
    if (!sameSet(nextFins, fins)) meta.finalizers = nextFins;
    const pendingFinalizers = (meta.finalizers ?? []).length > 0;

    if (!graceful || (meta.deletionGracePeriodSeconds ?? 0) === 0) {
      if (pendingFinalizers) {
        // markAsDeleting: kept until the finalizers are gone.
        if (!om.deletionTimestamp && om.generation && om.generation > 0 && !graceful) meta.generation = om.generation + 1;
        if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > now) meta.deletionTimestamp = rfc3339(now);
        meta.deletionGracePeriodSeconds = 0;
        return { object: this.writeIfChanged(rt, old, next, opts), deleted: false };
      }
      if (!graceful) return this.removeNow(rt, old, opts);
      // Grace period zero: the deletion mark is written, then the object goes.
      if (opts.dryRun) return { object: next, deleted: true };
      const marked = this.writeIfChanged(rt, old, next, opts);
      return this.removeNow(rt, marked, opts);
    }
    return { object: this.writeIfChanged(rt, old, next, opts), deleted: false };
  }

  /** Namespaces: the first delete marks them Terminating; they go once finalized. */
  private deleteNamespace(rt: ResourceType, old: KObject, opts: DeleteOptions): DeleteResult {
    const om = old.metadata ?? {};
    if (om.deletionTimestamp) {
      if ((old.spec as { finalizers?: string[] } | undefined)?.finalizers?.length) return { object: old, deleted: false };
      if (om.finalizers?.length) return { object: old, deleted: false };
      return this.removeNow(rt, old, opts);
    }
    const next = clone(old) as KObject;
    const meta = (next.metadata ??= {});
    meta.deletionTimestamp = rfc3339(this.clock.now());
    next.status = { ...(next.status as object), phase: 'Terminating' };
    const fins = om.finalizers ?? [];
    const orphan = opts.propagationPolicy ? opts.propagationPolicy === 'Orphan' : fins.includes('orphan');
    const foreground = opts.propagationPolicy ? opts.propagationPolicy === 'Foreground' : fins.includes('foregroundDeletion');
    const nextFins = fins.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (orphan) nextFins.push('orphan');
    if (foreground) nextFins.push('foregroundDeletion');
    if (!sameSet(nextFins, fins)) meta.finalizers = nextFins;
    return { object: this.writeIfChanged(rt, old, next, opts), deleted: false };
  }

  private writeIfChanged(rt: ResourceType, old: KObject, next: KObject, opts: WriteOptions): KObject {
    if (opts.dryRun || sameObject(next, old)) return opts.dryRun ? next : old;
    return this.store.put(resourceKey(rt), this.key(rt, old.metadata?.namespace, old.metadata?.name ?? ''), next);
  }

  private removeNow(rt: ResourceType, obj: KObject, opts: WriteOptions): DeleteResult {
    if (opts.dryRun) return { object: obj, deleted: true };
    const gone = this.store.remove(resourceKey(rt), this.key(rt, obj.metadata?.namespace, obj.metadata?.name ?? '')) as KObject;
    rt.afterDelete?.(gone, this.ctx());
    return { object: gone, deleted: true };
  }

  deleteCollection(rt: ResourceType, ns: string | undefined, listOpts: ListOptions, opts: DeleteOptions = {}): KObject[] {
    const { items } = this.list(rt, ns, listOpts);
    const out: KObject[] = [];
    for (const o of items) {
      try {
        out.push(this.delete(rt, o.metadata?.namespace, o.metadata?.name ?? '', opts));
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- watch

  /**
   * Watches objects of `rt` in `ns` (or all namespaces). With no resourceVersion (or "0") the
   * current objects arrive first as ADDED events. Selectors apply to both old and new states:
   * an object that stops matching is reported DELETED, one that starts matching ADDED.
   * Returns a function that stops the watch.
   */
  watch(rt: ResourceType, ns: string | undefined, opts: ListOptions, cb: WatchCallback): () => void {
    const { label, field } = this.selectors(rt, opts);
    const prefix = rt.namespaced && ns ? `${ns}/` : undefined;
    const match = (o: KObject | undefined) => Boolean(o) && this.matches(rt, o as KObject, label, field);
    let from: number;
    const rv = opts.resourceVersion;
    let initial: KObject[] = [];
    if (!rv || rv === '0') {
      initial = this.list(rt, ns, opts).items;
      from = this.store.rev;
    } else {
      from = Number(rv);
      if (!Number.isFinite(from)) throw errBadRequest(`invalid resource version: ${rv}`);
    }
    let stopped = false;
    let cancel: () => void = () => {};
    const deliver = (ev: StoreEvent) => {
      if (stopped) return;
      if (prefix && !ev.key.startsWith(prefix)) return;
      const now = match(ev.object);
      const before = ev.type === 'MODIFIED' ? match(ev.prevObject) : now;
      if (ev.type === 'DELETED') {
        if (match(ev.prevObject) || now) cb({ type: 'DELETED', object: ev.object }, ev.key);
      } else if (ev.type === 'ADDED') {
        if (now) cb({ type: 'ADDED', object: ev.object }, ev.key);
      } else if (now && before) cb({ type: 'MODIFIED', object: ev.object }, ev.key);
      else if (now && !before) cb({ type: 'ADDED', object: ev.object }, ev.key);
      else if (!now && before && ev.prevObject) {
        // Leaving the selection: DELETED with the previous content at the event's revision
        // (cacheWatcher.convertToWatchEvent).
        const prev = ev.prevObject;
        cb({ type: 'DELETED', object: { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.rev) } } }, ev.key);
      }
    };
    try {
      cancel = this.store.watch(resourceKey(rt), from, deliver);
    } catch (e) {
      if (e instanceof CompactedError) {
        const status = errGone(e.message).status;
        this.clock.schedule(0, () => {
          if (!stopped) cb({ type: 'ERROR', object: status as unknown as KObject });
        }, 'watch:expired');
        return () => {
          stopped = true;
        };
      }
      throw e;
    }
    if (initial.length) {
      this.clock.schedule(0, () => {
        for (const o of initial) if (!stopped) cb({ type: 'ADDED', object: o });
      }, 'watch:initial');
    }
    return () => {
      stopped = true;
      cancel();
    };
  }

  /**
   * pods/binding: assigns a pending pod to a node and marks it PodScheduled, refusing a pod
   * that already has a node (409), as the binding REST storage does.
   * Models pkg/registry/core/pod/storage/storage.go (assignPod)
   */
  bind(rt: ResourceType, ns: string, name: string, nodeName: string): KObject {
    if (!nodeName) throw errInvalid('Binding', '', 'Binding', name, [required('target.name', '')]);
    const old = this.get(rt, ns, name);
    const spec = (old.spec ?? {}) as { nodeName?: string; schedulingGates?: unknown[] };
    // Failures inside the binding's update are conflicts on pods/binding.
    const binding = { group: '', resource: 'pods/binding' };
    if (old.metadata?.deletionTimestamp) {
      throw errConflict(binding, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    }
    if (spec.nodeName) {
      throw errConflict(binding, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    }
    if (spec.schedulingGates?.length) throw errConflict(binding, name, `pod ${name} has non-empty .spec.schedulingGates`);
    // Copies of the two levels that change; everything else is the stored (frozen) value,
    // which the store shares as it is. Keys keep their order, as a clone would.
    type Cond = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string };
    const status = { ...(old.status as { conditions?: Cond[] } | undefined) };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.unshift({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.clock.now()) });
    status.conditions = conds;
    const next = { ...old, spec: { ...spec, nodeName }, status } as KObject;
    return this.store.put(resourceKey(rt), this.key(rt, ns, name), next);
  }

  /** Current revision, as a resourceVersion string. */
  resourceVersion(): string {
    return String(this.store.rev);
  }
}

/** The Status the PATCH handler answers for a patch that cannot be applied. */
function patchStatus(e: PatchError): ApiError {
  if (e.code === 400) return errBadRequest(e.statusMessage);
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.statusMessage,
    ...(e.reason ? { reason: e.reason } : {}),
    code: e.code,
  });
}

/** The kind's own /status rules (validateStatusUpdate without the ObjectMeta update checks). */
function statusRules(kind: string, obj: KObject): FieldError[] {
  const status = obj.status as Record<string, number> | undefined;
  switch (kind) {
    case 'Deployment':
      return validateDeploymentStatus(status);
    case 'ReplicaSet':
    case 'ReplicationController':
      return validateReplicaSetStatus(status);
    case 'DaemonSet':
      return validateDaemonSetStatus(status);
    default:
      return [];
  }
}

/** A new top-level object over `old`'s frozen fields, with a deep copy of its status. */
function statusDraft(old: KObject): KObject {
  const out: Record<string, unknown> = {};
  for (const k in old) out[k] = k === 'status' ? clone(old.status) : old[k];
  return out as KObject;
}

const STRIP = new Set(['metadata', 'status']);

function specChanged(a: KObject, b: KObject): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (STRIP.has(k) || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sb = new Set(b);
  return a.every((x) => sb.has(x));
}

function sameObject(a: KObject, b: KObject): boolean {
  return deepEqual(a, b);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    n++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) n--;
  return n === 0;
}

/** Keys are ASCII (object names are DNS names). The continue token: base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`, as etcd3 storage makes it. */
function encodeContinue(rv: number, start: string): string {
  return Buffer64.encode(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }));
}

function decodeContinue(token: string): { rv: number; start: string } {
  let o: { v?: string; rv?: number; start?: string };
  try {
    o = JSON.parse(Buffer64.decode(token)) as typeof o;
  } catch {
    throw errBadRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
  if (o.v !== 'meta.k8s.io/v1') throw errBadRequest('continue key is not valid: continue key is not valid: server does not recognize this encoded version');
  if (typeof o.rv !== 'number' || o.rv <= 0) throw errBadRequest('continue key is not valid: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  return { rv: o.rv, start: typeof o.start === 'string' ? o.start : '' };
}

/** First index whose item is not `before` (items sorted so that `before` holds for a prefix). */
function lowerBound<T>(items: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** base64 of ASCII text without DOM or Node globals (the engine targets plain ES2022). */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const Buffer64 = {
  encode(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i += 3) {
      const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      out += i + 1 < s.length ? B64[(n >> 6) & 63] : '=';
      out += i + 2 < s.length ? B64[n & 63] : '=';
    }
    return out;
  },
  decode(s: string): string {
    const clean = s.replace(/=+$/, '');
    let out = '';
    for (let i = 0; i < clean.length; i += 4) {
      const idx = [0, 1, 2, 3].map((j) => (i + j < clean.length ? B64.indexOf(clean[i + j]) : 0));
      if (idx.some((x) => x < 0)) throw new Error('bad base64');
      const n = (idx[0] << 18) | (idx[1] << 12) | (idx[2] << 6) | idx[3];
      out += String.fromCharCode((n >> 16) & 255);
      if (i + 2 < clean.length) out += String.fromCharCode((n >> 8) & 255);
      if (i + 3 < clean.length) out += String.fromCharCode(n & 255);
    }
    return out;
  },
};
