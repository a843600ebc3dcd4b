// The host shell's routing table: node1 is the lab VM that also runs minikube (docker driver),
// so besides its own cluster network it has a route to each profile's docker bridge network
// (192.168.49.0/24, 192.168.58.0/24, ...). Connections to those subnets enter the minikube
// cluster's network as an external client at the bridge gateway (192.168.X.1).
// Leaves out: `minikube tunnel`'s route to the service CIDR, ICMP errors for absent addresses.
import type { ClusterNetwork, NodeNetView } from '../engine';
import type { Clusters } from './clusters';

/** One route: destinations inside `cidr` go through `view`. */
export interface NetRoute {
  cidr: string;
  view: NodeNetView;
}

function toInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** Whether `ip` is inside `cidr` (`a.b.c.d/n`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const a = toInt(ip);
  const b = toInt(net ?? '');
  const n = Number(bits ?? '32');
  if (a === undefined || b === undefined || !(n >= 0 && n <= 32)) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:?#]+)/i.exec(url);
  return m?.[1];
}

/**
 * A view whose HTTP and ping go to the first route whose subnet holds the destination address
 * (resolved by `base`, the host's own resolver); everything else — DNS, iptables, other
 * addresses — is `base`'s.
 */
export function routedView(base: NodeNetView, routes: () => NetRoute[]): NodeNetView {
  const pick = (ip: string | undefined): NodeNetView => {
    if (ip === undefined) return base;
    for (const r of routes()) if (inCidr(ip, r.cidr)) return r.view;
    return base;
  };
  return {
    nodeName: base.nodeName,
    http: (req, opts) => {
      const host = hostOf(req.url);
      return pick(host === undefined ? undefined : base.resolveHost(host)).http(req, opts);
    },
    lookup: (name, server) => base.lookup(name, server),
    ping: (ip) => pick(ip).ping(ip),
    resolveHost: (name) => base.resolveHost(name),
    iptablesSave: (tables, at) => base.iptablesSave(tables, at),
    iptablesList: (table, chain, numeric) => base.iptablesList(table, chain, numeric),
    iptablesRules: (table, chain) => base.iptablesRules(table, chain),
  };
}

/**
 * What a machine on a cluster's node network (not one of its nodes) sees: its packets arrive at
 * `entryNode` from `clientIp` and go through that node's PREROUTING (NodePorts, hostPorts).
 */
export function externalClientView(network: ClusterNetwork, entryNode: string, clientIp: string, base: NodeNetView): NodeNetView {
  const origin = { nodeName: entryNode, ip: clientIp, host: false };
  const nodeView = network.nodeView(entryNode);
  return {
    ...base,
    http: (req, opts) => network.http(origin, req, opts),
    // The entry node's own answer stands in for every machine on the bridge network.
    ping: (ip) => {
      const r = nodeView.ping(ip);
      return r && { rttMs: r.rttMs + 0.02, ttl: r.ttl };
    },
  };
}

/**
 * The routes of node1's host: one per running-or-stopped minikube profile, to its docker network
 * (`<subnet>.0/24`, gateway `<subnet>.1`), entering at the profile's first node.
 */
export function minikubeRoutes(clusters: Clusters, base: NodeNetView): () => NetRoute[] {
  const cache = new Map<string, { network: ClusterNetwork; route: NetRoute }>();
  return () => {
    const out: NetRoute[] = [];
    for (const e of clusters.list()) {
      const p = e.minikube;
      if (!p) continue;
      const subnet = p.ip.replace(/\.\d+$/, '');
      const key = `${e.name}/${subnet}`;
      let c = cache.get(key);
      if (!c || c.network !== e.cluster.network) {
        const route = { cidr: `${subnet}.0/24`, view: externalClientView(e.cluster.network, p.nodes[0] ?? e.name, `${subnet}.1`, base) };
        c = { network: e.cluster.network, route };
        cache.set(key, c);
      }
      out.push(c.route);
    }
    return out;
  };
}
