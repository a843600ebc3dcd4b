import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../engine';
import type { Cluster } from '../../engine';
import { createApiHttpServer, listen, ListenError } from './server';
import { RealTimePacer } from './pacer';
import { kubeconfigYaml } from './kubeconfig';
import type { Server } from 'node:http';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(port: number, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('the HTTP API server', () => {
  let cluster: Cluster;
  let server: Server;
  let pacer: RealTimePacer;
  let port = 0;
  beforeAll(async () => {
    cluster = createCluster({ seed: 3 });
    pacer = new RealTimePacer(cluster.clock, { speed: 0 });
    server = createApiHttpServer((req) => cluster.request(req), { onActivity: () => pacer.kick() });
    port = await listen(server, 0);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('answers /version as JSON', async () => {
    const r = await call(port, 'GET', '/version');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
  });

  it('creates from a protobuf body and answers 404 Status as JSON', async () => {
    const pb = Buffer.from(readFileSync(new URL('./testdata/create-configmaps.hex', import.meta.url), 'utf8').trim(), 'hex');
    const created = await call(port, 'POST', '/api/v1/namespaces/default/configmaps', pb, { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'dev', x: 'y' } });
    const missing = await call(port, 'GET', '/api/v1/namespaces/default/configmaps/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"configmaps"},"code":404}');
  });

  it('answers a bad protobuf body with a 400 Status', async () => {
    const r = await call(port, 'POST', '/api/v1/namespaces/default/configmaps', Buffer.from('nope'), { 'content-type': 'application/vnd.kubernetes.protobuf' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the object provided is unrecognized: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('streams a watch as one JSON event per line', async () => {
    const lines: string[] = [];
    const got = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dw1' }, (res) => {
        expect(res.headers['transfer-encoding']).toBe('chunked');
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString('utf8');
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            lines.push(buf.slice(0, i));
            buf = buf.slice(i + 1);
            if (lines.length === 2) {
              req.destroy();
              resolve();
            }
          }
        });
      });
      req.on('error', (e) => (lines.length < 2 ? reject(e) : undefined));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 20));
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1' }, data: { a: '1' } });
    expect((await call(port, 'POST', '/api/v1/namespaces/default/configmaps', body, { 'content-type': 'application/json' })).status).toBe(201);
    const patch = JSON.stringify({ data: { a: '2' } });
    expect((await call(port, 'PATCH', '/api/v1/namespaces/default/configmaps/w1', patch, { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
    await got;
    const events = lines.map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string }; data: Record<string, string> } });
    expect(events.map((e) => [e.type, e.object.metadata.name, e.object.data.a])).toEqual([
      ['ADDED', 'w1', '1'],
      ['MODIFIED', 'w1', '2'],
    ]);
  });

  it('says clearly when the port is taken', async () => {
    const other = createApiHttpServer((req) => cluster.request(req));
    await expect(listen(other, port)).rejects.toThrow(
      new ListenError(`port ${port} on 127.0.0.1 is already in use (is another "npm run serve" running?); choose another with --port`),
    );
  });
});

describe('kubeconfig', () => {
  it('has one cluster, user and context named timonel, made current', () => {
    expect(kubeconfigYaml('http://127.0.0.1:8001')).toBe(`apiVersion: v1
kind: Config
clusters:
- cluster:
    insecure-skip-tls-verify: true
    server: http://127.0.0.1:8001
  name: timonel
contexts:
- context:
    cluster: timonel
    namespace: default
    user: timonel
  name: timonel
current-context: timonel
preferences: {}
users:
- name: timonel
  user: {}
`);
  });
});

describe('RealTimePacer', () => {
  it('moves virtual time by wall time × speed, and kick() runs only work due now', async () => {
    const cluster = createCluster({ seed: 1, bootstrap: false, nodes: [] });
    let wall = 1000;
    const pacer = new RealTimePacer(cluster.clock, { speed: 2, frameMs: 5, now: () => wall });
    const start = cluster.clock.now();
    let ranAt = -1;
    cluster.clock.schedule(0, () => (ranAt = cluster.clock.now()), 'test');
    pacer.kick();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(ranAt).toBe(start);
    expect(cluster.clock.now()).toBe(start);
    pacer.start();
    wall += 100;
    await new Promise((r) => setTimeout(r, 30));
    pacer.stop();
    expect(cluster.clock.now()).toBe(start + 200);
  });
});
