// The namespace controller: when a namespace is marked for deletion it deletes everything in
// it, reports progress in the namespace's deletion conditions, waits until the content is
// gone (pods take their grace period) and then removes the `kubernetes` finalizer through
// the `finalize` subresource, after which the API server removes the namespace.
// Leaves out: discovery failures (every kind is known in-process) and per-kind parallelism.
// Models pkg/controller/namespace/{namespace_controller.go,deletion/namespaced_resources_deleter.go}
import type { KObject, Namespace } from '../../api/types';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import { RestHandler } from '../../apiserver/rest';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';

const COMPONENT = 'namespace-controller';
/** How long to wait before checking a namespace whose content is still going away. */
const RECHECK_MS = 5000;

type NsCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];

export class NamespaceController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private namespaces!: Informer;
  private nsRt!: ResourceType;
  private rest!: RestHandler;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    this.nsRt = this.ctx.api.mustResource('namespaces');
    this.rest = new RestHandler(this.ctx.api);
    this.namespaces = this.ctx.informers.for('namespaces');
    this.namespaces.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_o, c) => this.queue.add(objKey(c)),
    });
    // Pods are what usually lingers; their removal is worth an early recheck.
    this.ctx.informers.for('pods').addHandlers({
      delete: (p) => {
        const ns = this.namespaces.get(p.metadata?.namespace ?? '');
        if (ns?.metadata?.deletionTimestamp) this.queue.add(objKey(ns));
      },
    });
  }

  reconcile(key: string): ReconcileResult | void {
    const ns = this.namespaces.get(key) as Namespace | undefined;
    if (!ns || !ns.metadata?.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes('kubernetes')) return;
    const name = ns.metadata.name ?? '';
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const api = this.ctx.api;
    for (const rt of api.types) {
      if (!rt.namespaced) continue;
      const items = api.list(rt, name).items;
      if (!items.length) continue;
      for (const o of items) {
        if (o.metadata?.deletionTimestamp) continue;
        try {
          api.delete(rt, name, o.metadata?.name ?? '', { propagationPolicy: 'Background' });
        } catch (e) {
          if (!(isApiError(e) && (e.code === 404 || e.code === 409))) throw e;
        }
      }
      const left = api.list(rt, name).items;
      if (left.length) remaining.set(resourceLabel(rt), left.length);
      for (const o of left) for (const f of o.metadata?.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    }
    this.updateConditions(ns, remaining, finalizers);
    if (remaining.size) return { requeueAfterMs: RECHECK_MS };
    const res = this.rest.handle({
      method: 'PUT',
      path: `/api/v1/namespaces/${name}/finalize`,
      body: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        spec: { finalizers: (ns.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes') },
      },
    });
    if (res.status >= 400 && res.status !== 404) throw new Error(`finalize namespace ${name}: ${JSON.stringify(res.body)}`);
  }

  private updateConditions(ns: Namespace, remaining: Map<string, number>, finalizers: Map<string, number>): void {
    const now = rfc3339(this.ctx.clock.now());
    const want: NsCondition[] = [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: now, reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', lastTransitionTime: now, reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', lastTransitionTime: now, reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    ];
    if (remaining.size) {
      const parts = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort();
      want.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` });
    } else {
      want.push({ type: 'NamespaceContentRemaining', status: 'False', lastTransitionTime: now, reason: 'ContentRemoved', message: 'All content successfully removed' });
    }
    if (finalizers.size) {
      const parts = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      want.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}` });
    } else {
      want.push({ type: 'NamespaceFinalizersRemaining', status: 'False', lastTransitionTime: now, reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' });
    }
    const old = ns.status?.conditions ?? [];
    const next = want.map((c) => {
      const prev = old.find((o) => o.type === c.type);
      return prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message ? prev : c;
    });
    if (deepEqual(next, old)) return;
    try {
      this.ctx.api.mutate(this.nsRt, undefined, ns.metadata?.name ?? '', (o: KObject) => {
        o.status = { ...(o.status as object), conditions: next };
      }, { subresource: 'status' });
    } catch (e) {
      if (!(isApiError(e) && e.code === 404)) throw e;
    }
  }
}

/** `pods.` or `deployments.apps`, as the deleter prints a GroupVersionResource's resource and group. */
function resourceLabel(rt: ResourceType): string {
  return `${rt.plural}.${rt.group}`;
}
