// The ServiceAccount controller: every active namespace has a `default` ServiceAccount,
// created when the namespace appears and re-created if deleted.
// Leaves out: token Secrets (none since v1.24) and the root CA ConfigMap publisher.
// Models pkg/controller/serviceaccount/serviceaccounts_controller.go
import type { KObject } from '../../api/types';
import { isApiError } from '../../api/status';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { Controller, ControllerContext } from '../types';

const COMPONENT = 'serviceaccount-controller';
const DEFAULT_SA = 'default';

export class ServiceAccountController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private namespaces!: Informer;
  private accounts!: Informer;
  private saRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (ns) => this.reconcile(ns));
  }

  start(): void {
    this.saRt = this.ctx.api.mustResource('serviceaccounts');
    this.namespaces = this.ctx.informers.for('namespaces');
    this.accounts = this.ctx.informers.for('serviceaccounts');
    this.namespaces.addHandlers({
      add: (n) => this.queue.add(n.metadata?.name ?? ''),
      update: (_o, n) => this.queue.add(n.metadata?.name ?? ''),
    });
    this.accounts.addHandlers({
      delete: (sa) => {
        if (sa.metadata?.name === DEFAULT_SA) this.queue.add(sa.metadata?.namespace ?? '');
      },
    });
  }

  reconcile(ns: string): void {
    const nsObj = this.namespaces.get(ns);
    if (!nsObj || nsObj.metadata?.deletionTimestamp) return;
    if (this.accounts.getNs(ns, DEFAULT_SA) || this.ctx.api.tryGet(this.saRt, ns, DEFAULT_SA)) return;
    try {
      this.ctx.api.create(this.saRt, ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SA, namespace: ns } } as KObject);
    } catch (e) {
      // Already there, or the namespace started terminating meanwhile.
      if (isApiError(e) && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  }
}
