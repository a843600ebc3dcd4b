// The one message protocol across the worker boundary (DESIGN.md §6–§7): versioned
// discriminated unions for both directions, a request map (method → params/result) and guards
// that validate every incoming message. Objects travel as plain Kubernetes JSON.
// Pods travel in a slim mirror form (podMirrorForm): only the fields the page's mirror consumers
// read; the inspector and the tables fetch full objects with `api` requests.
// Leaves out: deep validation of object bodies (the engine produced them) and binary transfer.
import type { KObject, Pod } from '../engine';

export const PROTOCOL_VERSION = 1;

/**
 * The kinds the UI mirrors, by REST resource name, with their list paths. Endpoints are not
 * mirrored: no page view reads them, and a Service's Endpoints object (an address per ready pod)
 * is rewritten and re-sent whole at nearly every batch of a scale-up (1,000 addresses each time).
 */
export const MIRRORED_RESOURCES = {
  namespaces: '/api/v1/namespaces',
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  services: '/api/v1/services',
  events: '/api/v1/events',
  replicationcontrollers: '/api/v1/replicationcontrollers',
  deployments: '/apis/apps/v1/deployments',
  replicasets: '/apis/apps/v1/replicasets',
  daemonsets: '/apis/apps/v1/daemonsets',
} as const;

export type MirroredResource = keyof typeof MIRRORED_RESOURCES;
export const MIRRORED_RESOURCE_NAMES = Object.keys(MIRRORED_RESOURCES) as MirroredResource[];

export function isMirroredResource(x: unknown): x is MirroredResource {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(MIRRORED_RESOURCES, x);
}

export const SPEEDS = [0.5, 1, 2, 5, 10, 20] as const;
export type Speed = (typeof SPEEDS)[number];
export function isSpeed(x: unknown): x is Speed {
  return typeof x === 'number' && (SPEEDS as readonly number[]).includes(x);
}

/** The virtual clock as the UI sees it. */
export interface ClockState {
  /** Virtual epoch milliseconds. */
  now: number;
  playing: boolean;
  speed: Speed;
}

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface ObjectEvent {
  type: ObjectEventType;
  resource: MirroredResource;
  object: KObject;
}

export type Snapshot = Record<MirroredResource, KObject[]>;

// BEGIN mirror form block (src/worker/engine-core.ts, src/ui/state, src/ui/features/graph)
/**
 * A Pod as the page's mirror holds it: the Kubernetes shape with only the fields its consumers
 * read — the graph model (names, labels, the controller ownerReference, deletionTimestamp, node,
 * phase/reason, Ready condition, per-container readiness, restarts and state) and the failure
 * injection picker (container names) — plus the uid and resourceVersion the mirror keys on.
 * About a tenth of a full pod's size and object count, so a 500-pod burst deserialises in a
 * fraction of the time. Whoever needs the whole object (the inspector's YAML, describe, tables)
 * asks the worker for it with an `api` request.
 */
export interface MirrorPod extends KObject {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
    /** The controller reference only (the graph draws ownership by controller). */
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller: true }[];
  };
  spec: { nodeName?: string; containers: { name: string }[] };
  status: {
    phase?: string;
    reason?: string;
    /** The Ready condition only. */
    conditions?: { type: string; status: string }[];
    containerStatuses?: { name: string; ready: boolean; restartCount: number; state?: NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]['state'] }[];
  };
}

/** Pods in snapshots and batches travel in this form (see MirrorPod). */
export function podMirrorForm(o: KObject): MirrorPod {
  const pod = o as Pod;
  const m = pod.metadata ?? {};
  const metadata: MirrorPod['metadata'] = { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion };
  if (m.labels !== undefined) metadata.labels = m.labels;
  if (m.deletionTimestamp !== undefined) metadata.deletionTimestamp = m.deletionTimestamp;
  const ctl = m.ownerReferences?.find((r) => r.controller);
  if (ctl) metadata.ownerReferences = [{ apiVersion: ctl.apiVersion, kind: ctl.kind, name: ctl.name, uid: ctl.uid, controller: true }];
  const spec: MirrorPod['spec'] = { containers: (pod.spec?.containers ?? []).map((c) => ({ name: c.name })) };
  if (pod.spec?.nodeName !== undefined) spec.nodeName = pod.spec.nodeName;
  const st = pod.status ?? {};
  const status: MirrorPod['status'] = {};
  if (st.phase !== undefined) status.phase = st.phase;
  if (st.reason !== undefined) status.reason = st.reason;
  const ready = st.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.conditions = [{ type: ready.type, status: ready.status }];
  if (st.containerStatuses !== undefined) {
    status.containerStatuses = st.containerStatuses.map((c) => ({ name: c.name, ready: c.ready, restartCount: c.restartCount, ...(c.state !== undefined ? { state: c.state } : {}) }));
  }
  return { apiVersion: pod.apiVersion ?? 'v1', kind: pod.kind ?? 'Pod', metadata, spec, status };
}

/** The wire form of a mirrored object: pods slimmed (podMirrorForm), other kinds whole. */
export function mirrorForm(resource: MirroredResource, o: KObject): KObject {
  return resource === 'pods' ? podMirrorForm(o) : o;
}
// END mirror form block

// ------------------------------------------------------------------ requests

export interface ApiCallParams {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
export interface ApiCallResult {
  status: number;
  body?: unknown;
}

/** method → [params, result] */
export interface RequestMap {
  /** A Kubernetes REST request (no watches or streams: those use the mirror). */
  api: [ApiCallParams, ApiCallResult];
  /** Play/pause and speed. */
  'time.set': [{ playing?: boolean; speed?: Speed }, ClockState];
  /** Moves virtual time by `ms` (default 1 s), typically while paused. */
  'time.step': [{ ms?: number }, ClockState];
  /** Completion candidates for the word under the cursor. */
  'shell.completions': [{ line: string; cursor: number }, { candidates: string[] }];
}

// ------------------------------------------------------------------ YAML editor requests
// BEGIN YAML editor block (src/ui/features/editor): additive request types, merged into
// RequestMap by declaration merging; guards below. Owned by the editor; keep it in one piece.

/** A file of the shell's virtual filesystem as the editor holds it. The same shape is meant to
 *  be pushed from the worker later (`kubectl edit`, `vi`, `nano` opening a tab). */
export interface EditorFile {
  /** Absolute path in the virtual filesystem. */
  path: string;
  content: string;
}

export interface EditorFsEntry {
  name: string;
  /** Absolute path. */
  path: string;
  type: 'file' | 'dir';
  size: number;
}

/** One failed write of `kubectl apply`, from the Status the API server answered. */
export interface EditorApplyFailure {
  /** HTTP status code of the failed request (422 Invalid, 409 AlreadyExists, ...). */
  code: number;
  reason: string;
  message: string;
  /** Status.details.kind and .name: which object of the buffer failed. */
  kind: string;
  name: string;
  /** Status.details.causes (field paths such as `spec.template.spec.containers[0].image`). */
  causes: { field?: string; reason?: string; message?: string }[];
}

export interface EditorApplyParams {
  /** The manifest(s), YAML or JSON, possibly several documents. */
  text: string;
  /** `--dry-run=server`. */
  dryRun?: boolean;
}

export interface EditorApplyResult {
  /** Exit status of `kubectl apply -f -`. */
  status: number;
  /** Everything kubectl printed (stdout and stderr in order). */
  output: string;
  failures: EditorApplyFailure[];
}

/** A JSON Schema (draft-07) document. */
export type EditorJsonSchema = { [key: string]: unknown };

export interface EditorSchemaResult {
  /** One schema for every served kind: `if` apiVersion/kind `then` that kind's definition. */
  schema: EditorJsonSchema;
  kinds: { apiVersion: string; kind: string }[];
}

export interface RequestMap {
  /** Lists a directory of the shell's filesystem (default: the home directory). */
  'fs.list': [{ path?: string }, { path: string; entries: EditorFsEntry[] }];
  /** Reads a file (relative paths resolve against the shell's working directory). */
  'fs.read': [{ path: string }, EditorFile];
  /** Writes (creates or replaces) a file. */
  'fs.write': [EditorFile, { path: string }];
  /** `kubectl apply -f -` (optionally `--dry-run=server`) with `text` as stdin. */
  'kubectl.apply': [EditorApplyParams, EditorApplyResult];
  /** The Kubernetes JSON Schema for the editor (monaco-yaml). */
  'editor.schema': [Record<string, never>, EditorSchemaResult];
}

const EDITOR_REQUEST_METHODS = ['fs.list', 'fs.read', 'fs.write', 'kubectl.apply', 'editor.schema'] as const;
export type EditorRequestMethod = (typeof EDITOR_REQUEST_METHODS)[number];

export function isEditorRequestMethod(x: unknown): x is EditorRequestMethod {
  return typeof x === 'string' && (EDITOR_REQUEST_METHODS as readonly string[]).includes(x);
}

const MAX_EDITOR_TEXT = 4 * 1024 * 1024;
const isEditorText = (x: unknown): x is string => typeof x === 'string' && x.length <= MAX_EDITOR_TEXT;
const isEditorPath = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 4096;

function isEditorRequestParams(method: string, p: Record<string, unknown>): boolean {
  switch (method) {
    case 'fs.list':
      return p.path === undefined || isEditorPath(p.path);
    case 'fs.read':
      return isEditorPath(p.path);
    case 'fs.write':
      return isEditorPath(p.path) && isEditorText(p.content);
    case 'kubectl.apply':
      return isEditorText(p.text) && (p.dryRun === undefined || typeof p.dryRun === 'boolean');
    case 'editor.schema':
      return true;
    default:
      return false;
  }
}
// END YAML editor block

// ------------------------------------------------------------------ playground tools
// BEGIN playground tools block (persistence, failure injection, inspector, resource tables):
// additive request and message types, merged into RequestMap by declaration merging; guards
// below. Handled in src/worker/tools.ts and src/worker/persistence.ts.

/** A failure the UI injects; each is done through the API (or the kubelet) and shows as Events. */
export type FaultAction =
  | { action: 'deletePod'; namespace: string; name: string }
  | { action: 'killContainer'; namespace: string; name: string; container: string }
  | { action: 'stopNode' | 'startNode' | 'cordon' | 'uncordon' | 'drain'; node: string }
  | { action: 'breakImage'; namespace: string; name: string };
export type FaultName = FaultAction['action'];

export interface FaultResult {
  ok: boolean;
  /** What kubectl would print for the same action (or the error). */
  output: string;
}

export interface KubectlRunResult {
  status: number;
  /** stdout and stderr in order, exactly as the terminal would show them. */
  output: string;
}

export interface RequestMap {
  /** Saves the playground now (also done every few seconds); null when saving is off. */
  'playground.save': [Record<string, never>, { savedAt: number | null }];
  /** The whole playground as a JSON document (cluster, time, shell files and history, labs' progress). */
  'playground.export': [Record<string, never>, { json: string }];
  /**
   * Replaces the saved playground (and the labs' progress it carries) with an exported one, after
   * validating all of it; on error nothing is replaced. The page reloads to use it.
   */
  'playground.import': [{ json: string }, { ok: true }];
  /** Forgets the saved playground; the page reloads to a fresh cluster. */
  'playground.reset': [Record<string, never>, { ok: true }];
  /** Runs `kubectl <args>` in a private shell (the terminal's history is untouched). */
  'kubectl.run': [{ args: string[] }, KubectlRunResult];
  /** Injects a failure. */
  fault: [FaultAction, FaultResult];
}

/** Sent after each save to storage. */
export interface PersistedMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'persisted';
  /** Virtual time captured by the save. */
  now: number;
  /** True when this session was restored from a save. */
  restored: boolean;
}

const TOOLS_REQUEST_METHODS = ['playground.save', 'playground.export', 'playground.import', 'playground.reset', 'kubectl.run', 'fault'] as const;
export type ToolsRequestMethod = (typeof TOOLS_REQUEST_METHODS)[number];

export function isToolsRequestMethod(x: unknown): x is ToolsRequestMethod {
  return typeof x === 'string' && (TOOLS_REQUEST_METHODS as readonly string[]).includes(x);
}

/** Largest playground file `playground.import` takes (characters of JSON); share links decompress up to it. */
export const MAX_IMPORT = 64 * 1024 * 1024;
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 253;
const isNs = (x: unknown): x is string => typeof x === 'string' && x.length <= 63;

function isToolsRequestParams(method: string, p: Record<string, unknown>): boolean {
  switch (method) {
    case 'playground.save':
    case 'playground.export':
    case 'playground.reset':
      return true;
    case 'playground.import':
      return typeof p.json === 'string' && p.json.length <= MAX_IMPORT;
    case 'kubectl.run':
      return Array.isArray(p.args) && p.args.length <= 64 && p.args.every((a) => typeof a === 'string' && a.length <= 4096);
    case 'fault':
      switch (p.action) {
        case 'deletePod':
        case 'breakImage':
          return isNs(p.namespace) && isName(p.name);
        case 'killContainer':
          return isNs(p.namespace) && isName(p.name) && isName(p.container);
        case 'stopNode':
        case 'startNode':
        case 'cordon':
        case 'uncordon':
        case 'drain':
          return isName(p.node);
        default:
          return false;
      }
    default:
      return false;
  }
}

function isToolsWorkerMessage(x: Record<string, unknown>): boolean {
  return x.type === 'persisted' && typeof x.now === 'number' && Number.isFinite(x.now) && typeof x.restored === 'boolean';
}
// END playground tools block

// ------------------------------------------------------------------ terminal integration
// BEGIN terminal block (src/ui/features/terminal, editor integration): input typed while a
// command runs (its stdin, line by line, Ctrl-D as end of file), `vi`/`nano`/`kubectl edit`
// opening an editor tab and waiting for it, and completion from the live cluster.
// Handled in src/worker/engine-core.ts (terminal block), src/worker/editor-commands.ts and
// src/worker/kubectl-completion.ts.

export interface ShellStdinParams {
  /** Text for the running command's stdin (a cooked line ends with "\n"). */
  data?: string;
  /** Ctrl-D: end of file for the current read. */
  eof?: boolean;
}

export interface RequestMap {
  /** Feeds the foreground command's stdin; `delivered` is false when no command runs. */
  'shell.stdin': [ShellStdinParams, { delivered: boolean }];
  /**
   * Ends an editor session the worker opened (`editor.open`): the tab was saved (the file is
   * written first, with `fs.write`) or closed. The waiting `vi`/`kubectl edit` then returns.
   */
  'editor.done': [{ session: number; saved: boolean }, { ok: boolean }];
}

/** Worker → UI: a command (`vi FILE`, `nano FILE`, `kubectl edit`) opens FILE in an editor tab. */
export interface EditorOpenMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'editor.open';
  /** Answer with `editor.done` and this id. */
  session: number;
  /** The file as it is now (an absent file opens empty). */
  file: EditorFile;
  /** The command that opened it (`vi`, `nano`, `vim`). */
  command: string;
}

const TERMINAL_REQUEST_METHODS = ['shell.stdin', 'editor.done'] as const;
export type TerminalRequestMethod = (typeof TERMINAL_REQUEST_METHODS)[number];

export function isTerminalRequestMethod(x: unknown): x is TerminalRequestMethod {
  return typeof x === 'string' && (TERMINAL_REQUEST_METHODS as readonly string[]).includes(x);
}

const MAX_STDIN = 1024 * 1024;

function isTerminalRequestParams(method: string, p: Record<string, unknown>): boolean {
  switch (method) {
    case 'shell.stdin':
      return (p.data === undefined || (typeof p.data === 'string' && p.data.length <= MAX_STDIN)) && (p.eof === undefined || typeof p.eof === 'boolean');
    case 'editor.done':
      return typeof p.session === 'number' && Number.isSafeInteger(p.session) && typeof p.saved === 'boolean';
    default:
      return false;
  }
}

function isTerminalWorkerMessage(x: Record<string, unknown>): boolean {
  if (x.type !== 'editor.open') return false;
  const f = x.file as Record<string, unknown> | null;
  return (
    typeof x.session === 'number' && Number.isSafeInteger(x.session) && typeof x.command === 'string' &&
    typeof f === 'object' && f !== null && isEditorPath(f.path) && isEditorText(f.content)
  );
}
// END terminal block

// ------------------------------------------------------------------ DockerCoins panel
// BEGIN DockerCoins block (src/ui/features/dockercoins): one HTTP GET from node1's shell
// namespace through the cluster network, as `curl -s URL` there would do it (the panel reads
// the webui Service's /json endpoint). Handled in src/worker/engine-core.ts (DockerCoins block).

export type NetHttpGetResult =
  | { ok: true; status: number; body: string }
  /** The connection failed (a NetFailure code such as ECONNREFUSED or ETIMEDOUT). */
  | { ok: false; error: string };

export interface RequestMap {
  /** GET `url` from node1, giving up after `timeoutMs` virtual ms (default 5000). */
  'net.httpGet': [{ url: string; timeoutMs?: number }, NetHttpGetResult];
}

const DOCKERCOINS_REQUEST_METHODS = ['net.httpGet'] as const;
export type DockerCoinsRequestMethod = (typeof DOCKERCOINS_REQUEST_METHODS)[number];

export function isDockerCoinsRequestMethod(x: unknown): x is DockerCoinsRequestMethod {
  return typeof x === 'string' && (DOCKERCOINS_REQUEST_METHODS as readonly string[]).includes(x);
}

function isDockerCoinsRequestParams(method: string, p: Record<string, unknown>): boolean {
  if (method !== 'net.httpGet') return false;
  const t = p.timeoutMs;
  return typeof p.url === 'string' && p.url.length > 0 && p.url.length <= 2048 && (t === undefined || (typeof t === 'number' && Number.isFinite(t) && t > 0 && t <= 600_000));
}
// END DockerCoins block

// ------------------------------------------------------------------ labs
// BEGIN labs block (src/worker/lab-host.ts, src/ui/features/labs): the active lab, progress per
// lab (saved in IndexedDB) and the live result of the current step's check. Lab texts, hints and
// solutions are not sent: the page imports src/labs itself; only progress crosses the boundary.

export interface LabProgress {
  /** Ids of the steps passed, in order (steps unlock one after another). */
  completed: string[];
  /** Hints revealed per step id. */
  hints: Record<string, number>;
  /** Step ids whose solution was revealed. */
  solutions: string[];
}

export interface LabCheckState {
  /** The current step (the first not completed). */
  step: string;
  ok: boolean;
  /** What is still missing, when the check says. */
  detail?: { es: string; en: string };
}

export interface LabsState {
  /** Id of the lab in progress, or null (free playground). */
  active: string | null;
  progress: Record<string, LabProgress>;
  /** The active lab's current step and its latest check; null when no lab or all steps passed. */
  check: LabCheckState | null;
}

export interface RequestMap {
  /** The labs' progress now (also pushed as `labs.progress` whenever it changes). */
  'labs.state': [Record<string, never>, LabsState];
  /**
   * Starts (or restarts) a lab on a fresh cluster with the lab's seed and setup: the playground
   * is forgotten as `playground.reset` does and the page reloads onto the lab.
   */
  'labs.start': [{ lab: string }, { ok: true }];
  /** Reveals hints (up to `hints` in total) or the solution of a step; saved with the progress. */
  'labs.reveal': [{ lab: string; step: string; hints?: number; solution?: boolean }, LabsState];
  /** Leaves the active lab (the cluster stays as it is; progress is kept). */
  'labs.leave': [Record<string, never>, LabsState];
}

/** Worker → UI: the labs' progress changed (a step passed, a check result, a hint revealed). */
export interface LabsProgressMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'labs.progress';
  state: LabsState;
}

const LABS_REQUEST_METHODS = ['labs.state', 'labs.start', 'labs.reveal', 'labs.leave'] as const;
export type LabsRequestMethod = (typeof LABS_REQUEST_METHODS)[number];

export function isLabsRequestMethod(x: unknown): x is LabsRequestMethod {
  return typeof x === 'string' && (LABS_REQUEST_METHODS as readonly string[]).includes(x);
}

const isLabId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 128;

function isLabsRequestParams(method: string, p: Record<string, unknown>): boolean {
  switch (method) {
    case 'labs.state':
    case 'labs.leave':
      return true;
    case 'labs.start':
      return isLabId(p.lab);
    case 'labs.reveal':
      return isLabId(p.lab) && isLabId(p.step)
        && (p.hints === undefined || (typeof p.hints === 'number' && Number.isSafeInteger(p.hints) && p.hints >= 0 && p.hints <= 100))
        && (p.solution === undefined || typeof p.solution === 'boolean');
    default:
      return false;
  }
}

const isIdList = (x: unknown): x is string[] => Array.isArray(x) && x.every(isLabId);

export function isLabsState(x: unknown): x is LabsState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  if (!(s.active === null || isLabId(s.active))) return false;
  if (typeof s.progress !== 'object' || s.progress === null || Array.isArray(s.progress)) return false;
  for (const v of Object.values(s.progress as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) return false;
    const pr = v as Record<string, unknown>;
    if (!isIdList(pr.completed) || !isIdList(pr.solutions) || typeof pr.hints !== 'object' || pr.hints === null) return false;
    if (!Object.values(pr.hints).every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) return false;
  }
  if (s.check === null) return true;
  if (typeof s.check !== 'object' || s.check === undefined) return false;
  const c = s.check as Record<string, unknown>;
  const d = c.detail as Record<string, unknown> | undefined;
  return isLabId(c.step) && typeof c.ok === 'boolean' && (d === undefined || (typeof d === 'object' && d !== null && typeof d.es === 'string' && typeof d.en === 'string'));
}

function isLabsWorkerMessage(x: Record<string, unknown>): boolean {
  return x.type === 'labs.progress' && isLabsState(x.state);
}
// END labs block

export type RequestMethod = keyof RequestMap;
export type RequestParams<M extends RequestMethod> = RequestMap[M][0];
export type RequestResult<M extends RequestMethod> = RequestMap[M][1];

const REQUEST_METHODS: readonly RequestMethod[] = ['api', 'time.set', 'time.step', 'shell.completions', ...EDITOR_REQUEST_METHODS, ...TOOLS_REQUEST_METHODS, ...TERMINAL_REQUEST_METHODS, ...DOCKERCOINS_REQUEST_METHODS, ...LABS_REQUEST_METHODS]; // terminal block; DockerCoins block; labs block

// ------------------------------------------------------------------ client → worker

interface Base {
  v: typeof PROTOCOL_VERSION;
}
export interface HelloMessage extends Base {
  type: 'hello';
  /**
   * 'ack': the client acknowledges every batch (BatchAckMessage) as it receives it, and the
   * engine keeps at most two batches unacknowledged (engine-core.ts FLOW_WINDOW; one more to
   * finish a burst it began sending, FLOW_OVERFLOW), coalescing newer events (newest version of
   * each object wins) while the page is busy. Absent: batches
   * are sent as they are ready.
   */
  flow?: 'ack';
}
export interface RequestMessage<M extends RequestMethod = RequestMethod> extends Base {
  type: 'request';
  id: number;
  method: M;
  params: RequestParams<M>;
}
export interface ShellInputMessage extends Base {
  type: 'shell.input';
  /** Client-chosen id echoed on the output and completion of this line. */
  id: number;
  line: string;
}
export interface ShellInterruptMessage extends Base {
  type: 'shell.interrupt';
}
export interface ShellResizeMessage extends Base {
  type: 'shell.resize';
  columns: number;
  rows: number;
}
/** The client received batch `seq` and every one before it (flow control, see HelloMessage.flow). */
export interface BatchAckMessage extends Base {
  type: 'batch.ack';
  seq: number;
}
export type ClientMessage = HelloMessage | RequestMessage | ShellInputMessage | ShellInterruptMessage | ShellResizeMessage | BatchAckMessage;

// ------------------------------------------------------------------ worker → client

export interface SnapshotMessage extends Base {
  type: 'snapshot';
  clock: ClockState;
  objects: Snapshot;
  prompt: string;
  history: string[];
}
// BEGIN batch timing block (src/worker/engine-core.ts, src/ui/state, bench/browser)
/**
 * Wall-clock stamps of a batch, epoch ms (`performance.timeOrigin + performance.now()` in the
 * worker): when the oldest event in it was written and when it was sent. Only for measuring
 * engine → UI latency; the UI does not depend on them.
 */
export interface BatchTiming {
  firstWriteAt: number;
  sentAt: number;
}
const isBatchTiming = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && typeof (x as BatchTiming).firstWriteAt === 'number' && typeof (x as BatchTiming).sentAt === 'number';
// END batch timing block

/**
 * Watch events since the previous batch, coalesced per object. Sent as soon as the pacer has a
 * few milliseconds of events, at most 256 events a message; with `flow: 'ack'` at most two
 * unacknowledged, or three to finish a burst (the page applies what it received at most once per
 * animation frame).
 */
export interface BatchMessage extends Base {
  type: 'batch';
  clock: ClockState;
  events: ObjectEvent[];
  /** Sequence number to acknowledge, when the client asked for flow control. */
  seq?: number;
  /**
   * True when the engine posts the next batch of the same burst right after this one (a burst
   * over 256 events, flow control permitting): the page may wait for it and apply both at once.
   */
  more?: boolean;
  timing?: BatchTiming; // batch timing block
}
export type ResponseMessage =
  | (Base & { type: 'response'; id: number; ok: true; result: unknown })
  | (Base & { type: 'response'; id: number; ok: false; error: string });
export interface ShellOutputMessage extends Base {
  type: 'shell.output';
  id: number;
  data: string;
}
export interface ShellCompleteMessage extends Base {
  type: 'shell.complete';
  id: number;
  /** Exit status of the last command (unchanged when more input is needed). */
  status: number;
  /** True when the line is incomplete (open quote, `for` without `done`, heredoc): print `> `. */
  more: boolean;
  prompt: string;
}
export interface ErrorMessage extends Base {
  type: 'error';
  message: string;
}
export type WorkerMessage = SnapshotMessage | BatchMessage | ResponseMessage | ShellOutputMessage | ShellCompleteMessage | ErrorMessage | PersistedMessage | EditorOpenMessage | LabsProgressMessage; // terminal block: EditorOpenMessage; labs block: LabsProgressMessage

// ------------------------------------------------------------------ guards

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);

function isVersioned(x: unknown): x is Rec & { type: unknown } {
  return isRec(x) && x.v === PROTOCOL_VERSION && isStr(x.type);
}

export function isClockState(x: unknown): x is ClockState {
  return isRec(x) && typeof x.now === 'number' && Number.isFinite(x.now) && isBool(x.playing) && isSpeed(x.speed);
}

function isKObject(x: unknown): x is KObject {
  return isRec(x) && isRec(x.metadata) && isStr(x.metadata.uid) && isStr(x.metadata.name);
}

export function isObjectEvent(x: unknown): x is ObjectEvent {
  return isRec(x) && (x.type === 'ADDED' || x.type === 'MODIFIED' || x.type === 'DELETED') && isMirroredResource(x.resource) && isKObject(x.object);
}

function isStrRecord(x: unknown): x is Record<string, string> {
  return isRec(x) && Object.values(x).every(isStr);
}

/** Validates the params of a request for its method. */
export function isRequestParams<M extends RequestMethod>(method: M, p: unknown): p is RequestParams<M> {
  if (!isRec(p)) return false;
  switch (method) {
    case 'api':
      return isStr(p.method) && isStr(p.path) && p.path.startsWith('/') && (p.headers === undefined || isStrRecord(p.headers));
    case 'time.set':
      return (p.playing === undefined || isBool(p.playing)) && (p.speed === undefined || isSpeed(p.speed));
    case 'time.step':
      return p.ms === undefined || (typeof p.ms === 'number' && Number.isFinite(p.ms) && p.ms >= 0 && p.ms <= 3_600_000);
    case 'shell.completions':
      return isStr(p.line) && isInt(p.cursor) && p.cursor >= 0 && p.cursor <= p.line.length;
    default:
      return isEditorRequestParams(method, p) || isToolsRequestParams(method, p) || isTerminalRequestParams(method, p) || isDockerCoinsRequestParams(method, p) || isLabsRequestParams(method, p); // terminal block; DockerCoins block; labs block
  }
}

export function isRequestMethod(x: unknown): x is RequestMethod {
  return isStr(x) && (REQUEST_METHODS as readonly string[]).includes(x);
}

export function isClientMessage(x: unknown): x is ClientMessage {
  if (!isVersioned(x)) return false;
  switch (x.type) {
    case 'hello':
      return x.flow === undefined || x.flow === 'ack';
    case 'shell.interrupt':
      return true;
    case 'batch.ack':
      return isInt(x.seq) && x.seq >= 0;
    case 'request':
      return isInt(x.id) && isRequestMethod(x.method) && isRequestParams(x.method, x.params);
    case 'shell.input':
      return isInt(x.id) && isStr(x.line);
    case 'shell.resize':
      return isInt(x.columns) && isInt(x.rows) && x.columns > 0 && x.rows > 0 && x.columns <= 1000 && x.rows <= 1000;
    default:
      return false;
  }
}

export function isWorkerMessage(x: unknown): x is WorkerMessage {
  if (!isVersioned(x)) return false;
  switch (x.type) {
    case 'snapshot': {
      if (!isClockState(x.clock) || !isStr(x.prompt) || !isStrArray(x.history) || !isRec(x.objects)) return false;
      const objects = x.objects;
      return MIRRORED_RESOURCE_NAMES.every((r) => Array.isArray(objects[r]) && (objects[r] as unknown[]).every(isKObject));
    }
    case 'batch':
      return isClockState(x.clock) && Array.isArray(x.events) && x.events.every(isObjectEvent) && (x.seq === undefined || isInt(x.seq))
        && (x.more === undefined || isBool(x.more))
        && (x.timing === undefined || isBatchTiming(x.timing)); // batch timing block
    case 'response':
      return isInt(x.id) && (x.ok === true ? 'result' in x : x.ok === false && isStr(x.error));
    case 'shell.output':
      return isInt(x.id) && isStr(x.data);
    case 'shell.complete':
      return isInt(x.id) && isInt(x.status) && isBool(x.more) && isStr(x.prompt);
    case 'error':
      return isStr(x.message);
    default:
      return isToolsWorkerMessage(x) || isTerminalWorkerMessage(x) || isLabsWorkerMessage(x); // terminal block; labs block
  }
}
