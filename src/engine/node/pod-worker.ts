// The life of one pod on one node, as kubelet stages: sandbox and IP, image pulls (with
// ErrImagePull/ImagePullBackOff), init containers in order, container start (or StartError),
// readiness, exits with restart policy and CrashLoopBackOff (10 s doubling to 5 min, reset
// after 10 min of running), graceful termination within the grace period, and the status
// and Events a real kubelet reports for each step.
// Models pkg/kubelet/kuberuntime/kuberuntime_manager.go (SyncPod, computePodActions),
// pkg/kubelet/status/status_manager.go, pkg/kubelet/kubelet_pods.go (generateAPIPodStatus),
// pkg/kubelet/images/image_manager.go and container/helpers.go (backoff).
// Probes run through ./prober.ts: readiness flips Ready, liveness/startup failures restart.
// SIMPLIFICATION: no volumes, no resource enforcement (OOM), no ephemeral containers.
import type { Container, ContainerState, ContainerStatus, KObject, Pod, PodCondition } from '../api/types';
import { isApiError } from '../api/status';
import { parseTime, rfc3339 } from '../core/time';
import type { TaskHandle } from '../core/clock';
import type { Kubelet } from './node-agents';
import { ContainerLog } from './logs';
import { resolveImage } from './images';
import type { ImageInfo, RunningProcess, ImageBehaviour, ProcessContext, SharedLogLine, HttpRequest, HttpResponse, RedisReply } from './images/types';
import { ContainerStartError, SIGNAL_IGNORED } from './images/types';
import { goDuration } from './go-duration';
import { serviceEnv, resolveEnv } from './container-env';
import { networkFor } from '../network/network';
import type { ClusterNetwork, ContainerBinding, DnsAnswer, Origin } from '../network/network';
import type { IngressRouting } from '../network/ingress';
import { ProbeWorker } from './prober';
import type { ProbeHost, ProbeType } from './prober';
import type { UserlandKind } from './images/shell';
import type { ContainerEnv } from './images/types';

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;
const SANDBOX_MS = 400;
const CREATE_MS = 150;

type Phase = 'waiting' | 'running' | 'terminated';

/**
 * What a container rarely has: termination details, back-off of pulls, probes and the previous
 * log. Created on the first such value, so the thousands of quietly running containers don't
 * carry these fields (all set up front: one object shape).
 */
class RareRun {
  waitingMessage?: string = undefined;
  finishedAt?: number = undefined;
  exitCode?: number = undefined;
  termReason?: string = undefined;
  termMessage?: string = undefined;
  last?: ContainerState = undefined;
  pullBackoffMs = 0;
  probes?: ProbeWorker[] = undefined;
  probeTimers?: Set<TaskHandle> = undefined;
  /** What an exec probe runs in (kept only for containers that have one). */
  execEnv?: ProbeHost['execEnv'] = undefined;
  /** The log of the instance before the current one (`--previous`). */
  previousLog?: ContainerLog = undefined;
}

/** The kubelet's state of one container of the pod (all fields set up front: one object shape). */
class ContainerRun {
  phase: Phase = 'waiting';
  waitingReason: string;
  restartCount = 0;
  startedAt?: number = undefined;
  ready = false;
  everStarted = false;
  process?: RunningProcess = undefined;
  image?: ImageInfo = undefined;
  containerID?: string = undefined;
  backoffMs = 0;
  /** Pending timers of this container (absent when none: thousands of quiet containers). */
  timers?: Set<TaskHandle> = undefined;
  /** The startup probe passed (or there is none). */
  started = false;
  /** The log of the current instance. */
  log?: ContainerLog = undefined;
  /** The rare fields below, once one of them is set. */
  private rare?: RareRun = undefined;

  constructor(
    readonly spec: Container,
    readonly init: boolean,
  ) {
    this.waitingReason = init ? 'PodInitializing' : 'ContainerCreating';
  }

  /** The rare fields for writing a value: created unless the value is the default. */
  private rareFor(v: unknown, dflt: unknown): RareRun | undefined {
    return this.rare ?? (v === dflt ? undefined : (this.rare = new RareRun()));
  }

  get waitingMessage(): string | undefined {
    return this.rare?.waitingMessage;
  }
  set waitingMessage(v: string | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.waitingMessage = v;
  }
  get finishedAt(): number | undefined {
    return this.rare?.finishedAt;
  }
  set finishedAt(v: number | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.finishedAt = v;
  }
  get exitCode(): number | undefined {
    return this.rare?.exitCode;
  }
  set exitCode(v: number | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.exitCode = v;
  }
  get termReason(): string | undefined {
    return this.rare?.termReason;
  }
  set termReason(v: string | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.termReason = v;
  }
  get termMessage(): string | undefined {
    return this.rare?.termMessage;
  }
  set termMessage(v: string | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.termMessage = v;
  }
  get last(): ContainerState | undefined {
    return this.rare?.last;
  }
  set last(v: ContainerState | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.last = v;
  }
  get pullBackoffMs(): number {
    return this.rare?.pullBackoffMs ?? 0;
  }
  set pullBackoffMs(v: number) {
    const x = this.rareFor(v, 0);
    if (x) x.pullBackoffMs = v;
  }
  get probes(): ProbeWorker[] | undefined {
    return this.rare?.probes;
  }
  set probes(v: ProbeWorker[] | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.probes = v;
  }
  get probeTimers(): Set<TaskHandle> | undefined {
    return this.rare?.probeTimers;
  }
  set probeTimers(v: Set<TaskHandle> | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.probeTimers = v;
  }
  get execEnv(): ProbeHost['execEnv'] | undefined {
    return this.rare?.execEnv;
  }
  set execEnv(v: ProbeHost['execEnv'] | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.execEnv = v;
  }
  get previousLog(): ContainerLog | undefined {
    return this.rare?.previousLog;
  }
  set previousLog(v: ContainerLog | undefined) {
    const x = this.rareFor(v, undefined);
    if (x) x.previousLog = v;
  }
}

function newRun(c: Container, init: boolean): ContainerRun {
  return new ContainerRun(c, init);
}

/** The pod's containers, init containers first, in an array of exact size (a spread leaves slack). */
function newRuns(spec: { initContainers?: Container[]; containers?: Container[] }): ContainerRun[] {
  const app = (spec.containers ?? []).map((c) => newRun(c, false));
  const inits = spec.initContainers;
  return inits?.length ? inits.map((c) => newRun(c, true)).concat(app) : app;
}

/** Removes a timer from a set; the set is dropped once empty. */
function drop(set: Set<TaskHandle> | undefined, h: TaskHandle): Set<TaskHandle> | undefined {
  if (!set) return undefined;
  set.delete(h);
  return set.size ? set : undefined;
}

export class PodWorker {
  pod: Pod;
  private runs: ContainerRun[] = [];
  private ip = '';
  private sandboxReady = false;
  private terminating = false;
  private gone = false;
  private frozen = false;
  private deferred?: (() => void)[];
  /** Every pending timer of the pod (absent when none). */
  private timers?: Set<TaskHandle>;
  private startTime?: number;
  private statusQueued = false;

  constructor(readonly kubelet: Kubelet, pod: Pod) {
    this.pod = pod;
  }

  get ctx() {
    return this.kubelet.ctx;
  }

  /** The containers' logs by name, as `kubectl logs` reads them. */
  get logs(): Map<string, { current?: ContainerLog; previous?: ContainerLog }> {
    const m = new Map<string, { current?: ContainerLog; previous?: ContainerLog }>();
    for (const r of this.runs) if (r.log) m.set(r.spec.name, { current: r.log, previous: r.previousLog });
    return m;
  }

  /** A timer of the pod; `owner`'s timers (or probe timers) hold it too, for cancelling. */
  after(ms: number, fn: () => void, label: string, owner?: ContainerRun, probe = false): TaskHandle {
    const handle = this.ctx.clock.schedule(ms, () => {
      this.timers = drop(this.timers, handle);
      if (owner) {
        if (probe) owner.probeTimers = drop(owner.probeTimers, handle);
        else owner.timers = drop(owner.timers, handle);
      }
      if (this.gone) return;
      if (this.frozen) (this.deferred ??= []).push(fn);
      else fn();
    }, label);
    (this.timers ??= new Set()).add(handle);
    if (owner) {
      if (probe) (owner.probeTimers ??= new Set()).add(handle);
      else (owner.timers ??= new Set()).add(handle);
    }
    return handle;
  }

  /** Cancels the pending (non-probe) timers of a container. */
  private cancelTimers(r: ContainerRun): void {
    if (!r.timers) return;
    for (const t of r.timers) {
      this.ctx.clock.cancel(t);
      this.timers = drop(this.timers, t);
    }
    r.timers = undefined;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, c?: ContainerRun): void {
    const fieldPath = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}` : undefined;
    this.ctx.recorder.event(this.pod as KObject, type, reason, message, this.kubelet.source, fieldPath);
  }

  start(): void {
    const spec = this.pod.spec ?? { containers: [] };
    this.runs = newRuns(spec);
    if (this.runs.some((r) => r.init)) for (const r of this.runs) if (!r.init) r.waitingReason = 'PodInitializing';
    this.startTime = this.ctx.clock.now();
    if (this.pod.metadata?.deletionTimestamp) {
      this.terminate();
      return;
    }
    this.pushStatus();
    this.after(SANDBOX_MS + this.ctx.rng.int(300), () => {
      this.ip = this.kubelet.allocateIP(Boolean(spec.hostNetwork));
      this.sandboxReady = true;
      this.pushStatus();
      this.advance();
    }, 'kubelet:sandbox');
  }

  /**
   * Takes over the pod as the API shows it, after a snapshot restore (a kubelet restart):
   * running containers keep their IDs, start times, restart counts and readiness, and their
   * processes start again; containers waiting on a back-off are retried at once (the back-off
   * lives in kubelet memory); pulls and creations in flight start over.
   * SIMPLIFICATION: logs of earlier instances are gone (a running container's log restarts
   * empty, then holds what its process prints again on start); exec sessions end.
   */
  adopt(): void {
    const spec = this.pod.spec ?? { containers: [] };
    const st = this.pod.status ?? {};
    const now = this.ctx.clock.now();
    this.runs = newRuns(spec);
    this.startTime = parseTime(st.startTime) ?? now;
    this.ip = st.podIP ?? '';
    this.sandboxReady = Boolean(this.ip) || st.conditions?.some((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True') === true;
    const statuses = new Map<string, ContainerStatus>();
    for (const cs of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) statuses.set(cs.name, cs);
    const restarts: ContainerRun[] = [];
    for (const r of this.runs) {
      const cs = statuses.get(r.spec.name);
      if (!cs) continue;
      r.restartCount = cs.restartCount ?? 0;
      r.containerID = cs.containerID;
      r.last = cs.lastState?.terminated ? cs.lastState : undefined;
      r.everStarted = Boolean(cs.containerID);
      const resolved = resolveImage(r.spec.image ?? '');
      if (resolved.ok && cs.imageID) r.image = resolved.image;
      const { running, terminated, waiting } = cs.state ?? {};
      if (running && resolved.ok) {
        const log = new ContainerLog();
        r.log = log;
        try {
          r.process = this.launch(r, resolved.behaviour, log);
        } catch (e) {
          if (!(e instanceof ContainerStartError)) throw e;
          continue;
        }
        r.phase = 'running';
        r.startedAt = parseTime(running.startedAt) ?? now;
        r.ready = cs.ready;
        r.started = cs.started ?? true;
        this.startProbes(r, r.ready);
      } else if (terminated) {
        r.phase = 'terminated';
        r.exitCode = terminated.exitCode;
        r.termReason = terminated.reason;
        r.termMessage = terminated.message;
        r.startedAt = parseTime(terminated.startedAt);
        r.finishedAt = parseTime(terminated.finishedAt) ?? now;
        r.everStarted = true;
        const policy = this.pod.spec?.restartPolicy ?? 'Always';
        if (!(r.init && r.exitCode === 0) && (policy === 'Always' || (policy === 'OnFailure' && r.exitCode !== 0))) restarts.push(r);
      } else if (waiting) {
        r.waitingReason = waiting.reason ?? r.waitingReason;
        r.waitingMessage = waiting.message;
        if (r.everStarted && resolved.ok) restarts.push(r);
      }
    }
    if (this.pod.metadata?.deletionTimestamp) {
      this.terminate();
      return;
    }
    for (const r of restarts) {
      this.after(CREATE_MS, () => {
        if (this.terminating) return;
        if (r.phase === 'terminated') r.last = this.terminatedState(r);
        r.phase = 'waiting';
        r.restartCount++;
        const resolved = resolveImage(r.spec.image ?? '');
        if (!resolved.ok) return;
        this.event('Normal', 'Pulled', `Container image "${r.spec.image}" already present on machine`, r);
        this.create(r, resolved.behaviour);
      }, 'kubelet:restart', r);
    }
    if (this.sandboxReady) {
      this.advance();
      return;
    }
    this.after(SANDBOX_MS + this.ctx.rng.int(300), () => {
      this.ip = this.kubelet.allocateIP(Boolean(spec.hostNetwork));
      this.sandboxReady = true;
      this.pushStatus();
      this.advance();
    }, 'kubelet:sandbox');
  }

  /** Kills the container's main process from outside (SIGKILL): exit 137, then the restart policy. */
  killContainer(name: string): boolean {
    const r = this.runs.find((x) => x.spec.name === name && x.phase === 'running' && x.process);
    if (!r || this.terminating || this.frozen || this.gone) return false;
    r.process?.stop('SIGKILL');
    this.cancelTimers(r);
    this.stopProbes(r);
    this.after(0, () => this.exited(r, 137), 'kubelet:exit');
    return true;
  }

  update(pod: Pod): void {
    this.pod = pod;
    if (this.frozen) return;
    if (pod.metadata?.deletionTimestamp && !this.terminating) this.terminate();
  }

  /** Decides what to start next: the first unfinished init container, or all app containers. */
  private advance(): void {
    if (this.terminating || !this.sandboxReady) return;
    const inits = this.runs.filter((r) => r.init);
    for (const r of inits) {
      if (r.phase === 'terminated' && r.exitCode === 0) continue;
      if (r.phase === 'waiting' && !r.timers?.size) this.prepare(r);
      return;
    }
    for (const r of this.runs) if (!r.init && r.phase === 'waiting' && !r.timers?.size && !r.everStarted) this.prepare(r);
  }

  private prepare(r: ContainerRun): void {
    const policy = r.spec.imagePullPolicy ?? 'IfNotPresent';
    const image = r.spec.image ?? '';
    const resolved = resolveImage(image);
    const present = this.kubelet.images.has(image);
    if (policy === 'Never' && !present) {
      r.waitingReason = 'ErrImageNeverPull';
      r.waitingMessage = `Container image "${image}" is not present with pull policy of Never`;
      this.event('Warning', 'ErrImageNeverPull', r.waitingMessage, r);
      this.pushStatus();
      return;
    }
    if (!resolved.ok && resolved.reason === 'InvalidReference') {
      r.waitingReason = 'InvalidImageName';
      r.waitingMessage = resolved.message;
      this.event('Warning', 'InspectFailed', resolved.message, r);
      this.event('Warning', 'Failed', 'Error: InvalidImageName', r);
      this.pushStatus();
      return;
    }
    if (policy !== 'Always' && present && resolved.ok) {
      r.image = resolved.image;
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, r);
      this.after(CREATE_MS, () => this.create(r, resolved.behaviour), 'kubelet:create', r);
      return;
    }
    this.event('Normal', 'Pulling', `Pulling image "${image}"`, r);
    if (!resolved.ok) {
      this.after(800 + this.ctx.rng.int(700), () => this.pullFailed(r, `rpc error: code = ${resolved.rpcCode} desc = ${resolved.message}`), 'kubelet:pull', r);
      return;
    }
    const ms = Math.round(resolved.image.pullMs * (0.8 + 0.4 * this.ctx.rng.next()));
    this.after(ms, () => {
      this.kubelet.images.add(image);
      r.image = resolved.image;
      this.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${resolved.image.sizeBytes} bytes.`, r);
      this.after(CREATE_MS, () => this.create(r, resolved.behaviour), 'kubelet:create', r);
    }, 'kubelet:pull', r);
  }

  private pullFailed(r: ContainerRun, message: string): void {
    const image = r.spec.image ?? '';
    this.event('Warning', 'Failed', `Failed to pull image "${image}": ${message}`, r);
    this.event('Warning', 'Failed', 'Error: ErrImagePull', r);
    r.waitingReason = 'ErrImagePull';
    r.waitingMessage = message;
    this.pushStatus();
    r.pullBackoffMs = r.pullBackoffMs ? Math.min(r.pullBackoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
    // The next pod sync sees the back-off.
    this.after(1000, () => {
      r.waitingReason = 'ImagePullBackOff';
      r.waitingMessage = `Back-off pulling image "${image}": ErrImagePull: ${message}`;
      this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, r);
      this.event('Warning', 'Failed', 'Error: ImagePullBackOff', r);
      this.pushStatus();
      this.after(r.pullBackoffMs, () => this.prepare(r), 'kubelet:pull-retry', r);
    }, 'kubelet:pull-backoff', r);
  }

  private create(r: ContainerRun, behaviour: ImageBehaviour): void {
    if (this.terminating) return;
    const name = r.spec.name;
    if (r.log) {
      r.log.end();
      r.previousLog = r.log;
    }
    const log = new ContainerLog();
    r.log = log;
    r.containerID = containerID(this.ctx.rng);
    this.event('Normal', 'Created', `Created container ${name}`, r);
    const now = this.ctx.clock.now();
    try {
      r.process = this.launch(r, behaviour, log);
    } catch (e) {
      if (!(e instanceof ContainerStartError)) throw e;
      r.phase = 'terminated';
      r.exitCode = e.exitCode;
      r.termReason = e.reason;
      r.termMessage = e.message;
      r.startedAt = undefined;
      r.finishedAt = now;
      r.everStarted = true;
      this.event('Warning', 'Failed', `Error: ${e.message}`, r);
      log.end();
      this.pushStatus();
      this.scheduleRestart(r);
      return;
    }
    r.phase = 'running';
    r.startedAt = now;
    r.everStarted = true;
    r.waitingReason = '';
    r.waitingMessage = undefined;
    this.event('Normal', 'Started', `Started container ${name}`, r);
    r.started = !r.spec.startupProbe || r.init;
    r.ready = !r.init && r.started && !r.spec.readinessProbe;
    this.startProbes(r, false);
    this.pushStatus();
  }

  // ------------------------------------------------------------------ probes

  /**
   * Starts the probe workers of a container instance that just started. Their first tick comes
   * one second after start (the pod sync that sees the container running), then every period.
   * Models pkg/kubelet/prober/prober_manager.go (AddPod, UpdatePodStatus).
   */
  private startProbes(r: ContainerRun, ready: boolean): void {
    this.stopProbes(r);
    if (r.init) return;
    const instance = r.containerID;
    const c = r.spec;
    const specs: [ProbeType, NonNullable<Container['readinessProbe']> | undefined][] = [
      ['Startup', c.startupProbe],
      ['Liveness', c.livenessProbe],
      ['Readiness', c.readinessProbe],
    ];
    const schedule = (ms: number, fn: () => void) => {
      const h = this.after(ms, fn, 'kubelet:probe', r, true);
      return { cancel: () => {
        this.ctx.clock.cancel(h);
        r.probeTimers = drop(r.probeTimers, h);
        this.timers = drop(this.timers, h);
      } };
    };
    for (const [type, spec] of specs) {
      if (!spec) continue;
      const w: ProbeWorker = new ProbeWorker(type, spec, {
        running: () => r.phase === 'running' && r.containerID === instance && !this.terminating && !this.gone,
        runningForMs: () => this.ctx.clock.now() - (r.startedAt ?? this.ctx.clock.now()),
        started: () => r.started,
        onResult: (result) => this.probeResult(r, type, result),
        event: (message) => this.event('Warning', 'Unhealthy', message, r),
        host: () => this.probeHost(r),
      }, schedule);
      if (type === 'Readiness' && ready) w.result = 'success';
      (r.probes ??= []).push(w);
      w.start(1000);
    }
  }

  private stopProbes(r: ContainerRun): void {
    if (r.probes) for (const w of r.probes) w.stop();
    r.probes = undefined;
    if (r.probeTimers) {
      for (const t of r.probeTimers) {
        this.ctx.clock.cancel(t);
        this.timers = drop(this.timers, t);
      }
      r.probeTimers = undefined;
    }
  }

  private probeHost(r: ContainerRun): ProbeHost {
    return {
      schedule: (ms, fn) => {
        const h = this.ctx.clock.schedule(ms, () => {
          this.ctx.clock.yieldRequested = true;
          fn();
        }, 'kubelet:probe-exec');
        return { cancel: () => this.ctx.clock.cancel(h) };
      },
      now: () => this.ctx.clock.now(),
      rng: this.ctx.rng,
      network: networkFor(this.ctx.api),
      origin: { nodeName: this.kubelet.cfg.name, ip: this.kubelet.cfg.internalIP, host: true },
      podIP: this.ip,
      container: r.spec,
      execEnv: r.execEnv,
    };
  }

  /** The prober's result cache changed for a container. Models kuberuntime_manager.go computePodActions. */
  private probeResult(r: ContainerRun, type: ProbeType, result: 'success' | 'failure'): void {
    if (r.phase !== 'running' || this.terminating) return;
    if (type === 'Readiness') {
      r.ready = result === 'success' && r.started;
      this.pushStatus();
      return;
    }
    if (type === 'Startup' && result === 'success') {
      r.started = true;
      if (!r.spec.readinessProbe) r.ready = true;
      this.pushStatus();
      return;
    }
    if (result === 'failure') this.probeKill(r, type === 'Liveness' ? 'liveness' : 'startup');
  }

  /** Kills a container that failed its liveness or startup probe, then starts it again at once. */
  private probeKill(r: ContainerRun, what: 'liveness' | 'startup'): void {
    const proc = r.process;
    if (!proc) return;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const restart = policy !== 'Never';
    this.event('Normal', 'Killing', `Container ${r.spec.name} failed ${what} probe${restart ? ', will be restarted' : ''}`, r);
    this.stopProbes(r);
    this.cancelTimers(r);
    const probe = what === 'liveness' ? r.spec.livenessProbe : r.spec.startupProbe;
    const grace = (probe?.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const { exitAfterMs, code } = proc.stop('SIGTERM');
    const kill = exitAfterMs === SIGNAL_IGNORED || exitAfterMs > grace;
    this.after(kill ? grace : exitAfterMs, () => {
      if (kill) proc.stop('SIGKILL');
      if (r.process === proc && r.phase === 'running') {
        r.phase = 'terminated';
        r.exitCode = kill ? 137 : code;
        r.termReason = kill || code !== 0 ? 'Error' : 'Completed';
        r.finishedAt = this.ctx.clock.now();
        r.ready = false;
        r.process = undefined;
        r.log?.end();
      }
      if (this.terminating) {
        this.maybeFinish();
        return;
      }
      if (!restart || (policy === 'OnFailure' && r.exitCode === 0)) {
        this.pushStatus();
        return;
      }
      r.last = this.terminatedState(r);
      r.phase = 'waiting';
      r.restartCount++;
      const resolved = resolveImage(r.spec.image ?? '');
      if (!resolved.ok) return;
      this.event('Normal', 'Pulled', `Container image "${r.spec.image}" already present on machine`, r);
      this.create(r, resolved.behaviour);
    }, 'kubelet:kill', r);
  }

  /** Starts the container's main process (throws ContainerStartError when it cannot start). */
  private launch(r: ContainerRun, behaviour: ImageBehaviour, log: ContainerLog): RunningProcess {
    const name = r.spec.name;
    const envVars = {
      ...serviceEnv(this.ctx.api, this.pod),
      ...resolveEnv(this.ctx.api, this.pod, r.spec, this.ip, this.kubelet.cfg.internalIP),
    };
    const net = networkFor(this.ctx.api);
    const processCtx = net ? new NetProcessContext(this, r, log, net) : new ProcessContextImpl(this, r, log);
    const containerEnv: ContainerEnv = {
      podName: this.pod.metadata?.name ?? '',
      namespace: this.pod.metadata?.namespace ?? '',
      podIP: this.ip,
      nodeName: this.kubelet.cfg.name,
      hostname: this.pod.spec?.hostname ?? this.pod.metadata?.name ?? '',
      containerName: name,
      env: envVars,
      command: r.spec.command,
      args: r.spec.args,
      ...(r.spec.stdin ? { stdin: true } : {}),
    };
    // Only exec probes read it: other containers let the environment go once the process has it.
    const c = r.spec;
    const execProbe = Boolean(c.startupProbe?.exec ?? c.livenessProbe?.exec ?? c.readinessProbe?.exec);
    const land = execProbe && r.image ? userlandOfImage(r.image) : undefined;
    r.execEnv = land ? { kind: land, env: containerEnv, imageEnv: behaviour.imageEnv } : undefined;
    try {
      const proc = behaviour.start(containerEnv, processCtx);
      if (processCtx instanceof NetProcessContext) processCtx.bind(proc);
      return proc;
    } catch (e) {
      processCtx.exited = true;
      throw e;
    }
  }

  /** The pod's address as seen from inside one of its containers (for outbound traffic). */
  origin(): Origin {
    const hostNetwork = Boolean(this.pod.spec?.hostNetwork);
    return { nodeName: this.kubelet.cfg.name, ip: this.ip, host: hostNetwork, namespace: hostNetwork && this.pod.spec?.dnsPolicy !== 'ClusterFirstWithHostNet' ? undefined : this.pod.metadata?.namespace };
  }

  /** A container's process ended by itself: observed by the next PLEG relist, never inside the process' own call. */
  processExited(r: ContainerRun, code: number, reason?: string): void {
    this.after(0, () => this.exited(r, code, reason), 'kubelet:exit');
  }

  private exited(r: ContainerRun, code: number, reason?: string): void {
    if (r.phase !== 'running') return;
    r.phase = 'terminated';
    r.exitCode = code;
    r.termReason = reason ?? (code === 0 ? 'Completed' : 'Error');
    r.finishedAt = this.ctx.clock.now();
    r.ready = false;
    r.process = undefined;
    this.stopProbes(r);
    r.log?.end();
    if (this.terminating) {
      this.maybeFinish();
      return;
    }
    this.pushStatus();
    if (r.init && code === 0) {
      this.advance();
      return;
    }
    this.scheduleRestart(r);
  }

  private scheduleRestart(r: ContainerRun): void {
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const restart = !r.init ? policy === 'Always' || (policy === 'OnFailure' && r.exitCode !== 0) : r.exitCode !== 0 && policy !== 'Never';
    if (!restart) {
      this.pushStatus();
      return;
    }
    const ranFor = (r.finishedAt ?? 0) - (r.startedAt ?? r.finishedAt ?? 0);
    if (ranFor >= BACKOFF_RESET_MS) r.backoffMs = 0;
    r.backoffMs = r.backoffMs ? Math.min(r.backoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
    const backoff = r.backoffMs;
    this.after(1000, () => {
      if (this.terminating) return;
      r.last = this.terminatedState(r);
      r.phase = 'waiting';
      r.waitingReason = 'CrashLoopBackOff';
      const podId = `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}(${this.pod.metadata?.uid})`;
      r.waitingMessage = `back-off ${goDuration(backoff)} restarting failed container=${r.spec.name} pod=${podId}`;
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${r.spec.name} in pod ${podId}`, r);
      this.pushStatus();
      this.after(Math.max(0, backoff - 1000), () => {
        if (this.terminating) return;
        r.restartCount++;
        r.waitingReason = 'ContainerCreating';
        const resolved = resolveImage(r.spec.image ?? '');
        if (!resolved.ok) return;
        this.event('Normal', 'Pulled', `Container image "${r.spec.image}" already present on machine`, r);
        this.create(r, resolved.behaviour);
      }, 'kubelet:restart', r);
    }, 'kubelet:crashloop', r);
  }

  private terminatedState(r: ContainerRun): ContainerState {
    return {
      terminated: {
        exitCode: r.exitCode ?? 0,
        reason: r.termReason,
        ...(r.termMessage ? { message: r.termMessage } : {}),
        ...(r.startedAt !== undefined ? { startedAt: stamp(r.startedAt) } : {}),
        finishedAt: stamp(r.finishedAt ?? this.ctx.clock.now()),
        containerID: r.containerID,
      },
    };
  }

  /** Graceful termination: signal running containers, kill what outlives the grace period. */
  private terminate(): void {
    this.terminating = true;
    const grace = (this.pod.metadata?.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    for (const r of this.runs) {
      this.cancelTimers(r);
      this.stopProbes(r);
      if (r.phase !== 'running' || !r.process) continue;
      this.event('Normal', 'Killing', `Stopping container ${r.spec.name}`, r);
      const { exitAfterMs, code } = r.process.stop('SIGTERM');
      const proc = r.process;
      const kill = exitAfterMs === SIGNAL_IGNORED || exitAfterMs > grace;
      this.after(kill ? grace : exitAfterMs, () => {
        if (r.process !== proc) return;
        if (kill) proc.stop('SIGKILL');
        r.process = undefined;
        r.phase = 'terminated';
        r.exitCode = kill ? 137 : code;
        r.termReason = kill || code !== 0 ? 'Error' : 'Completed';
        r.finishedAt = this.ctx.clock.now();
        r.ready = false;
        r.log?.end();
        this.maybeFinish();
      }, 'kubelet:kill');
    }
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.runs.some((r) => r.phase === 'running')) {
      this.pushStatus();
      return;
    }
    if (this.gone) return;
    this.pushStatusNow();
    this.gone = true;
    this.kubelet.releaseIP(this.ip);
    this.kubelet.workers.delete(this.pod.metadata?.uid ?? '');
    this.kubelet.agents.finishDeletion(this.pod);
  }

  /** The pod object is gone from the API: stop everything now. */
  killNow(): void {
    this.gone = true;
    if (this.timers) for (const t of this.timers) this.ctx.clock.cancel(t);
    this.timers = undefined;
    for (const r of this.runs) {
      if (r.process) r.process.stop('SIGKILL');
      r.process = undefined;
      r.log?.end();
    }
    this.kubelet.releaseIP(this.ip);
  }

  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    const run = this.deferred ?? [];
    this.deferred = undefined;
    for (const fn of run) fn();
    if (this.pod.metadata?.deletionTimestamp && !this.terminating) this.terminate();
    this.pushStatus();
  }

  // ------------------------------------------------------------------ status

  /** Coalesces status writes within one clock instant, like the status manager's sync. */
  private pushStatus(): void {
    if (this.statusQueued || this.gone) return;
    this.statusQueued = true;
    this.ctx.clock.schedule(0, () => {
      this.statusQueued = false;
      if (!this.gone && !this.frozen) this.pushStatusNow();
    }, 'kubelet:status');
  }

  private pushStatusNow(): void {
    const { api } = this.ctx;
    const status = this.buildStatus();
    try {
      // The new status is computed whole: no draft copy of the stored one.
      const updated = api.replaceStatus(api.mustResource('pods'), this.pod.metadata?.namespace, this.pod.metadata?.name ?? '', (o) => {
        const p = o as Pod;
        if (p.metadata?.uid !== this.pod.metadata?.uid) return undefined;
        const old = p.status?.conditions;
        const scheduled = old?.find((c) => c.type === 'PodScheduled');
        const conds = status.conditions ?? [];
        if (scheduled) conds.push(scheduled);
        for (let i = 0; i < conds.length; i++) conds[i] = keepTransition(conds[i]!, old);
        return status;
      });
      this.pod = updated as Pod;
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  private buildStatus(): NonNullable<Pod['status']> {
    const now = stamp(this.ctx.clock.now());
    let initDone = true;
    let hasInit = false;
    let incompleteInit = '';
    let notReady = '';
    for (const r of this.runs) {
      if (r.init) {
        hasInit = true;
        if (!(r.phase === 'terminated' && r.exitCode === 0)) {
          initDone = false;
          incompleteInit += incompleteInit ? ` ${r.spec.name}` : r.spec.name;
        }
      } else if (!r.ready) notReady += notReady ? ` ${r.spec.name}` : r.spec.name;
    }
    const appRuns = hasInit ? this.runs.filter((r) => !r.init) : this.runs;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    const phase = podPhase(initDone, appRuns, policy);
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const allReady = notReady === '' && !terminal;
    const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
    const readyMessage = terminal ? '' : `containers with unready status: [${notReady}]`;
    const conditions: PodCondition[] = [
      condition('PodReadyToStartContainers', this.sandboxReady && !(this.gone && terminal), now),
      condition('Initialized', initDone, now, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit}]`),
      condition('Ready', allReady, now, readyReason, readyMessage),
      condition('ContainersReady', allReady, now, readyReason, readyMessage),
    ];
    const hostIP = this.kubelet.cfg.internalIP;
    const status: NonNullable<Pod['status']> = { phase, conditions, hostIP, hostIPs: [{ ip: hostIP }] };
    if (this.ip) {
      status.podIP = this.ip;
      status.podIPs = [{ ip: this.ip }];
    }
    status.startTime = stamp(this.startTime ?? this.ctx.clock.now());
    status.qosClass = this.pod.status?.qosClass;
    if (hasInit) status.initContainerStatuses = this.runs.filter((r) => r.init).map((r) => this.containerStatus(r));
    status.containerStatuses = appRuns.map((r) => this.containerStatus(r));
    return status;
  }

  private containerStatus(r: ContainerRun): ContainerStatus {
    let state: ContainerState;
    if (r.phase === 'running') state = { running: { startedAt: stamp(r.startedAt ?? 0) } };
    else if (r.phase === 'terminated') state = this.terminatedState(r);
    else {
      const waiting: { reason: string; message?: string } = { reason: r.waitingReason };
      if (r.waitingMessage) waiting.message = r.waitingMessage;
      state = { waiting };
    }
    const out: ContainerStatus = {
      name: r.spec.name,
      state,
      lastState: r.last ?? {},
      ready: r.ready,
      restartCount: r.restartCount,
      image: r.image ? imageNames(r.image).name : (r.spec.image ?? ''),
      imageID: r.image && r.everStarted ? imageNames(r.image).id : '',
      started: r.phase === 'running' && r.started,
    };
    if (r.containerID && r.everStarted) out.containerID = r.containerID;
    return out;
  }
}

/** A pod condition as the kubelet writes it (reason and message only when false; no empty message). */
function condition(type: string, ok: boolean, now: string, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: ok ? 'True' : 'False', lastProbeTime: null as unknown as string, lastTransitionTime: now };
  if (!ok && reason) {
    c.reason = reason;
    if (message !== undefined && message !== '') c.message = message;
  }
  return c;
}

const userlands = new WeakMap<ImageInfo, UserlandKind | 'none'>();

/** userlandOf, once per (shared) ImageInfo. */
function userlandOfImage(image: ImageInfo): UserlandKind | undefined {
  let u = userlands.get(image);
  if (u === undefined) {
    u = userlandOf(image.repository, image.tag) ?? 'none';
    userlands.set(image, u);
  }
  return u === 'none' ? undefined : u;
}

/** The userland an image's exec sessions run in (as the shell's kubectl exec sees it). */
function userlandOf(repository: string, tag: string): UserlandKind | undefined {
  const repo = repository.replace(/^docker\.io\//, '');
  if (repo.startsWith('registry.k8s.io/')) return undefined;
  if (repo === 'library/ubuntu') return 'ubuntu';
  if (/alpine/.test(tag) || ['library/busybox', 'library/alpine', 'jpetazzo/httpenv', 'dockercoins/rng', 'dockercoins/hasher', 'dockercoins/worker'].includes(repo)) return 'busybox';
  return 'debian';
}

/** Pod phase from container states. Models pkg/kubelet/kubelet_pods.go (getPhase). */
function podPhase(initDone: boolean, runs: ContainerRun[], policy: string): string {
  if (!initDone) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const r of runs) {
    if (r.phase === 'running') running++;
    else if (r.phase === 'terminated') {
      stopped++;
      if (r.exitCode === 0) succeeded++;
    } else if (r.last?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/**
 * The condition with the previous transition time when its status did not change; the stored
 * (frozen) previous condition itself when nothing in it changed, so the store can share it.
 */
function keepTransition(c: PodCondition, old: readonly PodCondition[] | undefined): PodCondition {
  const prev = old?.find((o) => o.type === c.type);
  if (!prev || prev.status !== c.status || !prev.lastTransitionTime) return c;
  const kept = { ...c, lastTransitionTime: prev.lastTransitionTime };
  return sameFlat(kept, prev) ? prev : kept;
}

/** Same keys in the same order with the same (primitive) values. */
function sameFlat(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

const stamps = new Map<number, string>();

/** RFC 3339 text of a time, one shared flat string per millisecond (statuses repeat the same few). */
function stamp(ms: number): string {
  let s = stamps.get(ms);
  if (s === undefined) {
    if (stamps.size >= 4096) stamps.clear();
    s = flatString(rfc3339(ms));
    stamps.set(ms, s);
  }
  return s;
}

/** The string as V8's internalized copy: flat, and one copy per text (property keys are internalized). */
function flatString(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

const names = new WeakMap<ImageInfo, { name: string; id: string }>();

/** status.containerStatuses[].image and .imageID of an image, built once per (shared) ImageInfo. */
function imageNames(image: ImageInfo): { name: string; id: string } {
  let n = names.get(image);
  if (!n) {
    n = { name: flatString(`${image.repository}:${image.tag}`), id: flatString(`${image.repository}@${image.digest}`) };
    names.set(image, n);
  }
  return n;
}

const HEX = '0123456789abcdef';

/** `containerd://` and 64 random hex digits, built as one flat string (no rope of 8 parts). */
function containerID(rng: { u32(): number }): string {
  const codes: number[] = [];
  for (let i = 0; i < 8; i++) {
    const n = rng.u32();
    for (let shift = 28; shift >= 0; shift -= 4) codes.push(HEX.charCodeAt((n >>> shift) & 15));
  }
  return 'containerd://' + String.fromCharCode(...codes);
}

/**
 * What a container's process sees of its node (ProcessContext): one object per container
 * instance with its methods on the prototype, since thousands of containers run at once.
 */
class ProcessContextImpl implements ProcessContext {
  /** The main process has ended (or never started): its timers no longer fire. */
  exited = false;

  constructor(
    protected readonly w: PodWorker,
    protected readonly r: ContainerRun,
    private readonly out: ContainerLog,
  ) {}

  get rng(): ProcessContext['rng'] {
    return this.w.ctx.rng;
  }

  now(): number {
    return this.w.ctx.clock.now();
  }

  log(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.out.append({ at: this.w.ctx.clock.now(), stream, text: line });
  }

  logShared(lines: readonly SharedLogLine[]): void {
    this.out.appendShared(lines, this.w.ctx.clock.now());
  }

  after(ms: number, fn: () => void): { cancel(): void } {
    const clock = this.w.ctx.clock;
    const h = this.w.after(ms, () => {
      if (this.exited) return;
      // Container code may continue in promise callbacks: let the host settle them now.
      clock.yieldRequested = true;
      fn();
    }, `container:${this.r.spec.name}`, this.r);
    return { cancel: () => clock.cancel(h) };
  }

  exit(code: number, reason?: string): void {
    if (this.exited) return;
    this.exited = true;
    this.w.processExited(this.r, code, reason);
  }
}

/**
 * A process context with the pod network: outbound HTTP, Redis and the Ingress view. It is also
 * the container's place on the pod network while its process runs (one object per container
 * instance instead of two: thousands of containers run at once).
 */
class NetProcessContext extends ProcessContextImpl implements ContainerBinding {
  private client?: ReturnType<ClusterNetwork['clientFor']> = undefined;
  /** The main process, once started (the binding answers for it only while it is the container's). */
  private proc?: RunningProcess = undefined;
  readonly ip: string;
  readonly hostPorts?: { hostPort: number; containerPort: number }[] = undefined;

  constructor(w: PodWorker, r: ContainerRun, out: ContainerLog, private readonly net: ClusterNetwork) {
    super(w, r, out);
    this.ip = w.origin().ip;
    const ports = w.pod.spec?.hostNetwork ? undefined : r.spec.ports?.filter((p) => p.hostPort);
    if (ports?.length) this.hostPorts = ports.map((p) => ({ hostPort: p.hostPort ?? 0, containerPort: p.containerPort }));
  }

  /** Puts the started process on the pod network. */
  bind(proc: RunningProcess): void {
    this.proc = proc;
    this.net.attach(this);
  }

  /** `<pod uid>/<container name>` (read once, when the network takes the binding). */
  get key(): string {
    return `${this.w.pod.metadata?.uid}/${this.r.spec.name}`;
  }

  get podUid(): string {
    return this.w.pod.metadata?.uid ?? '';
  }

  get nodeName(): string {
    return this.w.kubelet.cfg.name;
  }

  current(): RunningProcess | undefined {
    return this.proc && this.r.process === this.proc ? this.proc : undefined;
  }

  nodeUp(): boolean {
    return this.w.kubelet.running;
  }

  private netClient(): ReturnType<ClusterNetwork['clientFor']> {
    return (this.client ??= this.net.clientFor(this.w.origin()));
  }

  http(req: HttpRequest): Promise<HttpResponse> {
    return this.netClient().http(req);
  }

  redis(target: { host: string; port: number }, args: string[]): Promise<RedisReply> {
    return this.netClient().redis(target, args);
  }

  lookup(name: string, server?: string): DnsAnswer {
    return this.netClient().lookup(name, server);
  }

  get ingress(): IngressRouting {
    return this.netClient().ingress;
  }
}
