// The official nginx image: docker-entrypoint.sh lines, nginx startup notices, the welcome
// page, 404/405 pages, combined access log and error log lines, graceful SIGQUIT shutdown.
// Models nginxinc/docker-nginx (entrypoint/, mainline/debian/Dockerfile) and nginx's
// src/http/ngx_http_special_response.c. Leaves out config files, proxying and real workers.

import { clfTime, header, httpDate, nginxErrorTime, requestTarget, urlHost } from '../format';
import { startUserlandProcess } from '../shell';
import type { HttpRequest, HttpResponse, ImageBehaviour, ProcessContext, RunningProcess, SharedLogLine } from '../types';
import { basename, effectiveArgv, workerPids } from './common';

export interface NginxVersion {
  version: string; // 1.27.3
  alpine: boolean;
  /** Image build time: Last-Modified of the html files. */
  builtAt: number;
  njs?: string;
  pkgRelease?: string;
}

const WELCOME_OLD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

// Since nginx 1.21.1 the page declares color-scheme (615 bytes instead of 612).
const WELCOME_NEW = WELCOME_OLD.replace(
  '<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>',
  '<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>',
);

const PAGE_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const cmpVersion = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

export function welcomePage(version: string): string {
  return cmpVersion(version, '1.21.1') >= 0 ? WELCOME_NEW : WELCOME_OLD;
}

const STATUS_TEXT: Record<number, string> = { 404: '404 Not Found', 405: '405 Not Allowed', 400: '400 Bad Request' };

/** ngx_http_special_response.c: error page with the server tail; `\r\n` line ends. */
export function errorPage(status: number, version: string): string {
  const t = STATUS_TEXT[status] ?? `${status}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const MSIE_PADDING = '<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n'.repeat(6);

function etag(mtimeMs: number, len: number): string {
  return `"${Math.floor(mtimeMs / 1000).toString(16)}-${len.toString(16)}"`;
}

function entrypointLines(v: NginxVersion): string[] {
  const ep = '/docker-entrypoint.sh';
  if (cmpVersion(v.version, '1.19.0') < 0) return []; // no entrypoint scripts before 1.19
  const info = cmpVersion(v.version, '1.21.0') >= 0 ? 'info: ' : '';
  const lines = [
    `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${ep}: Looking for shell scripts in /docker-entrypoint.d/`,
    `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    `10-listen-on-ipv6-by-default.sh: ${info}Getting the checksum of /etc/nginx/conf.d/default.conf`,
    `10-listen-on-ipv6-by-default.sh: ${info}Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf`,
  ];
  if (cmpVersion(v.version, '1.25.3') >= 0) lines.push(`${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  lines.push(`${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
  if (cmpVersion(v.version, '1.19.7') >= 0) lines.push(`${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
  lines.push(`${ep}: Configuration complete; ready for start up`);
  return lines;
}

// SIMPLIFICATION: the compiler/OS strings are fixed per base image; the kernel is minikube's.
function compilerLine(v: NginxVersion): string {
  if (v.alpine) return 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ';
  if (cmpVersion(v.version, '1.25.0') >= 0) return 'built by gcc 12.2.0 (Debian 12.2.0-14) ';
  if (cmpVersion(v.version, '1.21.0') >= 0) return 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ';
  return 'built by gcc 8.3.0 (Debian 8.3.0-6) ';
}

export function nginxImageEnv(v: NginxVersion): Record<string, string> {
  const e: Record<string, string> = { NGINX_VERSION: v.version };
  if (v.njs) e.NJS_VERSION = v.njs;
  e.PKG_RELEASE = v.pkgRelease ?? (v.alpine ? '1' : '1~bookworm');
  return e;
}

/** A start-up line identical in every container of the image. */
class FixedLine implements SharedLogLine {
  constructor(
    private readonly line: string,
    readonly stream: 'stdout' | 'stderr',
  ) {}

  text(): string {
    return this.line;
  }
}

/** An error-log notice: the time of the line, then a fixed text. */
class NoticeLine implements SharedLogLine {
  readonly stream = 'stderr';
  constructor(private readonly rest: string) {}

  text(at: number): string {
    return nginxErrorTime(at) + this.rest;
  }
}

/**
 * The lines a container of one nginx version logs at start, built once per first worker pid
 * (the only part that varies) and entrypoint use; containers share them by reference.
 */
class StartupLines {
  /** By first worker pid, negative without the entrypoint (the second worker is the next pid). */
  private readonly blocks = new Map<number, readonly SharedLogLine[]>();
  private readonly entrypoint: SharedLogLine[];
  private readonly noticeLines: SharedLogLine[];
  /** The version logs its start-up notices (1.19 and later: older images log at "warn" level). */
  readonly notices: boolean;

  constructor(v: NginxVersion) {
    this.notices = cmpVersion(v.version, '1.19.0') >= 0;
    this.entrypoint = entrypointLines(v).map((l) => new FixedLine(l, 'stdout'));
    this.noticeLines = ['using the "epoll" event method', `nginx/${v.version}`, compilerLine(v), 'OS: Linux 6.8.0-49-generic', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes'].map(
      (m) => new NoticeLine(` [notice] 1#1: ${m}`),
    );
  }

  get(viaEntrypoint: boolean, workers: number[]): readonly SharedLogLine[] {
    const key = viaEntrypoint ? workers[0]! : -workers[0]!;
    let block = this.blocks.get(key);
    if (!block) {
      const lines = viaEntrypoint ? [...this.entrypoint] : [];
      if (this.notices) lines.push(...this.noticeLines, ...workers.map((p) => new NoticeLine(` [notice] 1#1: start worker process ${p}`)));
      block = Object.freeze(lines);
      this.blocks.set(key, block);
    }
    return block;
  }
}

function logShared(ctx: ProcessContext, lines: readonly SharedLogLine[]): void {
  if (ctx.logShared) ctx.logShared(lines);
  else for (const l of lines) ctx.log(l.text(ctx.now()), l.stream);
}

export function nginxBehaviour(v: NginxVersion): ImageBehaviour {
  let lines: StartupLines | undefined;
  const b: ImageBehaviour = {
    defaultEntrypoint: ['/docker-entrypoint.sh'],
    defaultCmd: ['nginx', '-g', 'daemon off;'],
    exposedPorts: [80],
    imageEnv: nginxImageEnv(v),
    // nginx images switched STOPSIGNAL from SIGTERM to SIGQUIT (graceful) in 1.19.x.
    stopSignal: cmpVersion(v.version, '1.19.0') >= 0 ? 'SIGQUIT' : 'SIGTERM',
    start(env, ctx) {
      let argv = effectiveArgv(b, env);
      let viaEntrypoint = false;
      if (argv[0] === '/docker-entrypoint.sh') {
        argv = argv.slice(1);
        viaEntrypoint = true;
      }
      const prog = argv[0] === undefined ? '' : basename(argv[0]);
      if (prog === 'nginx' || prog === 'nginx-debug') return startNginx(v, (lines ??= new StartupLines(v)), ctx, viaEntrypoint, b.stopSignal!);
      return startUserlandProcess(v.alpine ? 'busybox' : 'debian', argv, env, ctx, b.imageEnv);
    },
  };
  return b;
}

function startNginx(v: NginxVersion, lines: StartupLines, ctx: ProcessContext, viaEntrypoint: boolean, stopSignal: string): RunningProcess {
  const notices = lines.notices; // older images log at "warn" level
  const workers = workerPids(ctx, 2); // SIMPLIFICATION: nodes have 2 CPUs → 2 workers
  const block = lines.get(viaEntrypoint, workers);
  if (block.length) logShared(ctx, block);
  return new NginxProcess(v, ctx, workers[0]!, notices, stopSignal === 'SIGQUIT');
}

const LISTENS_80: RunningProcess['listens'] = [{ port: 80, protocol: 'TCP' }];

/** The running nginx master: its state lives in fields (thousands of pods run one each). */
class NginxProcess implements RunningProcess {
  private connection = 0;
  private stopping = false;

  constructor(
    private readonly v: NginxVersion,
    private readonly ctx: ProcessContext,
    /** The pid of the first of two workers. */
    private readonly worker0: number,
    private readonly notices: boolean,
    private readonly quit: boolean,
  ) {}

  get listens(): RunningProcess['listens'] {
    return LISTENS_80;
  }

  private t(): string {
    return nginxErrorTime(this.ctx.now());
  }

  handleHttp(req: HttpRequest, from: { ip: string }): HttpResponse {
    if (this.stopping) return { status: 503, headers: {}, body: '' };
    const { v, ctx } = this;
    const now = ctx.now();
    this.connection++;
    const target = requestTarget(req.url);
    const path = target.split('?')[0]!;
    const method = req.method.toUpperCase();
    const ua = header(req.headers, 'user-agent');
    const referer = header(req.headers, 'referer');
    const base: Record<string, string> = { Server: `nginx/${v.version}`, Date: httpDate(now) };
    let status: number;
    let body: string;
    let headers: Record<string, string>;
    const file = path === '/' ? '/index.html' : path;
    const page = file === '/index.html' ? welcomePage(v.version) : file === '/50x.html' ? PAGE_50X : null;
    if (page !== null && (method === 'GET' || method === 'HEAD')) {
      status = 200;
      body = page;
      headers = {
        ...base,
        'Content-Type': 'text/html',
        'Content-Length': String(page.length),
        'Last-Modified': httpDate(v.builtAt),
        Connection: 'keep-alive',
        ETag: etag(v.builtAt, page.length),
        'Accept-Ranges': 'bytes',
      };
    } else {
      status = page !== null ? 405 : 404;
      const chromeOrMsie = ua !== undefined && /MSIE |Chrome\//.test(ua);
      body = errorPage(status, v.version) + (chromeOrMsie ? MSIE_PADDING : '');
      headers = { ...base, 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'keep-alive' };
      if (status === 404) {
        const worker = this.worker0 + (this.connection % 2);
        const hostHeader = header(req.headers, 'host') ?? urlHost(req.url);
        ctx.log(
          `${this.t()} [error] ${worker}#${worker}: *${this.connection} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), ` +
            `client: ${from.ip}, server: localhost, request: "${method} ${target} HTTP/1.1", host: "${hostHeader}"` +
            (referer ? `, referrer: "${referer}"` : ''),
          'stderr',
        );
      }
    }
    const sent = method === 'HEAD' ? 0 : body.length;
    ctx.log(
      `${from.ip} - - [${clfTime(now)}] "${method} ${target} HTTP/1.1" ${status} ${sent} "${referer ?? '-'}" "${ua ?? '-'}" "${header(req.headers, 'x-forwarded-for') ?? '-'}"`,
      'stdout',
    );
    return { status, headers, body: method === 'HEAD' ? '' : body };
  }

  stop(signal: 'SIGTERM' | 'SIGKILL'): { exitAfterMs: number; code: number } {
    if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
    this.stopping = true;
    if (this.notices) {
      const { ctx } = this;
      const workers = [this.worker0, this.worker0 + 1];
      if (this.quit) {
        ctx.log(`${this.t()} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`, 'stderr');
        for (const w of workers) ctx.log(`${this.t()} [notice] ${w}#${w}: gracefully shutting down`, 'stderr');
        for (const w of workers) ctx.log(`${this.t()} [notice] ${w}#${w}: exiting`, 'stderr');
        for (const w of workers) ctx.log(`${this.t()} [notice] ${w}#${w}: exit`, 'stderr');
      } else {
        ctx.log(`${this.t()} [notice] 1#1: signal 15 (SIGTERM) received, exiting`, 'stderr');
        for (const w of workers) ctx.log(`${this.t()} [notice] ${w}#${w}: exiting`, 'stderr');
        for (const w of workers) ctx.log(`${this.t()} [notice] ${w}#${w}: exit`, 'stderr');
      }
      for (const w of workers) {
        ctx.log(`${this.t()} [notice] 1#1: signal 17 (SIGCHLD) received from ${w}`, 'stderr');
        ctx.log(`${this.t()} [notice] 1#1: worker process ${w} exited with code 0`, 'stderr');
      }
      ctx.log(`${this.t()} [notice] 1#1: exit`, 'stderr');
    }
    return { exitAfterMs: 10, code: 0 };
  }
}
