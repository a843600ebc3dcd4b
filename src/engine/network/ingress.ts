// What an ingress controller reads from the API: Ingresses of its class turned into nginx
// servers (exact host, then `*.domain` wildcard, then the default server `_`) and locations
// (Exact `= /p`, Prefix element-wise `/p` + `/p/`, ImplementationSpecific plain prefix; exact
// first, then the longest prefix), backends resolved through Service ports to ready EndpointSlice
// addresses, and the status updater that publishes the controller's address on its Ingresses.
// Models ingress-nginx internal/ingress/controller/controller.go (getBackendServers,
// createServers), template/nginx.tmpl (location forms) and internal/ingress/status/status.go.
// SIMPLIFICATION: no canary, TLS, rewrite annotations or resource backends; status is refreshed
// every 60 s (the upstream sync period) and on the controller's first sync.
import type { EndpointSlice, KObject, Service } from '../api/types';
import { isApiError } from '../api/status';
import type { ControllerContext } from '../controllers/types';
import type { Informer } from '../client/informer';

export interface IngressEndpoint {
  ip: string;
  port: number;
}

export interface IngressBackend {
  namespace: string;
  ingress: string;
  service: string;
  /** The service port as written in the Ingress (number or name). */
  servicePort: string;
  endpoints: IngressEndpoint[];
}

/** Where a request goes: a Service's endpoints, or the controller's default backend (404). */
export type IngressRoute = { kind: 'backend'; backend: IngressBackend } | { kind: 'default' };

/** A running controller, as its process announces itself to the network. */
export interface IngressControllerAnnouncement {
  className: string;
  /** `--watch-ingress-without-class`: also serve Ingresses that name no class. */
  withoutClass?: boolean;
  /** `--publish-service=ns/name`: publish that Service's load-balancer address(es). */
  publishService?: string;
  /** `--report-node-internal-ip-address` (or no publish-service): publish the node's IP. */
  reportNodeIP?: boolean;
  alive(): boolean;
}

interface Announced extends IngressControllerAnnouncement {
  nodeIP: string;
}

/** What the controller's process gets (ProcessContext.ingress). */
export interface IngressRouting {
  route(className: string, host: string, path: string, withoutClass?: boolean): IngressRoute;
  announce(a: IngressControllerAnnouncement): void;
}

interface BackendSpec {
  service?: { name?: string; port?: { name?: string; number?: number } };
}
interface IngressObj extends KObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: BackendSpec;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: BackendSpec }[] } }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

const STATUS_SYNC_MS = 60_000;
const FIRST_SYNC_MS = 1_000;

function classOf(ing: IngressObj): string | undefined {
  return ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
}

function serves(className: string, withoutClass: boolean | undefined, ing: IngressObj): boolean {
  const cls = classOf(ing);
  return cls === className || (cls === undefined && withoutClass === true);
}

/** Host matching as nginx server_name: exact, or `*.example.com` for one or more labels. */
function hostRank(ruleHost: string, host: string): number {
  if (ruleHost === host) return 2;
  if (ruleHost.startsWith('*.') && host.endsWith(ruleHost.slice(1)) && host.length > ruleHost.length - 1) return 1;
  return 0;
}

interface Location {
  exact: boolean;
  path: string;
  /** Prefix pathType: matches `/p` and `/p/...` only (element-wise). */
  elementWise: boolean;
  ing: IngressObj;
  backend: BackendSpec;
}

export class IngressRouter {
  private readonly ingresses: Informer;
  private readonly services: Informer;
  private readonly slices: Informer;
  private readonly controllers: Announced[] = [];
  private timer = false;

  constructor(private readonly ctx: ControllerContext) {
    this.ingresses = ctx.informers.for('ingresses', 'networking.k8s.io');
    this.services = ctx.informers.for('services');
    this.slices = ctx.informers.for('endpointslices', 'discovery.k8s.io');
    this.ingresses.addHandlers({
      add: (o) => this.onIngress(o as IngressObj),
      update: (_old, o) => this.onIngress(o as IngressObj),
      delete: () => undefined,
    });
  }

  // ------------------------------------------------------------------------- routing

  route(className: string, rawHost: string, rawPath: string, withoutClass = false): IngressRoute {
    const host = rawHost.replace(/:\d+$/, '').toLowerCase();
    const path = rawPath.split('?')[0] || '/';
    const mine = (this.ingresses.list() as IngressObj[]).filter((i) => serves(className, withoutClass, i));
    // Server selection: the best host rank over all rules; rank 0 is the default server.
    let best = 0;
    for (const ing of mine) for (const r of ing.spec?.rules ?? []) if (r.host) best = Math.max(best, hostRank(r.host.toLowerCase(), host));
    const locations: Location[] = [];
    let catchAll: { ing: IngressObj; backend: BackendSpec } | undefined;
    for (const ing of mine) {
      for (const r of ing.spec?.rules ?? []) {
        const rank = r.host ? hostRank(r.host.toLowerCase(), host) : 0;
        if (rank !== best || (best === 0 && r.host)) continue;
        for (const p of r.http?.paths ?? []) {
          if (!p.backend) continue;
          const pathType = p.pathType ?? 'ImplementationSpecific';
          const pp = p.path || '/';
          locations.push({ exact: pathType === 'Exact', path: pp, elementWise: pathType === 'Prefix', ing, backend: p.backend });
        }
      }
      if (best === 0 && ing.spec?.defaultBackend && !catchAll) catchAll = { ing, backend: ing.spec.defaultBackend };
    }
    const exact = locations.find((l) => l.exact && l.path === path);
    let chosen: Location | undefined = exact;
    if (!chosen) {
      for (const l of locations) {
        if (l.exact) continue;
        if (!prefixMatches(l, path)) continue;
        if (!chosen || l.path.replace(/\/$/, '').length > chosen.path.replace(/\/$/, '').length) chosen = l;
      }
    }
    const target = chosen ?? catchAll;
    if (!target) return { kind: 'default' };
    return { kind: 'backend', backend: this.resolve(target.ing, target.backend) };
  }

  private resolve(ing: IngressObj, b: BackendSpec): IngressBackend {
    const ns = ing.metadata?.namespace ?? 'default';
    const svcName = b.service?.name ?? '';
    const port = b.service?.port;
    const servicePort = port?.number ? String(port.number) : (port?.name ?? '');
    const out: IngressBackend = { namespace: ns, ingress: ing.metadata?.name ?? '', service: svcName, servicePort, endpoints: [] };
    const svc = this.services.get(`${ns}/${svcName}`) as Service | undefined;
    const sp = (svc?.spec?.ports ?? []).find((p) => (port?.number ? p.port === port.number : p.name === port?.name));
    if (!svc || !sp) return out;
    for (const o of this.slices.byIndex('kube-proxy:service', `${ns}/${svcName}`)) {
      const s = o as EndpointSlice;
      const slicePort = (s.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''));
      if (!slicePort?.port) continue;
      for (const e of s.endpoints ?? []) {
        if (e.conditions?.ready === false) continue;
        for (const a of e.addresses ?? []) out.endpoints.push({ ip: a, port: slicePort.port });
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------- status

  /** A controller on the node with `nodeIP` announces itself. */
  announce(a: IngressControllerAnnouncement, nodeIP: string): void {
    this.controllers.push({ ...a, nodeIP });
    this.ctx.clock.schedule(FIRST_SYNC_MS, () => this.syncStatus(), 'ingress-nginx:status');
    if (this.timer) return;
    this.timer = true;
    const tick = () => {
      this.syncStatus();
      if (this.controllers.length) this.ctx.clock.schedule(STATUS_SYNC_MS, tick, 'ingress-nginx:status');
      else this.timer = false;
    };
    this.ctx.clock.schedule(STATUS_SYNC_MS, tick, 'ingress-nginx:status');
  }

  private onIngress(ing: IngressObj): void {
    const live = this.controllers.find((c) => serves(c.className, c.withoutClass, ing) && c.alive());
    if (!live) return;
    const key = `${ing.metadata?.namespace}/${ing.metadata?.name}`;
    const gen = ing.metadata?.generation ?? 0;
    if (this.synced.get(key) === gen) return;
    this.synced.set(key, gen);
    // The controller's informer sees it and schedules a configuration sync.
    this.ctx.recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync', { component: 'nginx-ingress-controller' });
  }

  private readonly synced = new Map<string, number>();

  private addresses(c: Announced): { ip?: string; hostname?: string }[] {
    if (c.publishService && !c.reportNodeIP) {
      const svc = this.services.get(c.publishService) as Service | undefined;
      const lb = svc?.status?.loadBalancer?.ingress ?? [];
      if (lb.length) return lb.map((x) => (x.ip ? { ip: x.ip } : { hostname: x.hostname }));
      const ext = svc?.spec?.externalIPs ?? [];
      return ext.map((ip) => ({ ip }));
    }
    return [{ ip: c.nodeIP }];
  }

  /** Publishes each live controller's address on the Ingresses of its class. */
  private syncStatus(): void {
    for (let i = this.controllers.length - 1; i >= 0; i--) if (!this.controllers[i]!.alive()) this.controllers.splice(i, 1);
    const { api } = this.ctx;
    const rt = api.mustResource('ingresses', 'networking.k8s.io');
    for (const ing of this.ingresses.list() as IngressObj[]) {
      const c = this.controllers.find((x) => serves(x.className, x.withoutClass, ing));
      if (!c) continue;
      const want = this.addresses(c).sort((a, b) => (a.ip ?? a.hostname ?? '').localeCompare(b.ip ?? b.hostname ?? ''));
      const have = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) continue;
      try {
        api.mutate(rt, ing.metadata?.namespace, ing.metadata?.name ?? '', (o) => {
          (o as IngressObj).status = { loadBalancer: want.length ? { ingress: want } : {} };
        }, { subresource: 'status' });
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  }
}

function prefixMatches(l: Location, path: string): boolean {
  if (!l.elementWise) return path.startsWith(l.path);
  const p = l.path.length > 1 ? l.path.replace(/\/+$/, '') : l.path;
  if (p === '/') return true;
  return path === p || path.startsWith(`${p}/`);
}
