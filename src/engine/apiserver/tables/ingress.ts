// Server-side printers for Ingress (NAME CLASS HOSTS ADDRESS PORTS AGE) and IngressClass
// (NAME CONTROLLER PARAMETERS AGE). HOSTS lists at most three hosts then ` + N more...`, `*`
// without hosts; ADDRESS joins the sorted load-balancer IPs/hostnames (the server prints wide,
// so it is never clipped); PORTS is `80, 443` with TLS. Models kubernetes/pkg/printers/
// internalversion/printers.go (printIngress, formatHosts, formatPorts, printIngressClass).
import type { KObject, ObjectMeta } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import type { TablePrinter } from './types';

interface IngressLike extends KObject {
  metadata?: ObjectMeta;
  spec?: { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

interface IngressClassLike extends KObject {
  spec?: { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
}

export function formatHosts(rules: { host?: string }[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

function address(ing: IngressLike): string {
  const set = new Set<string>();
  for (const x of ing.status?.loadBalancer?.ingress ?? []) {
    if (x.ip) set.add(x.ip);
    else if (x.hostname) set.add(x.hostname);
  }
  return [...set].sort().join(',');
}

export const ingressPrinter: TablePrinter<IngressLike> = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  row(ing, ctx) {
    return [
      ing.metadata?.name ?? '',
      ing.spec?.ingressClassName ?? '<none>',
      formatHosts(ing.spec?.rules),
      address(ing),
      (ing.spec?.tls ?? []).length ? '80, 443' : '80',
      ageOf(ing, ctx),
    ];
  },
};

export const ingressClassPrinter: TablePrinter<IngressClassLike> = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  row(ic, ctx) {
    const p = ic.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.kind ?? ''}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name ?? ''}`;
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', params, ageOf(ic, ctx)];
  },
};
