// The clusters of one playground session: the kubeadm cluster the session starts with and the
// ones `minikube start` creates (one per profile), all on the session's virtual clock. kubectl
// reaches them by the server URL in its kubeconfig; addresses of stopped machines refuse
// connections, unknown addresses time out, and each API server accepts only its own admin
// credentials (others get 401), as real clusters do.
// Leaves out: persistence of minikube clusters across reloads (only the session's first cluster is saved).
import { createCluster, minikubeNodes } from '../engine';
import type { ApiRequest, ApiResponse, Cluster, VirtualClock } from '../engine';
import type { KubeEndpoint } from '../shell/commands/kubectl/host';
import { defaultAddons } from '../shell/commands/minikube';
import type { MinikubeHost, MinikubeProfile, MinikubeStartOptions } from '../shell/commands/minikube';

export interface ClusterEntry {
  /** `kubernetes` for the kubeadm cluster, else the minikube profile name. */
  name: string;
  /** The API server URL (`https://10.0.0.11:6443`). */
  server: string;
  cluster: Cluster;
  /** Machine addresses (a dead API server on one of them refuses connections). */
  addresses: string[];
  running: boolean;
  /** Credentials the API server accepts: client-certificate data or paths, or tokens. */
  credentials: Set<string>;
  /** Set for minikube profiles. */
  minikube?: MinikubeProfile;
}

function hostPort(server: string): { scheme: string; host: string; port: string } | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:]+)(?::(\d+))?/i.exec(server.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2].toLowerCase(), port: m[3] ?? (scheme === 'https' ? '443' : '80') };
}

export class Clusters {
  private readonly entries = new Map<string, ClusterEntry>();
  /** Hostnames that resolve on the lab network (node names, localhost). */
  private readonly names = new Map<string, string>([['localhost', '127.0.0.1']]);

  constructor(readonly clock: VirtualClock) {}

  add(e: ClusterEntry): void {
    this.entries.set(e.name, e);
  }
  get(name: string): ClusterEntry | undefined {
    return this.entries.get(name);
  }
  remove(name: string): void {
    this.entries.delete(name);
  }
  list(): ClusterEntry[] {
    return [...this.entries.values()];
  }
  /** Makes `name` resolve to `ip` (node names of the lab machines). */
  alias(name: string, ip: string): void {
    this.names.set(name.toLowerCase(), ip);
  }

  /** Where a kubeconfig server URL leads (KubeHost.connect). */
  connect(server: string): KubeEndpoint | 'refused' | 'timeout' {
    const hp = hostPort(server);
    if (!hp) return 'timeout';
    const ip = this.names.get(hp.host) ?? hp.host;
    for (const e of this.entries.values()) {
      const s = hostPort(e.server);
      if (!s || s.host !== ip || s.port !== hp.port) continue;
      if (!e.running) return 'refused';
      return {
        request: (req: ApiRequest): ApiResponse => e.cluster.request(req),
        authenticate: (u) =>
          [u.clientCertificateData, u.clientCertificate, u.token].some((c) => c !== undefined && e.credentials.has(c)),
      };
    }
    if (ip === '127.0.0.1' || ip.startsWith('127.')) return 'refused';
    for (const e of this.entries.values()) if (e.running && e.addresses.includes(ip)) return 'refused';
    return 'timeout';
  }

  /** The running cluster that listens at `server`, if any. */
  clusterAt(server: string): Cluster | undefined {
    const hp = hostPort(server);
    if (!hp) return undefined;
    const ip = this.names.get(hp.host) ?? hp.host;
    for (const e of this.entries.values()) {
      const s = hostPort(e.server);
      if (s && s.host === ip && s.port === hp.port && e.running) return e.cluster;
    }
    return undefined;
  }

  /** The MinikubeHost the `minikube` command drives: profiles are entries with a second cluster each. */
  minikubeHost(opts: { seed: number; home: () => string; request?: (c: Cluster, req: ApiRequest) => ApiResponse }): MinikubeHost {
    const profiles = () => this.list().filter((e) => e.minikube).map((e) => e.minikube as MinikubeProfile);
    const entry = (name: string) => {
      const e = this.entries.get(name);
      return e?.minikube ? e : undefined;
    };
    const subnetOf = (name: string) => {
      // minikube gives each profile its own docker network: 192.168.49.0/24, then .58, .67, ...
      const taken = new Set(this.list().filter((e) => e.minikube).map((e) => e.minikube?.ip));
      for (let third = 49; third < 250; third += 9) if (!taken.has(`192.168.${third}.2`)) return `192.168.${third}`;
      return `192.168.${49 + (name.length % 20) * 9}`;
    };
    return {
      now: () => this.clock.now(),
      profiles,
      profile: (name) => entry(name)?.minikube,
      start: (name: string, o: MinikubeStartOptions) => {
        const e = entry(name);
        if (e) {
          if (!e.running) {
            for (const n of e.minikube?.nodes ?? []) e.cluster.nodes.get(n)?.start();
            e.running = true;
            if (e.minikube) e.minikube.running = true;
          }
          return { created: false, profile: e.minikube as MinikubeProfile };
        }
        const subnet = subnetOf(name);
        const cluster = createCluster({
          seed: opts.seed + 1000 + this.entries.size,
          clock: this.clock,
          profile: 'minikube',
          settleMs: 0,
          nodes: minikubeNodes({ profile: name, subnet, count: o.nodes, cpus: String(o.cpus), memoryKi: o.memoryMb * 1024 }),
        });
        const ip = `${subnet}.2`;
        const home = opts.home().replace(/\/$/, '');
        const profile: MinikubeProfile = {
          name,
          driver: o.driver,
          cpus: o.cpus,
          memoryMb: o.memoryMb,
          nodes: Array.from({ length: o.nodes }, (_, i) => (i === 0 ? name : `${name}-m${String(i + 1).padStart(2, '0')}`)),
          ip,
          server: `https://${ip}:8443`,
          running: true,
          addons: defaultAddons(),
        };
        this.add({
          name,
          server: profile.server,
          cluster,
          addresses: profile.nodes.map((_, i) => `${subnet}.${i + 2}`),
          running: true,
          credentials: new Set([`${home}/.minikube/profiles/${name}/client.crt`]),
          minikube: profile,
        });
        for (let i = 0; i < profile.nodes.length; i++) this.alias(profile.nodes[i], `${subnet}.${i + 2}`);
        return { created: true, profile };
      },
      stop: (name) => {
        const e = entry(name);
        if (!e) return;
        for (const n of e.minikube?.nodes ?? []) e.cluster.nodes.get(n)?.stop();
        e.running = false;
        if (e.minikube) e.minikube.running = false;
      },
      delete: (name) => {
        const e = entry(name);
        if (!e) return;
        for (const n of e.minikube?.nodes ?? []) e.cluster.nodes.get(n)?.stop();
        this.remove(name);
      },
      addNode: (name) => {
        const e = entry(name);
        if (!e?.minikube) throw new Error(`no profile ${name}`);
        const p = e.minikube;
        const subnet = p.ip.replace(/\.\d+$/, '');
        const idx = p.nodes.length + 1;
        const [cfg] = minikubeNodes({ profile: name, subnet, count: 1, firstIndex: idx, cpus: String(p.cpus), memoryKi: p.memoryMb * 1024 });
        e.cluster.nodes.add(cfg);
        p.nodes.push(cfg.name);
        e.addresses.push(cfg.internalIP);
        this.alias(cfg.name, cfg.internalIP);
        return cfg.name;
      },
      request: (name, req) => {
        const e = entry(name);
        if (!e || !e.running) return { status: 503, headers: {}, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server is currently unable to handle the request', reason: 'ServiceUnavailable', code: 503 } };
        return opts.request ? opts.request(e.cluster, req) : e.cluster.request(req);
      },
    };
  }
}
