// SERVE — `kubectl get pods` through HTTP (`npm run serve`'s server) with 1,000 Running pods:
// the server time of every request the real kubectl makes (from the request's arrival to the
// last byte of the answer), summed per command, plus the whole command's wall time (mostly the
// kubectl process starting). Without a kubectl ≥ v1.32 the same requests are replayed with
// fetch(). Output is checked (header + one line per pod) so a broken command cannot look fast.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now, repeat } from './lib/measure';
import { createCluster, makeNodes, populateRunningPods } from './lib/engine';

const TARGET_MS = 50;
const PODS = 1_000;
/** What kubectl v1.32 sends, in order, for `kubectl get pods` (aggregated discovery, pages of 500). */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const AGG_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface Timed {
  path: string;
  ms: number;
}

function runKubectl(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(bin, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))),
  );
}

export async function pServe(): Promise<BenchResult[]> {
  const base = { id: 'SERVE', unit: 'ms', better: 'lower' as const };
  const name = `kubectl get pods over HTTP, ${PODS.toLocaleString('en-US')} pods: server time per command`;
  let server: Server | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'timonel-bench-serve-'));
  try {
    const [{ createApiHttpServer, listen }, { writeKubeconfig }, { findKubectl }] = await Promise.all([
      import('../src/node/http/server'),
      import('../src/node/http/kubeconfig'),
      import('../src/node/parity/harness'),
    ]);
    const cluster = await createCluster({ seed: 1, nodes: makeNodes(100), bootstrap: false });
    log(`SERVE: ${PODS} Running pods`);
    populateRunningPods(cluster, PODS, 'pod');
    const s = createApiHttpServer((req) => cluster.request(req));
    server = s;
    let timed: Timed[] = [];
    s.prependListener('request', (req, res) => {
      const t0 = now();
      res.on('finish', () => timed.push({ path: req.url ?? '', ms: now() - t0 }));
    });
    const port = await listen(s, 0);
    const url = `http://127.0.0.1:${port}`;
    const env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: writeKubeconfig(join(dir, 'kubeconfig'), url) };
    const kubectl = findKubectl();
    const sum = (xs: Timed[]) => xs.reduce((a, t) => a + t.ms, 0);

    let wall: number[] = [];
    let requests = '';
    let command: (cold: boolean) => Promise<void>;
    let coldRun = 0;
    if (kubectl.path) {
      const bin = kubectl.path;
      command = async (cold) => {
        // A fresh --cache-dir makes kubectl fetch discovery again (/api, /apis).
        const args = cold ? ['get', 'pods', `--cache-dir=${join(dir, `cache-${coldRun++}`)}`] : ['get', 'pods'];
        const out = await runKubectl(bin, args, env);
        const lines = out.split('\n').filter(Boolean);
        if (lines.length !== PODS + 1) throw new Error(`kubectl get pods printed ${lines.length} lines`);
      };
    } else {
      log(`SERVE: ${kubectl.why}; replaying kubectl's requests with fetch()`);
      command = async (cold) => {
        if (cold) await (await fetch(`${url}/api?timeout=32s`, { headers: { accept: AGG_ACCEPT } })).text();
        if (cold) await (await fetch(`${url}/apis?timeout=32s`, { headers: { accept: AGG_ACCEPT } })).text();
        let cont = '';
        let rows = 0;
        do {
          const res = await fetch(`${url}/api/v1/namespaces/default/pods?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, { headers: { accept: TABLE_ACCEPT } });
          const t = (await res.json()) as { rows: unknown[]; metadata: { continue?: string } };
          rows += t.rows.length;
          cont = t.metadata.continue ?? '';
        } while (cont);
        if (rows !== PODS) throw new Error(`Table rows: ${rows}`);
      };
    }
    const server1: number[] = [];
    wall = await repeat(2, 9, async (i) => {
      timed = [];
      const t0 = now();
      await command(false);
      const w = now() - t0;
      if (i >= 0) server1.push(sum(timed));
      if (i === 0) requests = timed.map((t) => `GET ${t.path} ${t.ms.toFixed(1)} ms`).join(' | ');
      return w;
    });
    let coldRequests = '';
    const cold = await repeat(1, 7, async (i) => {
      timed = [];
      await command(true);
      if (i === 0) coldRequests = timed.map((t) => `GET ${t.path.replace(/continue=[^&]+/, 'continue=…')} ${t.ms.toFixed(1)} ms`).join(' | ');
      return sum(timed);
    });
    // The Table list alone, unpaginated, as one request.
    const single = await repeat(3, 9, async () => {
      timed = [];
      await (await fetch(`${url}/api/v1/namespaces/default/pods`, { headers: { accept: TABLE_ACCEPT } })).text();
      return sum(timed);
    });
    return [
      {
        ...base,
        name,
        target: TARGET_MS,
        measured: median(server1),
        runs: server1.map((x) => Math.round(x * 10) / 10),
        extra: {
          client: kubectl.path ? `${kubectl.path}` : `fetch() replay (${kubectl.why})`,
          'requests (first measured run)': requests.replace(/continue=[^&]+/, 'continue=…'),
        },
      },
      {
        ...base,
        name: '  same, discovery cache empty (kubectl fetches /api and /apis first)',
        target: TARGET_MS,
        measured: median(cold),
        runs: cold.map((x) => Math.round(x * 10) / 10),
        extra: { requests: coldRequests },
      },
      { ...base, name: '  whole command, wall time (process start included)', measured: median(wall), runs: wall.map((x) => Math.round(x)) },
      { ...base, name: '  one unpaginated Table list of every pod, server time', measured: median(single), runs: single.map((x) => Math.round(x * 10) / 10) },
    ];
  } catch (e) {
    return [blocked({ ...base, name, target: TARGET_MS }, e)];
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server?.close(() => r()));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
