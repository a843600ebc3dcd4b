import { describe, it, expect } from 'vitest';
import { fakeContext, T0 } from '../fake-context';
import { resolveImage } from '../registry';
import type { ContainerEnv, ImageBehaviour } from '../types';
import { ContainerStartError, SIGNAL_IGNORED } from '../types';
import { effectiveArgv } from './common';

const image = (ref: string): ImageBehaviour => {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(r.message);
  return r.behaviour;
};
const env = (over: Partial<ContainerEnv> = {}): ContainerEnv => ({
  podName: 'httpenv-6fdc8554fb-7bq2n', namespace: 'default', podIP: '10.244.1.8', nodeName: 'minikube',
  hostname: 'httpenv-6fdc8554fb-7bq2n', containerName: 'httpenv', env: {}, ...over,
});

describe('effectiveArgv', () => {
  // Models the command/args table of the Kubernetes docs "Define a Command and Arguments for a Container".
  it('combines image ENTRYPOINT/CMD with command/args like the kubelet', () => {
    const b = { defaultEntrypoint: ['/ep-1'], defaultCmd: ['foo', 'bar'] };
    expect(effectiveArgv(b, env())).toEqual(['/ep-1', 'foo', 'bar']);
    expect(effectiveArgv(b, env({ command: ['/ep-2'] }))).toEqual(['/ep-2']);
    expect(effectiveArgv(b, env({ args: ['zoo', 'boo'] }))).toEqual(['/ep-1', 'zoo', 'boo']);
    expect(effectiveArgv(b, env({ command: ['/ep-2'], args: ['zoo', 'boo'] }))).toEqual(['/ep-2', 'zoo', 'boo']);
  });
});

describe('jpetazzo/httpenv', () => {
  it('answers any request with the environment as sorted JSON, HOSTNAME = pod name', async () => {
    const ctx = fakeContext();
    const p = image('jpetazzo/httpenv').start(env({ env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', MSG: '<a&b>' } }), ctx);
    expect(ctx.lines).toEqual([{ at: T0, stream: 'stdout', line: 'Starting httpenv listening on port 8888.' }]);
    expect(p.listens).toEqual([{ port: 8888, protocol: 'TCP' }]);
    const res = await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.8:8888/anything', headers: {} }, { ip: '10.244.0.1' });
    expect(res.body).toBe(
      '{"HOME":"/root","HOSTNAME":"httpenv-6fdc8554fb-7bq2n","KUBERNETES_SERVICE_HOST":"10.96.0.1","KUBERNETES_SERVICE_PORT":"443",' +
        '"MSG":"\\u003ca\\u0026b\\u003e","PATH":"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}',
    );
    expect(JSON.parse(res.body).HOSTNAME).toBe('httpenv-6fdc8554fb-7bq2n');
    expect(res.headers['Content-Type']).toBe('text/plain; charset=utf-8');
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: 0, code: 2 });
  });
});

describe('redis', () => {
  it('prints the Redis 7.4 banner, serves commands and shuts down on SIGTERM', () => {
    const ctx = fakeContext();
    const p = image('redis').start(env(), ctx);
    ctx.advance(10);
    expect(ctx.text()).toEqual([
      '1:C 22 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:C 22 Nov 2026 10:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
      '1:C 22 Nov 2026 10:00:00.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      '1:M 22 Nov 2026 10:00:00.002 * monotonic clock: POSIX clock_gettime',
      '1:M 22 Nov 2026 10:00:00.002 * Running mode=standalone, port=6379.',
      '1:M 22 Nov 2026 10:00:00.002 * Server initialized',
      '1:M 22 Nov 2026 10:00:00.002 * Ready to accept connections tcp',
    ]);
    expect(p.listens).toEqual([{ port: 6379, protocol: 'TCP' }]);
    expect(p.redisCommand!(['INCR', 'hits'])).toEqual({ type: 'integer', value: 1 });
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: 100, code: 0 });
    expect(ctx.text().slice(7)).toEqual([
      '1:signal-handler (1795341600) Received SIGTERM scheduling shutdown...',
      '1:M 22 Nov 2026 10:00:00.010 # User requested shutdown...',
      '1:M 22 Nov 2026 10:00:00.010 * Saving the final RDB snapshot before exiting.',
      '1:M 22 Nov 2026 10:00:00.010 * DB saved on disk',
      '1:M 22 Nov 2026 10:00:00.010 # Redis is now ready to exit, bye bye...',
    ]);
  });
});

describe('redis 7.0', () => {
  it('logs "Server initialized" as a warning and no listener type', () => {
    const ctx = fakeContext();
    image('redis:7.0').start(env(), ctx);
    ctx.advance(10);
    expect(ctx.text().slice(-2)).toEqual(['1:M 22 Nov 2026 10:00:00.002 # Server initialized', '1:M 22 Nov 2026 10:00:00.002 * Ready to accept connections']);
  });
});

describe('OS images', () => {
  it('busybox, alpine and ubuntu default shells exit 0 at once (CrashLoopBackOff material)', () => {
    for (const ref of ['busybox', 'alpine', 'ubuntu', 'debian']) {
      const ctx = fakeContext();
      image(ref).start(env(), ctx);
      expect(ctx.exited, ref).toEqual({ code: 0, reason: 'Completed', at: T0 });
    }
  });
  it('busybox runs ping from args; ubuntu has no ping', () => {
    const ctx = fakeContext();
    const p = image('busybox').start(env({ command: ['ping', '1.1.1.1'] }), ctx);
    expect(ctx.text()[0]).toBe('PING 1.1.1.1 (1.1.1.1): 56 data bytes');
    expect(p.stop('SIGTERM').exitAfterMs).toBe(SIGNAL_IGNORED);
    expect(() => image('ubuntu').start(env({ command: ['ping', '1.1.1.1'] }), fakeContext())).toThrow(ContainerStartError);
    expect(() => image('alpine').start(env({ args: ['foo'] }), fakeContext())).toThrow(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
    );
  });
  it('python exits 0 without a TTY and serves http.server when asked', async () => {
    const ctx = fakeContext();
    image('python:3.12-slim').start(env(), ctx);
    ctx.advance(100);
    expect(ctx.exited?.code).toBe(0);
    const ctx2 = fakeContext();
    const p = image('python').start(env({ command: ['python3', '-m', 'http.server', '8000'] }), ctx2);
    expect(p.listens).toEqual([{ port: 8000, protocol: 'TCP' }]);
    await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.8:8000/', headers: {} }, { ip: '10.244.0.1' });
    expect(ctx2.text()).toEqual([
      'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...',
      '10.244.0.1 - - [22/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 -',
    ]);
  });
});

describe('httpd', () => {
  it('logs AH00558 and serves "It works!" with the common log format', async () => {
    const ctx = fakeContext();
    const b = image('httpd');
    expect(b.stopSignal).toBe('SIGWINCH');
    const p = b.start(env(), ctx);
    expect(ctx.text().slice(0, 2)).toEqual([
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.8. Set the 'ServerName' directive globally to suppress this message",
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.8. Set the 'ServerName' directive globally to suppress this message",
    ]);
    expect(ctx.text()[2]).toMatch(/^\[Sun Nov 22 10:00:00\.000\d{3} 2026\] \[mpm_event:notice\] \[pid 1:tid 1\] AH00489: Apache\/2\.4\.62 \(Unix\) configured -- resuming normal operations$/);
    expect(ctx.text()[3]).toMatch(/^\[Sun Nov 22 10:00:00\.000\d{3} 2026\] \[core:notice\] \[pid 1:tid 1\] AH00094: Command line: 'httpd -D FOREGROUND'$/);
    const res = await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.8/', headers: {} }, { ip: '10.244.0.1' });
    expect(res.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(ctx.text()[4]).toBe('10.244.0.1 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 45');
  });
});

describe('node and control-plane images', () => {
  it('pause logs nothing and exits 0 on SIGTERM', () => {
    const ctx = fakeContext();
    const p = image('registry.k8s.io/pause:3.10').start(env(), ctx);
    expect(ctx.lines).toEqual([]);
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: 0, code: 0 });
    expect(ctx.text()).toEqual(['Shutting down, got signal: Terminated']);
    expect(() => image('registry.k8s.io/pause:3.10').start(env({ command: ['sh'] }), fakeContext())).toThrow(/exec: "sh": executable file not found in \$PATH/);
  });
  it('kube-apiserver prints klog lines with increasing microseconds and serves /livez', async () => {
    const ctx = fakeContext();
    const p = image('registry.k8s.io/kube-apiserver:v1.32.0').start(env({ podIP: '192.168.49.2', command: ['kube-apiserver', '--advertise-address=192.168.49.2'] }), ctx);
    ctx.advance(2000);
    const t = ctx.text();
    expect(t[0]).toMatch(/^I1122 10:00:00\.000\d{3}       1 options\.go:238\] external host was not specified, using 192\.168\.49\.2$/);
    expect(t[1]).toMatch(/^I1122 10:00:00\.002\d{3}       1 server\.go:143\] Version: v1\.32\.0$/);
    expect(t[1]! < t[2]!).toBe(true);
    expect((await p.handleHttp!({ method: 'GET', url: 'https://192.168.49.2:8443/livez', headers: {} }, { ip: '192.168.49.2' })).body).toBe('ok');
  });
  it('etcd logs zap JSON, coredns its banner and /health', async () => {
    const ectx = fakeContext();
    image('registry.k8s.io/etcd:3.5.16-0').start(env({ podIP: '192.168.49.2', command: ['etcd', '--name=minikube'] }), ectx);
    ectx.advance(1000);
    expect(ectx.text().map((l) => JSON.parse(l).msg)).toEqual([
      'configuring peer listeners', 'configuring client listeners', 'starting an etcd server',
      'published local member to cluster through raft', 'ready to serve client requests', 'notifying init daemon',
    ]);
    const cctx = fakeContext();
    const c = image('registry.k8s.io/coredns/coredns:v1.11.3').start(env({ args: ['-conf', '/etc/coredns/Corefile'] }), cctx);
    const t = cctx.text();
    expect([t[0], t[2], t[3]]).toEqual(['.:53', 'CoreDNS-1.11.3', 'linux/amd64, go1.21.11, a6338e9']);
    expect(t[1]).toMatch(/^\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}$/);
    expect(c.listens).toContainEqual({ port: 53, protocol: 'UDP' });
    expect((await c.handleHttp!({ method: 'GET', url: 'http://10.244.0.2:8080/health', headers: {} }, { ip: '10.244.0.1' })).body).toBe('OK');
  });
});
