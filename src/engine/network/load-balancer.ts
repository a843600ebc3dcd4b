// A simulated cloud load balancer, as a cloud-controller-manager's service controller with a
// MetalLB-style address pool (192.168.1.240/28): a LoadBalancer Service gets an external IP in
// status.loadBalancer.ingress a few seconds after it appears, with the service controller's
// EnsuringLoadBalancer / EnsuredLoadBalancer events; the address is freed with the Service.
// Models staging/src/k8s.io/cloud-provider/controllers/service/controller.go (syncLoadBalancerIfNeeded).
// SIMPLIFICATION: no health checks or node sets; spec.loadBalancerIP is honoured when in the pool.
import type { KObject, Service } from '../api/types';
import { isApiError } from '../api/status';
import type { Controller, ControllerContext } from '../controllers/types';
import { objKey } from '../client/informer';

const POOL_BASE = [192, 168, 1, 240];
const POOL_SIZE = 16;
const SOURCE = { component: 'service-controller' };

export class LoadBalancerController implements Controller {
  readonly name = 'service-controller';
  private readonly assigned = new Map<string, string>();
  private readonly pending = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    const inf = this.ctx.informers.for('services');
    inf.addHandlers({
      add: (o) => this.sync(o as Service),
      update: (_old, o) => this.sync(o as Service),
      delete: (o) => this.release(objKey(o)),
    });
  }

  private sync(svc: Service): void {
    const key = objKey(svc as KObject);
    const isLB = svc.spec?.type === 'LoadBalancer';
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (!isLB) {
      if (this.assigned.has(key)) {
        this.release(key);
        this.patchStatus(svc, []);
      }
      return;
    }
    if (ingress.length) {
      if (ingress[0]?.ip) this.assigned.set(key, ingress[0].ip);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.ctx.recorder.event(svc as KObject, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', SOURCE);
    const delay = 2000 + this.ctx.rng.int(2000);
    this.ctx.clock.schedule(delay, () => {
      this.pending.delete(key);
      const { api } = this.ctx;
      const cur = api.tryGet(api.mustResource('services'), svc.metadata?.namespace, svc.metadata?.name ?? '') as Service | undefined;
      if (!cur || cur.metadata?.uid !== svc.metadata?.uid || cur.spec?.type !== 'LoadBalancer') return;
      if ((cur.status?.loadBalancer?.ingress ?? []).length) return;
      const ip = this.allocate(key, cur.spec?.loadBalancerIP);
      if (!ip) {
        this.ctx.recorder.event(cur as KObject, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs', SOURCE);
        return;
      }
      if (this.patchStatus(cur, [{ ip, ipMode: 'VIP' }])) {
        this.ctx.recorder.event(cur as KObject, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', SOURCE);
      }
    }, 'service-controller:ensure');
  }

  private allocate(key: string, wanted?: string): string | undefined {
    const used = new Set(this.assigned.values());
    const at = (i: number) => `${POOL_BASE[0]}.${POOL_BASE[1]}.${POOL_BASE[2]}.${POOL_BASE[3]! + i}`;
    let ip: string | undefined;
    if (wanted && !used.has(wanted)) {
      for (let i = 0; i < POOL_SIZE; i++) if (at(i) === wanted) ip = wanted;
    }
    for (let i = 0; !ip && i < POOL_SIZE; i++) if (!used.has(at(i))) ip = at(i);
    if (ip) this.assigned.set(key, ip);
    return ip;
  }

  private release(key: string): void {
    this.assigned.delete(key);
  }

  private patchStatus(svc: Service, ingress: { ip: string; ipMode: string }[]): boolean {
    const { api } = this.ctx;
    try {
      api.mutate(api.mustResource('services'), svc.metadata?.namespace, svc.metadata?.name ?? '', (o) => {
        const s = o as Service;
        s.status = { ...(s.status ?? {}), loadBalancer: ingress.length ? { ingress } : {} };
      }, { subresource: 'status' });
      return true;
    } catch (e) {
      if (!isApiError(e)) throw e;
      return false;
    }
  }
}
