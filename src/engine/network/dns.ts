// Cluster DNS as CoreDNS' kubernetes plugin answers it (zone cluster.local): Service A records
// (ClusterIP, or the ready endpoint addresses of a headless Service), endpoint hostnames of
// headless Services, ExternalName CNAMEs and `pods insecure` A records; plus the resolver's
// search-path walk (ndots:5) that a pod's /etc/resolv.conf sets up.
// Models coredns/plugin/kubernetes (kubernetes.go Records, parse.go) and glibc/musl search rules.
// SIMPLIFICATION: no SRV/PTR records, no upstream forwarding (names outside the cluster fail).
import type { EndpointSlice, Service } from '../api/types';
import type { Informer } from '../client/informer';

export const CLUSTER_DOMAIN = 'cluster.local';

export interface DnsRecord {
  /** The name that answered (fully qualified, no trailing dot). */
  name: string;
  ips: string[];
  /** ExternalName services answer with a CNAME. */
  cname?: string;
}

export class ClusterDns {
  constructor(
    private readonly services: Informer,
    private readonly slicesFor: (ns: string, name: string) => EndpointSlice[],
  ) {}

  /** Answers one fully qualified name, or undefined for NXDOMAIN. */
  query(fqdn: string): DnsRecord | undefined {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    const suffix = `.${CLUSTER_DOMAIN}`;
    if (!name.endsWith(suffix)) return undefined;
    const labels = name.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[1] && labels[2] === 'pod') {
      const ip = labels[0]!.replace(/-/g, '.');
      return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { name, ips: [ip] } : undefined;
    }
    if (labels[labels.length - 1] !== 'svc') return undefined;
    if (labels.length === 3) {
      const svc = this.services.getNs(labels[1], labels[0]!) as Service | undefined;
      if (!svc) return undefined;
      const spec = svc.spec ?? {};
      if (spec.type === 'ExternalName') return { name, ips: [], cname: spec.externalName };
      if (spec.clusterIP && spec.clusterIP !== 'None') return { name, ips: [spec.clusterIP] };
      const ips = this.readyAddresses(labels[1]!, labels[0]!).map((a) => a.ip);
      return ips.length ? { name, ips } : undefined;
    }
    if (labels.length === 4) {
      const svc = this.services.getNs(labels[2], labels[1]!) as Service | undefined;
      if (!svc || (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None')) return undefined;
      const ips = this.readyAddresses(labels[2]!, labels[1]!).filter((a) => a.hostname === labels[0]).map((a) => a.ip);
      return ips.length ? { name, ips } : undefined;
    }
    return undefined;
  }

  private readyAddresses(ns: string, name: string): { ip: string; hostname?: string }[] {
    const out: { ip: string; hostname?: string }[] = [];
    const seen = new Set<string>();
    const svc = this.services.getNs(ns, name) as Service | undefined;
    const publish = Boolean(svc?.spec?.publishNotReadyAddresses);
    for (const s of this.slicesFor(ns, name)) {
      for (const e of s.endpoints ?? []) {
        if (!publish && e.conditions?.ready === false) continue;
        for (const ip of e.addresses ?? []) {
          if (seen.has(ip)) continue;
          seen.add(ip);
          out.push({ ip, hostname: e.hostname });
        }
      }
    }
    return out;
  }
}

/** The search list a ClusterFirst pod gets: `<ns>.svc.cluster.local svc.cluster.local cluster.local`. */
export function podSearchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The names a resolver tries, in order, for `name` with `ndots` and a search list. */
export function candidates(name: string, search: string[], ndots = 5): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = search.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}
