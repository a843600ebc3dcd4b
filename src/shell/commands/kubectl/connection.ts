// What kubectl prints when its API server cannot be used: the discovery cache's klog lines
// (`E1122 14:34:57.048524   22070 memcache.go:265] "Unhandled Error" err="couldn't get current
// server API group list: ..."`) followed by checkErr's summary (`The connection to the server
// localhost:8080 was refused - did you specify the right host or port?`, `Unable to connect to
// the server: ...`, `error: You must be logged in to the server (...)`).
// Models kubectl/pkg/cmd/util/helpers.go (checkErr), client-go discovery/cached/memory/memcache.go.
// SIMPLIFICATION: how many discovery lines each command prints was measured on kubectl v1.32
// (table below); commands not listed print five, as `get` does.
import type { CommandContext } from '../../interpreter/types';
import { CLIENT_VERSION } from './info';
import { serverHostPort } from './kubeconfig';

export type ConnectFailure = 'refused' | 'timeout' | 'unauthorized';

/** Thrown by the REST transport when nothing usable answers at the configured server. */
export class ConnectionError extends Error {
  constructor(readonly failure: ConnectFailure, readonly server: string) {
    super(`${failure}: ${server}`);
  }
}

/** Go's dial error text for a failure. */
export function dialError(e: ConnectionError): string {
  // The dialer reports the resolved address (localhost → 127.0.0.1).
  const hp = serverHostPort(e.server).replace(/^localhost:/, '127.0.0.1:');
  if (e.failure === 'unauthorized') return 'the server has asked for the client to provide credentials';
  return e.failure === 'refused' ? `dial tcp ${hp}: connect: connection refused` : `dial tcp ${hp}: i/o timeout`;
}

/** The URL discovery asks first (`http://localhost:8080/api?timeout=32s`). */
function discoveryUrl(server: string): string {
  return `${server.replace(/\/+$/, '')}/api?timeout=32s`;
}

/** checkErr's last line for a transport failure. */
export function connectionSummary(e: ConnectionError): string {
  if (e.failure === 'refused') return `The connection to the server ${serverHostPort(e.server)} was refused - did you specify the right host or port?\n`;
  if (e.failure === 'unauthorized') return 'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n';
  return `Unable to connect to the server: ${dialError(e)}\n`;
}

/** The message of a failed discovery request as client-go wraps it (url.Error). */
export function requestFailure(e: ConnectionError, url: string): string {
  if (e.failure === 'unauthorized') return dialError(e);
  return `Get "${url}": ${dialError(e)}`;
}

/** Discovery error lines each command prints before giving up (measured on kubectl v1.32.4). */
const DISCOVERY_LINES: Record<string, number> = {
  version: 0,
  explain: 2,
  'api-resources': 1,
  'api-versions': 1,
  run: 1,
  logs: 4,
  exec: 4,
  wait: 4,
  rollout: 4,
  'port-forward': 4,
  attach: 4,
  top: 0,
};

export function discoveryLineCount(command: string, args: string[]): number {
  if (command === 'create' && args[0] === 'namespace') return 0;
  if (command === 'create' && args[0] === 'ns') return 0;
  return DISCOVERY_LINES[command] ?? 5;
}

const two = (n: number) => String(n).padStart(2, '0');

/** klog's header: `E1122 14:34:57.048524   22070 memcache.go:265] `. */
export function klogHeader(level: 'E' | 'W' | 'I', epochMs: number, pid: number, where: string): string {
  const d = new Date(epochMs);
  const micros = String((epochMs % 1000) * 1000 + (pid % 997)).padStart(6, '0');
  return `${level}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(pid).padStart(7, ' ')} ${where}] `;
}

/** One memcache.go line for a failed discovery attempt. */
export function memcacheLine(e: ConnectionError, epochMs: number, pid: number): string {
  const msg = `couldn't get current server API group list: ${requestFailure(e, discoveryUrl(e.server))}`;
  return klogHeader('E', epochMs, pid, 'memcache.go:265') + `"Unhandled Error" err=${JSON.stringify(msg)}\n`;
}

/** Virtual ms a dial to an unreachable address takes before failing (net.Dialer's 30 s in client-go). */
export const DIAL_TIMEOUT_MS = 30_000;

export interface FailureContext {
  ctx: CommandContext;
  /** The sub-command (`get`) and its positional args (`pods`). */
  command: string;
  args: string[];
  /** -f/--filename values, for the validation error of apply/create. */
  filenames: string[];
  requestTimeoutMs: number;
}

/** Prints what kubectl prints for a transport failure and returns its exit code (1). */
export async function reportConnectionError(e: ConnectionError, f: FailureContext): Promise<number> {
  const { ctx } = f;
  const pid = 20000 + (Math.floor(ctx.sys.now() / 1000) % 9000);
  const attemptMs = e.failure === 'timeout' ? (f.requestTimeoutMs > 0 ? Math.min(f.requestTimeoutMs, DIAL_TIMEOUT_MS) : DIAL_TIMEOUT_MS) : 0;
  const attempt = async (): Promise<boolean> => {
    if (attemptMs > 0) await ctx.sys.sleep(attemptMs, ctx.interrupt);
    return !ctx.interrupt.aborted;
  };
  if ((f.command === 'apply' || f.command === 'create') && f.filenames.length) {
    if (!(await attempt())) return 130;
    const url = `${e.server.replace(/\/+$/, '')}/openapi/v2?timeout=32s`;
    ctx.stderr.write(
      `error: error validating "${f.filenames[0]}": error validating data: failed to download openapi: ${requestFailure(e, url)}; if you choose to ignore these errors, turn validation off with --validate=false\n`,
    );
    return 1;
  }
  if (f.command === 'version') ctx.stdout.write(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: v5.5.0\n`);
  const n = discoveryLineCount(f.command, f.args);
  for (let i = 0; i < n; i++) {
    if (!(await attempt())) return 130;
    ctx.stderr.write(memcacheLine(e, ctx.sys.now() + i * 2, pid));
  }
  if (f.command === 'cluster-info') ctx.stdout.write("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  if (f.command === 'api-resources') ctx.stdout.write('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n');
  if (f.command === 'api-versions') {
    ctx.stderr.write(`error: couldn't get available api versions from server: ${requestFailure(e, discoveryUrl(e.server))}\n`);
    return 1;
  }
  if (n === 0 && !(await attempt())) return 130;
  ctx.stderr.write(connectionSummary(e));
  return 1;
}
