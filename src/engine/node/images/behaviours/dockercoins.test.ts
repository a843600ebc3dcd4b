import { describe, it, expect } from 'vitest';
import { fakeContext, T0 } from '../fake-context';
import type { FakeContext } from '../fake-context';
import { urlHost } from '../format';
import { resolveImage } from '../registry';
import { sha256Hex } from '../sha256';
import type { ContainerEnv, HttpRequest, HttpResponse, ImageBehaviour, RedisReply, RunningProcess } from '../types';
import { NetError, SIGNAL_IGNORED } from '../types';

const image = (ref: string): ImageBehaviour => {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(r.message);
  return r.behaviour;
};
const env = (name: string, ip: string): ContainerEnv => ({
  podName: name, namespace: 'default', podIP: ip, nodeName: 'minikube', hostname: name, containerName: name.split('-')[0]!, env: {},
});

interface App {
  root: FakeContext;
  ctx: Record<'redis' | 'rng' | 'hasher' | 'worker' | 'webui', FakeContext>;
  proc: Record<'redis' | 'rng' | 'hasher' | 'worker' | 'webui', RunningProcess>;
}

function deploy(): App {
  const root = fakeContext();
  const procs: Partial<App['proc']> = {};
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    const host = urlHost(req.url).split(':')[0]!;
    const p = host === 'rng' || host === 'hasher' ? procs[host] : undefined;
    if (!p?.handleHttp) throw new NetError('ENOTFOUND');
    return p.handleHttp(req, { ip: '10.244.2.5' });
  };
  const redis = async (t: { host: string }, args: string[]): Promise<RedisReply> => {
    if (t.host !== 'redis' || !procs.redis?.redisCommand) throw new NetError('ENOTFOUND');
    return procs.redis.redisCommand(args);
  };
  const ctx = { redis: root, rng: root.fork(), hasher: root.fork(), worker: root.fork({ http, redis }), webui: root.fork({ redis }) };
  procs.redis = image('redis').start(env('redis-6b9f8-aaaaa', '10.244.1.10'), ctx.redis);
  procs.rng = image('dockercoins/rng:v0.1').start(env('rng-7c5d6-bbbbb', '10.244.1.11'), ctx.rng);
  procs.hasher = image('dockercoins/hasher:v0.1').start(env('hasher-5f7d8-ccccc', '10.244.1.12'), ctx.hasher);
  procs.webui = image('dockercoins/webui:v0.1').start(env('webui-6d8c9-ddddd', '10.244.1.13'), ctx.webui);
  procs.worker = image('dockercoins/worker:v0.1').start(env('worker-8b7f6-eeeee', '10.244.2.5'), ctx.worker);
  return { root, ctx, proc: procs as App['proc'] };
}

describe('dockercoins', () => {
  it('starts each service with its real startup lines', () => {
    const app = deploy();
    expect(app.ctx.rng.lines).toEqual([{ at: T0, stream: 'stderr', line: ' * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)' }]);
    expect(app.ctx.hasher.lines.map((l) => `${l.stream} ${l.line}`)).toEqual([
      'stderr == Sinatra (v2.0.0) has taken the stage on 80 for development with backup from Thin',
      'stdout Thin web server (v1.7.2 codename Bachmanity)',
      'stdout Maximum connections set to 1024',
      'stdout Listening on 0.0.0.0:80, CTRL+C to stop',
    ]);
    expect(app.ctx.webui.text()).toEqual(['WEBUI running on port 80']);
    expect(app.proc.rng.listens).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(app.proc.worker.listens).toEqual([]);
  });

  it('mines: worker → rng (100 ms) → hasher (100 ms) → redis, about 3 units per second', async () => {
    const app = deploy();
    await app.root.advanceAsync(3050);
    const w = app.ctx.worker.lines;
    expect(w.filter((l) => l.line.includes('units of work done')).map((l) => `${l.at - T0} ${l.line}`)).toEqual([
      '0 INFO:__main__:0 units of work done, updating hash counter',
      '1200 INFO:__main__:4 units of work done, updating hash counter',
      '2400 INFO:__main__:4 units of work done, updating hash counter',
    ]);
    expect(w.every((l) => l.stream === 'stderr')).toBe(true);
    const coins = w.filter((l) => l.line.startsWith('INFO:__main__:Coin found: '));
    for (const c of coins) expect(c.line).toMatch(/^INFO:__main__:Coin found: 0[0-9a-f]{7}\.\.\.$/);
    // rng serves GET /32 after its 100 ms sleep, werkzeug-style log line
    expect(app.ctx.rng.lines.slice(1, 3).map((l) => `${l.at - T0} ${l.line}`)).toEqual([
      '200 10.244.2.5 - - [22/Nov/2026 10:00:00] "GET /32 HTTP/1.1" 200 -',
      '500 10.244.2.5 - - [22/Nov/2026 10:00:00] "GET /32 HTTP/1.1" 200 -',
    ]);
    const h = app.ctx.hasher.lines[4]!;
    expect(h.at - T0).toBe(300);
    expect(h.line).toMatch(/^10\.244\.2\.5 - - \[22\/Nov\/2026:10:00:00 \+0000\] "POST \/ HTTP\/1\.1" 200 64 0\.10\d\d$/);
    expect(app.proc.redis.redisCommand!(['GET', 'hashes'])).toEqual({ type: 'bulk', value: '8' });
    expect(app.proc.redis.redisCommand!(['HLEN', 'wallet'])).toEqual({ type: 'integer', value: coins.length });

    const json = await app.proc.webui.handleHttp!({ method: 'GET', url: 'http://webui/json', headers: {} }, { ip: '10.244.0.1' });
    expect(JSON.parse(json.body)).toEqual({ coins: coins.length, hashes: '8', now: (T0 + 3050) / 1000 });
    const root = await app.proc.webui.handleHttp!({ method: 'GET', url: 'http://webui/', headers: {} }, { ip: '10.244.0.1' });
    expect(root.status).toBe(302);
    expect(root.headers.Location).toBe('/index.html');
    expect(root.body).toBe('Found. Redirecting to /index.html');
  });

  it('rng answers 32 random bytes, one request at a time; hasher answers sha256 of the body', async () => {
    const root = fakeContext();
    const rctx = root.fork();
    const hctx = root.fork();
    const rng = image('dockercoins/rng:v0.1').start(env('rng-7c5d6-bbbbb', '10.244.1.11'), rctx);
    const hasher = image('dockercoins/hasher:v0.1').start(env('hasher-5f7d8-ccccc', '10.244.1.12'), hctx);
    const from = { ip: '10.244.0.9' };
    const a = rng.handleHttp!({ method: 'GET', url: 'http://rng/32', headers: {} }, from);
    const b = rng.handleHttp!({ method: 'GET', url: 'http://rng/32', headers: {} }, from);
    const banner = rng.handleHttp!({ method: 'GET', url: 'http://rng/', headers: {} }, from);
    await root.advanceAsync(250);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.body.length).toBe(32);
    expect(ra.headers['Content-Type']).toBe('application/octet-stream');
    expect(rb.body).not.toBe(ra.body);
    expect((await banner).body).toBe('RNG running on rng-7c5d6-bbbbb\n');
    expect(rctx.lines.slice(1).map((l) => `${l.at - T0} ${l.line}`)).toEqual([
      '100 10.244.0.9 - - [22/Nov/2026 10:00:00] "GET /32 HTTP/1.1" 200 -',
      '200 10.244.0.9 - - [22/Nov/2026 10:00:00] "GET /32 HTTP/1.1" 200 -',
      '200 10.244.0.9 - - [22/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 -',
    ]);
    const hp = hasher.handleHttp!({ method: 'POST', url: 'http://hasher/', headers: {}, body: 'hello' }, from);
    const hget = hasher.handleHttp!({ method: 'GET', url: 'http://hasher/', headers: {} }, from);
    await root.advanceAsync(150);
    expect((await hp).body).toBe(sha256Hex('hello'));
    expect((await hp).body).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect((await hget).body).toBe('HASHER running on hasher-5f7d8-ccccc\n');
    expect(hctx.lines.slice(4).map((l) => l.at - T0)).toEqual([350, 350]);
    expect(hasher.stop('SIGTERM')).toEqual({ exitAfterMs: 5, code: 0 });
    expect(hctx.text().slice(-2)).toEqual(['Stopping ...', '== Sinatra has ended his set (crowd applauds)']);
  });

  it('worker without redis prints the Python traceback and retries every 10 s', async () => {
    const root = fakeContext();
    const ctx = root.fork();
    const p = image('dockercoins/worker:v0.1').start(env('worker-8b7f6-eeeee', '10.244.2.5'), ctx);
    await root.advanceAsync(10_500, 50);
    const t = ctx.text();
    expect(t[0]).toBe('INFO:__main__:0 units of work done, updating hash counter');
    expect(t[1]).toBe('ERROR:__main__:In work loop:');
    expect(t[2]).toBe('Traceback (most recent call last):');
    expect(t).toContain('During handling of the above exception, another exception occurred:');
    expect(t).toContain('    redis.incrby("hashes", loops_done)');
    const last = t.indexOf('redis.exceptions.ConnectionError: Error -2 connecting to redis:6379. Name does not resolve.');
    expect(last).toBeGreaterThan(2);
    expect(t[last + 1]).toBe('ERROR:__main__:Waiting 10s and restarting.');
    expect(t[last + 2]).toBe('INFO:__main__:0 units of work done, updating hash counter');
    expect(ctx.lines[last + 2]!.at - T0).toBe(10_000);
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: SIGNAL_IGNORED, code: 137 });
  });

  it('worker with redis but no rng prints the requests ConnectionError', async () => {
    const root = fakeContext();
    const redisProc = image('redis').start(env('redis', '10.244.1.10'), root);
    const ctx = root.fork({
      redis: async (_t, args) => redisProc.redisCommand!(args),
      http: async () => {
        throw new NetError('ECONNREFUSED');
      },
    });
    image('dockercoins/worker:v0.1').start(env('worker', '10.244.2.5'), ctx);
    await root.advanceAsync(200, 10);
    const t = ctx.text();
    expect(t.slice(0, 2)).toEqual(['INFO:__main__:0 units of work done, updating hash counter', 'ERROR:__main__:In work loop:']);
    expect(t).toContain('    r = requests.get("http://rng/32")');
    const err = t.find((l) => l.startsWith('requests.exceptions.ConnectionError'));
    expect(err).toMatch(
      /^requests\.exceptions\.ConnectionError: HTTPConnectionPool\(host='rng', port=80\): Max retries exceeded with url: \/32 \(Caused by NewConnectionError\('<urllib3\.connection\.HTTPConnection object at 0x7f[0-9a-f]{10}>: Failed to establish a new connection: \[Errno 111\] Connection refused',\)\)$/,
    );
    expect(t[t.length - 1]).toBe('ERROR:__main__:Waiting 10s and restarting.');
  });

  it('webui logs node_redis errors when redis cannot be resolved', async () => {
    const root = fakeContext();
    const ctx = root.fork();
    const p = image('dockercoins/webui:v0.1').start(env('webui', '10.244.1.13'), ctx);
    await root.advanceAsync(10);
    expect(ctx.text()).toEqual([
      'Redis error { [Error: Redis connection to redis:6379 failed - getaddrinfo ENOTFOUND redis redis:6379]',
      "  code: 'ENOTFOUND',",
      "  errno: 'ENOTFOUND',",
      "  syscall: 'getaddrinfo',",
      "  hostname: 'redis',",
      "  host: 'redis',",
      '  port: 6379 }',
      'WEBUI running on port 80',
    ]);
    const json = await p.handleHttp!({ method: 'GET', url: 'http://webui/json', headers: {} }, { ip: '10.244.0.1' });
    expect(json.body).toBe(`{"now":${(T0 + 10) / 1000}}`);
    await root.advanceAsync(200);
    expect(ctx.text().filter((l) => l.startsWith('Redis error'))).toHaveLength(2);
  });
});
