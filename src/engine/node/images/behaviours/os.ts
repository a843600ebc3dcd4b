// Base OS and language images: alpine, busybox, ubuntu, debian (their shell exits at once
// without a TTY), python (interpreter exits on empty stdin; `-m http.server` serves a listing)
// and httpd (Apache "It works!", common log format, graceful SIGWINCH stop).
// Leaves out package managers and interpreters: python only models the cases above.

import { clfTime, httpDate, httpdTime, requestTarget, werkzeugTime } from '../format';
import { startUserlandProcess } from '../shell';
import type { UserlandKind } from '../shell';
import type { ImageBehaviour } from '../types';
import { basename, effectiveArgv, microClock } from './common';

export function shellImage(kind: UserlandKind, cmd: string[], imageEnv?: Record<string, string>): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: cmd,
    exposedPorts: [],
    ...(imageEnv ? { imageEnv } : {}),
    start: (env, ctx) => startUserlandProcess(kind, effectiveArgv(b, env), env, ctx, imageEnv),
  };
  return b;
}

export function pythonBehaviour(version: string): ImageBehaviour {
  const imageEnv = { LANG: 'C.UTF-8', PYTHON_VERSION: version };
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['python3'],
    exposedPorts: [],
    imageEnv,
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      const prog = argv[0] === undefined ? '' : basename(argv[0]);
      if (!/^python(3(\.\d+)?)?$/.test(prog)) return startUserlandProcess('debian', argv, env, ctx, imageEnv);
      const m = argv[1] === '-m' && argv[2] === 'http.server' ? Number(argv[3] ?? 8000) : null;
      if (m === null) {
        // No TTY: the REPL reads EOF from empty stdin and exits 0.
        // SIMPLIFICATION: scripts and -c programs are not interpreted; they exit 0 silently.
        ctx.after(30, () => ctx.exit(0, 'Completed'));
        return { listens: [], stop: (s) => (s === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: 0, code: 143 }) };
      }
      const port = m;
      ctx.log(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`, 'stdout');
      const listing =
        '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n';
      return {
        listens: [{ port, protocol: 'TCP' }],
        handleHttp(req, from) {
          const target = requestTarget(req.url);
          const found = target.split('?')[0] === '/';
          const status = found ? 200 : 404;
          ctx.log(`${from.ip} - - [${werkzeugTime(ctx.now())}] "${req.method.toUpperCase()} ${target} HTTP/1.1" ${status} -`, 'stderr');
          const body = found ? listing : '';
          return { status, headers: { Server: `SimpleHTTP/0.6 Python/${version}`, Date: httpDate(ctx.now()), 'Content-type': 'text/html; charset=utf-8', 'Content-Length': String(body.length) }, body };
        },
        // Python as PID 1 has no SIGTERM handler: the signal is ignored.
        stop: (s) => (s === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: Number.POSITIVE_INFINITY, code: 137 }),
      };
    },
  };
  return b;
}

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';
const HTTPD_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
const HTTPD_INDEX_MTIME = Date.UTC(2007, 5, 11, 18, 53, 14);

export function httpdBehaviour(version: string): ImageBehaviour {
  const imageEnv = { HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: version };
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['httpd-foreground'],
    workingDir: '/usr/local/apache2',
    exposedPorts: [80],
    imageEnv,
    stopSignal: 'SIGWINCH',
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      if (argv[0] === undefined || basename(argv[0]) !== 'httpd-foreground') return startUserlandProcess('debian', argv, env, ctx, imageEnv);
      const micros = microClock(ctx);
      const note = (mod: string, msg: string): void => ctx.log(`[${httpdTime(ctx.now(), micros())}] [${mod}] [pid 1:tid 1] ${msg}`, 'stderr');
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${env.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      ctx.log(fqdn, 'stderr');
      ctx.log(fqdn, 'stderr');
      note('mpm_event:notice', `AH00489: Apache/${version} (Unix) configured -- resuming normal operations`);
      note('core:notice', "AH00094: Command line: 'httpd -D FOREGROUND'");
      return {
        listens: [{ port: 80, protocol: 'TCP' }],
        handleHttp(req, from) {
          const target = requestTarget(req.url);
          const path = target.split('?')[0]!;
          const method = req.method.toUpperCase();
          const found = path === '/' || path === '/index.html';
          const body = found ? HTTPD_INDEX : HTTPD_404;
          const status = found ? 200 : 404;
          ctx.log(`${from.ip} - - [${clfTime(ctx.now())}] "${method} ${target} HTTP/1.1" ${status} ${method === 'HEAD' ? '-' : body.length}`, 'stdout');
          const headers: Record<string, string> = { Date: httpDate(ctx.now()), Server: `Apache/${version} (Unix)` };
          if (found) {
            headers['Last-Modified'] = httpDate(HTTPD_INDEX_MTIME);
            headers.ETag = `"2d-${(HTTPD_INDEX_MTIME * 1000).toString(16)}"`;
            headers['Accept-Ranges'] = 'bytes';
          }
          headers['Content-Length'] = String(body.length);
          headers['Content-Type'] = found ? 'text/html' : 'text/html; charset=iso-8859-1';
          return { status, headers, body: method === 'HEAD' ? '' : body };
        },
        stop(signal) {
          if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
          note('mpm_event:notice', 'AH00492: caught SIGWINCH, shutting down gracefully');
          return { exitAfterMs: 50, code: 0 };
        },
      };
    },
  };
  return b;
}
