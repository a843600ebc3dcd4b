// Server-side printer for Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
// EXTERNAL-IP is <none>, <pending>, load-balancer ingress (+ externalIPs) or the externalName.
// Models kubernetes/pkg/printers/internalversion/printers.go (printService, getServiceExternalIP,
// makePortString). The server prints wide, so load-balancer addresses are never clipped.
import type { Service } from '../../api/types';
import { ageColumn, ageOf, column, formatLabels, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

/** loadBalancerStatusStringer (wide): unique ingress IPs/hostnames, sorted, comma-joined. */
function loadBalancerStatus(svc: Service): string {
  const result = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  return [...result].sort().join(',');
}

function externalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatus(svc);
      if (externalIPs.length > 0) {
        const results = lbIps.length > 0 ? lbIps.split(',') : [];
        return [...results, ...externalIPs].join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  let out = '';
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (i > 0) out += ',';
    const protocol = p.protocol ?? '';
    out += p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  }
  return out;
}

export const servicePrinter: TablePrinter<Service> = {
  columns: [
    nameColumn,
    column('Type', 'string', doc.svcType),
    column('Cluster-IP', 'string', doc.svcClusterIP),
    column('External-IP', 'string', doc.svcExternalIPs),
    column('Port(s)', 'string', doc.svcPorts),
    ageColumn,
    column('Selector', 'string', doc.svcSelector, 1),
  ],
  row(svc, ctx) {
    const clusterIPs = svc.spec?.clusterIPs;
    const internalIP = clusterIPs && clusterIPs.length > 0 ? clusterIPs[0] : '<none>';
    const ports = portString(svc);
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      internalIP,
      externalIP(svc),
      ports.length === 0 ? '<none>' : ports,
      ageOf(svc, ctx),
      formatLabels(svc.spec?.selector),
    ];
  },
};
