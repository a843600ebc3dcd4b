// Contract between the simulated kubelet and the container image registry (DESIGN.md §1.5).
// An image is a behaviour: what it logs, which ports it serves, how it answers HTTP, how it
// reacts to stop signals. Leaves out filesystems, layers and real process trees.
//
// Conventions beyond the original contract (all additive):
// - HTTP bodies are *binary strings*: one char per byte (char codes 0-255). Text is ASCII or
//   already UTF-8 encoded by the caller (see utf8Encode in format.ts).
// - start() reports a start failure (e.g. `exec: "foo": executable file not found in $PATH`)
//   by throwing a ContainerStartError; the kubelet turns it into reason StartError, exit 128.
// - stop() returning exitAfterMs === SIGNAL_IGNORED means the process ignores the signal (a
//   PID 1 without a handler); the kubelet must SIGKILL it when the grace period ends.
// - Outbound connections fail with a NetError whose code picks the program's error text.

import type { IngressRouting } from '../../network/ingress';
import type { DnsAnswer } from '../../network/network';

export interface ImageInfo {
  repository: string; // normalized, e.g. docker.io/library/nginx
  tag: string;
  digest: string; // sha256:... stable fake (same for all tags of one build)
  sizeBytes: number;
  pullMs: number; // base pull time; kubelet adds jitter
}

export type ResolveFailureReason = 'NotFound' | 'ManifestUnknown' | 'InvalidReference';

export interface ResolveFailure {
  ok: false;
  reason: ResolveFailureReason;
  /** The containerd text (or, for InvalidReference, the kubelet's InvalidImageName text). */
  message: string;
  /** gRPC code containerd answers the kubelet with ('Unknown' for auth/NotFound repos). */
  rpcCode: 'NotFound' | 'Unknown' | 'InvalidArgument';
}

export type ResolveResult = { ok: true; image: ImageInfo; behaviour: ImageBehaviour } | ResolveFailure;

export interface ContainerEnv {
  podName: string;
  namespace: string;
  podIP: string;
  nodeName: string;
  hostname: string;
  containerName: string;
  /** Environment from the pod spec (env, envFrom, service links). Image ENV is merged under it. */
  env: Record<string, string>;
  command?: string[];
  args?: string[];
  /** spec.stdin: the runtime keeps the process' stdin open (a bare shell then waits on it). */
  stdin?: boolean;
}

/**
 * A log line that many containers print the same way (an image's start-up lines): the kubelet
 * keeps it by reference and renders its text from the line's time only when the log is read.
 */
export interface SharedLogLine {
  readonly stream: 'stdout' | 'stderr';
  /** The line's text when logged at `at` (virtual epoch ms). */
  text(at: number): string;
}

export interface ProcessContext {
  now(): number; // virtual epoch ms
  rng: { next(): number; int(n: number): number };
  log(line: string, stream?: 'stdout' | 'stderr'): void; // one log line (kubelet timestamps it)
  /**
   * Logs shared lines now, in order; the kubelet keeps the array by reference, so it must never
   * change. Absent → images log each `line.text(now())` through log().
   */
  logShared?(lines: readonly SharedLogLine[]): void;
  after(ms: number, fn: () => void): { cancel(): void }; // virtual timer owned by the container
  exit(code: number, reason?: string): void; // the main process ends
  http?(req: HttpRequest): Promise<HttpResponse>; // outbound HTTP; absent → connection failure
  /** One DNS question from the pod (busybox nslookup); absent → no answer (NXDOMAIN). */
  lookup?(name: string, server?: string): DnsAnswer;
  /** Outbound Redis command over TCP; absent → connection failure (name does not resolve). */
  redis?(target: { host: string; port: number }, args: string[]): Promise<RedisReply>;
  /** The cluster's Ingress view, for ingress controller images (see network/ingress.ts). */
  ingress?: IngressRouting;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RunningProcess {
  listens: { port: number; protocol: 'TCP' | 'UDP' }[];
  handleHttp?(req: HttpRequest, from: { ip: string }): HttpResponse | Promise<HttpResponse>;
  /** Inbound Redis command (only the redis image has it). */
  redisCommand?(args: string[]): RedisReply;
  stop(signal: 'SIGTERM' | 'SIGKILL'): { exitAfterMs: number; code: number };
}

export interface ImageBehaviour {
  defaultEntrypoint: string[];
  defaultCmd: string[];
  workingDir?: string;
  exposedPorts: number[];
  /** Image config ENV (PATH, NGINX_VERSION, ...). */
  imageEnv?: Record<string, string>;
  /** Image config STOPSIGNAL; containerd sends it instead of SIGTERM. */
  stopSignal?: string;
  start(env: ContainerEnv, ctx: ProcessContext): RunningProcess;
}

/** Returned as exitAfterMs when the process ignores the stop signal. */
export const SIGNAL_IGNORED = Number.POSITIVE_INFINITY;

/** Thrown by start() when the runtime cannot start the process. */
export class ContainerStartError extends Error {
  readonly reason = 'StartError';
  readonly exitCode = 128;
  constructor(message: string) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export type NetErrorCode = 'ENOTFOUND' | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH';

/** Rejection value of ctx.http / ctx.redis when the connection cannot be made. */
export class NetError extends Error {
  constructor(
    readonly code: NetErrorCode,
    /** Resolved peer address, when known (printed in ECONNREFUSED texts). */
    readonly address?: string,
  ) {
    super(code);
    this.name = 'NetError';
  }
}

/** A RESP reply: simple string, error, integer, bulk string (null = nil), array. */
export type RedisReply =
  | { type: 'status'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; value: string | null }
  | { type: 'array'; value: RedisReply[] };
