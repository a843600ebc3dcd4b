// kube-proxy's iptables mode as a pure function: Services and EndpointSlices in, the node's
// `nat` and `filter` tables out, with the real chain names (KUBE-SVC-/SVL-/EXT-/FW-/SEP- plus
// 16 chars of base32(sha256(...))), rule comments and `statistic` probabilities.
// Models pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules),
// pkg/proxy/servicechangetracker.go, endpointslicecache.go and topology.go (CategorizeEndpoints).
// SIMPLIFICATION: IPv4 only, no topology hints, no partial syncs; service ports are visited in
// sorted order (kube-proxy walks a Go map, so its KUBE-SERVICES order varies between syncs).
import type { EndpointSlice, Service } from '../../api/types';
import { sha256Hex } from '../images/sha256';
import { Table } from '../../network/iptables';
import type { Match, Rule } from '../../network/iptables';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding of a hex digest (first 16 chars are all kube-proxy keeps). */
function base32OfHex(hex: string): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; i < hex.length; i += 2) {
    value = ((value << 8) | parseInt(hex.slice(i, i + 2), 16)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

const hashCache = new Map<string, string>();
function portProtoHash(s: string): string {
  let h = hashCache.get(s);
  if (h === undefined) {
    h = base32OfHex(sha256Hex(s)).slice(0, 16);
    if (hashCache.size > 50_000) hashCache.clear();
    hashCache.set(s, h);
  }
  return h;
}

/** KUBE-SVC-/KUBE-SVL-/KUBE-EXT-/KUBE-FW- + hash(servicePortName + protocol). */
export function servicePortChain(prefix: 'SVC' | 'SVL' | 'EXT' | 'FW', servicePortName: string, protocol: string): string {
  return `KUBE-${prefix}-${portProtoHash(servicePortName + protocol)}`;
}

/** KUBE-SEP- + hash(servicePortName + protocol + "ip:port"). */
export function servicePortEndpointChain(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${portProtoHash(servicePortName + protocol + endpoint)}`;
}

export interface ProxyNode {
  name: string;
  ip: string;
}

export interface ProxyOptions {
  /** --cluster-cidr (the local-traffic detector); kubeadm sets the pod subnet. */
  clusterCIDR: string;
  masqueradeAll?: boolean;
}

export interface ProxyEndpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  /** "ip:port", the endpoint's String(). */
  key: string;
  chain: string;
}

export interface ProxyServicePort {
  namespace: string;
  name: string;
  /** ServicePortName.String(): ns/name[:port] */
  portName: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  lbIPs: string[];
  lbSourceRanges: string[];
  affinitySeconds?: number;
  externalLocal: boolean;
  internalLocal: boolean;
  healthCheckNodePort: number;
  endpoints: ProxyEndpoint[];
}

const LARGE_CLUSTER_ENDPOINTS = 1000;
const MASQ_MARK = '0x4000';

/** The service ports kube-proxy programs, with their endpoints sorted as kube-proxy sorts them. */
export function servicePorts(services: Iterable<Service>, slicesOf: (ns: string, name: string) => EndpointSlice[]): ProxyServicePort[] {
  const out: ProxyServicePort[] = [];
  for (const svc of services) {
    const spec = svc.spec ?? {};
    const ip = spec.clusterIP;
    if (!ip || ip === 'None' || spec.type === 'ExternalName') continue;
    const ns = svc.metadata?.namespace ?? '';
    const name = svc.metadata?.name ?? '';
    const slices = slicesOf(ns, name);
    for (const sp of spec.ports ?? []) {
      const protocol = (sp.protocol ?? 'TCP').toLowerCase() as ProxyServicePort['protocol'];
      const portName = `${ns}/${name}${sp.name ? `:${sp.name}` : ''}`;
      const seen = new Map<string, ProxyEndpoint>();
      for (const slice of slices) {
        if (slice.addressType && slice.addressType !== 'IPv4') continue;
        const ep = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
        if (!ep || !ep.port) continue;
        for (const e of slice.endpoints ?? []) {
          const addr = e.addresses?.[0];
          if (!addr) continue;
          const key = `${addr}:${ep.port}`;
          if (seen.has(key)) continue;
          const ready = e.conditions?.ready !== false;
          seen.set(key, {
            ip: addr,
            port: ep.port,
            ready,
            serving: e.conditions?.serving ?? ready,
            terminating: e.conditions?.terminating ?? false,
            nodeName: e.nodeName,
            key,
            chain: servicePortEndpointChain(portName, protocol, key),
          });
        }
      }
      const endpoints = [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const type = spec.type ?? 'ClusterIP';
      const lbIPs = type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((x) => x && ingressMode(svc, x) !== 'Proxy') : [];
      out.push({
        namespace: ns,
        name,
        portName,
        protocol,
        clusterIP: ip,
        port: sp.port,
        nodePort: type === 'NodePort' || type === 'LoadBalancer' ? (sp.nodePort ?? 0) : 0,
        externalIPs: spec.externalIPs ?? [],
        lbIPs,
        lbSourceRanges: type === 'LoadBalancer' ? (spec.loadBalancerSourceRanges ?? []).map((s) => s.trim()) : [],
        affinitySeconds: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
        externalLocal: spec.externalTrafficPolicy === 'Local' && (type === 'NodePort' || type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0),
        internalLocal: spec.internalTrafficPolicy === 'Local',
        healthCheckNodePort: spec.externalTrafficPolicy === 'Local' && type === 'LoadBalancer' ? (spec.healthCheckNodePort ?? 0) : 0,
        endpoints,
      });
    }
  }
  return out.sort((a, b) => {
    const ka = a.portName + a.protocol;
    const kb = b.portName + b.protocol;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function ingressMode(svc: Service, ip: string): string | undefined {
  return svc.status?.loadBalancer?.ingress?.find((i) => i.ip === ip)?.ipMode;
}

const comment = (text: string) => ({ m: 'comment' as const, text });

/** Ready endpoints, or serving-terminating ones when none is ready (CategorizeEndpoints). */
function usable(eps: ProxyEndpoint[]): ProxyEndpoint[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length ? ready : eps.filter((e) => e.serving && e.terminating);
}

export interface ProxyTables {
  nat: Table;
  filter: Table;
}

/** Builds what syncProxyRules would restore on `node`. */
export function buildProxyTables(ports: ProxyServicePort[], node: ProxyNode, opts: ProxyOptions): ProxyTables {
  const nat = new Table('nat');
  const filter = new Table('filter');
  const masqAll = opts.masqueradeAll ?? false;

  // Jumps from the built-in chains (EnsureRule --prepend, kubelet's KUBE-FIREWALL first).
  const newConn = { m: 'conntrack' as const, ctstate: 'NEW' };
  nat.append('PREROUTING', { matches: [comment('kubernetes service portals')], target: { j: 'KUBE-SERVICES' } });
  nat.append('OUTPUT', { matches: [comment('kubernetes service portals')], target: { j: 'KUBE-SERVICES' } });
  nat.append('POSTROUTING', { matches: [comment('kubernetes postrouting rules')], target: { j: 'KUBE-POSTROUTING' } });
  filter.append('INPUT', { matches: [newConn, comment('kubernetes load balancer firewall')], target: { j: 'KUBE-PROXY-FIREWALL' } });
  filter.append('INPUT', { matches: [comment('kubernetes health check service ports')], target: { j: 'KUBE-NODEPORTS' } });
  filter.append('INPUT', { matches: [newConn, comment('kubernetes externally-visible service portals')], target: { j: 'KUBE-EXTERNAL-SERVICES' } });
  filter.append('INPUT', { matches: [], target: { j: 'KUBE-FIREWALL' } });
  filter.append('FORWARD', { matches: [newConn, comment('kubernetes load balancer firewall')], target: { j: 'KUBE-PROXY-FIREWALL' } });
  filter.append('FORWARD', { matches: [comment('kubernetes forwarding rules')], target: { j: 'KUBE-FORWARD' } });
  filter.append('FORWARD', { matches: [newConn, comment('kubernetes service portals')], target: { j: 'KUBE-SERVICES' } });
  filter.append('FORWARD', { matches: [newConn, comment('kubernetes externally-visible service portals')], target: { j: 'KUBE-EXTERNAL-SERVICES' } });
  filter.append('OUTPUT', { matches: [newConn, comment('kubernetes load balancer firewall')], target: { j: 'KUBE-PROXY-FIREWALL' } });
  filter.append('OUTPUT', { matches: [newConn, comment('kubernetes service portals')], target: { j: 'KUBE-SERVICES' } });
  filter.append('OUTPUT', { matches: [], target: { j: 'KUBE-FIREWALL' } });
  for (const t of [nat, filter]) {
    t.chain('KUBE-KUBELET-CANARY');
    t.chain('KUBE-PROXY-CANARY');
  }
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL']) filter.chain(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) nat.chain(c);

  nat.append('KUBE-POSTROUTING', { matches: [{ m: 'mark', neg: true, value: `${MASQ_MARK}/${MASQ_MARK}` }], target: { j: 'RETURN' } });
  nat.append('KUBE-POSTROUTING', { matches: [], target: { j: 'MARK', op: 'xor', value: MASQ_MARK } });
  nat.append('KUBE-POSTROUTING', { matches: [comment('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE', randomFully: true } });
  nat.append('KUBE-MARK-MASQ', { matches: [], target: { j: 'MARK', op: 'or', value: MASQ_MARK } });
  filter.append('KUBE-FIREWALL', {
    dst: '127.0.0.0/8',
    src: '127.0.0.0/8',
    srcNeg: true,
    matches: [comment('block incoming localnet connections'), { m: 'conntrack', neg: true, ctstate: 'RELATED,ESTABLISHED,DNAT' }],
    target: { j: 'DROP' },
  });

  let total = 0;
  for (const sp of ports) total += sp.endpoints.length;
  const large = total > LARGE_CLUSTER_ENDPOINTS;

  for (const sp of ports) {
    const proto = sp.protocol;
    const name = sp.portName;
    const pm = (dport?: number) => ({ m: proto, ...(dport !== undefined ? { dport } : {}) });
    const svcChain = servicePortChain('SVC', name, proto);
    const svlChain = servicePortChain('SVL', name, proto);
    const extChain = servicePortChain('EXT', name, proto);
    const fwChain = servicePortChain('FW', name, proto);

    const externallyAccessible = sp.nodePort !== 0 || sp.externalIPs.length > 0 || sp.lbIPs.length > 0;
    const usesLocal = sp.internalLocal || (sp.externalLocal && externallyAccessible);
    const usesCluster = !sp.internalLocal || (externallyAccessible && !sp.externalLocal);
    const clusterEps = usesCluster ? usable(sp.endpoints) : [];
    const localEps = usesLocal ? usable(sp.endpoints.filter((e) => e.nodeName === node.name)) : [];
    const hasEndpoints = clusterEps.length > 0 || localEps.length > 0 || (!usesCluster && usable(sp.endpoints).length > 0);
    const reachable = new Map<string, ProxyEndpoint>();
    for (const e of [...clusterEps, ...localEps]) reachable.set(e.key, e);

    const internalChain = sp.internalLocal ? svlChain : svcChain;
    const hasInternal = hasEndpoints && (!sp.internalLocal || localEps.length > 0);
    const externalPolicyChain = sp.externalLocal ? svlChain : svcChain;
    const hasExternal = hasEndpoints && (!sp.externalLocal || localEps.length > 0);
    const usesExt = hasEndpoints && externallyAccessible;
    const usesFW = hasEndpoints && sp.lbIPs.length > 0 && sp.lbSourceRanges.length > 0;
    const lbChain = usesFW ? fwChain : extChain;

    let intTarget = '';
    let intComment = '';
    let extTarget = '';
    let extComment = '';
    if (!hasEndpoints) {
      intTarget = extTarget = 'REJECT';
      intComment = extComment = `${name} has no endpoints`;
    } else {
      if (!hasInternal) {
        intTarget = 'DROP';
        intComment = `${name} has no local endpoints`;
      }
      if (!hasExternal) {
        extTarget = 'DROP';
        extComment = `${name} has no local endpoints`;
      }
    }

    const toVip = (ip: string, text: string, j: string): Rule => ({ dst: ip, proto, matches: [comment(text), pm(sp.port)], target: { j } });
    if (hasInternal) nat.append('KUBE-SERVICES', toVip(sp.clusterIP, `${name} cluster IP`, internalChain));
    else filter.append('KUBE-SERVICES', toVip(sp.clusterIP, intComment, intTarget));
    for (const eip of sp.externalIPs) {
      if (hasEndpoints) nat.append('KUBE-SERVICES', toVip(eip, `${name} external IP`, extChain));
      if (!hasExternal) filter.append('KUBE-EXTERNAL-SERVICES', toVip(eip, extComment, extTarget));
    }
    for (const lb of sp.lbIPs) {
      if (hasEndpoints) nat.append('KUBE-SERVICES', toVip(lb, `${name} loadbalancer IP`, lbChain));
      if (usesFW) filter.append('KUBE-PROXY-FIREWALL', toVip(lb, `${name} traffic not accepted by ${fwChain}`, 'DROP'));
    }
    if (!hasExternal) for (const lb of sp.lbIPs) filter.append('KUBE-EXTERNAL-SERVICES', toVip(lb, extComment, extTarget));
    if (sp.nodePort) {
      if (hasEndpoints) nat.append('KUBE-NODEPORTS', { proto, matches: [comment(name), pm(sp.nodePort)], target: { j: extChain } });
      if (!hasExternal) {
        filter.append('KUBE-EXTERNAL-SERVICES', { proto, matches: [comment(extComment), { m: 'addrtype', dst: 'LOCAL' }, pm(sp.nodePort)], target: { j: extTarget } });
      }
    }
    if (sp.healthCheckNodePort) {
      filter.append('KUBE-NODEPORTS', { proto: 'tcp', matches: [comment(`${name} health check node port`), { m: 'tcp', dport: sp.healthCheckNodePort }], target: { j: 'ACCEPT' } });
    }

    if (hasInternal) {
      const r: Rule = { dst: sp.clusterIP, proto, matches: [comment(`${name} cluster IP`), pm(sp.port)], target: { j: 'KUBE-MARK-MASQ' } };
      if (!masqAll) {
        r.src = opts.clusterCIDR;
        r.srcNeg = true;
      }
      nat.append(internalChain, r);
    }

    if (usesExt) {
      nat.chain(extChain);
      if (!sp.externalLocal) {
        nat.append(extChain, { matches: [comment(`masquerade traffic for ${name} external destinations`)], target: { j: 'KUBE-MARK-MASQ' } });
      } else {
        nat.append(extChain, { src: opts.clusterCIDR, matches: [comment(`pod traffic for ${name} external destinations`)], target: { j: svcChain } });
        nat.append(extChain, { matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), { m: 'addrtype', src: 'LOCAL' }], target: { j: 'KUBE-MARK-MASQ' } });
        nat.append(extChain, { matches: [comment(`route LOCAL traffic for ${name} external destinations`), { m: 'addrtype', src: 'LOCAL' }], target: { j: svcChain } });
      }
      if (hasExternal) nat.append(extChain, { matches: [], target: { j: externalPolicyChain } });
    }

    if (usesFW) {
      nat.chain(fwChain);
      let fromNode = false;
      for (const cidr of sp.lbSourceRanges) {
        nat.append(fwChain, { src: cidr, matches: [comment(`${name} loadbalancer IP`)], target: { j: extChain } });
        if (cidrHas(cidr, node.ip)) fromNode = true;
      }
      if (fromNode) for (const lb of sp.lbIPs) nat.append(fwChain, { src: lb, matches: [comment(`${name} loadbalancer IP`)], target: { j: extChain } });
      nat.append(fwChain, { matches: [comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)] });
    }

    const writeEndpoints = (chain: string, eps: ProxyEndpoint[]) => {
      nat.chain(chain);
      const c = (text: string): Match[] => (large ? [] : [comment(text)]);
      if (sp.affinitySeconds !== undefined) {
        for (const e of eps) {
          nat.append(chain, { matches: [...c(`${name} -> ${e.key}`), { m: 'recent', op: 'rcheck', seconds: sp.affinitySeconds, reap: true, name: e.chain }], target: { j: e.chain } });
        }
      }
      eps.forEach((e, i) => {
        const ms: Match[] = c(`${name} -> ${e.key}`);
        if (i < eps.length - 1) ms.push({ m: 'statistic', probability: (1 / (eps.length - i)).toFixed(10) });
        nat.append(chain, { matches: ms, target: { j: e.chain } });
      });
    };
    if (usesCluster && clusterEps.length) writeEndpoints(svcChain, clusterEps);
    if (usesLocal && localEps.length) writeEndpoints(svlChain, localEps);

    for (const e of reachable.values()) {
      const c: Match[] = large ? [] : [comment(name)];
      nat.append(e.chain, { src: e.ip, matches: [...c], target: { j: 'KUBE-MARK-MASQ' } });
      const ms: Rule['matches'] = [...c];
      if (sp.affinitySeconds !== undefined) ms.push({ m: 'recent', op: 'set', name: e.chain });
      ms.push(pm());
      nat.append(e.chain, { proto, matches: ms, target: { j: 'DNAT', to: e.key } });
    }
  }

  nat.append('KUBE-SERVICES', {
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dst: 'LOCAL' }],
    target: { j: 'KUBE-NODEPORTS' },
  });
  filter.append('KUBE-FORWARD', { matches: [{ m: 'conntrack', ctstate: 'INVALID' }], target: { j: 'DROP' } });
  filter.append('KUBE-FORWARD', { matches: [comment('kubernetes forwarding rules'), { m: 'mark', neg: false, value: `${MASQ_MARK}/${MASQ_MARK}` }], target: { j: 'ACCEPT' } });
  filter.append('KUBE-FORWARD', { matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: { j: 'ACCEPT' } });
  return { nat, filter };
}

function cidrHas(cidr: string, ip: string): boolean {
  const toInt = (s: string) => s.split('.').reduce((n, x) => n * 256 + Number(x), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits ?? 32));
  const b = toInt(base) - (toInt(base) % size);
  const n = toInt(ip);
  return n >= b && n < b + size;
}
