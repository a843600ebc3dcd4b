import { describe, it, expect } from 'vitest';
import { fakeContext, T0 } from '../fake-context';
import { resolveImage } from '../registry';
import type { ContainerEnv, ImageBehaviour } from '../types';
import { errorPage, welcomePage } from './nginx';

const env: ContainerEnv = {
  podName: 'web-5d7f8c9b4-x2x7q', namespace: 'default', podIP: '10.244.1.5', nodeName: 'minikube',
  hostname: 'web-5d7f8c9b4-x2x7q', containerName: 'nginx', env: {},
};
const image = (ref: string): ImageBehaviour => {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(r.message);
  return r.behaviour;
};
const curl = { 'User-Agent': 'curl/7.81.0', Accept: '*/*', Host: '10.244.1.5' };

describe('nginx image', () => {
  it('prints the entrypoint and startup notices of nginx 1.27', () => {
    const ctx = fakeContext();
    image('nginx').start(env, ctx);
    expect(ctx.lines.map((l) => `${l.stream} ${l.line}`)).toEqual([
      'stdout /docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      'stdout /docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      'stdout /docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      'stdout 10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      'stdout 10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      'stdout /docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      'stdout /docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      'stdout /docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      'stdout /docker-entrypoint.sh: Configuration complete; ready for start up',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: using the "epoll" event method',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: nginx/1.27.3',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: OS: Linux 6.8.0-49-generic',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: start worker processes',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: start worker process 32',
      'stderr 2026/11/22 10:00:00 [notice] 1#1: start worker process 33',
    ]);
  });

  it('serves the 615-byte welcome page and logs the combined format', async () => {
    const ctx = fakeContext();
    const p = image('nginx:latest').start(env, ctx);
    expect(p.listens).toEqual([{ port: 80, protocol: 'TCP' }]);
    ctx.advance(5000);
    const before = ctx.lines.length;
    const res = await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.5/', headers: curl }, { ip: '10.244.1.1' });
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({
      Server: 'nginx/1.27.3',
      Date: 'Sun, 22 Nov 2026 10:00:05 GMT',
      'Content-Type': 'text/html',
      'Content-Length': '615',
      'Last-Modified': 'Wed, 20 Nov 2024 15:04:29 GMT',
      Connection: 'keep-alive',
      ETag: '"673dfa7d-267"',
      'Accept-Ranges': 'bytes',
    });
    expect(res.body).toBe(welcomePage('1.27.3'));
    expect(res.body.length).toBe(615);
    expect(res.body).toContain('<h1>Welcome to nginx!</h1>');
    expect(ctx.lines.slice(before)).toEqual([
      { at: T0 + 5000, stream: 'stdout', line: '10.244.1.1 - - [22/Nov/2026:10:00:05 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.81.0" "-"' },
    ]);
  });

  it('answers 404 with the error page and an error log line', async () => {
    const ctx = fakeContext();
    const p = image('nginx').start(env, ctx);
    const before = ctx.lines.length;
    const res = await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.5/missing?x=1', headers: curl }, { ip: '10.244.1.1' });
    expect(res.status).toBe(404);
    expect(res.body).toBe(
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n',
    );
    expect(ctx.text().slice(before)).toEqual([
      '2026/11/22 10:00:00 [error] 33#33: *1 open() "/usr/share/nginx/html/missing" failed (2: No such file or directory), client: 10.244.1.1, server: localhost, request: "GET /missing?x=1 HTTP/1.1", host: "10.244.1.5"',
      '10.244.1.1 - - [22/Nov/2026:10:00:00 +0000] "GET /missing?x=1 HTTP/1.1" 404 153 "-" "curl/7.81.0" "-"',
    ]);
    // Chrome gets the "friendly error page" padding: 555 bytes, as real nginx logs show.
    const chrome = await p.handleHttp!(
      { method: 'GET', url: 'http://localhost:8000/favicon.ico', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36' } },
      { ip: '10.244.1.1' },
    );
    expect(chrome.body.length).toBe(errorPage(404, '1.25.1').length + 402);
    expect(chrome.body.length).toBe(555);
  });

  it('answers POST with 405 and HEAD with headers only', async () => {
    const ctx = fakeContext();
    const p = image('nginx').start(env, ctx);
    const post = await p.handleHttp!({ method: 'POST', url: 'http://10.244.1.5/', headers: curl, body: 'x=1' }, { ip: '10.244.1.1' });
    expect(post.status).toBe(405);
    expect(post.body).toContain('<title>405 Not Allowed</title>');
    const head = await p.handleHttp!({ method: 'HEAD', url: 'http://10.244.1.5/', headers: curl }, { ip: '10.244.1.1' });
    expect(head.body).toBe('');
    expect(head.headers['Content-Length']).toBe('615');
    expect(ctx.text().slice(-1)).toEqual(['10.244.1.1 - - [22/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.81.0" "-"']);
  });

  it('nginx:1.17.6 starts silently (no entrypoint scripts, warn level) and serves the 612-byte page', async () => {
    const ctx = fakeContext();
    const p = image('nginx:1.17.6').start(env, ctx);
    expect(ctx.lines).toEqual([]);
    const res = await p.handleHttp!({ method: 'GET', url: 'http://10.244.1.5/', headers: curl }, { ip: '10.244.1.1' });
    expect(res.headers.Server).toBe('nginx/1.17.6');
    expect(res.body.length).toBe(612);
    expect(ctx.text()).toEqual(['10.244.1.1 - - [22/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.81.0" "-"']);
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: 10, code: 0 });
    expect(ctx.text()).toHaveLength(1);
  });

  it('shuts down gracefully on its SIGQUIT stop signal', () => {
    const ctx = fakeContext();
    const b = image('nginx');
    expect(b.stopSignal).toBe('SIGQUIT');
    const p = b.start(env, ctx);
    const before = ctx.lines.length;
    expect(p.stop('SIGTERM')).toEqual({ exitAfterMs: 10, code: 0 });
    expect(ctx.text().slice(before)).toEqual([
      '2026/11/22 10:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
      '2026/11/22 10:00:00 [notice] 32#32: gracefully shutting down',
      '2026/11/22 10:00:00 [notice] 33#33: gracefully shutting down',
      '2026/11/22 10:00:00 [notice] 32#32: exiting',
      '2026/11/22 10:00:00 [notice] 33#33: exiting',
      '2026/11/22 10:00:00 [notice] 32#32: exit',
      '2026/11/22 10:00:00 [notice] 33#33: exit',
      '2026/11/22 10:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 32',
      '2026/11/22 10:00:00 [notice] 1#1: worker process 32 exited with code 0',
      '2026/11/22 10:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 33',
      '2026/11/22 10:00:00 [notice] 1#1: worker process 33 exited with code 0',
      '2026/11/22 10:00:00 [notice] 1#1: exit',
    ]);
  });

  it('runs overridden commands in the Debian userland', () => {
    const ctx = fakeContext();
    image('nginx').start({ ...env, command: ['sh', '-c', 'echo $NGINX_VERSION; exit 4'] }, ctx);
    expect(ctx.text()).toEqual(['1.27.3']);
    expect(ctx.exited).toEqual({ code: 4, reason: 'Error', at: T0 });
    const ctx2 = fakeContext();
    expect(() => image('nginx').start({ ...env, args: ['ping', 'x'] }, ctx2)).toThrow(/exec: "ping": executable file not found in \$PATH/);
    const ctx3 = fakeContext();
    image('nginx:alpine').start({ ...env, args: ['nginx', '-g', 'daemon off;'] }, ctx3);
    expect(ctx3.text()[11]).toBe('2026/11/22 10:00:00 [notice] 1#1: built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ');
  });
});
