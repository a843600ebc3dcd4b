// Ingress end to end: ingress-nginx installed as minikube's addon (hostPort 80 on the node,
// ADDRESS = node IP) and as the cloud manifest on the default cluster (LoadBalancer, ADDRESS =
// the load balancer's IP); host and path rules (Prefix, Exact, ImplementationSpecific), the
// default class admission, the 404 default backend, 503 without endpoints, and the table row.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import { minikubeNodes } from '../bootstrap';
import type { KObject, Pod, Service } from '../api/types';
import { ingressNginxManifest } from './ingress-nginx-manifest';
import type { IngressNginxFlavor } from './ingress-nginx-manifest';
import { NetFailure } from './network';
import { ingressPrinter } from '../apiserver/tables/ingress';
import { ingressErrorPage } from '../node/images/behaviours/ingress-nginx';

const macrotask = () => new Promise<void>((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

async function run(c: Cluster, ms: number): Promise<void> {
  const end = c.clock.now() + ms;
  while (c.clock.runNext(end)) {
    if (c.clock.yieldRequested) {
      c.clock.yieldRequested = false;
      await macrotask();
    }
  }
  c.clock.advanceTo(end);
  await macrotask();
}

const RESOURCES: Record<string, [string, string]> = {
  Namespace: ['namespaces', ''],
  ServiceAccount: ['serviceaccounts', ''],
  ConfigMap: ['configmaps', ''],
  Service: ['services', ''],
  Deployment: ['deployments', 'apps'],
  IngressClass: ['ingressclasses', 'networking.k8s.io'],
  Ingress: ['ingresses', 'networking.k8s.io'],
};

function create(c: Cluster, obj: Record<string, unknown>, ns = 'default'): KObject {
  const o = obj as KObject;
  const [plural, group] = RESOURCES[o.kind ?? '']!;
  const rt = c.api.mustResource(plural, group);
  return c.api.create(rt, rt.namespaced ? (o.metadata?.namespace ?? ns) : undefined, o);
}

function install(c: Cluster, flavor: IngressNginxFlavor): void {
  for (const o of ingressNginxManifest(flavor)) create(c, o as Record<string, unknown>);
}

function app(c: Cluster, name: string, image: string, port: number, replicas = 2): void {
  const labels = { app: name };
  create(c, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image }] } } } });
  create(c, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: port, protocol: 'TCP' }] } });
}

const path = (p: string, pathType: string, service: string, port: Record<string, unknown> = { number: 80 }) => ({ path: p, pathType, backend: { service: { name: service, port } } });

function ingresses(c: Cluster): void {
  create(c, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'shop' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        { host: 'web.example.com', http: { paths: [path('/', 'Prefix', 'web'), path('/env', 'Prefix', 'env', { name: 'http' }), path('/exact', 'Exact', 'env')] } },
        { host: '*.apps.example.com', http: { paths: [path('/', 'ImplementationSpecific', 'env')] } },
        { host: 'empty.example.com', http: { paths: [path('/', 'Prefix', 'nothing')] } },
      ],
    },
  });
  create(c, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nothing' }, spec: { selector: { app: 'nothing' }, ports: [{ port: 80, protocol: 'TCP' }] } });
}

async function curl(c: Cluster, node: string, url: string, host: string): Promise<{ status: number; body: string; error?: string }> {
  let out: { status: number; body: string; error?: string } | undefined;
  c.network.nodeView(node).http({ method: 'GET', url, headers: { Host: host, 'User-Agent': 'curl/7.88.1', Accept: '*/*' } }).then(
    (x) => (out = { status: x.response.status, body: x.response.body }),
    (e: unknown) => (out = { status: 0, body: '', error: e instanceof NetFailure ? e.code : String(e) }),
  );
  for (let i = 0; i < 200 && !out; i++) await run(c, 50);
  if (!out) throw new Error('no answer');
  return out;
}

const hostnameOf = (body: string) => (JSON.parse(body) as { HOSTNAME: string }).HOSTNAME;
const podNames = (c: Cluster, app: string) => (c.api.list(c.api.mustResource('pods'), 'default', { labelSelector: `app=${app}` }).items as Pod[]).map((p) => p.metadata?.name).sort();
const ingressRow = (c: Cluster, name: string) => ingressPrinter.row(c.api.get(c.api.mustResource('ingresses', 'networking.k8s.io'), 'default', name) as never, { now: c.clock.now() } as never);

describe('ingress-nginx on minikube (addon)', () => {
  it('routes by host and path through the node IP and publishes the node IP', async () => {
    const c = createCluster({ seed: 11, profile: 'minikube', nodes: minikubeNodes() });
    install(c, 'minikube');
    app(c, 'web', 'nginx:1.27', 80);
    app(c, 'env', 'jpetazzo/httpenv', 8888);
    await run(c, 60_000);
    ingresses(c);
    // A class-less Ingress is served too (--watch-ingress-without-class).
    create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'plain' }, spec: { rules: [{ host: 'plain.example.com', http: { paths: [path('/', 'Prefix', 'web')] } }] } });
    expect(ingressRow(c, 'plain').slice(0, 5)).toEqual(['plain', '<none>', 'plain.example.com', '', '80']);
    await run(c, 61_000);
    expect(ingressRow(c, 'shop')).toEqual(['shop', 'nginx', 'web.example.com,*.apps.example.com,empty.example.com', '192.168.49.2', '80', '61s']);
    expect(ingressRow(c, 'plain')[3]).toBe('192.168.49.2');
    expect((await curl(c, 'minikube', 'http://192.168.49.2/', 'plain.example.com')).status).toBe(200);

    const root = await curl(c, 'minikube', 'http://192.168.49.2/', 'web.example.com');
    expect(root.status).toBe(200);
    expect(root.body).toContain('<title>Welcome to nginx!</title>');
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = await curl(c, 'minikube', 'http://192.168.49.2/env/anything', 'web.example.com');
      expect(r.status).toBe(200);
      seen.add(hostnameOf(r.body));
    }
    expect([...seen].sort()).toEqual(podNames(c, 'env'));
    // Prefix is element-wise: /envelope is not under /env, so `/` (nginx) answers with its 404.
    expect((await curl(c, 'minikube', 'http://192.168.49.2/envelope', 'web.example.com')).body).toContain('<hr><center>nginx/1.27.3</center>');
    expect((await curl(c, 'minikube', 'http://192.168.49.2/exact', 'web.example.com')).status).toBe(200);
    expect((await curl(c, 'minikube', 'http://192.168.49.2/x', 'a.apps.example.com')).body).toMatch(/"HOSTNAME":"env-[0-9a-z]+-[0-9a-z]{5}"/);
    const unknown = await curl(c, 'minikube', 'http://192.168.49.2/', 'nobody.example.com');
    expect(unknown).toEqual({ status: 404, body: ingressErrorPage(404) });
    expect(unknown.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    expect(await curl(c, 'minikube', 'http://192.168.49.2/', 'empty.example.com')).toEqual({ status: 503, body: ingressErrorPage(503) });

    // The controller logged the requests in ingress-nginx's upstream format.
    const ctl = (c.api.list(c.api.mustResource('pods'), 'ingress-nginx').items as Pod[])[0]!;
    const log = c.nodes.logsFor(ctl)?.get('controller')?.current?.lines.map((l) => l.text) ?? [];
    expect(log.slice(0, 7)).toEqual([
      '-------------------------------------------------------------------------------',
      'NGINX Ingress controller',
      '  Release:       v1.11.3',
      '  Repository:    https://github.com/kubernetes/ingress-nginx',
      '  nginx version: nginx/1.25.5',
      '',
      '-------------------------------------------------------------------------------',
    ]);
    expect(log.find((l) => l.includes('"GET /exact HTTP/1.1"'))).toMatch(
      /^10\.244\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/exact HTTP\/1\.1" 200 \d+ "-" "curl\/7\.88\.1" \d+ 0\.00\d \[default-env-80\] \[\] 10\.244\.0\.\d+:8888 \d+ 0\.00\d 200 [0-9a-f]{32}$/,
    );
    expect(log.find((l) => l.includes('[upstream-default-backend]'))).toMatch(/ 404 146 "-" "curl\/7\.88\.1" \d+ 0\.000 \[upstream-default-backend\] \[\] 127\.0\.0\.1:8181 146 0\.000 404 [0-9a-f]{32}$/);
  });
});

describe('ingress-nginx on the default cluster (cloud manifest)', () => {
  it('is reached through its LoadBalancer IP and NodePort, and publishes the load balancer address', async () => {
    const c = createCluster({ seed: 12 });
    install(c, 'cloud');
    app(c, 'web', 'nginx:1.27', 80, 1);
    app(c, 'env', 'jpetazzo/httpenv', 8888, 1);
    await run(c, 60_000);
    ingresses(c);
    await run(c, 61_000);
    const svc = c.api.get(c.api.mustResource('services'), 'ingress-nginx', 'ingress-nginx-controller') as Service;
    const lb = svc.status?.loadBalancer?.ingress?.[0]?.ip ?? '';
    expect(lb).toMatch(/^192\.168\.1\.2(4\d|5[0-5])$/);
    expect(ingressRow(c, 'shop')[3]).toBe(lb);
    expect((await curl(c, 'node2', `http://${lb}/env`, 'web.example.com')).body).toMatch(/"HOSTNAME":"env-/);
    const np = svc.spec?.ports?.find((p) => p.name === 'http')?.nodePort;
    // externalTrafficPolicy: Local — only the node running the controller answers its NodePort.
    const ctl = (c.api.list(c.api.mustResource('pods'), 'ingress-nginx').items as Pod[])[0]!;
    const nodeIP = ctl.status?.hostIP ?? '';
    expect((await curl(c, 'node1', `http://${nodeIP}:${np}/`, 'web.example.com')).status).toBe(200);
    // The cloud controller only serves its class: a class-less Ingress stays unpublished and unrouted.
    create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'plain' }, spec: { rules: [{ host: 'plain.example.com', http: { paths: [path('/', 'Prefix', 'web')] } }] } });
    await run(c, 61_000);
    expect(ingressRow(c, 'plain').slice(0, 5)).toEqual(['plain', '<none>', 'plain.example.com', '', '80']);
    expect((await curl(c, 'node2', `http://${lb}/`, 'plain.example.com')).status).toBe(404);
  });

  it('validates paths as the API server does', () => {
    const c = createCluster({ seed: 13 });
    expect(() =>
      create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'bad' }, spec: { rules: [{ http: { paths: [{ path: 'x', backend: { service: { name: 'a', port: { number: 80 } } } }, { path: 'y', pathType: 'Prefix', backend: {} }] } }] } }),
    ).toThrow(
      'Ingress.networking.k8s.io "bad" is invalid: [spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified, spec.rules[0].http.paths[1].path: Invalid value: "y": must be an absolute path, spec.rules[0].http.paths[1].backend: Invalid value: "": resource or service must be specified]',
    );
  });
});
