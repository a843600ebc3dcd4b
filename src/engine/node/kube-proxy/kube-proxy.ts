// kube-proxy on every node: one shared view of Services and EndpointSlices (informers) and, per
// node, the iptables tables `syncProxyRules` would restore, rebuilt after any change.
// Models cmd/kube-proxy/app/server.go (informers, skipping headless and service-proxy-name
// labelled objects) and pkg/proxy/iptables/proxier.go.
// SIMPLIFICATION: rules are rebuilt on first use after a change (no minSyncPeriod delay).
import type { EndpointSlice, KObject, Service } from '../../api/types';
import type { InformerFactory, Informer } from '../../client/informer';
import { buildProxyTables, servicePorts } from './rules';
import type { ProxyServicePort, ProxyTables, ProxyOptions } from './rules';

const BY_SERVICE = 'kube-proxy:service';

export class KubeProxies {
  private services: Informer;
  private slices: Informer;
  private ports: ProxyServicePort[] | undefined;
  private version = 0;
  private readonly perNode = new Map<string, { version: number; ip: string; tables: ProxyTables }>();

  constructor(informers: InformerFactory, private readonly opts: ProxyOptions) {
    this.services = informers.for('services');
    this.slices = informers.for('endpointslices', 'discovery.k8s.io');
    this.slices.addIndex(BY_SERVICE, (o) => {
      const svc = o.metadata?.labels?.['kubernetes.io/service-name'];
      return svc ? [`${o.metadata?.namespace}/${svc}`] : [];
    });
    const dirty = () => {
      this.ports = undefined;
      this.version++;
    };
    for (const inf of [this.services, this.slices]) inf.addHandlers({ add: dirty, update: dirty, delete: dirty });
  }

  /** The service ports all nodes program (shared between nodes). */
  servicePorts(): ProxyServicePort[] {
    if (!this.ports) {
      const svcs = (this.services.list() as Service[]).filter((s) => !skip(s));
      this.ports = servicePorts(svcs, (ns, name) => (this.slices.byIndex(BY_SERVICE, `${ns}/${name}`) as EndpointSlice[]).filter((s) => !skip(s)));
    }
    return this.ports;
  }

  /** The node's nat and filter tables as of now. */
  tables(nodeName: string, nodeIP: string): ProxyTables {
    const cur = this.perNode.get(nodeName);
    if (cur && cur.version === this.version && cur.ip === nodeIP) return cur.tables;
    const tables = buildProxyTables(this.servicePorts(), { name: nodeName, ip: nodeIP }, this.opts);
    this.perNode.set(nodeName, { version: this.version, ip: nodeIP, tables });
    return tables;
  }
}

/** kube-proxy's label selector: no service.kubernetes.io/service-proxy-name, no headless label. */
function skip(o: KObject): boolean {
  const l = o.metadata?.labels;
  return Boolean(l && ('service.kubernetes.io/service-proxy-name' in l || 'service.kubernetes.io/headless' in l));
}
