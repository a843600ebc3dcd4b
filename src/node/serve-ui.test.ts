// `npm run serve` with the UI: the built files on the API's port (SPA fallback, API paths left
// to the API) and the page's transport attached to the served engine over the WebSocket
// (remote-host.ts): snapshot, a batch for a change the real kubectl would make over HTTP, the
// served shell and clock. A fake dist/ stands in for `npm run build`. (host.ts's EngineClient,
// which wraps the transport, needs browser globals, so messages are matched here by hand.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../engine';
import { PROTOCOL_VERSION } from '../worker/protocol';
import type { WorkerMessage } from '../worker/protocol';
import { createWebSocketTransport, remoteEngineUrl } from '../worker/remote-host';
import type { WebSocketLike } from '../worker/remote-host';
import { startServe } from './serve';
import type { Served } from './serve';
import { connectWebSocket } from './http/ws';
import type { WsConnection } from './http/ws';

const INDEX = '<!doctype html>\n<html><head><title>Timonel</title><script type="module" src="/assets/app.js"></script></head><body></body></html>\n';

/** A browser-like WebSocket over ws.ts's client, for the transport under test. */
function nodeWebSocket(url: string): WebSocketLike {
  const on: Record<string, ((e: { data: unknown }) => void)[]> = { open: [], message: [], close: [], error: [] };
  let conn: WsConnection | undefined;
  let state = 0;
  connectWebSocket(url).then(
    (c) => {
      conn = c;
      state = 1;
      c.onMessage((m) => on.message.forEach((cb) => cb({ data: m.data.toString('utf8') })));
      c.onClose(() => {
        state = 3;
        on.close.forEach((cb) => cb({ data: undefined }));
      });
      on.open.forEach((cb) => cb({ data: undefined }));
    },
    () => on.error.forEach((cb) => cb({ data: undefined })),
  );
  return {
    get readyState() {
      return state;
    },
    send: (d: string) => conn?.sendText(d),
    close: () => conn?.close(),
    addEventListener: (type: string, cb: (e: { data: unknown }) => void) => void on[type].push(cb),
  } as WebSocketLike;
}

describe('remoteEngineUrl', () => {
  it('attaches when asked by ?server= or by the served page, else runs the worker', () => {
    expect(remoteEngineUrl('http://localhost:5173/')).toBeUndefined();
    expect(remoteEngineUrl('http://localhost:5173/?server=http://127.0.0.1:8001')).toBe('ws://127.0.0.1:8001/timonel/engine');
    expect(remoteEngineUrl('http://localhost:5173/?server=127.0.0.1:9000')).toBe('ws://127.0.0.1:9000/timonel/engine');
    expect(remoteEngineUrl('https://play.example/x?server=same-origin')).toBe('wss://play.example/timonel/engine');
    expect(remoteEngineUrl('http://127.0.0.1:8001/labs', 'same-origin')).toBe('ws://127.0.0.1:8001/timonel/engine');
  });
});

describe('npm run serve with the UI', () => {
  let served: Served;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timonel-serve-ui-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), INDEX);
    writeFileSync(join(dir, 'dist', 'assets', 'app.js'), 'console.log(1);\n');
    writeFileSync(join(dir, 'secret.txt'), 'no\n');
    served = await startServe({ port: 0, seed: 1, speed: 0, host: '127.0.0.1', verbose: false, kubeconfig: join(dir, 'kubeconfig'), ui: join(dir, 'dist') });
  });
  afterAll(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string, accept = '*/*') => {
    const res = await fetch(served.url + path, { headers: { accept } });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('serves the page (marked as served), its files and the SPA fallback; API paths stay the API', async () => {
    const page = INDEX.replace('<script type="module"', '<script>globalThis.TIMONEL_SERVER="same-origin"</script><script type="module"');
    expect(await get('/', 'text/html,application/xhtml+xml')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: page });
    expect(await get('/labs/rollouts', 'text/html')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: page });
    expect(await get('/assets/app.js')).toEqual({ status: 200, type: 'text/javascript; charset=utf-8', body: 'console.log(1);\n' });
    // fetch() would normalise `..` away: send the raw path.
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpGet({ host: '127.0.0.1', port: new URL(served.url).port, path }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
    expect((await raw('/..%2Fsecret.txt')).status).toBe(404);
    expect((await raw('/assets/..%2F..%2Fsecret.txt')).status).toBe(404);
    const root = await get('/');
    expect(root.type).toBe('application/json');
    expect((JSON.parse(root.body) as { paths: string[] }).paths.slice(0, 3)).toEqual(['/api', '/api/v1', '/apis']);
    const nodes = await get('/api/v1/nodes', 'text/html');
    expect(nodes.type).toBe('application/json');
    expect((JSON.parse(nodes.body) as { kind: string }).kind).toBe('NodeList');
  });

  it('attaches the page to the served engine: snapshot, batches for HTTP writes, the served shell', async () => {
    const transport = createWebSocketTransport(remoteEngineUrl(`${served.url}/`, 'same-origin') ?? '', nodeWebSocket);
    const msgs: WorkerMessage[] = [];
    transport.subscribe((m) => msgs.push(m as WorkerMessage));
    const waitFor = async <T extends WorkerMessage>(pred: (m: WorkerMessage) => m is T): Promise<T> => {
      for (let i = 0; i < 400; i++) {
        const m = msgs.find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`timed out; got ${msgs.map((m) => m.type).join(', ')}`);
    };
    const v = PROTOCOL_VERSION;
    try {
      transport.send({ v, type: 'hello' });
      const snap = await waitFor((m): m is Extract<WorkerMessage, { type: 'snapshot' }> => m.type === 'snapshot');
      expect(snap.objects.nodes.map((n) => n.metadata?.name).sort()).toEqual(['node1', 'node2', 'node3']);
      expect(snap.clock).toEqual({ now: served.cluster.clock.now(), playing: false, speed: 1 });
      expect(snap.prompt).toBe('k8s@node1:~$ ');

      // What the real kubectl does over HTTP shows up in the page's next batch.
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'from-kubectl' } };
      const created = await fetch(`${served.url}/api/v1/namespaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ns) });
      expect(created.status).toBe(201);
      const stored = served.cluster.request({ method: 'GET', path: '/api/v1/namespaces/from-kubectl' }).body as KObject;
      const batch = await waitFor((m): m is Extract<WorkerMessage, { type: 'batch' }> => m.type === 'batch' && m.events.length > 0);
      expect(batch.events).toEqual([{ type: 'ADDED', resource: 'namespaces', object: stored }]);

      // The page's terminal runs in the served session, against the same cluster.
      transport.send({ v, type: 'shell.input', id: 101, line: 'kubectl get ns from-kubectl -o name' });
      await waitFor((m): m is Extract<WorkerMessage, { type: 'shell.complete' }> => m.type === 'shell.complete' && m.id === 101);
      const out = msgs.flatMap((m) => (m.type === 'shell.output' && m.id === 101 ? [m.data] : [])).join('');
      expect(out).toBe('namespace/from-kubectl\n');

      // The clock controls act on the served cluster.
      const before = served.cluster.clock.now();
      transport.send({ v, type: 'request', id: 102, method: 'time.step', params: { ms: 5000 } });
      const stepped = await waitFor((m): m is Extract<WorkerMessage, { type: 'response' }> => m.type === 'response' && m.id === 102);
      expect(stepped).toEqual({ v, type: 'response', id: 102, ok: true, result: { now: before + 5000, playing: false, speed: 1 } });
      expect(served.cluster.clock.now()).toBe(before + 5000);
    } finally {
      transport.close();
    }
  });
});
