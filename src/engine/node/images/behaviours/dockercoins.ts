// The DockerCoins demo app of container.training (dockercoins/{rng,hasher,webui,worker}:v0.1):
// rng (Flask, 100 ms per request, one request at a time), hasher (Sinatra on Thin, 100 ms per
// request, one at a time), webui (Express + node_redis), worker (Python loop with requests and
// redis-py, "Waiting 10s and restarting." after errors).
// Models jpetazzo/container.training dockercoins/*/ (worker.py, rng.py, hasher.rb, webui.js).
// SIMPLIFICATION: tracebacks keep the program's own frames and representative library frames;
// webui serves a short page (same title) instead of the Rickshaw graph.

import { clfTime, httpDate, requestTarget, werkzeugTime } from '../format';
import { sha256Hex } from '../sha256';
import { startUserlandProcess } from '../shell';
import type { ContainerEnv, HttpRequest, HttpResponse, ImageBehaviour, ProcessContext, RedisReply, RunningProcess } from '../types';
import { NetError, SIGNAL_IGNORED } from '../types';
import type { NetErrorCode } from '../types';
import { effectiveArgv } from './common';

type Starter = (env: ContainerEnv, ctx: ProcessContext) => RunningProcess;

function pythonAlpineImage(script: string, ports: number[], run: Starter): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['python', script],
    exposedPorts: ports,
    imageEnv: { LANG: 'C.UTF-8', PYTHON_VERSION: '3.6.4' },
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      if (argv.length === 2 && argv[0] === 'python' && argv[1] === script) return run(env, ctx);
      return startUserlandProcess('busybox', argv, env, ctx, b.imageEnv);
    },
  };
  return b;
}

/** Serves requests one at a time, each taking `ms` of virtual time (single-threaded servers). */
class SerialServer {
  private busyUntil = 0;
  constructor(private readonly ctx: ProcessContext) {}
  run<T>(ms: number, fn: () => T): Promise<T> {
    const start = Math.max(this.ctx.now(), this.busyUntil);
    this.busyUntil = start + ms;
    return new Promise((resolve) => {
      this.ctx.after(this.busyUntil - this.ctx.now(), () => resolve(fn()));
    });
  }
}

const pyStop = (signal: 'SIGTERM' | 'SIGKILL'): { exitAfterMs: number; code: number } =>
  // Python/Node as PID 1 install no SIGTERM handler: the kernel drops the signal.
  signal === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: SIGNAL_IGNORED, code: 137 };

const FLASK_404 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n';

// ---------------------------------------------------------------------------------------------

export function rngBehaviour(): ImageBehaviour {
  return pythonAlpineImage('rng.py', [80], (env, ctx) => {
    ctx.log(' * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)', 'stderr');
    const server = new SerialServer(ctx);
    const base = (): Record<string, string> => ({ Server: 'Werkzeug/0.14.1 Python/3.6.4', Date: httpDate(ctx.now()) });
    const logReq = (ip: string, req: HttpRequest, status: number): void =>
      ctx.log(`${ip} - - [${werkzeugTime(ctx.now())}] "${req.method.toUpperCase()} ${requestTarget(req.url)} HTTP/1.1" ${status} -`, 'stderr');
    return {
      listens: [{ port: 80, protocol: 'TCP' }],
      handleHttp(req, from) {
        const path = requestTarget(req.url).split('?')[0]!;
        const m = /^\/(\d+)$/.exec(path);
        const method = req.method.toUpperCase();
        if (m && (method === 'GET' || method === 'HEAD')) {
          // time.sleep(0.1) inside the only (threaded=False) request handler.
          return server.run(100, (): HttpResponse => {
            let bytes = '';
            for (let i = 0, n = Number(m[1]); i < n; i++) bytes += String.fromCharCode(ctx.rng.int(256));
            logReq(from.ip, req, 200);
            return { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length), ...base() }, body: bytes };
          });
        }
        return server.run(0, (): HttpResponse => {
          if (path === '/' && (method === 'GET' || method === 'HEAD')) {
            const body = `RNG running on ${env.hostname}\n`;
            logReq(from.ip, req, 200);
            return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(body.length), ...base() }, body };
          }
          if (path === '/' || m) {
            const body =
              '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n';
            logReq(from.ip, req, 405);
            return { status: 405, headers: { 'Content-Type': 'text/html', Allow: 'HEAD, OPTIONS, GET', 'Content-Length': String(body.length), ...base() }, body };
          }
          logReq(from.ip, req, 404);
          return { status: 404, headers: { 'Content-Type': 'text/html', 'Content-Length': String(FLASK_404.length), ...base() }, body: FLASK_404 };
        });
      },
      stop: pyStop,
    };
  });
}

// ---------------------------------------------------------------------------------------------

export function hasherBehaviour(): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['ruby', 'hasher.rb'],
    exposedPorts: [80],
    imageEnv: { RUBY_MAJOR: '2.4', RUBY_VERSION: '2.4.2', GEM_HOME: '/usr/local/bundle' },
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      if (!(argv.length === 2 && argv[0] === 'ruby' && argv[1] === 'hasher.rb')) return startUserlandProcess('busybox', argv, env, ctx, b.imageEnv);
      ctx.log('== Sinatra (v2.0.0) has taken the stage on 80 for development with backup from Thin', 'stderr');
      ctx.log('Thin web server (v1.7.2 codename Bachmanity)', 'stdout');
      ctx.log('Maximum connections set to 1024', 'stdout');
      ctx.log('Listening on 0.0.0.0:80, CTRL+C to stop', 'stdout');
      const server = new SerialServer(ctx);
      const respond = (from: { ip: string }, req: HttpRequest, started: number, status: number, body: string, type: string): HttpResponse => {
        const secs = ((ctx.now() - started) / 1000 + 0.0002 + ctx.rng.int(10) / 10000).toFixed(4);
        ctx.log(`${from.ip} - - [${clfTime(ctx.now())}] "${req.method.toUpperCase()} ${requestTarget(req.url)} HTTP/1.1" ${status} ${body.length} ${secs}`, 'stderr');
        return {
          status,
          headers: { 'Content-Type': type, 'Content-Length': String(body.length), 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive', Server: 'thin' },
          body,
        };
      };
      return {
        listens: [{ port: 80, protocol: 'TCP' }],
        handleHttp(req, from) {
          const started = ctx.now();
          const path = requestTarget(req.url).split('?')[0]!;
          const method = req.method.toUpperCase();
          if (path === '/' && method === 'POST') {
            // `sleep 0.1` blocks Thin's single EventMachine reactor: requests are serialised.
            return server.run(100, () => respond(from, req, started, 200, sha256Hex(req.body ?? ''), 'text/plain;charset=utf-8'));
          }
          if (path === '/' && method === 'GET') {
            return server.run(0, () => respond(from, req, started, 200, `HASHER running on ${env.hostname}\n`, 'text/html;charset=utf-8'));
          }
          const page = `<!DOCTYPE html>\n<html>\n<head>\n  <style type="text/css">\n  body { text-align:center;font-family:helvetica,arial;font-size:22px;\n    color:#888;margin:20px}\n  #c {margin:0 auto;width:500px;text-align:left}\n  </style>\n</head>\n<body>\n  <h2>Sinatra doesn&rsquo;t know this ditty.</h2>\n  <img src='http://localhost:80/__sinatra__/404.png'>\n  <div id="c">\n    Try this:\n    <pre>${method.toLowerCase()} &#x27;${path}&#x27; do\n  &quot;Hello World&quot;\nend\n</pre>\n  </div>\n</body>\n</html>\n`;
          return server.run(0, () => respond(from, req, started, 404, page, 'text/html;charset=utf-8'));
        },
        stop(signal) {
          if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
          ctx.log('Stopping ...', 'stdout');
          ctx.log('== Sinatra has ended his set (crowd applauds)', 'stderr');
          return { exitAfterMs: 5, code: 0 };
        },
      };
    },
  };
  return b;
}

// ---------------------------------------------------------------------------------------------

const WEBUI_INDEX =
  '<!doctype html>\n<html>\n<head>\n<title>DockerCoin Miner WebUI</title>\n</head>\n<body>\n\n<h1>DockerCoin Miner WebUI</h1>\n\n<div id="graph"></div>\n\n</body>\n</html>\n';
const WEBUI_BUILT = Date.UTC(2017, 9, 3, 14, 5, 11);

function nodeErrorInspect(host: string, port: number, e: NetError): string[] {
  const code = e.code;
  const target = `${host}:${port}`;
  const detail = code === 'ENOTFOUND' ? `getaddrinfo ENOTFOUND ${host} ${target}` : `connect ${code} ${e.address ?? host}:${port}`;
  const props =
    code === 'ENOTFOUND'
      ? [`code: 'ENOTFOUND'`, `errno: 'ENOTFOUND'`, `syscall: 'getaddrinfo'`, `hostname: '${host}'`, `host: '${host}'`, `port: ${port} }`]
      : [`code: '${code}'`, `errno: '${code}'`, `syscall: 'connect'`, `address: '${e.address ?? host}'`, `port: ${port} }`];
  return [`Redis error { [Error: Redis connection to ${target} failed - ${detail}]`, ...props.map((p) => `  ${p}${p.endsWith('}') ? '' : ','}`)];
}

export function webuiBehaviour(): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['node', 'webui.js'],
    exposedPorts: [80],
    imageEnv: { NODE_VERSION: '4.8.4', NPM_CONFIG_LOGLEVEL: 'info' },
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      if (!(argv.length === 2 && argv[0] === 'node' && argv[1] === 'webui.js')) return startUserlandProcess('debian', argv, env, ctx, b.imageEnv);
      const target = { host: 'redis', port: 6379 };
      let connected = false;
      let attempt = 0;
      let stopped = false;
      const connect = (): void => {
        if (stopped) return;
        const fail = (e: unknown): void => {
          if (stopped) return;
          const err = e instanceof NetError ? e : new NetError('ECONNREFUSED');
          for (const l of nodeErrorInspect(target.host, target.port, err)) ctx.log(l, 'stderr');
          // node_redis retry: 200 ms, growing ×1.7 per attempt, given up after one hour.
          const delay = Math.round(200 * Math.pow(1.7, attempt++));
          if (delay < 3_600_000) ctx.after(delay, connect);
        };
        if (!ctx.redis) return fail(new NetError('ENOTFOUND'));
        ctx.redis(target, ['PING']).then(
          () => {
            connected = true;
            attempt = 0;
          },
          fail,
        );
      };
      connect();
      ctx.log('WEBUI running on port 80', 'stdout');
      const expressHeaders = (type: string, len: number): Record<string, string> => ({
        'X-Powered-By': 'Express',
        'Content-Type': type,
        'Content-Length': String(len),
        Date: httpDate(ctx.now()),
        Connection: 'keep-alive',
      });
      const json = async (): Promise<HttpResponse> => {
        const out: { coins?: number; hashes?: string | null; now?: number } = {};
        if (connected && ctx.redis) {
          try {
            const coins: RedisReply = await ctx.redis(target, ['HLEN', 'wallet']);
            const hashes: RedisReply = await ctx.redis(target, ['GET', 'hashes']);
            if (coins.type === 'integer') out.coins = coins.value;
            if (hashes.type === 'bulk') out.hashes = hashes.value;
          } catch {
            connected = false;
            connect();
          }
        }
        // SIMPLIFICATION: with Redis down the real callback gets undefined values, which
        // JSON.stringify drops; the real request may also wait in node_redis's offline queue.
        out.now = ctx.now() / 1000;
        const body = JSON.stringify(out);
        return { status: 200, headers: { ...expressHeaders('application/json; charset=utf-8', body.length), ETag: `W/"${body.length.toString(16)}-${sha256Hex(body).slice(0, 27)}"` }, body };
      };
      return {
        listens: [{ port: 80, protocol: 'TCP' }],
        handleHttp(req) {
          const path = requestTarget(req.url).split('?')[0]!;
          const method = req.method.toUpperCase();
          if (method === 'GET' && path === '/') {
            const body = 'Found. Redirecting to /index.html';
            return { status: 302, headers: { ...expressHeaders('text/plain; charset=utf-8', body.length), Location: '/index.html', Vary: 'Accept' }, body };
          }
          if (method === 'GET' && path === '/json') return json();
          if ((method === 'GET' || method === 'HEAD') && path === '/index.html') {
            return {
              status: 200,
              headers: {
                ...expressHeaders('text/html; charset=UTF-8', WEBUI_INDEX.length),
                'Accept-Ranges': 'bytes',
                'Cache-Control': 'public, max-age=0',
                'Last-Modified': httpDate(WEBUI_BUILT),
                ETag: `W/"${WEBUI_INDEX.length.toString(16)}-${WEBUI_BUILT.toString(16)}"`,
              },
              body: method === 'HEAD' ? '' : WEBUI_INDEX,
            };
          }
          const body = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`;
          return { status: 404, headers: { ...expressHeaders('text/html; charset=utf-8', body.length), 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' }, body };
        },
        stop(signal) {
          if (signal === 'SIGKILL') stopped = true;
          return pyStop(signal);
        },
      };
    },
  };
  return b;
}

// ---------------------------------------------------------------------------------------------

const PY = '/usr/local/lib/python3.6';
const ERRNO: Record<NetErrorCode, [number, string]> = {
  ENOTFOUND: [-2, 'Name does not resolve'],
  ECONNREFUSED: [111, 'Connection refused'],
  ETIMEDOUT: [110, 'Operation timed out'],
  EHOSTUNREACH: [113, 'Host is unreachable'],
};

class PyError {
  constructor(readonly lines: string[]) {}
}

function objectAddress(ctx: ProcessContext): string {
  let s = '0x7f';
  for (let i = 0; i < 10; i++) s += '0123456789abcdef'[ctx.rng.int(16)];
  return s;
}

const WORKER_FRAMES = {
  main: ['  File "worker.py", line 64, in <module>', '    work_loop()'],
  incrby: ['  File "worker.py", line 40, in work_loop', '    redis.incrby("hashes", loops_done)'],
  workOnce: ['  File "worker.py", line 43, in work_loop', '    work_once()'],
  rng: ['  File "worker.py", line 50, in work_once', '    random_bytes = get_random_bytes()', '  File "worker.py", line 21, in get_random_bytes', '    r = requests.get("http://rng/32")'],
  hasher: ['  File "worker.py", line 51, in work_once', '    hex_hash = hash_bytes(random_bytes)', '  File "worker.py", line 28, in hash_bytes', '    headers={"Content-Type": "application/octet-stream"})'],
  hset: ['  File "worker.py", line 56, in work_once', '    created = redis.hset("wallet", hex_hash, random_bytes)'],
};

function requestsError(ctx: ProcessContext, frames: string[], host: string, path: string, method: 'get' | 'post', code: NetErrorCode): PyError {
  const [errno, text] = ERRNO[code];
  return new PyError([
    'Traceback (most recent call last):',
    ...WORKER_FRAMES.main,
    ...WORKER_FRAMES.workOnce,
    ...frames,
    `  File "${PY}/site-packages/requests/api.py", line ${method === 'get' ? 72 : 112}, in ${method}`,
    `    return request('${method}', url, ${method === 'get' ? 'params=params' : 'data=data, json=json'}, **kwargs)`,
    `  File "${PY}/site-packages/requests/api.py", line 58, in request`,
    '    return session.request(method=method, url=url, **kwargs)',
    `  File "${PY}/site-packages/requests/sessions.py", line 508, in request`,
    '    resp = self.send(prep, **send_kwargs)',
    `  File "${PY}/site-packages/requests/sessions.py", line 618, in send`,
    '    r = adapter.send(request, **kwargs)',
    `  File "${PY}/site-packages/requests/adapters.py", line 508, in send`,
    '    raise ConnectionError(e, request=request)',
    `requests.exceptions.ConnectionError: HTTPConnectionPool(host='${host}', port=80): Max retries exceeded with url: ${path} ` +
      `(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at ${objectAddress(ctx)}>: Failed to establish a new connection: [Errno ${errno}] ${text}',))`,
  ]);
}

function redisError(frames: string[], command: string, code: NetErrorCode): PyError {
  const [errno, text] = ERRNO[code];
  const cause =
    code === 'ENOTFOUND'
      ? [
          `  File "${PY}/site-packages/redis/connection.py", line 511, in _connect`,
          '    socket.SOCK_STREAM):',
          `  File "${PY}/socket.py", line 745, in getaddrinfo`,
          '    for res in _socket.getaddrinfo(host, port, family, type, proto, flags):',
          `socket.gaierror: [Errno -2] ${text}`,
        ]
      : [
          `  File "${PY}/site-packages/redis/connection.py", line 538, in _connect`,
          '    raise err',
          `  File "${PY}/site-packages/redis/connection.py", line 526, in _connect`,
          '    sock.connect(socket_address)',
          `${code === 'ECONNREFUSED' ? 'ConnectionRefusedError' : code === 'ETIMEDOUT' ? 'TimeoutError' : 'OSError'}: [Errno ${errno}] ${text}`,
        ];
  return new PyError([
    'Traceback (most recent call last):',
    `  File "${PY}/site-packages/redis/connection.py", line 484, in connect`,
    '    sock = self._connect()',
    ...cause,
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    ...WORKER_FRAMES.main,
    ...frames,
    `  File "${PY}/site-packages/redis/client.py", line ${command === 'INCRBY' ? 915 : 1999}, in ${command === 'INCRBY' ? 'incr' : 'hset'}`,
    `    return self.execute_command('${command}', ${command === 'INCRBY' ? 'name, amount' : 'name, key, value'})`,
    `  File "${PY}/site-packages/redis/client.py", line 667, in execute_command`,
    '    connection.send_command(*args)',
    `  File "${PY}/site-packages/redis/connection.py", line 610, in send_command`,
    '    self.send_packed_command(self.pack_command(*args))',
    `  File "${PY}/site-packages/redis/connection.py", line 585, in send_packed_command`,
    '    self.connect()',
    `  File "${PY}/site-packages/redis/connection.py", line 489, in connect`,
    '    raise ConnectionError(self._error_message(e))',
    `redis.exceptions.ConnectionError: Error ${errno} connecting to redis:6379. ${text}.`,
  ]);
}

const netCode = (e: unknown): NetErrorCode => (e instanceof NetError ? e.code : 'ECONNREFUSED');

export function workerBehaviour(): ImageBehaviour {
  return pythonAlpineImage('worker.py', [], (_env, ctx) => {
    let killed = false;
    const info = (m: string): void => ctx.log(`INFO:__main__:${m}`, 'stderr');
    const sleep = (ms: number): Promise<void> => new Promise((res) => ctx.after(ms, res));
    const redis = async (args: string[], frames: string[]): Promise<RedisReply> => {
      try {
        if (!ctx.redis) throw new NetError('ENOTFOUND');
        return await ctx.redis({ host: 'redis', port: 6379 }, args);
      } catch (e) {
        throw redisError(frames, args[0]!, netCode(e));
      }
    };
    const http = async (req: HttpRequest, frames: string[], host: string, path: string, method: 'get' | 'post'): Promise<HttpResponse> => {
      try {
        if (!ctx.http) throw new NetError('ENOTFOUND');
        return await ctx.http(req);
      } catch (e) {
        throw requestsError(ctx, frames, host, path, method, netCode(e));
      }
    };
    const headers = { 'User-Agent': 'python-requests/2.18.4', 'Accept-Encoding': 'gzip, deflate', Accept: '*/*', Connection: 'keep-alive' };
    const workOnce = async (): Promise<void> => {
      await sleep(100);
      const rng = await http({ method: 'GET', url: 'http://rng/32', headers }, WORKER_FRAMES.rng, 'rng', '/32', 'get');
      if (killed) return;
      const randomBytes = rng.body;
      const hashed = await http(
        { method: 'POST', url: 'http://hasher/', headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(randomBytes.length) }, body: randomBytes },
        WORKER_FRAMES.hasher, 'hasher', '/', 'post',
      );
      if (killed) return;
      const hex = hashed.body;
      if (!hex.startsWith('0')) return;
      info(`Coin found: ${hex.slice(0, 8)}...`);
      const created = await redis(['HSET', 'wallet', hex, randomBytes], WORKER_FRAMES.hset);
      if (created.type === 'integer' && created.value === 0) info('We already had that coin');
    };
    const workLoop = async (): Promise<void> => {
      let deadline = 0;
      let loopsDone = 0;
      while (!killed) {
        if (ctx.now() > deadline) {
          info(`${loopsDone} units of work done, updating hash counter`);
          await redis(['INCRBY', 'hashes', String(loopsDone)], WORKER_FRAMES.incrby);
          loopsDone = 0;
          deadline = ctx.now() + 1000;
        }
        await workOnce();
        loopsDone++;
      }
    };
    const main = async (): Promise<void> => {
      while (!killed) {
        try {
          await workLoop();
        } catch (e) {
          if (killed) return;
          if (!(e instanceof PyError)) throw e;
          ctx.log('ERROR:__main__:In work loop:', 'stderr');
          for (const l of e.lines) ctx.log(l, 'stderr');
          ctx.log('ERROR:__main__:Waiting 10s and restarting.', 'stderr');
          await sleep(10_000);
        }
      }
    };
    void main();
    return {
      listens: [],
      stop(signal) {
        if (signal === 'SIGKILL') killed = true;
        return pyStop(signal);
      },
    };
  });
}


