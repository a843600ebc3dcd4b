// pods/portforward served to the real kubectl (v1.32+, skipped without one): `kubectl
// port-forward pod/web PORT:80` over the WebSocket-tunnelled SPDY it tries first and over the
// plain SPDY/3.1 upgrade it falls back to; a local HTTP client gets nginx's answer, the same
// one a curl from a node gets. Also the HTTP helpers and the answers before any upgrade.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine';
import { findKubectl } from '../parity/harness';
import { startServe } from '../serve';
import type { Served } from '../serve';
import { parseHttpRequest, serialiseHttpResponse, TUNNELING_PROTOCOL } from './portforward-bridge';
import { connectWebSocket } from './ws';

describe('HTTP over the data stream', () => {
  it('parses a request only once it is complete', () => {
    const req = Buffer.from('POST /x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:18080\r\nContent-Length: 5\r\n\r\nhello');
    expect(parseHttpRequest(req.subarray(0, 30))).toBeUndefined();
    expect(parseHttpRequest(req.subarray(0, req.length - 1))).toBeUndefined();
    expect(parseHttpRequest(req)).toEqual({ method: 'POST', target: '/x?y=1', headers: { host: '127.0.0.1:18080', 'content-length': '5' }, body: 'hello' });
  });

  it('serialises a response that closes the connection', () => {
    const res = { status: 404, headers: { Server: 'nginx/1.27.3', 'Content-Length': '1', Connection: 'keep-alive' }, body: 'héllo' };
    expect(serialiseHttpResponse(res, false).toString('utf8')).toBe('HTTP/1.1 404 Not Found\r\nServer: nginx/1.27.3\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhéllo');
    expect(serialiseHttpResponse(res, true).toString('utf8')).toBe('HTTP/1.1 404 Not Found\r\nServer: nginx/1.27.3\r\nContent-Length: 6\r\nConnection: close\r\n\r\n');
  });
});

const search = findKubectl();
const kubectl = search.path;

/** A local port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!kubectl)(`kubectl port-forward against npm run serve${kubectl ? '' : ` (skipped: ${search.why})`}`, () => {
  let served: Served;
  let dir = '';
  let podIP = '';
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timonel-pf-'));
    served = await startServe({ port: 0, seed: 1, speed: 20, host: '127.0.0.1', verbose: false, kubeconfig: join(dir, 'kubeconfig') });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { run: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    expect(served.cluster.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
    podIP = await waitFor('pod web Running', () => {
      const p = served.cluster.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).body as Pod;
      return p.status?.phase === 'Running' && p.status.podIP ? p.status.podIP : undefined;
    });
  }, 30_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill();
    await served?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `kubectl port-forward`, waits for its `Forwarding from` lines; returns the local port. */
  async function portForward(env: Record<string, string>, remote: number): Promise<{ port: number; out: () => string }> {
    const port = await freePort();
    const child = spawn(kubectl!, ['port-forward', 'pod/web', `${port}:${remote}`], {
      env: { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: served.kubeconfig, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += `[stderr] ${d.toString()}`));
    await waitFor('Forwarding from', () => (out.includes(`Forwarding from 127.0.0.1:${port} -> ${remote}\n`) ? true : child.exitCode !== null ? Promise.reject(new Error(out)) : undefined));
    return { port, out: () => out };
  }

  const fromNode = async () => (await served.cluster.network.nodeView('node1').http({ method: 'GET', url: `http://${podIP}/`, headers: {} })).response;

  for (const [name, env] of [
    ['WebSocket-tunnelled SPDY (the default)', {}],
    ['plain SPDY/3.1 (KUBECTL_PORT_FORWARD_WEBSOCKETS=false)', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }],
  ] as const) {
    it(`forwards HTTP to the pod over ${name}`, async () => {
      const pf = await portForward(env, 80);
      const expected = await fromNode();
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${pf.port}/`);
        expect(res.status).toBe(200);
        expect(res.headers.get('server')).toBe('nginx/1.27.3');
        expect(res.headers.get('content-length')).toBe('615');
        const body = await res.text();
        expect(body).toBe(expected.body);
        expect(body).toContain('<title>Welcome to nginx!</title>');
      }
      await waitFor('two connections handled', () => (pf.out().split(`Handling connection for ${pf.port}\n`).length === 3 ? true : undefined));
      expect(pf.out()).toBe(`Forwarding from 127.0.0.1:${pf.port} -> 80\nForwarding from [::1]:${pf.port} -> 80\nHandling connection for ${pf.port}\nHandling connection for ${pf.port}\n`);
    }, 30_000);
  }
});

describe('pods/portforward before the upgrade', () => {
  let served: Served;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timonel-pf-'));
    served = await startServe({ port: 0, seed: 1, speed: 0, host: '127.0.0.1', verbose: false, kubeconfig: join(dir, 'kubeconfig') });
  });
  afterAll(async () => {
    await served?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404 for a missing pod with the Status kubectl prints', async () => {
    await expect(connectWebSocket(`${served.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/nope/portforward`, [TUNNELING_PROTOCOL])).rejects.toThrow(
      'websocket: HTTP 404: {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}',
    );
  });
});
