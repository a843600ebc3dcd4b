// `npm run serve -- [--port 8001] [--seed N] [--speed X] [--kubeconfig PATH] [--ui DIR] [--verbose]`:
// starts a playground session in Node (the browser worker's EngineCore: cluster, shell, pacer
// in real time × speed), serves its Kubernetes API over HTTP on 127.0.0.1 together with the
// built UI (dist/), which attaches to this same engine over a WebSocket, then writes a
// kubeconfig (context `timonel`) so the real kubectl can use it. Ctrl-C stops it cleanly.
// Leaves out: persistence of the served playground (it starts fresh from the seed).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Cluster } from '../engine';
import { SPEEDS } from '../worker/protocol';
import type { Speed } from '../worker/protocol';
import { createApiHttpServer, listen, ListenError } from './http/server';
import { RealTimePacer } from './http/pacer';
import { CONTEXT_NAME, writeKubeconfig } from './http/kubeconfig';
import { EngineSocket } from './http/engine-socket';
import { staticUi } from './http/static-ui';
import { execUpgrade } from './http/exec-bridge';
import { portForwardUpgrade } from './http/portforward-bridge';
import type { StaticUi } from './http/static-ui';

export interface ServeArgs {
  port: number;
  seed: number;
  speed: number;
  host: string;
  kubeconfig?: string;
  /** The built UI's folder (default: the repository's dist/). */
  ui?: string;
  verbose: boolean;
}

const USAGE = `Usage: npm run serve -- [--port 8001] [--seed N] [--speed 0|${SPEEDS.join('|')}] [--kubeconfig PATH] [--ui DIR] [--verbose]\n`;

/** The repository's dist/ (what `npm run build` writes). */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

export function parseServeArgs(argv: string[]): ServeArgs {
  const args: ServeArgs = { port: 8001, seed: 1, speed: 1, host: '127.0.0.1', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const val = () => {
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${name}`);
      return v;
    };
    const num = (min: number) => {
      const s = val();
      const n = Number(s);
      if (s.trim() === '' || !Number.isFinite(n) || n < min) throw new Error(`invalid value "${s}" for ${name}`);
      return n;
    };
    switch (name) {
      case '--port':
        args.port = num(0);
        if (!Number.isInteger(args.port) || args.port > 65535) throw new Error(`invalid value "${args.port}" for --port`);
        break;
      case '--seed':
        args.seed = num(0);
        break;
      case '--speed':
        args.speed = num(0);
        // The UI's speed control offers these; 0 starts paused.
        if (args.speed !== 0 && !(SPEEDS as readonly number[]).includes(args.speed)) {
          throw new Error(`invalid value "${args.speed}" for --speed: one of 0, ${SPEEDS.join(', ')}`);
        }
        break;
      case '--ui':
        args.ui = val();
        break;
      case '--kubeconfig':
        args.kubeconfig = val();
        break;
      case '--verbose':
      case '-v':
        args.verbose = true;
        break;
      case '-h':
      case '--help':
        throw new HelpRequested();
      default:
        throw new Error(`unknown flag: ${a}`);
    }
  }
  return args;
}

class HelpRequested extends Error {}

export interface Served {
  cluster: Cluster;
  server: Server;
  /** Runs work due now after each request (time itself is paced by the engine socket's core). */
  pacer: RealTimePacer;
  engine: EngineSocket;
  ui: StaticUi;
  url: string;
  kubeconfig: string;
  close(): Promise<void>;
}

/** Builds the session, starts pacing and serving; rejects with ListenError when the port is taken. */
export async function startServe(args: ServeArgs, log: (line: string) => void = () => {}): Promise<Served> {
  // The browser worker's core paces the clock (wall time × speed) and serves the UI protocol.
  const engine = new EngineSocket({ session: { seed: args.seed }, playing: args.speed > 0, speed: (args.speed || 1) as Speed });
  const cluster = engine.core.session.cluster;
  // Speed 0 and never started: it only runs what is due now, right after a request.
  const pacer = new RealTimePacer(cluster.clock, { speed: 0 });
  const ui = staticUi(args.ui ?? DEFAULT_UI_DIR);
  const server = createApiHttpServer((req) => cluster.request(req), {
    onActivity: () => pacer.kick(),
    log: args.verbose ? log : undefined,
    ui,
    onUpgrade: (req, socket, head) =>
      engine.upgrade(req, socket, head) ||
      execUpgrade(cluster, engine.core.session.sys, req, socket, head, () => pacer.kick()) ||
      portForwardUpgrade(cluster, req, socket, head, () => pacer.kick()),
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let port: number;
  try {
    port = await listen(server, args.port, args.host);
  } catch (e) {
    engine.close();
    throw e;
  }
  const url = `http://${args.host}:${port}`;
  const kubeconfig = writeKubeconfig(args.kubeconfig ?? join(tmpdir(), `timonel-${port}`, 'kubeconfig'), url);
  return {
    cluster,
    server,
    pacer,
    engine,
    ui,
    url,
    kubeconfig,
    close: () =>
      new Promise<void>((resolve) => {
        engine.close();
        server.close(() => resolve());
        // Watches and followed logs never end by themselves.
        for (const s of sockets) s.destroy();
      }),
  };
}

async function main(): Promise<void> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(USAGE);
      return;
    }
    process.stderr.write(`serve: ${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let served: Served;
  try {
    served = await startServe(args, (l) => process.stderr.write(`${l}\n`));
  } catch (e) {
    if (e instanceof ListenError) {
      process.stderr.write(`serve: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
  process.stdout.write(
    [
      `Timonel: Kubernetes v1.32 API of a simulated cluster (seed ${args.seed}, speed ${args.speed}x) at ${served.url}`,
      `Kubeconfig written to ${served.kubeconfig} (context "${CONTEXT_NAME}"). Try:`,
      `  export KUBECONFIG=${served.kubeconfig}`,
      '  kubectl get nodes',
      served.ui.built
        ? `The playground UI, attached to this cluster: ${served.url}/`
        : `No built UI in ${served.ui.dir}: run "npm run build" and restart to get the playground at ${served.url}/`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write('\nStopping.\n');
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && /serve\.ts$/.test(process.argv[1])) void main();
