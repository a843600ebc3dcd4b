// The kubelet's prober: one worker per container instance and probe type (startup, liveness,
// readiness) that probes on its period after initialDelaySeconds and turns raw results into
// state with successThreshold/failureThreshold, plus the three probe mechanisms: httpGet through
// the simulated network to the container's handleHttp, tcpSocket connects, exec in the image's
// userland. Texts are the kubelet's (`HTTP probe failed with statuscode: 404`, Go dial errors).
// Models pkg/kubelet/prober/worker.go (doProbe), prober.go (runProbe, events) and pkg/probe/{http,tcp,exec}.
// SIMPLIFICATION: no gRPC probes, no TLS (https probes speak plain HTTP), no redirects followed;
// exec probes see no files written by the container (the userland has no filesystem).
import type { Container, ContainerPort } from '../api/types';
import type { ClusterNetwork, Origin } from '../network/network';
import { NetFailure } from '../network/network';
import type { ContainerEnv, ProcessContext, RunningProcess } from './images/types';
import { ContainerStartError } from './images/types';
import { startUserlandProcess } from './images/shell';
import type { UserlandKind } from './images/shell';

export type ProbeType = 'Startup' | 'Liveness' | 'Readiness';
type ProbeSpec = NonNullable<Container['readinessProbe']>;

/** probe.Result: an error (port not found) leaves the worker's state alone. */
export interface ProbeOutcome {
  result: 'success' | 'failure' | 'error';
  output: string;
}

/** What running one probe needs from the kubelet. */
export interface ProbeHost {
  schedule(ms: number, fn: () => void): { cancel(): void };
  now(): number;
  rng: { next(): number; int(n: number): number };
  network?: ClusterNetwork;
  /** The node's host namespace, where the kubelet dials from. */
  origin: Origin;
  podIP: string;
  container: Container;
  /** The userland and environment an exec probe runs with (undefined: no shell in the image). */
  execEnv?: { kind: UserlandKind; env: ContainerEnv; imageEnv?: Record<string, string> };
}

export const KUBE_PROBE_USER_AGENT = 'kube-probe/1.32';

/** Finds a probe's port: a number, or a container port's name. Models pkg/probe/util.go ResolveContainerPort. */
export function resolveProbePort(port: number | string | undefined, container: Container): number | Error {
  if (typeof port === 'number') {
    if (port > 0 && port < 65536) return port;
    return new Error(`invalid port number: ${port}`);
  }
  const named = (container.ports ?? []).find((p: ContainerPort) => p.name === port);
  if (named) return named.containerPort;
  if (port !== undefined && /^\d+$/.test(port)) return Number(port);
  // SIMPLIFICATION: upstream prints the whole container struct after "in".
  return new Error(`couldn't find port: ${String(port)} in ${container.name}`);
}

/** Runs one probe to its outcome (never rejects). Models pkg/kubelet/prober/prober.go runProbe. */
export function runProbe(p: ProbeSpec, host: ProbeHost): Promise<ProbeOutcome> {
  const timeoutMs = (p.timeoutSeconds ?? 1) * 1000;
  if (p.exec) return execProbe(p.exec.command ?? [], timeoutMs, host);
  if (p.httpGet) {
    const port = resolveProbePort(p.httpGet.port, host.container);
    if (port instanceof Error) return Promise.resolve({ result: 'error', output: port.message });
    const hostName = p.httpGet.host || host.podIP;
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    let path = p.httpGet.path ?? '/';
    if (!path.startsWith('/')) path = `/${path}`;
    const url = `${scheme}://${hostName}:${port}${path}`;
    return httpProbe(url, hostName, port, p.httpGet.httpHeaders ?? [], timeoutMs, host);
  }
  if (p.tcpSocket) {
    const port = resolveProbePort(p.tcpSocket.port, host.container);
    if (port instanceof Error) return Promise.resolve({ result: 'error', output: port.message });
    return tcpProbe(p.tcpSocket.host || host.podIP, port, timeoutMs, host);
  }
  // SIMPLIFICATION: gRPC probes are not simulated; they count as passing.
  return Promise.resolve({ result: 'success', output: '' });
}

/** Go's net.Dial error text for a failed connect. */
function dialError(ip: string, port: number, e: NetFailure): string {
  if (e.timedOut || e.code === 'ETIMEDOUT') return `dial tcp ${ip}:${port}: i/o timeout`;
  if (e.code === 'EHOSTUNREACH') return `dial tcp ${ip}:${port}: connect: no route to host`;
  if (e.code === 'ENOTFOUND') return `dial tcp: lookup ${ip}: no such host`;
  return `dial tcp ${ip}:${port}: connect: connection refused`;
}

function httpProbe(url: string, hostName: string, port: number, headers: { name: string; value: string }[], timeoutMs: number, host: ProbeHost): Promise<ProbeOutcome> {
  const net = host.network;
  if (!net) return Promise.resolve({ result: 'failure', output: `Get "${url}": dial tcp ${hostName}:${port}: connect: connection refused` });
  const h: Record<string, string> = { Host: port === 80 ? hostName : `${hostName}:${port}`, 'User-Agent': KUBE_PROBE_USER_AGENT, Accept: '*/*', Connection: 'close' };
  for (const x of headers) {
    const existing = Object.keys(h).find((k) => k.toLowerCase() === x.name.toLowerCase());
    if (existing) delete h[existing];
    h[x.name] = x.value;
  }
  return net.http(host.origin, { method: 'GET', url: url.replace(/^https:/, 'http:'), headers: h }, { timeoutMs }).then(
    (x): ProbeOutcome => {
      if (x.emptyReply) return { result: 'failure', output: `Get "${url}": EOF` };
      const code = x.response.status;
      if (code >= 200 && code < 400) return { result: 'success', output: x.response.body };
      return { result: 'failure', output: `HTTP probe failed with statuscode: ${code}` };
    },
    (e: unknown): ProbeOutcome => {
      if (!(e instanceof NetFailure)) throw e;
      if (e.timedOut) return { result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
      return { result: 'failure', output: `Get "${url}": ${dialError(e.address ?? hostName, port, e)}` };
    },
  );
}

function tcpProbe(ip: string, port: number, timeoutMs: number, host: ProbeHost): Promise<ProbeOutcome> {
  const net = host.network;
  return new Promise((resolve) => {
    if (!net) {
      resolve({ result: 'failure', output: `dial tcp ${ip}:${port}: connect: connection refused` });
      return;
    }
    const c = net.connect(host.origin, ip, port);
    if (c.ok) {
      host.schedule(1, () => resolve({ result: 'success', output: '' }));
      return;
    }
    const timedOut = c.afterMs > timeoutMs;
    const failure = new NetFailure(c.code, ip, port, c.afterMs, timedOut);
    host.schedule(Math.max(1, timedOut ? timeoutMs : c.afterMs), () => resolve({ result: 'failure', output: dialError(ip, port, failure) }));
  });
}

function execProbe(argv: string[], timeoutMs: number, host: ProbeHost): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const ee = host.execEnv;
    if (!ee || argv.length === 0) {
      const name = argv[0] ?? '';
      resolve({ result: 'failure', output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown` });
      return;
    }
    let out = '';
    let finished = false;
    const timers = new Set<{ cancel(): void }>();
    const finish = (o: ProbeOutcome) => {
      if (finished) return;
      finished = true;
      for (const t of timers) t.cancel();
      resolve(o);
    };
    const ctx: ProcessContext = {
      now: host.now,
      rng: host.rng,
      log: (line) => {
        out += `${line}\n`;
      },
      after: (ms, fn) => {
        const t = host.schedule(ms, () => {
          timers.delete(t);
          if (!finished) fn();
        });
        timers.add(t);
        return t;
      },
      exit: (code) => {
        // The exit is reported from inside the process' own call: settle on the next turn.
        const t = host.schedule(0, () => finish({ result: code === 0 ? 'success' : 'failure', output: out }));
        timers.delete(t);
      },
    };
    let proc: RunningProcess | undefined;
    try {
      proc = startUserlandProcess(ee.kind, argv, { ...ee.env, command: undefined, args: undefined }, ctx, ee.imageEnv);
    } catch (e) {
      if (!(e instanceof ContainerStartError)) throw e;
      const detail = e.message.replace(/^.*unable to start container process: /, '');
      finish({ result: 'failure', output: `OCI runtime exec failed: exec failed: unable to start container process: ${detail}` });
      return;
    }
    const limit = host.schedule(timeoutMs, () => {
      proc?.stop('SIGKILL');
      finish({ result: 'failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` });
    });
    timers.add(limit);
  });
}

/** The initial state a probe type starts in. Models worker.go newWorker (initialValue). */
function initialResult(t: ProbeType): 'success' | 'failure' | 'unknown' {
  if (t === 'Readiness') return 'failure';
  if (t === 'Liveness') return 'success';
  return 'unknown';
}

export interface ProbeWorkerHooks {
  /** Is the container instance this worker was made for still running? */
  running(): boolean;
  /** Seconds the container has been running. */
  runningForMs(): number;
  /** Startup probe passed (or there is none): liveness and readiness may run. */
  started(): boolean;
  /** The kubelet's result cache changed (readiness/startup flip, liveness failure). */
  onResult(result: 'success' | 'failure'): void;
  /** An Unhealthy event. */
  event(message: string): void;
  host(): ProbeHost;
}

/**
 * Probes one container instance on its period. Models pkg/kubelet/prober/worker.go: a result
 * only takes effect after successThreshold/failureThreshold equal results in a row; a failed
 * liveness or startup probe puts the worker on hold until the container is replaced.
 */
export class ProbeWorker {
  result: 'success' | 'failure' | 'unknown';
  private lastResult: 'success' | 'failure' | 'unknown' = 'unknown';
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private inFlight = false;
  private timer?: { cancel(): void };

  constructor(
    readonly type: ProbeType,
    private readonly spec: ProbeSpec,
    private readonly hooks: ProbeWorkerHooks,
    private readonly schedule: (ms: number, fn: () => void) => { cancel(): void },
  ) {
    this.result = initialResult(type);
  }

  /** First tick `firstMs` from now, then every periodSeconds. */
  start(firstMs: number): void {
    this.timer = this.schedule(firstMs, () => this.tick());
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private tick(): void {
    if (this.stopped) return;
    this.timer = this.schedule((this.spec.periodSeconds ?? 10) * 1000, () => this.tick());
    if (!this.inFlight) this.doProbe();
  }

  private doProbe(): void {
    const h = this.hooks;
    if (!h.running() || this.onHold) return;
    if (Math.floor(h.runningForMs() / 1000) < (this.spec.initialDelaySeconds ?? 0)) return;
    if (this.type === 'Startup' ? h.started() : !h.started()) return;
    this.inFlight = true;
    runProbe(this.spec, h.host()).then((o) => {
      this.inFlight = false;
      if (this.stopped || !h.running()) return;
      this.observe(o);
    });
  }

  private observe(o: ProbeOutcome): void {
    if (o.result === 'error') return;
    if (o.result === 'failure') this.hooks.event(`${this.type} probe failed: ${o.output}`);
    const r = o.result;
    if (this.lastResult === r) this.resultRun++;
    else {
      this.lastResult = r;
      this.resultRun = 1;
    }
    if ((r === 'failure' && this.resultRun < (this.spec.failureThreshold ?? 3)) || (r === 'success' && this.resultRun < (this.spec.successThreshold ?? 1))) return;
    const changed = this.result !== r;
    this.result = r;
    if ((this.type === 'Liveness' || this.type === 'Startup') && r === 'failure') {
      this.onHold = true;
      this.resultRun = 0;
    }
    if (changed || r === 'failure') this.hooks.onResult(r);
  }
}
