// Test oracle, not part of the engine: serves the generated schema as a minimal API server
// (discovery + /openapi/v3) so the real kubectl v1.32 can run `explain` against it.
//   npm run gen && node src/engine/schema/testdata/kubectl-oracle.mjs &
//   KUBECONFIG=<kubeconfig pointing at http://127.0.0.1:18555> kubectl explain pod.spec > golden.txt
// The explain-*.txt goldens beside this file were produced that way.
import http from 'node:http';
import { readFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync(new URL('../../../generated/k8s-schema.json', import.meta.url), 'utf8'));
const defs = doc.definitions;
const typeless = new Set(['io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'io.k8s.apimachinery.pkg.api.resource.Quantity']);
function conv(s) {
  const o = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') continue;
    if (k === 'properties') o.properties = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, conv(p)]));
    else if (k === 'items' || k === 'additionalProperties') o[k] = conv(v);
    else o[k] = v;
  }
  if (s.$ref) {
    const ref = s.$ref.replace('#/definitions/', '#/components/schemas/');
    if (s.description) { o.allOf = [{ $ref: ref }]; } else return { $ref: ref };
  }
  return o;
}
const schemas = {};
for (const [n, d] of Object.entries(defs)) {
  const c = conv(d);
  if (typeless.has(n)) delete c.type;
  schemas[n] = c;
}
const groups = {
  'api/v1': { group: '', version: 'v1' },
  'apis/apps/v1': { group: 'apps', version: 'v1' },
  'apis/batch/v1': { group: 'batch', version: 'v1' },
  'apis/discovery.k8s.io/v1': { group: 'discovery.k8s.io', version: 'v1' },
  'apis/coordination.k8s.io/v1': { group: 'coordination.k8s.io', version: 'v1' },
  'apis/networking.k8s.io/v1': { group: 'networking.k8s.io', version: 'v1' },
  'apis/autoscaling/v1': { group: 'autoscaling', version: 'v1' },
};
const cluster = new Set(['Node', 'Namespace', 'PersistentVolume']);
function plural(k) { const l = k.toLowerCase(); return l.endsWith('s') ? l + 'es' : l.endsWith('y') ? l.slice(0, -1) + 'ies' : l + 's'; }
function kindsOf(gv) {
  const out = [];
  for (const d of Object.values(defs)) for (const g of d['x-kubernetes-group-version-kind'] ?? [])
    if (g.group === gv.group && g.version === gv.version && !g.kind.endsWith('List') && d.properties?.metadata?.$ref?.endsWith('ObjectMeta')) out.push(g.kind);
  return out;
}
function v3doc(gvpath) {
  const gv = groups[gvpath];
  const paths = {};
  for (const kind of kindsOf(gv)) {
    const p = cluster.has(kind) ? `/${gvpath}/${plural(kind)}` : `/${gvpath}/namespaces/{namespace}/${plural(kind)}`;
    paths[p] = { get: { 'x-kubernetes-group-version-kind': { group: gv.group, kind, version: gv.version } } };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}
function resList(gvpath) {
  const gv = groups[gvpath];
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv.group ? `${gv.group}/${gv.version}` : 'v1',
    resources: kindsOf(gv).map((kind) => ({ name: plural(kind), singularName: kind.toLowerCase(), namespaced: !cluster.has(kind), kind, verbs: ['get', 'list', 'create'] })) };
}
const srv = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname.replace(/^\//, '');
  let body;
  if (p === 'api') body = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
  else if (p === 'apis') body = { kind: 'APIGroupList', apiVersion: 'v1', groups: Object.values(groups).filter((g) => g.group).map((g) => ({ name: g.group, versions: [{ groupVersion: `${g.group}/${g.version}`, version: g.version }], preferredVersion: { groupVersion: `${g.group}/${g.version}`, version: g.version } })) };
  else if (groups[p]) body = resList(p);
  else if (p === 'openapi/v3') body = { paths: Object.fromEntries(Object.keys(groups).map((g) => [g, { serverRelativeURL: `/openapi/v3/${g}?hash=ABC` }])) };
  else if (p.startsWith('openapi/v3/') && groups[p.slice(11)]) body = v3doc(p.slice(11));
  else if (p === 'version') body = { major: '1', minor: '32', gitVersion: 'v1.32.0' };
  if (!body) { res.writeHead(404, { 'content-type': 'application/json' }); res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 })); return; }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});
srv.listen(18555, '127.0.0.1', () => console.log('listening'));
