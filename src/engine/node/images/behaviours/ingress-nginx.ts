// registry.k8s.io/ingress-nginx/controller: the NGINX Ingress controller. It listens on 80/443
// (plus 10254 health and 8443 admission webhook), announces itself to the cluster's Ingress view
// (publishing its address on Ingresses of its class), and proxies each request to an endpoint of
// the matched backend Service, round robin, logging ingress-nginx's upstream access format.
// Unmatched requests get nginx's 404 page (server_tokens off), backends without endpoints 503.
// Models ingress-nginx rootfs/etc/nginx/template/nginx.tmpl (log_format upstreaminfo) and cmd/nginx.
// SIMPLIFICATION: HTTPS on 443 is served as plain HTTP; no admission webhook checks; the
// startup log keeps only the banner and a few klog lines.
import { httpDate, klogTime, requestTarget, header } from '../format';
import { startUserlandProcess } from '../shell';
import type { ContainerEnv, HttpRequest, HttpResponse, ImageBehaviour, ProcessContext, RunningProcess } from '../types';
import { NetError } from '../types';
import { effectiveArgv } from './common';

const STATUS_TEXT: Record<number, string> = {
  404: '404 Not Found',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** nginx's error page with `server_tokens off` (`\r\n` line ends). */
export function ingressErrorPage(status: number): string {
  const t = STATUS_TEXT[status] ?? String(status);
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function flag(argv: string[], name: string): string | undefined {
  for (const a of argv) {
    if (a === `--${name}`) return 'true';
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function hex(ctx: ProcessContext, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ctx.rng.int(16).toString(16);
  return s;
}

/** `22/Nov/2026:10:00:00 +0000` ($time_local). */
function timeLocal(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function ingressNginxBehaviour(release: string, nginxVersion: string): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: ['/usr/bin/dumb-init', '--'],
    defaultCmd: ['/nginx-ingress-controller'],
    exposedPorts: [80, 443],
    start(env, ctx) {
      let argv = effectiveArgv(b, env);
      if (argv[0] === '/usr/bin/dumb-init') argv = argv.slice(argv[1] === '--' ? 2 : 1);
      if (argv[0] !== '/nginx-ingress-controller') return startUserlandProcess('busybox', argv, env, ctx);
      return startController(release, nginxVersion, argv, env, ctx);
    },
  };
  return b;
}

function startController(release: string, nginxVersion: string, argv: string[], env: ContainerEnv, ctx: ProcessContext): RunningProcess {
  const className = flag(argv, 'ingress-class') ?? 'nginx';
  const publishService = flag(argv, 'publish-service')?.replace('$(POD_NAMESPACE)', env.namespace);
  const reportNodeIP = flag(argv, 'report-node-internal-ip-address') === 'true';
  const withoutClass = flag(argv, 'watch-ingress-without-class') === 'true';
  const rule = '-------------------------------------------------------------------------------';
  for (const l of [rule, 'NGINX Ingress controller', `  Release:       ${release}`, '  Repository:    https://github.com/kubernetes/ingress-nginx', `  nginx version: nginx/${nginxVersion}`, '', rule, '']) ctx.log(l);
  const klog = (msg: string) => ctx.log(`I${klogTime(ctx.now(), ctx.rng.int(1000))}       7 ${msg}`, 'stderr');
  klog(`main.go:205] "Creating API client" host="https://10.96.0.1:443"`);
  klog('controller.go:190] "Configuration changes detected, backend reload required"');
  let alive = true;
  ctx.ingress?.announce({ className, withoutClass, publishService, reportNodeIP: reportNodeIP || !publishService, alive: () => alive });
  const rr = new Map<string, number>();
  const respond = (status: number, body: string, extra: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: { Date: httpDate(ctx.now()), 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'keep-alive', ...extra },
    body,
  });
  const access = (req: HttpRequest, from: { ip: string }, status: number, bytes: number, upstream: string, addr: string, upstreamStatus: string, ms: number) => {
    const target = requestTarget(req.url);
    const ua = header(req.headers, 'user-agent') ?? '-';
    const referer = header(req.headers, 'referer') ?? '-';
    const secs = (ms / 1000).toFixed(3);
    const reqLen = req.method.length + target.length + 12 + Object.entries(req.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    const up = addr === '-' ? '- - - -' : `${addr} ${bytes} ${secs} ${upstreamStatus}`;
    ctx.log(`${from.ip} - - [${timeLocal(ctx.now())}] "${req.method} ${target} HTTP/1.1" ${status} ${bytes} "${referer}" "${ua}" ${reqLen} ${secs} [${upstream}] [] ${up} ${hex(ctx, 32)}`);
  };
  const handleHttp = async (req: HttpRequest, from: { ip: string }): Promise<HttpResponse> => {
    const started = ctx.now();
    const target = requestTarget(req.url);
    const host = header(req.headers, 'host') ?? '';
    const route = ctx.ingress?.route(className, host, target, withoutClass) ?? { kind: 'default' as const };
    if (route.kind === 'default') {
      const body = ingressErrorPage(404);
      access(req, from, 404, body.length, 'upstream-default-backend', '127.0.0.1:8181', '404', 0);
      return respond(404, body);
    }
    const be = route.backend;
    const upstream = `${be.namespace}-${be.service}-${be.servicePort}`;
    if (be.endpoints.length === 0) {
      const body = ingressErrorPage(503);
      access(req, from, 503, body.length, upstream, '-', '-', 0);
      return respond(503, body);
    }
    const n = rr.get(upstream) ?? ctx.rng.int(be.endpoints.length);
    rr.set(upstream, n + 1);
    const ep = be.endpoints[n % be.endpoints.length]!;
    const headers: Record<string, string> = {
      ...req.headers,
      'X-Request-ID': hex(ctx, 32),
      'X-Real-IP': from.ip,
      'X-Forwarded-For': from.ip,
      'X-Forwarded-Host': host.replace(/:\d+$/, ''),
      'X-Forwarded-Port': '80',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-Scheme': 'http',
      'X-Scheme': 'http',
    };
    if (!ctx.http) return respond(502, ingressErrorPage(502));
    try {
      const res = await ctx.http({ method: req.method, url: `http://${ep.ip}:${ep.port}${target}`, headers, body: req.body });
      const ms = ctx.now() - started;
      access(req, from, res.status, res.body.length, upstream, `${ep.ip}:${ep.port}`, String(res.status), ms);
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (k.toLowerCase() !== 'server' && k.toLowerCase() !== 'connection') out[k] = v;
      return { status: res.status, headers: { ...out, Connection: 'keep-alive' }, body: res.body };
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      const body = ingressErrorPage(502);
      access(req, from, 502, body.length, upstream, `${ep.ip}:${ep.port}`, '502', ctx.now() - started);
      return respond(502, body);
    }
  };
  return {
    listens: [80, 443, 8443, 10254].map((port) => ({ port, protocol: 'TCP' as const })),
    handleHttp(req, from) {
      const path = requestTarget(req.url).split('?')[0];
      if (path === '/healthz' && header(req.headers, 'host')?.endsWith(':10254')) return respond(200, '', { 'Content-Type': 'text/plain; charset=utf-8' });
      return handleHttp(req, from);
    },
    stop(signal) {
      alive = false;
      if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
      return { exitAfterMs: 1000, code: 0 };
    },
  };
}
