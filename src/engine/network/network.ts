// The cluster's flat network: node addresses, pod addresses, the containers listening on them,
// kube-proxy's rules on every node, CoreDNS and the connections that go through all of them.
// A connection is decided synchronously (DNS, then the source node's nat table, then the
// destination node's for NodePorts, then who listens) and delivered through clock tasks with
// a modelled latency, so virtual time stays exact and shell commands wake up (yieldRequested).
// SIMPLIFICATION: TCP/HTTP and Redis only; no UDP payloads, no MTU, no packet loss, no TLS.
import type { Node } from '../api/types';
import type { ControllerContext } from '../controllers/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { EndpointSlice } from '../api/types';
import { NetError } from '../node/images/types';
import type { HttpRequest, HttpResponse, NetErrorCode, RedisReply, RunningProcess } from '../node/images/types';
import { KubeProxies } from '../node/kube-proxy/kube-proxy';
import type { ProxyTables } from '../node/kube-proxy/rules';
import { evaluate, ipInCidr, iptablesList, iptablesRules, iptablesSave } from './iptables';
import type { EvalEnv, Verdict } from './iptables';
import { ClusterDns, candidates, podSearchPath } from './dns';
import type { DnsRecord } from './dns';
import { LoadBalancerController } from './load-balancer';
import { IngressRouter } from './ingress';
import type { IngressRouting } from './ingress';

/** Where a connection starts: a pod's network namespace or a node's host namespace. */
export interface Origin {
  nodeName: string;
  /** Source address: the pod IP, or the node IP for the host namespace. */
  ip: string;
  /** Host network namespace (node shell, hostNetwork pods). */
  host: boolean;
  /** Namespace for the DNS search path; absent = the node's resolver (no cluster names). */
  namespace?: string;
}

/** A container whose process may listen on its pod's address (registered by the kubelet). */
export interface ContainerBinding {
  /** Unique per container: `<pod uid>/<container name>`. */
  key: string;
  podUid: string;
  ip: string;
  nodeName: string;
  current(): RunningProcess | undefined;
  nodeUp(): boolean;
  /** Container ports published on the node's address (CNI portmap: hostPort → containerPort). */
  hostPorts?: { hostPort: number; containerPort: number }[];
}

export interface NetworkOptions {
  clusterCIDR?: string;
  serviceCIDR?: string;
  /** A simulated cloud load balancer assigns external IPs (default true). */
  loadBalancer?: boolean;
}

/** The pod end of a port-forward, looked up on each connection. */
export interface PortForwardTarget {
  resolve(): { ip: string; port: number } | undefined;
  /** Called for each accepted connection (kubectl prints `Handling connection for N`). */
  onConnection?(): void;
}

export type Connection =
  | { ok: true; ip: string; port: number; process: RunningProcess; peerIp: string }
  | { ok: false; code: NetErrorCode; afterMs: number; ip: string; port: number };

/** A failed connection: which error, after how long, to which address. */
export class NetFailure extends NetError {
  constructor(
    code: NetErrorCode,
    address: string | undefined,
    readonly port: number,
    readonly afterMs: number,
    /** The caller's own timeout expired (curl -m / --connect-timeout). */
    readonly timedOut = false,
  ) {
    super(code, address);
  }
}

export interface HttpExchange {
  response: HttpResponse;
  ip: string;
  port: number;
  /** Virtual ms from the request to the TCP connection. */
  connectMs: number;
  /** The connected peer does not speak HTTP (it closed the connection). */
  emptyReply?: boolean;
}

export interface HttpOptions {
  /** Give up after this many virtual ms (curl -m). */
  timeoutMs?: number;
}

/** The answer to one DNS question: the server asked, the names tried in order, the record found. */
export interface DnsAnswer {
  server: string;
  record?: DnsRecord;
  tried: string[];
}

/** What a node's shell sees of the network (curl, nslookup, ping, iptables). */
export interface NodeNetView {
  readonly nodeName: string;
  http(req: HttpRequest, opts?: HttpOptions): Promise<HttpExchange>;
  /** One DNS question to `server` (default: the node's stub resolver 127.0.0.53). */
  lookup(name: string, server?: string): DnsAnswer;
  /** ICMP echo: round trip in ms, or undefined when nothing answers. */
  ping(ip: string): { rttMs: number; ttl: number } | undefined;
  resolveHost(name: string): string | undefined;
  iptablesSave(tables: ('nat' | 'filter')[], at: string): string;
  iptablesList(table: 'nat' | 'filter', chain: string | undefined, numeric: boolean): string | undefined;
  iptablesRules(table: 'nat' | 'filter', chain: string | undefined): string | undefined;
}

const LATENCY_MS = 1;
const SYN_TIMEOUT_MS = 127_000; // tcp_syn_retries=6: 1+2+4+8+16+32+64 s
const ARP_FAIL_MS = 3_070;
const DNS_TIMEOUT_MS = 10_000;
export const NODE_RESOLVER = '127.0.0.53';
export const CLUSTER_DNS_IP = '10.96.0.10';

interface NodeAddr {
  name: string;
  ip: string;
  podCIDR?: string;
}

const networks = new WeakMap<ApiServer, ClusterNetwork>();

/** The network of the cluster that owns this API server (the kubelet's hook). */
export function networkFor(api: ApiServer): ClusterNetwork | undefined {
  return networks.get(api);
}

export class ClusterNetwork {
  readonly proxies: KubeProxies;
  readonly dns: ClusterDns;
  readonly clusterCIDR: string;
  readonly serviceCIDR: string;
  /** Pod IP → its one container binding, or a Map by key once the address holds several. */
  private readonly bindings = new Map<string, ContainerBinding | Map<string, ContainerBinding>>();
  private readonly nodes = new Map<string, NodeAddr>();
  private readonly recent = new Map<string, Map<string, Map<string, number>>>();
  private readonly rng: ControllerContext['rng'];
  readonly loadBalancer?: LoadBalancerController;
  /** Ingress objects as ingress controllers see them (routing and status). */
  readonly ingress: IngressRouter;
  /** CNI portmap: `<node>:<hostPort>` → the container binding that publishes it. */
  private readonly hostPorts = new Map<string, { binding: ContainerBinding; containerPort: number }>();
  /** `kubectl port-forward` listeners: `<node>:<local port>` → the pod end. */
  private readonly forwards = new Map<string, PortForwardTarget>();

  constructor(private readonly ctx: ControllerContext, opts: NetworkOptions = {}) {
    this.clusterCIDR = opts.clusterCIDR ?? '10.244.0.0/16';
    this.serviceCIDR = opts.serviceCIDR ?? '10.96.0.0/12';
    this.rng = ctx.rng.fork('network');
    networks.set(ctx.api, this);
    this.proxies = new KubeProxies(ctx.informers, { clusterCIDR: this.clusterCIDR });
    const slices = ctx.informers.for('endpointslices', 'discovery.k8s.io');
    this.dns = new ClusterDns(ctx.informers.for('services'), (ns, name) => slices.byIndex('kube-proxy:service', `${ns}/${name}`) as EndpointSlice[]);
    const nodes = ctx.informers.for('nodes');
    const put = (o: unknown) => {
      const n = o as Node;
      const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (n.metadata?.name && ip) this.nodes.set(n.metadata.name, { name: n.metadata.name, ip, podCIDR: n.spec?.podCIDR });
    };
    nodes.addHandlers({ add: put, update: (_o, n) => put(n), delete: (o) => this.nodes.delete(o.metadata?.name ?? '') });
    this.ingress = new IngressRouter(ctx);
    if (opts.loadBalancer !== false) {
      this.loadBalancer = new LoadBalancerController(ctx);
      this.loadBalancer.start();
    }
  }

  // ------------------------------------------------------------------------ addresses

  /** The kubelet registers a started container under its pod's address. */
  attach(b: ContainerBinding): void {
    const cur = this.bindings.get(b.ip);
    if (cur === undefined || (!(cur instanceof Map) && (cur.podUid !== b.podUid ? !cur.current() : cur.key === b.key))) {
      // Most addresses hold one container: no Map and no key string for them.
      this.bindings.set(b.ip, b);
    } else {
      let m: Map<string, ContainerBinding>;
      if (cur instanceof Map) m = cur;
      else this.bindings.set(b.ip, (m = new Map([[cur.key, cur]])));
      for (const [k, old] of m) if (old.podUid !== b.podUid && !old.current()) m.delete(k);
      m.set(b.key, b);
    }
    for (const hp of b.hostPorts ?? []) this.hostPorts.set(`${b.nodeName}:${hp.hostPort}`, { binding: b, containerPort: hp.containerPort });
  }

  /** The container bindings on a pod address, in the order they were attached. */
  private bindingsAt(ip: string): Iterable<ContainerBinding> {
    const v = this.bindings.get(ip);
    return v === undefined ? [] : v instanceof Map ? v.values() : [v];
  }

  /** The pod address behind a node's hostPort, while its container runs (CNI-HOSTPORT-DNAT). */
  private hostPortTarget(nodeIp: string, port: number): { ip: string; port: number } | undefined {
    const node = this.nodeByIP(nodeIp);
    if (!node) return undefined;
    const hp = this.hostPorts.get(`${node.name}:${port}`);
    if (!hp || !hp.binding.current()) return undefined;
    return { ip: hp.binding.ip, port: hp.containerPort };
  }

  nodeByName(name: string): NodeAddr | undefined {
    return this.nodes.get(name);
  }

  private nodeByIP(ip: string): NodeAddr | undefined {
    for (const n of this.nodes.values()) if (n.ip === ip) return n;
    return undefined;
  }

  private nodeOwningPodIP(ip: string): NodeAddr | undefined {
    for (const n of this.nodes.values()) if (n.podCIDR && ipInCidr(ip, n.podCIDR)) return n;
    return undefined;
  }

  /** kube-proxy's tables on a node. */
  tables(nodeName: string): ProxyTables {
    const n = this.nodes.get(nodeName);
    return this.proxies.tables(nodeName, n?.ip ?? '');
  }

  // ------------------------------------------------------------------------------ DNS

  /** Whether CoreDNS answers: kube-dns has a ready endpoint. */
  private dnsUp(): boolean {
    return this.proxies.servicePorts().some((p) => p.portName === 'kube-system/kube-dns:dns' && p.endpoints.some((e) => e.ready));
  }

  /**
   * Resolves a host name as the origin's resolver would: pods walk their search path through
   * CoreDNS; nodes only know localhost and the node names in /etc/hosts.
   */
  resolve(origin: Origin, name: string): { ips: string[]; delayMs: number } | { error: 'ENOTFOUND'; delayMs: number } {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ips: [name], delayMs: 0 };
    const lower = name.toLowerCase();
    if (lower === 'localhost') return { ips: ['127.0.0.1'], delayMs: 0 };
    if (origin.namespace === undefined) {
      const n = this.nodes.get(lower);
      return n ? { ips: [n.ip], delayMs: 0 } : { error: 'ENOTFOUND', delayMs: 0 };
    }
    if (!this.dnsUp()) return { error: 'ENOTFOUND', delayMs: DNS_TIMEOUT_MS };
    for (const c of candidates(lower, podSearchPath(origin.namespace))) {
      const r = this.dns.query(c);
      if (r && r.ips.length) return { ips: r.ips, delayMs: LATENCY_MS };
      if (r?.cname) return { error: 'ENOTFOUND', delayMs: LATENCY_MS };
    }
    return { error: 'ENOTFOUND', delayMs: LATENCY_MS };
  }

  // ------------------------------------------------------------------------ connecting

  private env(node: NodeAddr): EvalEnv {
    let recent = this.recent.get(node.name);
    if (!recent) this.recent.set(node.name, (recent = new Map()));
    return {
      isLocal: (ip) => ip === node.ip || ip.startsWith('127.') || (node.podCIDR !== undefined && ip === podGateway(node.podCIDR)),
      random: () => this.rng.next(),
      now: () => this.ctx.clock.now(),
      recent,
    };
  }

  private route(node: NodeAddr, chain: 'PREROUTING' | 'OUTPUT', src: string, dst: string, port: number): Verdict {
    const t = this.proxies.tables(node.name, node.ip);
    const pkt = { src, dst, proto: 'tcp' as const, dport: port };
    const v = evaluate(t.nat, chain, pkt, this.env(node));
    if (v.kind === 'dnat') return v;
    const f = evaluate(t.filter, chain === 'OUTPUT' ? 'OUTPUT' : 'FORWARD', pkt, this.env(node));
    return f.kind === 'reject' || f.kind === 'drop' ? f : v;
  }

  /**
   * Listens on 127.0.0.1:`localPort` of `nodeName` for `kubectl port-forward`: connections go to
   * the target pod's address (as the kubelet dials localhost inside the pod's namespace).
   * Returns a function that stops listening, or undefined when the port is taken.
   */
  addPortForward(nodeName: string, localPort: number, target: PortForwardTarget): (() => void) | undefined {
    const key = `${nodeName}:${localPort}`;
    if (this.forwards.has(key)) return undefined;
    this.forwards.set(key, target);
    return () => {
      if (this.forwards.get(key) === target) this.forwards.delete(key);
    };
  }

  /** Decides where a new TCP connection from `origin` to ip:port ends. */
  connect(origin: Origin, ip: string, port: number): Connection {
    const fail = (code: NetErrorCode, afterMs: number): Connection => ({ ok: false, code, afterMs, ip, port });
    const fwd = origin.host && ip.startsWith('127.') ? this.forwards.get(`${origin.nodeName}:${port}`) : undefined;
    if (fwd) {
      fwd.onConnection?.();
      const to = fwd.resolve();
      if (!to) return { ok: false, code: 'ECONNREFUSED', afterMs: 0, ip, port };
      return this.deliverTo(origin, to.ip, to.port, '127.0.0.1', fail);
    }
    const src = this.nodes.get(origin.nodeName);
    if (!src) return fail('EHOSTUNREACH', 0);
    let dstIp = ip;
    let dstPort = port;
    if (ip.startsWith('127.') && !origin.host) return this.deliverTo(origin, origin.ip, port, origin.ip, fail);
    // The host picks 127.0.0.1 as the source of loopback connections (KUBE-FIREWALL drops others).
    const srcIp = origin.host ? (ip.startsWith('127.') ? '127.0.0.1' : src.ip) : origin.ip;
    let v = this.route(src, origin.host ? 'OUTPUT' : 'PREROUTING', srcIp, ip, port);
    if (v.kind === 'accept') {
      // Not for this node's rules: a NodePort on another node is that node's PREROUTING.
      const other = this.nodeByIP(ip);
      if (other && other !== src) {
        v = this.route(other, 'PREROUTING', origin.ip, ip, port);
        if (v.kind === 'accept') {
          const f = evaluate(this.proxies.tables(other.name, other.ip).filter, 'INPUT', { src: origin.ip, dst: ip, proto: 'tcp', dport: port }, this.env(other));
          if (f.kind === 'reject') v = f;
        }
      }
    }
    if (v.kind === 'accept') {
      const hp = this.hostPortTarget(ip, port);
      if (hp) return this.deliverTo(origin, hp.ip, hp.port, this.peerAddress(origin, src, hp.ip), fail, ip, port);
    }
    if (v.kind === 'reject') return fail('ECONNREFUSED', 0);
    if (v.kind === 'drop') return fail('ETIMEDOUT', SYN_TIMEOUT_MS);
    if (v.kind === 'dnat') {
      dstIp = v.ip;
      dstPort = v.port;
    }
    if (dstIp.startsWith('127.')) dstIp = src.ip;
    return this.deliverTo(origin, dstIp, dstPort, this.peerAddress(origin, src, dstIp), fail, ip, port);
  }

  /** The source address the server sees (masquerade and route selection on the host). */
  private peerAddress(origin: Origin, src: NodeAddr, dst: string): string {
    if (!origin.host) return origin.ip;
    const owner = this.nodeOwningPodIP(dst);
    if (!owner || !src.podCIDR) return src.ip;
    return owner === src ? podGateway(src.podCIDR) : podNetworkAddress(src.podCIDR);
  }

  private deliverTo(
    _origin: Origin,
    ip: string,
    port: number,
    peerIp: string,
    fail: (code: NetErrorCode, afterMs: number) => Connection,
    vip = ip,
    vport = port,
  ): Connection {
    const ok = (process: RunningProcess): Connection => ({ ok: true, ip, port, process, peerIp });
    const listening = (bs: Iterable<ContainerBinding>): { p?: RunningProcess; up: boolean; any: boolean } => {
      let up = true;
      let any = false;
      for (const b of bs) {
        if (!b.nodeUp()) {
          up = false;
          continue;
        }
        const p = b.current();
        if (!p) continue;
        any = true;
        if (p.listens.some((l) => l.port === port && l.protocol === 'TCP')) return { p, up: true, any };
      }
      return { up, any };
    };
    const node = this.nodeByIP(ip);
    if (node) {
      const l = listening(this.bindingsAt(ip));
      if (l.p) return ok(l.p);
      if (!l.up) return { ok: false, code: 'ETIMEDOUT', afterMs: SYN_TIMEOUT_MS, ip: vip, port: vport };
      return { ok: false, code: 'ECONNREFUSED', afterMs: 0, ip: vip, port: vport };
    }
    const owner = this.nodeOwningPodIP(ip);
    if (owner) {
      const l = listening(this.bindingsAt(ip));
      if (l.p) return ok(l.p);
      if (!l.up) return { ok: false, code: 'ETIMEDOUT', afterMs: SYN_TIMEOUT_MS, ip: vip, port: vport };
      if (!l.any) return { ok: false, code: 'EHOSTUNREACH', afterMs: ARP_FAIL_MS, ip: vip, port: vport };
      return { ok: false, code: 'ECONNREFUSED', afterMs: 0, ip: vip, port: vport };
    }
    void fail;
    return { ok: false, code: 'ETIMEDOUT', afterMs: SYN_TIMEOUT_MS, ip: vip, port: vport };
  }

  // -------------------------------------------------------------------------- traffic

  /** Runs `fn` in a clock task after `ms` and asks the host to let promise chains settle. */
  private later(ms: number, fn: () => void): void {
    const { clock } = this.ctx;
    clock.schedule(ms, () => {
      clock.yieldRequested = true;
      fn();
    }, 'network:deliver');
  }

  /** One HTTP/1.1 exchange from `origin`; rejects with a NetFailure. */
  http(origin: Origin, req: HttpRequest, opts: HttpOptions = {}): Promise<HttpExchange> {
    return new Promise<HttpExchange>((resolve, reject) => {
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
      };
      const failAt = (ms: number, code: NetErrorCode, address: string | undefined, port: number) => {
        const limit = opts.timeoutMs;
        if (limit !== undefined && ms > limit) {
          this.later(limit, () => done(() => reject(new NetFailure('ETIMEDOUT', address, port, limit, true))));
        } else this.later(ms, () => done(() => reject(new NetFailure(code, address, port, ms))));
      };
      const url = parseUrl(req.url);
      if (!url) return failAt(0, 'ENOTFOUND', undefined, 0);
      const res = this.resolve(origin, url.host);
      if ('error' in res) return failAt(res.delayMs, 'ENOTFOUND', undefined, url.port);
      const ip = res.ips[0]!;
      const c = this.connect(origin, ip, url.port);
      if (!c.ok) return failAt(res.delayMs + c.afterMs, c.code, ip, url.port);
      const connectMs = res.delayMs + LATENCY_MS;
      if (opts.timeoutMs !== undefined) {
        const limit = opts.timeoutMs;
        this.later(limit, () => done(() => reject(new NetFailure('ETIMEDOUT', ip, url.port, limit, true))));
      }
      this.later(connectMs, () => {
        const reply = (response: HttpResponse, emptyReply = false) =>
          this.later(LATENCY_MS, () => done(() => resolve({ response, ip, port: url.port, connectMs: connectMs, emptyReply })));
        const handler = c.process.handleHttp;
        if (!handler) return reply({ status: 0, headers: {}, body: '' }, true);
        let out: HttpResponse | Promise<HttpResponse>;
        try {
          out = handler.call(c.process, { ...req, headers: { ...req.headers } }, { ip: c.peerIp });
        } catch {
          return reply({ status: 0, headers: {}, body: '' }, true);
        }
        if (out instanceof Promise) out.then((r) => reply(r), () => reply({ status: 0, headers: {}, body: '' }, true));
        else reply(out);
      });
    });
  }

  /** One Redis command over TCP from `origin`; rejects with a NetFailure. */
  redis(origin: Origin, target: { host: string; port: number }, args: string[]): Promise<RedisReply> {
    return new Promise<RedisReply>((resolve, reject) => {
      const res = this.resolve(origin, target.host);
      if ('error' in res) return this.later(res.delayMs, () => reject(new NetFailure('ENOTFOUND', undefined, target.port, res.delayMs)));
      const ip = res.ips[0]!;
      const c = this.connect(origin, ip, target.port);
      if (!c.ok) return this.later(res.delayMs + c.afterMs, () => reject(new NetFailure(c.code, ip, target.port, c.afterMs)));
      this.later(res.delayMs + LATENCY_MS, () => {
        const cmd = c.process.redisCommand;
        if (!cmd) return this.later(LATENCY_MS, () => reject(new NetFailure('ECONNREFUSED', ip, target.port, 0)));
        const reply = cmd.call(c.process, args);
        this.later(LATENCY_MS, () => resolve(reply));
      });
    });
  }

  /**
   * One DNS question from a pod (`nslookup NAME [SERVER]`): the name walks the pod's search path
   * (its namespace's, then svc.cluster.local and cluster.local; a name with 5 dots or more is
   * tried as given first, a trailing dot only as given), and the first name with an answer wins.
   */
  podLookup(origin: Origin, name: string, server?: string): DnsAnswer {
    const srv = server ?? CLUSTER_DNS_IP;
    const lower = name.toLowerCase().replace(/\.$/, '');
    const tried: string[] = [];
    const dots = (lower.match(/\./g) ?? []).length;
    const search = origin.namespace ? [`${origin.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'] : [];
    const names = name.endsWith('.') ? [lower] : dots >= 5 ? [lower, ...search.map((s) => `${lower}.${s}`)] : [...search.map((s) => `${lower}.${s}`), lower];
    for (const n of names) {
      tried.push(n);
      const rec = this.dns.query(n);
      if (rec && (rec.ips.length || rec.cname)) return { server: srv, tried, record: rec };
    }
    return { server: srv, tried };
  }

  /** The outbound functions a container's ProcessContext gets. */
  clientFor(origin: Origin): {
    http: (req: HttpRequest) => Promise<HttpResponse>;
    redis: (target: { host: string; port: number }, args: string[]) => Promise<RedisReply>;
    lookup: (name: string, server?: string) => DnsAnswer;
    ingress: IngressRouting;
  } {
    return {
      lookup: (name, server) => this.podLookup(origin, name, server),
      http: (req) => this.http(origin, req).then((x) => x.response),
      redis: (target, args) => this.redis(origin, target, args),
      ingress: {
        route: (className, host, path, withoutClass) => this.ingress.route(className, host, path, withoutClass),
        announce: (a) => this.ingress.announce(a, this.nodes.get(origin.nodeName)?.ip ?? ''),
      },
    };
  }

  // ----------------------------------------------------------------------- node shell

  /** What the shell of `nodeName` (its host namespace) can do on the network. */
  nodeView(nodeName: string): NodeNetView {
    const origin = (): Origin => ({ nodeName, ip: this.nodes.get(nodeName)?.ip ?? '', host: true });
    return {
      nodeName,
      http: (req, opts) => this.http(origin(), req, opts),
      resolveHost: (name) => {
        const r = this.resolve(origin(), name);
        return 'ips' in r ? r.ips[0] : undefined;
      },
      lookup: (name, server) => {
        const srv = server ?? NODE_RESOLVER;
        const lower = name.toLowerCase().replace(/\.$/, '');
        if (srv === NODE_RESOLVER) {
          // systemd-resolved knows /etc/hosts and nothing of the cluster.
          const n = this.nodes.get(lower);
          return { server: srv, tried: [lower], record: n ? { name: lower, ips: [n.ip] } : undefined };
        }
        const kubeDns = srv === CLUSTER_DNS_IP || this.proxies.servicePorts().some((p) => p.portName === 'kube-system/kube-dns:dns' && p.endpoints.some((e) => e.ip === srv));
        if (!kubeDns || !this.dnsUp()) return { server: srv, tried: [lower] };
        // The node's resolv.conf has no cluster search domains: only the name as given.
        return { server: srv, tried: [lower], record: this.dns.query(lower) };
      },
      ping: (ip) => {
        const src = this.nodes.get(nodeName);
        if (!src) return undefined;
        if (ip.startsWith('127.') || ip === src.ip) return { rttMs: 0.03 + this.rng.next() * 0.02, ttl: 64 };
        const node = this.nodeByIP(ip);
        if (node) return { rttMs: 0.3 + this.rng.next() * 0.4, ttl: 64 };
        const owner = this.nodeOwningPodIP(ip);
        if (owner) {
          const alive = [...this.bindingsAt(ip)].some((b) => b.nodeUp() && b.current());
          if (!alive) return undefined;
          return owner === src ? { rttMs: 0.05 + this.rng.next() * 0.05, ttl: 64 } : { rttMs: 0.4 + this.rng.next() * 0.5, ttl: 63 };
        }
        return undefined;
      },
      iptablesSave: (tables, at) => {
        const t = this.tables(nodeName);
        return iptablesSave(tables.map((n) => t[n]), at);
      },
      iptablesList: (table, chain, numeric) => iptablesList(this.tables(nodeName)[table], chain, numeric),
      iptablesRules: (table, chain) => iptablesRules(this.tables(nodeName)[table], chain),
    };
  }
}

/** cni0's address: the first address of the node's pod CIDR. */
function podGateway(cidr: string): string {
  const [ip] = cidr.split('/');
  const p = ip!.split('.');
  return `${p[0]}.${p[1]}.${p[2]}.1`;
}

/** flannel.1's address: the pod CIDR's network address. */
function podNetworkAddress(cidr: string): string {
  return cidr.split('/')[0]!;
}

export function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?#].*)?$/i.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { host: m[2]!, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] ?? '/' };
}
