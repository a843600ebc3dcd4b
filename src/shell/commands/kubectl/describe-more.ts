// More `kubectl describe` pages, hooked into describe.ts's describeObject: Ingress
// (networking.k8s.io/v1: address, class, default backend, TLS, the Host/Path/Backends rules table
// with each service backend's ready endpoints or `<error: ...>`).
// Models staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeIngressV1, describeBackendV1).
// Leaves out: the networking/v1beta1 fallback, Role/ClusterRole/RoleBinding describers (generic page).
import type { ResourceInfo } from './client';
import type { Ctx } from './describe';
import { Describer, annotationsMultiline, describeEvents, formatEndpointSlices, labelsMultiline } from './describe';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The describer for a kind (`Kind.group`), or undefined for describe.ts's generic page. */
export function describeMore(c: Ctx, r: ResourceInfo, obj: Obj): string | undefined {
  switch (r.group ? `${r.kind}.${r.group}` : r.kind) {
    case 'Ingress.networking.k8s.io':
      return describeIngress(c, obj);
    default:
      return undefined;
  }
}

/** serviceBackendStringer: `name:port` (the port number, else its name). */
function serviceBackend(svc: Obj): string {
  const port = o(svc.port);
  return `${s(svc.name)}:${n(port.number) ? String(n(port.number)) : s(port.name)}`;
}

function describeBackend(c: Ctx, ns: string, backend: Obj): string {
  const svcRef = backend.service === undefined || backend.service === null ? undefined : o(backend.service);
  if (svcRef) {
    const sb = serviceBackend(svcRef);
    const client = c.inv.client;
    const sl = client.raw('GET', `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, {
      query: { labelSelector: `kubernetes.io/service-name=${s(svcRef.name)}` },
    });
    if (sl.status >= 300) return `${sb} (<error: ${s(o(sl.body).message)}>)`;
    const got = client.raw('GET', `/api/v1/namespaces/${ns}/services/${s(svcRef.name)}`);
    if (got.status >= 300) return `${sb} (<error: ${s(o(got.body).message)}>)`;
    const want = o(svcRef.port);
    let spName = '';
    for (const sp of a(o(o(got.body).spec).ports).map(o)) {
      if (n(want.number) !== 0 && n(want.number) === n(sp.port)) spName = s(sp.name);
      else if (s(want.name) !== '' && s(want.name) === s(sp.name)) spName = s(sp.name);
    }
    return `${sb} (${formatEndpointSlices(a(o(sl.body).items).map(o), spName)})`;
  }
  if (backend.resource !== undefined && backend.resource !== null) {
    const res = o(backend.resource);
    const group = res.apiGroup === undefined || res.apiGroup === null ? '<none>' : s(res.apiGroup);
    return `APIGroup: ${group}, Kind: ${s(res.kind)}, Name: ${s(res.name)}`;
  }
  return '';
}

function describeIngress(c: Ctx, ing: Obj): string {
  const d = new Describer();
  const meta = o(ing.metadata);
  const spec = o(ing.spec);
  const ns = s(meta.namespace);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  d.w(0, `Namespace:\t${ns}\n`);
  // ingressLoadBalancerStatusStringerV1 (wide): unique IPs, else hostnames, sorted
  const addrs = new Set<string>();
  for (const i of a(o(o(ing.status).loadBalancer).ingress).map(o)) {
    if (s(i.ip)) addrs.add(s(i.ip));
    else if (s(i.hostname)) addrs.add(s(i.hostname));
  }
  d.w(0, `Address:\t${[...addrs].sort().join(',')}\n`);
  d.w(0, `Ingress Class:\t${spec.ingressClassName === undefined || spec.ingressClassName === null ? '<none>' : s(spec.ingressClassName)}\n`);
  const def = spec.defaultBackend === undefined || spec.defaultBackend === null ? '<default>' : describeBackend(c, ns, o(spec.defaultBackend));
  d.w(0, `Default backend:\t${def}\n`);
  const tls = a(spec.tls).map(o);
  if (tls.length) {
    d.w(0, 'TLS:\n');
    for (const t of tls) {
      const hosts = a(t.hosts).map(s).join(',');
      if (s(t.secretName) === '') d.w(1, `SNI routes ${hosts}\n`);
      else d.w(1, `${s(t.secretName)} terminates ${hosts}\n`);
    }
  }
  d.w(0, 'Rules:\n  Host\tPath\tBackends\n');
  d.w(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of a(spec.rules).map(o)) {
    if (rule.http === undefined || rule.http === null) continue;
    count++;
    d.w(1, `${s(rule.host) || '*'}\t\n`);
    for (const p of a(o(rule.http).paths).map(o)) {
      d.w(2, `\t${s(p.path)} \t${describeBackend(c, ns, o(p.backend))}\n`);
    }
  }
  if (count === 0) d.w(1, `*\t*\t${def}\n`);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  describeEvents(d, c.events, c.now);
  return d.text();
}
