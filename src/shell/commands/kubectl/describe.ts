// `kubectl describe` for Pod, Deployment, ReplicaSet, ReplicationController, Service, Node and
// Namespace: the describers' layout (a tabwriter with padding 2, two-space levels, multi-line
// labels/annotations/tolerations, containers, conditions, volumes, the Events table with
// `<none>` forms) and events fetched by involvedObject field selectors. Other kinds get a
// generic Name/Namespace/Labels/Annotations/Events page.
// Models staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32 layout, checked against
// the real kubectl v1.32 pointed at the simulated API server).
// Also DaemonSet; Ingress lives in describe-more.ts. Leaves out: persistent volumes, statefulsets, RBAC and other describers.
import type { KObject } from '../../../engine';
import { humanDuration, parseQuantity, quantityToString, translateTimestampSince } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, errorText, sanitize } from './client';
import { resolveTargets } from './get';
import { runeCount } from './printers/tabwriter';
import { describeMore } from './describe-more';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

// ------------------------------------------------------------------ writer (PrefixWriter + tabwriter)

export class Describer {
  private lines: string[] = [];
  private out = '';
  /** PrefixWriter.Write: indentation of two spaces per level, then the formatted text. */
  w(level: number, text: string): void {
    this.raw('  '.repeat(level) + text);
  }
  raw(text: string): void {
    this.pending += text;
    let i = this.pending.indexOf('\n');
    while (i >= 0) {
      this.lines.push(this.pending.slice(0, i));
      this.pending = this.pending.slice(i + 1);
      i = this.pending.indexOf('\n');
    }
  }
  private pending = '';
  /** tabwriter.Flush */
  flush(): void {
    if (this.lines.length === 0) return;
    // describe's tabbedString uses Go's standard text/tabwriter (minwidth 0, padding 2), which
    // has no RememberWidths: each column block is as wide as its own widest cell.
    const out: string[] = [];
    goTabFormat(this.lines.map((l) => l.split('\t')), 0, this.lines.length, [], out);
    this.out += out.join('');
    this.lines = [];
  }
  text(): string {
    this.flush();
    return this.out + this.pending;
  }
}

/** Go text/tabwriter format(): columns sized per block of adjacent lines having that column. */
function goTabFormat(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
  const column = widths.length;
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let t = '';
      const cells = lines[i];
      for (let j = 0; j < cells.length; j++) {
        t += cells[j];
        if (j < widths.length) t += ' '.repeat(Math.max(0, widths[j] - runeCount(cells[j])));
      }
      out.push(t + '\n');
    }
  };
  for (let cur = line0; cur < line1; cur++) {
    if (column >= lines[cur].length - 1) continue;
    write(line0, cur);
    line0 = cur;
    let width = 0;
    for (; cur < line1 && column < lines[cur].length - 1; cur++) width = Math.max(width, runeCount(lines[cur][column]) + 2);
    widths.push(width);
    goTabFormat(lines, line0, cur, widths, out);
    widths.pop();
    line0 = cur;
  }
  write(line0, line1);
}

// ------------------------------------------------------------------ shared helpers

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: `Sun, 22 Nov 2026 09:00:00 +0000`. */
export function rfc1123z(ts: unknown): string {
  const t = Date.parse(s(ts));
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function sortedKeys(m: Obj): string[] {
  return Object.keys(m).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

export function labelsMultiline(d: Describer, title: string, labels: unknown, initialIndent = '', innerIndent = '\t'): void {
  const m = o(labels);
  d.raw(`${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(m);
  if (keys.length === 0) {
    d.raw('<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) d.raw(initialIndent + innerIndent);
    d.raw(`${k}=${s(m[k])}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

export function annotationsMultiline(d: Describer, title: string, annotations: unknown): void {
  const m = o(annotations);
  d.raw(`${title}:\t`);
  // kubectl never shows the last-applied configuration (describe.go skipAnnotations).
  const keys = sortedKeys(m).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration');
  if (keys.length === 0) {
    d.raw('<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) d.raw('\t');
    const value = s(m[k]).replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      d.raw(`${k}:\n`);
      for (const line of value.split('\n')) {
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? line.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : line;
        d.raw(`\t  ${short}\n`);
      }
    } else d.raw(`${k}: ${value}\n`);
  });
}

function tolerationsMultiline(d: Describer, title: string, tolerations: unknown, initialIndent = '', innerIndent = '\t'): void {
  const list = a(tolerations).map(o);
  d.raw(`${initialIndent}${title}:${innerIndent}`);
  if (list.length === 0) {
    d.raw('<none>\n');
    return;
  }
  const sorted = list.map((t, i) => ({ t, i })).sort((x, y) => (s(x.t.key) < s(y.t.key) ? -1 : s(x.t.key) > s(y.t.key) ? 1 : x.i - y.i)).map((x) => x.t);
  sorted.forEach((t, i) => {
    if (i !== 0) d.raw(initialIndent + innerIndent);
    let line = s(t.key);
    if (s(t.value)) line += `=${s(t.value)}`;
    if (s(t.effect)) line += `:${s(t.effect)}`;
    if (t.operator === 'Exists' && !s(t.value)) line += s(t.key) || s(t.effect) ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') line += ` for ${t.tolerationSeconds}s`;
    d.raw(line + '\n');
  });
}

function quantity(v: unknown): string {
  const q = parseQuantity(s(v));
  return q ? quantityToString(q) : s(v);
}

/** SortedResourceNames: cpu, memory, ephemeral-storage... as upstream orders standard names first. */
function sortedResourceNames(m: Obj): string[] {
  const order = ['cpu', 'memory', 'ephemeral-storage', 'storage'];
  return Object.keys(m).sort((x, y) => {
    const ix = order.indexOf(x);
    const iy = order.indexOf(y);
    if (ix >= 0 || iy >= 0) return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function describeResources(d: Describer, res: unknown, level: number): void {
  const r = o(res);
  const limits = o(r.limits);
  const requests = o(r.requests);
  if (Object.keys(limits).length) d.w(level, 'Limits:\n');
  for (const k of sortedResourceNames(limits)) d.w(level + 1, `${k}:\t${quantity(limits[k])}\n`);
  if (Object.keys(requests).length) d.w(level, 'Requests:\n');
  for (const k of sortedResourceNames(requests)) d.w(level + 1, `${k}:\t${quantity(requests[k])}\n`);
}

function intOrString(v: unknown): string {
  return s(v);
}

function describeProbe(p: Obj): string {
  const attrs = `delay=${n(p.initialDelaySeconds)}s timeout=${n(p.timeoutSeconds)}s period=${n(p.periodSeconds)}s #success=${n(p.successThreshold)} #failure=${n(p.failureThreshold)}`;
  if (p.exec) return `exec [${a(o(p.exec).command).map(s).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = o(p.httpGet);
    const scheme = s(h.scheme).toLowerCase();
    const port = intOrString(h.port);
    const host = port ? `${s(h.host)}:${port}` : s(h.host);
    return `http-get ${scheme}://${host}${s(h.path)} ${attrs}`;
  }
  if (p.tcpSocket) {
    const t = o(p.tcpSocket);
    return `tcp-socket ${s(t.host)}:${intOrString(t.port)} ${attrs}`;
  }
  if (p.grpc) {
    const g = o(p.grpc);
    return `grpc <pod>:${n(g.port)} ${s(g.service)} ${attrs}`;
  }
  return `unknown ${attrs}`;
}

function describeState(d: Describer, name: string, state: Obj): void {
  if (state.running) {
    d.w(2, `${name}:\tRunning\n`);
    d.w(3, `Started:\t${rfc1123z(o(state.running).startedAt)}\n`);
  } else if (state.waiting) {
    d.w(2, `${name}:\tWaiting\n`);
    if (s(o(state.waiting).reason)) d.w(3, `Reason:\t${s(o(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = o(state.terminated);
    d.w(2, `${name}:\tTerminated\n`);
    if (s(t.reason)) d.w(3, `Reason:\t${s(t.reason)}\n`);
    if (s(t.message)) d.w(3, `Message:\t${s(t.message)}\n`);
    d.w(3, `Exit Code:\t${n(t.exitCode)}\n`);
    if (n(t.signal) > 0) d.w(3, `Signal:\t${n(t.signal)}\n`);
    d.w(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    d.w(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else d.w(2, `${name}:\tWaiting\n`);
}

/**
 * fieldRef values the describer resolves from the pod (EnvValueRetriever → fieldpath.
 * ExtractFieldPathAsString): metadata fields only; spec/status paths print empty, as in kubectl.
 */
function fieldRefValue(pod: Obj | undefined, path: string): string {
  if (!pod) return '';
  const meta = o(pod.metadata);
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return s(o(meta[m[1]])[m[2]]);
  const fmtMap = (x: unknown) => sortedKeys(o(x)).map((k) => `${k}="${s(o(x)[k])}"`).join('\n');
  switch (path) {
    case 'metadata.name':
      return s(meta.name);
    case 'metadata.namespace':
      return s(meta.namespace);
    case 'metadata.uid':
      return s(meta.uid);
    case 'metadata.labels':
      return fmtMap(meta.labels);
    case 'metadata.annotations':
      return fmtMap(meta.annotations);
    default:
      return '';
  }
}

function describeContainers(d: Describer, label: string, containers: unknown, statuses: unknown, pod: Obj | undefined, space: string): void {
  const list = a(containers).map(o);
  const byName = new Map<string, Obj>();
  for (const st of a(statuses).map(o)) byName.set(s(st.name), st);
  d.w(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space ? ' ' : '';
  for (const c of list) {
    const st = byName.get(s(c.name));
    d.w(1, `${nameIndent}${s(c.name)}:\n`);
    if (st) d.w(2, `Container ID:\t${s(st.containerID)}\n`);
    d.w(2, `Image:\t${s(c.image)}\n`);
    if (st) d.w(2, `Image ID:\t${s(st.imageID)}\n`);
    const ports = a(c.ports).map(o);
    const portStr = ports.map((p) => `${n(p.containerPort)}/${s(p.protocol)}`).join(', ');
    if (portStr.includes(',')) d.w(2, `Ports:\t${portStr}\n`);
    else d.w(2, `Port:\t${portStr || '<none>'}\n`);
    const hostStr = ports.map((p) => `${n(p.hostPort)}/${s(p.protocol)}`).join(', ');
    if (hostStr.includes(',')) d.w(2, `Host Ports:\t${hostStr}\n`);
    else d.w(2, `Host Port:\t${hostStr || '<none>'}\n`);
    const sc = o(o(c.securityContext).seccompProfile);
    if (sc.type) {
      d.w(2, `SeccompProfile:\t${s(sc.type)}\n`);
      if (sc.type === 'Localhost') d.w(3, `LocalhostProfile:\t${s(sc.localhostProfile)}\n`);
    }
    if (a(c.command).length) {
      d.w(2, 'Command:\n');
      for (const x of a(c.command)) for (const line of s(x).split('\n')) d.w(3, `${line}\n`);
    }
    if (a(c.args).length) {
      d.w(2, 'Args:\n');
      for (const x of a(c.args)) for (const line of s(x).split('\n')) d.w(3, `${line}\n`);
    }
    if (st) {
      describeState(d, 'State', o(st.state));
      if (o(st.lastState).terminated) describeState(d, 'Last State', o(st.lastState));
      d.w(2, `Ready:\t${st.ready === true ? 'True' : 'False'}\n`);
      d.w(2, `Restart Count:\t${n(st.restartCount)}\n`);
    }
    describeResources(d, c.resources, 2);
    if (c.livenessProbe) d.w(2, `Liveness:\t${describeProbe(o(c.livenessProbe))}\n`);
    if (c.readinessProbe) d.w(2, `Readiness:\t${describeProbe(o(c.readinessProbe))}\n`);
    if (c.startupProbe) d.w(2, `Startup:\t${describeProbe(o(c.startupProbe))}\n`);
    const envFrom = a(c.envFrom).map(o);
    if (envFrom.length) {
      d.w(2, 'Environment Variables from:\n');
      for (const e of envFrom) {
        const ref = o(e.configMapRef ?? e.secretRef);
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const optional = ref.optional === true;
        if (s(e.prefix)) d.w(3, `${s(ref.name)}\t${from} with prefix '${s(e.prefix)}'\tOptional: ${optional}\n`);
        else d.w(3, `${s(ref.name)}\t${from}\tOptional: ${optional}\n`);
      }
    }
    const env = a(c.env).map(o);
    d.w(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        s(e.value).split('\n').forEach((line, i) => d.w(3, i === 0 ? `${s(e.name)}:\t${line}\n` : `\t${line}\n`));
        continue;
      }
      const vf = o(e.valueFrom);
      if (vf.fieldRef) {
        const fr = o(vf.fieldRef);
        d.w(3, `${s(e.name)}:\t${fieldRefValue(pod, s(fr.fieldPath))} (${s(fr.apiVersion)}:${s(fr.fieldPath)})\n`);
      } else if (vf.resourceFieldRef) {
        d.w(3, `${s(e.name)}:\t (${s(o(vf.resourceFieldRef).resource)})\n`);
      } else if (vf.secretKeyRef) {
        const r = o(vf.secretKeyRef);
        d.w(3, `${s(e.name)}:\t<set to the key '${s(r.key)}' in secret '${s(r.name)}'>\tOptional: ${r.optional === true}\n`);
      } else if (vf.configMapKeyRef) {
        const r = o(vf.configMapKeyRef);
        d.w(3, `${s(e.name)}:\t<set to the key '${s(r.key)}' of config map '${s(r.name)}'>\tOptional: ${r.optional === true}\n`);
      }
    }
    const mounts = a(c.volumeMounts).map(o).sort((x, y) => (s(x.mountPath) < s(y.mountPath) ? -1 : s(x.mountPath) > s(y.mountPath) ? 1 : 0));
    d.w(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? 'ro' : 'rw'];
      if (s(m.subPath)) flags.push(`path=${JSON.stringify(s(m.subPath))}`);
      d.w(3, `${s(m.mountPath)} from ${s(m.name)} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(d: Describer, volumes: unknown, space: string): void {
  const list = a(volumes).map(o);
  if (list.length === 0) {
    d.w(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  d.w(0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of list) {
    d.w(1, `${nameIndent}${s(v.name)}:\n`);
    if (v.hostPath) {
      const h = o(v.hostPath);
      d.w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s(h.path)}\n    HostPathType:\t${s(h.type) || '<none>'}\n`);
    } else if (v.emptyDir) {
      const e = o(v.emptyDir);
      d.w(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${s(e.medium)}\n    SizeLimit:\t${e.sizeLimit ? quantity(e.sizeLimit) : '<unset>'}\n`);
    } else if (v.secret) {
      const x = o(v.secret);
      d.w(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${s(x.secretName)}\n    Optional:\t${x.optional === true}\n`);
    } else if (v.configMap) {
      const x = o(v.configMap);
      d.w(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${s(x.name)}\n    Optional:\t${x.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      const x = o(v.persistentVolumeClaim);
      d.w(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${s(x.claimName)}\n    ReadOnly:\t${x.readOnly === true}\n`);
    } else if (v.projected) {
      d.w(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of a(o(v.projected).sources).map(o)) {
        if (src.secret) d.w(2, `SecretName:\t${s(o(src.secret).name)}\n    Optional:\t${o(src.secret).optional === true}\n`);
        else if (src.downwardAPI) d.w(2, 'DownwardAPI:\ttrue\n');
        else if (src.configMap) d.w(2, `ConfigMapName:\t${s(o(src.configMap).name)}\n    Optional:\t${o(src.configMap).optional === true}\n`);
        else if (src.serviceAccountToken) d.w(2, `TokenExpirationSeconds:\t${n(o(src.serviceAccountToken).expirationSeconds)}\n`);
      }
    } else if (v.downwardAPI) {
      d.w(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of a(o(v.downwardAPI).items).map(o)) {
        if (it.fieldRef) d.w(3, `${s(o(it.fieldRef).fieldPath)} -> ${s(it.path)}\n`);
        if (it.resourceFieldRef) d.w(3, `${s(o(it.resourceFieldRef).resource)} -> ${s(it.path)}\n`);
      }
    } else d.w(1, '<unknown>\n');
  }
}

/** qos.GetPodQOS */
function podQOS(pod: Obj): string {
  const spec = o(pod.spec);
  const containers = [...a(spec.containers), ...a(spec.initContainers)].map(o);
  let anyRequestOrLimit = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = o(c.resources);
    const req = o(r.requests);
    const lim = o(r.limits);
    for (const k of ['cpu', 'memory']) {
      if (req[k] !== undefined || lim[k] !== undefined) anyRequestOrLimit = true;
      if (lim[k] === undefined) guaranteed = false;
      else if (req[k] !== undefined && quantity(req[k]) !== quantity(lim[k])) guaranteed = false;
    }
  }
  if (!anyRequestOrLimit) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function controlledBy(meta: Obj): string {
  const ref = a(meta.ownerReferences).map(o).find((r) => r.controller === true);
  return ref ? `${s(ref.kind)}/${s(ref.name)}` : '';
}

function describePodTemplate(d: Describer, template: unknown): void {
  const t = o(template);
  const meta = o(t.metadata);
  const spec = o(t.spec);
  d.w(0, 'Pod Template:\n');
  labelsMultiline(d, '  Labels', meta.labels);
  if (Object.keys(o(meta.annotations)).length) annotationsMultiline(d, '  Annotations', meta.annotations);
  if (s(spec.serviceAccountName)) d.w(1, `Service Account:\t${s(spec.serviceAccountName)}\n`);
  if (a(spec.initContainers).length) describeContainers(d, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(d, 'Containers', spec.containers, undefined, undefined, '  ');
  describeVolumes(d, spec.volumes, '  ');
  if (s(spec.priorityClassName)) d.w(1, `Priority Class Name:\t${s(spec.priorityClassName)}\n`);
  labelsMultiline(d, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(d, '  Tolerations', spec.tolerations);
}

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string };
  reportingComponent?: string;
  reportingController?: string;
}

export function describeEvents(d: Describer, events: EventLike[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    d.w(0, 'Events:\t<none>\n');
    return;
  }
  d.flush();
  const ts = (e: EventLike) => Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0;
  const sorted = events.map((e, i) => ({ e, i })).sort((x, y) => ts(x.e) - ts(y.e) || x.i - y.i).map((x) => x.e);
  d.w(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  d.w(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || e.reportingComponent || '';
    d.w(1, `${s(e.type)}\t${s(e.reason)}\t${interval}\t${source}\t${s(e.message).trim()}\n`);
  }
}

function formatSelector(sel: unknown): string {
  const x = o(sel);
  const parts: string[] = [];
  const ml = o(x.matchLabels);
  for (const k of sortedKeys(ml)) parts.push(`${k}=${s(ml[k])}`);
  for (const e of a(x.matchExpressions).map(o)) {
    const vals = a(e.values).map(s);
    switch (e.operator) {
      case 'In':
        parts.push(`${s(e.key)} in (${vals.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${s(e.key)} notin (${vals.join(',')})`);
        break;
      case 'Exists':
        parts.push(s(e.key));
        break;
      case 'DoesNotExist':
        parts.push(`!${s(e.key)}`);
        break;
    }
  }
  if (parts.length === 0) return '<none>';
  return parts.join(',');
}

function formatLabels(m: unknown): string {
  const x = o(m);
  const keys = sortedKeys(x);
  return keys.length ? keys.map((k) => `${k}=${s(x[k])}`).join(',') : '<none>';
}

// ------------------------------------------------------------------ per kind

export interface Ctx {
  inv: Invocation;
  now: number;
  events?: EventLike[];
}

function describePod(c: Ctx, pod: Obj): string {
  const d = new Describer();
  const meta = o(pod.metadata);
  const spec = o(pod.spec);
  const status = o(pod.status);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  if (typeof spec.priority === 'number') d.w(0, `Priority:\t${spec.priority}\n`);
  if (s(spec.priorityClassName)) d.w(0, `Priority Class Name:\t${s(spec.priorityClassName)}\n`);
  if (s(spec.runtimeClassName)) d.w(0, `Runtime Class Name:\t${s(spec.runtimeClassName)}\n`);
  if (s(spec.serviceAccountName)) d.w(0, `Service Account:\t${s(spec.serviceAccountName)}\n`);
  d.w(0, s(spec.nodeName) ? `Node:\t${s(spec.nodeName)}/${s(status.hostIP)}\n` : 'Node:\t<none>\n');
  if (status.startTime) d.w(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  const phase = s(status.phase);
  if (meta.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    d.w(0, `Status:\tTerminating (lasts ${translateTimestampSince(s(meta.deletionTimestamp), c.now)})\n`);
    d.w(0, `Termination Grace Period:\t${n(meta.deletionGracePeriodSeconds)}s\n`);
  } else d.w(0, `Status:\t${phase}\n`);
  if (s(status.reason)) d.w(0, `Reason:\t${s(status.reason)}\n`);
  if (s(status.message)) d.w(0, `Message:\t${s(status.message)}\n`);
  const sp = o(o(spec.securityContext).seccompProfile);
  if (sp.type) {
    d.w(0, `SeccompProfile:\t${s(sp.type)}\n`);
    if (sp.type === 'Localhost') d.w(0, `LocalhostProfile:\t${s(sp.localhostProfile)}\n`);
  }
  d.w(0, `IP:\t${s(status.podIP)}\n`);
  const ips = a(status.podIPs).map(o);
  if (ips.length === 0) d.w(0, 'IPs:\t<none>\n');
  else {
    d.w(0, 'IPs:\n');
    for (const ip of ips) d.w(1, `IP:\t${s(ip.ip)}\n`);
  }
  const ctl = controlledBy(meta);
  if (ctl) d.w(0, `Controlled By:\t${ctl}\n`);
  if (s(status.nominatedNodeName)) d.w(0, `NominatedNodeName:\t${s(status.nominatedNodeName)}\n`);
  if (a(spec.initContainers).length) describeContainers(d, 'Init Containers', spec.initContainers, status.initContainerStatuses, pod, '');
  describeContainers(d, 'Containers', spec.containers, status.containerStatuses, pod, '');
  const gates = a(spec.readinessGates).map(o);
  if (gates.length) {
    d.w(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const cond = a(status.conditions).map(o).find((x) => x.type === g.conditionType);
      d.w(1, `${s(g.conditionType)} \t${cond ? s(cond.status) : '<none>'} \n`);
    }
  }
  const conds = a(status.conditions).map(o);
  if (conds.length) {
    d.w(0, 'Conditions:\n  Type\tStatus\n');
    for (const x of conds) d.w(1, `${s(x.type)} \t${s(x.status)} \n`);
  }
  describeVolumes(d, spec.volumes, '');
  d.w(0, `QoS Class:\t${podQOS(pod)}\n`);
  labelsMultiline(d, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(d, 'Tolerations', spec.tolerations);
  describeEvents(d, c.events, c.now);
  return d.text();
}

function podStatusCounts(c: Ctx, ns: string, selector: string, ownerUid: string): string {
  const list = c.inv.client.get(`/api/v1/namespaces/${ns}/pods`, { query: { labelSelector: selector } }) as { items?: Obj[] };
  const counts: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of list.items ?? []) {
    const refs = a(o(p.metadata).ownerReferences).map(o);
    const ctl = refs.find((r) => r.controller === true);
    if (ownerUid && ctl && s(ctl.uid) !== ownerUid) continue;
    const ph = s(o(p.status).phase);
    if (ph in counts) counts[ph]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function matchLabelsSelector(sel: unknown): string {
  const x = o(sel);
  const ml = o(x.matchLabels);
  return sortedKeys(ml).map((k) => `${k}=${s(ml[k])}`).join(',');
}

function describeReplicaSet(c: Ctx, rs: Obj, kind: 'ReplicaSet' | 'ReplicationController'): string {
  const d = new Describer();
  const meta = o(rs.metadata);
  const spec = o(rs.spec);
  const status = o(rs.status);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  const selector = kind === 'ReplicaSet' ? formatSelector(spec.selector) : formatLabels(spec.selector);
  d.w(0, `Selector:\t${selector}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  if (kind === 'ReplicaSet') {
    const ctl = controlledBy(meta);
    if (ctl) d.w(0, `Controlled By:\t${ctl}\n`);
  }
  d.w(0, `Replicas:\t${n(status.replicas)} current / ${n(spec.replicas)} desired\n`);
  const sel = kind === 'ReplicaSet' ? matchLabelsSelector(spec.selector) : formatLabels(spec.selector);
  d.w(0, `Pods Status:\t${podStatusCounts(c, s(meta.namespace), sel, s(meta.uid))}\n`);
  describePodTemplate(d, spec.template);
  const conds = a(status.conditions).map(o);
  if (conds.length) {
    d.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    d.w(1, '----\t------\t------\n');
    for (const x of conds) d.w(1, `${s(x.type)} \t${s(x.status)}\t${s(x.reason)}\n`);
  }
  describeEvents(d, c.events, c.now);
  return d.text();
}

function withoutHash(t: unknown): string {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as Obj;
  const labels = o(o(copy.metadata).labels);
  delete labels['pod-template-hash'];
  return JSON.stringify(copy, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Obj).sort(([x], [y]) => (x < y ? -1 : 1))) : v));
}

function describeDeployment(c: Ctx, dep: Obj): string {
  const d = new Describer();
  const meta = o(dep.metadata);
  const spec = o(dep.spec);
  const status = o(dep.status);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  d.w(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  d.w(0, `Replicas:\t${n(spec.replicas)} desired | ${n(status.updatedReplicas)} updated | ${n(status.replicas)} total | ${n(status.availableReplicas)} available | ${n(status.unavailableReplicas)} unavailable\n`);
  const strategy = o(spec.strategy);
  d.w(0, `StrategyType:\t${s(strategy.type)}\n`);
  d.w(0, `MinReadySeconds:\t${n(spec.minReadySeconds)}\n`);
  if (strategy.rollingUpdate) {
    const ru = o(strategy.rollingUpdate);
    d.w(0, `RollingUpdateStrategy:\t${s(ru.maxUnavailable)} max unavailable, ${s(ru.maxSurge)} max surge\n`);
  }
  describePodTemplate(d, spec.template);
  const conds = a(status.conditions).map(o);
  if (conds.length) {
    d.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    d.w(1, '----\t------\t------\n');
    for (const x of conds) d.w(1, `${s(x.type)} \t${s(x.status)}\t${s(x.reason)}\n`);
  }
  // ReplicaSets it controls: the new one has the deployment's template
  const list = c.inv.client.get(`/apis/apps/v1/namespaces/${s(meta.namespace)}/replicasets`, { query: { labelSelector: matchLabelsSelector(spec.selector) } }) as { items?: Obj[] };
  const owned = (list.items ?? []).filter((rs) => a(o(rs.metadata).ownerReferences).map(o).some((r) => r.controller === true && s(r.uid) === s(meta.uid)));
  owned.sort((x, y) => s(o(x.metadata).creationTimestamp).localeCompare(s(o(y.metadata).creationTimestamp)));
  const want = withoutHash(spec.template);
  const newRS = owned.find((rs) => withoutHash(o(rs.spec).template) === want);
  const old = owned.filter((rs) => rs !== newRS && n(o(rs.spec).replicas) > 0);
  const fmt = (rss: Obj[]) => (rss.length ? rss.map((rs) => `${s(o(rs.metadata).name)} (${n(o(rs.status).replicas)}/${n(o(rs.spec).replicas)} replicas created)`).join(', ') : '<none>');
  if (owned.length || newRS) {
    d.w(0, `OldReplicaSets:\t${fmt(old)}\n`);
    d.w(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(d, c.events, c.now);
  return d.text();
}

function describeService(c: Ctx, svc: Obj): string {
  const d = new Describer();
  const meta = o(svc.metadata);
  const spec = o(svc.spec);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  d.w(0, `Type:\t${s(spec.type)}\n`);
  if (spec.ipFamilyPolicy) d.w(0, `IP Family Policy:\t${s(spec.ipFamilyPolicy)}\n`);
  const fams = a(spec.ipFamilies).map(s);
  d.w(0, `IP Families:\t${fams.length ? fams.join(',') : '<none>'}\n`);
  d.w(0, `IP:\t${s(spec.clusterIP)}\n`);
  const ips = a(spec.clusterIPs).map(s);
  d.w(0, `IPs:\t${ips.length ? ips.join(',') : '<none>'}\n`);
  if (a(spec.externalIPs).length) d.w(0, `External IPs:\t${a(spec.externalIPs).map(s).join(',')}\n`);
  if (s(spec.loadBalancerIP)) d.w(0, `IP:\t${s(spec.loadBalancerIP)}\n`);
  if (s(spec.externalName)) d.w(0, `External Name:\t${s(spec.externalName)}\n`);
  const ingress = a(o(o(svc.status).loadBalancer).ingress).map(o);
  if (ingress.length) d.w(0, `LoadBalancer Ingress:\t${ingress.map((i) => s(i.ip) || s(i.hostname)).join(', ')}\n`);
  const slRes = c.inv.client.raw('GET', `/apis/discovery.k8s.io/v1/namespaces/${s(meta.namespace)}/endpointslices`, {
    query: { labelSelector: `kubernetes.io/service-name=${s(meta.name)}` },
  });
  const slices = slRes.status < 300 ? a(o(slRes.body).items).map(o) : [];
  for (const p of a(spec.ports).map(o)) {
    const name = s(p.name) || '<unset>';
    d.w(0, `Port:\t${name}\t${n(p.port)}/${s(p.protocol)}\n`);
    d.w(0, `TargetPort:\t${s(p.targetPort)}/${s(p.protocol)}\n`);
    if (n(p.nodePort)) d.w(0, `NodePort:\t${name}\t${n(p.nodePort)}/${s(p.protocol)}\n`);
    d.w(0, `Endpoints:\t${formatEndpointSlices(slices, s(p.name))}\n`);
  }
  d.w(0, `Session Affinity:\t${s(spec.sessionAffinity)}\n`);
  if (s(spec.externalTrafficPolicy)) d.w(0, `External Traffic Policy:\t${s(spec.externalTrafficPolicy)}\n`);
  if (s(spec.internalTrafficPolicy)) d.w(0, `Internal Traffic Policy:\t${s(spec.internalTrafficPolicy)}\n`);
  if (n(spec.healthCheckNodePort)) d.w(0, `HealthCheck NodePort:\t${n(spec.healthCheckNodePort)}\n`);
  describeEvents(d, c.events, c.now);
  return d.text();
}

/** formatEndpointSlices: ready endpoints with the port of that name, at most 3, then `+ N more...`. */
export function formatEndpointSlices(slices: Obj[], portName: string): string {
  if (slices.length === 0) return '<unset>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: Obj) => o(e.conditions).ready !== false;
  for (const sl of slices) {
    const eps = a(sl.endpoints).map(o);
    const ports = a(sl.ports).map(o);
    if (ports.length === 0) {
      for (const e of eps) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(s(a(e.addresses)[0]));
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if (s(port.name) !== portName) continue;
      for (const e of eps) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(`${s(a(e.addresses)[0])}:${n(port.port)}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeDaemonSet(c: Ctx, ds: Obj): string {
  const d = new Describer();
  const meta = o(ds.metadata);
  const spec = o(ds.spec);
  const status = o(ds.status);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  d.w(0, `Node-Selector:\t${formatLabels(o(o(spec.template).spec).nodeSelector)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `Desired Number of Nodes Scheduled: ${n(status.desiredNumberScheduled)}\n`);
  d.w(0, `Current Number of Nodes Scheduled: ${n(status.currentNumberScheduled)}\n`);
  d.w(0, `Number of Nodes Scheduled with Up-to-date Pods: ${n(status.updatedNumberScheduled)}\n`);
  d.w(0, `Number of Nodes Scheduled with Available Pods: ${n(status.numberAvailable)}\n`);
  d.w(0, `Number of Nodes Misscheduled: ${n(status.numberMisscheduled)}\n`);
  d.w(0, `Pods Status:\t${podStatusCounts(c, s(meta.namespace), matchLabelsSelector(spec.selector), s(meta.uid))}\n`);
  describePodTemplate(d, spec.template);
  describeEvents(d, c.events, c.now);
  return d.text();
}

function describeNamespace(_c: Ctx, ns: Obj): string {
  const d = new Describer();
  const meta = o(ns.metadata);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `Status:\t${s(o(ns.status).phase)}\n`);
  // SIMPLIFICATION: the simulator serves no ResourceQuota/LimitRange kinds, so there are none.
  d.w(0, '\nNo resource quota.\n');
  d.w(0, '\nNo LimitRange resource.\n');
  return d.text();
}

function describeNode(c: Ctx, node: Obj): string {
  const d = new Describer();
  const meta = o(node.metadata);
  const spec = o(node.spec);
  const status = o(node.status);
  const labels = o(meta.labels);
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .concat(labels['kubernetes.io/role'] ? [s(labels['kubernetes.io/role'])] : [])
    .filter((r) => r !== '')
    .sort();
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  const taints = a(spec.taints).map(o);
  d.raw('Taints:\t');
  if (taints.length === 0) d.raw('<none>\n');
  taints.forEach((t, i) => {
    if (i !== 0) d.raw('\t');
    d.raw(`${s(t.key)}${s(t.value) ? `=${s(t.value)}` : ''}:${s(t.effect)}\n`);
  });
  d.w(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease = c.inv.client.raw('GET', `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${s(meta.name)}`);
  d.w(0, 'Lease:\n');
  if (lease.status < 300) {
    const ls = o(o(lease.body).spec);
    d.w(1, `HolderIdentity:\t${s(ls.holderIdentity) || '<unset>'}\n`);
    d.w(1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
    d.w(1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
  } else d.w(1, 'Failed to get lease: leases.coordination.k8s.io "' + s(meta.name) + '" not found\n');
  const conds = a(status.conditions).map(o);
  if (conds.length) {
    d.w(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    d.w(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const x of conds) {
      d.w(1, `${s(x.type)} \t${s(x.status)} \t${rfc1123z(x.lastHeartbeatTime)} \t${rfc1123z(x.lastTransitionTime)} \t${s(x.reason)} \t${s(x.message)}\n`);
    }
  }
  d.w(0, 'Addresses:\n');
  for (const ad of a(status.addresses).map(o)) d.w(1, `${s(ad.type)}:\t${s(ad.address)}\n`);
  const printRes = (title: string, m: unknown) => {
    const r = o(m);
    if (Object.keys(r).length === 0) return;
    d.w(0, `${title}:\n`);
    for (const k of sortedKeys(r)) d.w(1, `${k}:\t${quantity(r[k])}\n`);
  };
  printRes('Capacity', status.capacity);
  printRes('Allocatable', status.allocatable);
  const ni = o(status.nodeInfo);
  d.w(0, 'System Info:\n');
  d.w(1, `Machine ID:\t${s(ni.machineID)}\n`);
  d.w(1, `System UUID:\t${s(ni.systemUUID)}\n`);
  d.w(1, `Boot ID:\t${s(ni.bootID)}\n`);
  d.w(1, `Kernel Version:\t${s(ni.kernelVersion)}\n`);
  d.w(1, `OS Image:\t${s(ni.osImage)}\n`);
  d.w(1, `Operating System:\t${s(ni.operatingSystem)}\n`);
  d.w(1, `Architecture:\t${s(ni.architecture)}\n`);
  d.w(1, `Container Runtime Version:\t${s(ni.containerRuntimeVersion)}\n`);
  d.w(1, `Kubelet Version:\t${s(ni.kubeletVersion)}\n`);
  d.w(1, `Kube-Proxy Version:\t${s(ni.kubeProxyVersion)}\n`);
  if (s(spec.podCIDR)) d.w(0, `PodCIDR:\t${s(spec.podCIDR)}\n`);
  if (a(spec.podCIDRs).length) d.w(0, `PodCIDRs:\t${a(spec.podCIDRs).map(s).join(',')}\n`);
  if (s(spec.providerID)) d.w(0, `ProviderID:\t${s(spec.providerID)}\n`);
  const pods = (c.inv.client.get('/api/v1/pods', { query: { fieldSelector: `spec.nodeName=${s(meta.name)},status.phase!=Failed,status.phase!=Succeeded` } }) as { items?: Obj[] }).items ?? [];
  const alloc = o(status.allocatable);
  const milli = (v: unknown) => {
    const q = parseQuantity(s(v));
    return q ? Number(quantityToString(q).endsWith('m') ? quantityToString(q).slice(0, -1) : Number(quantityToString(q)) * 1000) : 0;
  };
  const bytes = (v: unknown) => {
    const str = s(v);
    const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(str);
    if (!m) return 0;
    const mult: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
    return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
  };
  const pct = (x: number, total: number) => (total > 0 ? Math.trunc((x / total) * 100) : 0);
  d.w(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  d.w(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  d.w(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  let cpuReq = 0;
  let cpuLim = 0;
  let memReq = 0;
  let memLim = 0;
  const cpuAlloc = milli(alloc.cpu);
  const memAlloc = bytes(alloc.memory);
  const fmtCpu = (m: number) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);
  const fmtMem = (b: number) => {
    if (b === 0) return '0';
    for (const [suf, mul] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (b % mul === 0) return `${b / mul}${suf}`;
    return String(b);
  };
  const sortedPods = pods.slice().sort((x, y) => {
    const kx = `${s(o(x.metadata).namespace)}/${s(o(x.metadata).name)}`;
    const ky = `${s(o(y.metadata).namespace)}/${s(o(y.metadata).name)}`;
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  for (const p of sortedPods) {
    let pcr = 0;
    let pcl = 0;
    let pmr = 0;
    let pml = 0;
    for (const ct of a(o(p.spec).containers).map(o)) {
      const r = o(ct.resources);
      pcr += milli(o(r.requests).cpu);
      pcl += milli(o(r.limits).cpu);
      pmr += bytes(o(r.requests).memory);
      pml += bytes(o(r.limits).memory);
    }
    cpuReq += pcr;
    cpuLim += pcl;
    memReq += pmr;
    memLim += pml;
    const pm = o(p.metadata);
    d.w(1, `${s(pm.namespace)}\t${s(pm.name)}\t\t${fmtCpu(pcr)} (${pct(pcr, cpuAlloc)}%)\t${fmtCpu(pcl)} (${pct(pcl, cpuAlloc)}%)\t${fmtMem(pmr)} (${pct(pmr, memAlloc)}%)\t${fmtMem(pml)} (${pct(pml, memAlloc)}%)\t${translateTimestampSince(s(pm.creationTimestamp), c.now)}\n`);
  }
  d.w(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  d.w(1, 'Resource\tRequests\tLimits\n');
  d.w(1, '--------\t--------\t------\n');
  d.w(1, `cpu\t${fmtCpu(cpuReq)} (${pct(cpuReq, cpuAlloc)}%)\t${fmtCpu(cpuLim)} (${pct(cpuLim, cpuAlloc)}%)\n`);
  d.w(1, `memory\t${fmtMem(memReq)} (${pct(memReq, memAlloc)}%)\t${fmtMem(memLim)} (${pct(memLim, memAlloc)}%)\n`);
  d.w(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  d.w(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  d.w(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  describeEvents(d, c.events, c.now);
  return d.text();
}

/** Models kubectl/pkg/describe/describe.go describeEndpoints. */
function describeEndpoints(c: Ctx, ep: Obj): string {
  const d = new Describer();
  const meta = o(ep.metadata);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, 'Subsets:\n');
  for (const subset of a(ep.subsets).map(o)) {
    const ips = (k: string) => a(subset[k]).map((x) => s(o(x).ip)).join(',') || '<none>';
    d.w(1, `Addresses:\t${ips('addresses')}\n`);
    d.w(1, `NotReadyAddresses:\t${ips('notReadyAddresses')}\n`);
    const ports = a(subset.ports).map(o);
    if (ports.length) {
      d.w(1, 'Ports:\n');
      d.w(2, 'Name\tPort\tProtocol\n');
      d.w(2, '----\t----\t--------\n');
      for (const p of ports) d.w(2, `${s(p.name) || '<unset>'}\t${n(p.port)}\t${s(p.protocol)}\n`);
    }
    d.w(0, '\n');
  }
  describeEvents(d, c.events, c.now);
  return d.text();
}

// ------------------------------------------------------------------ batch: Job, CronJob
// Models kubectl/pkg/describe/describe.go (describeJob, describeCronJob, describeJobTemplate, printActiveJobs)

function describeJob(c: Ctx, job: Obj): string {
  const d = new Describer();
  const meta = o(job.metadata);
  const spec = o(job.spec);
  const status = o(job.status);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  d.w(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  const ctl = controlledBy(meta);
  if (ctl) d.w(0, `Controlled By:\t${ctl}\n`);
  if (spec.parallelism != null) d.w(0, `Parallelism:\t${n(spec.parallelism)}\n`);
  d.w(0, `Completions:\t${spec.completions != null ? n(spec.completions) : '<unset>'}\n`);
  if (spec.completionMode != null) d.w(0, `Completion Mode:\t${s(spec.completionMode)}\n`);
  if (spec.suspend != null) d.w(0, `Suspend:\t${spec.suspend === true}\n`);
  if (spec.backoffLimit != null) d.w(0, `Backoff Limit:\t${n(spec.backoffLimit)}\n`);
  if (spec.ttlSecondsAfterFinished != null) d.w(0, `TTL Seconds After Finished:\t${n(spec.ttlSecondsAfterFinished)}\n`);
  if (status.startTime) d.w(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) d.w(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) {
    d.w(0, `Duration:\t${humanDuration(Date.parse(s(status.completionTime)) - Date.parse(s(status.startTime)))}\n`);
  }
  if (spec.activeDeadlineSeconds != null) d.w(0, `Active Deadline Seconds:\t${n(spec.activeDeadlineSeconds)}s\n`);
  const counts = `${n(status.succeeded)} Succeeded / ${n(status.failed)} Failed`;
  if (status.ready == null) d.w(0, `Pods Statuses:\t${n(status.active)} Active / ${counts}\n`);
  else d.w(0, `Pods Statuses:\t${n(status.active)} Active (${n(status.ready)} Ready) / ${counts}\n`);
  if (spec.completionMode === 'Indexed') d.w(0, `Completed Indexes:\t${s(status.completedIndexes) || '<none>'}\n`);
  describePodTemplate(d, spec.template);
  describeEvents(d, c.events, c.now);
  return d.text();
}

function describeCronJob(c: Ctx, cj: Obj): string {
  const d = new Describer();
  const meta = o(cj.metadata);
  const spec = o(cj.spec);
  const status = o(cj.status);
  const unset = (v: unknown, suffix = '') => (v != null ? `${n(v)}${suffix}` : '<unset>');
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `Schedule:\t${s(spec.schedule)}\n`);
  d.w(0, `Concurrency Policy:\t${s(spec.concurrencyPolicy)}\n`);
  d.w(0, `Suspend:\t${spec.suspend == null ? '<unset>' : spec.suspend === true ? 'True' : 'False'}\n`);
  d.w(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}\n`);
  d.w(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}\n`);
  d.w(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}\n`);
  const jt = o(o(spec.jobTemplate).spec);
  d.w(0, `Selector:\t${jt.selector ? formatSelector(jt.selector) : '<unset>'}\n`);
  d.w(0, `Parallelism:\t${unset(jt.parallelism)}\n`);
  d.w(0, `Completions:\t${unset(jt.completions)}\n`);
  if (jt.activeDeadlineSeconds != null) d.w(0, `Active Deadline Seconds:\t${n(jt.activeDeadlineSeconds)}s\n`);
  describePodTemplate(d, jt.template);
  d.w(0, `Last Schedule Time:\t${status.lastScheduleTime ? rfc1123z(status.lastScheduleTime) : '<unset>'}\n`);
  const active = a(status.active).map((r) => s(o(r).name));
  d.w(0, `Active Jobs:\t${active.length ? active.join(', ') : '<none>'}\n`);
  describeEvents(d, c.events, c.now);
  return d.text();
}

/** One metric line of the HPA's Metrics block (describeHorizontalPodAutoscalerV2). */
function describeHPAMetric(d: Describer, m: Obj, cur: Obj | undefined): void {
  const q = (v: unknown) => (v === undefined || v === null ? '0' : quantity(v));
  const type = s(m.type);
  const target = (x: Obj) => o(x.target);
  if (type === 'Resource' || type === 'ContainerResource') {
    const src = o(type === 'Resource' ? m.resource : m.containerResource);
    const st = cur ? o(type === 'Resource' ? cur.resource : cur.containerResource) : undefined;
    const has = !!(cur && (type === 'Resource' ? cur.resource : cur.containerResource));
    d.w(1, type === 'Resource' ? `resource ${s(src.name)} on pods` : `resource ${s(src.name)} of container "${s(src.container)}" on pods`);
    const t = target(src);
    if (t.averageValue !== undefined) {
      const current = has ? q(o(st?.current).averageValue) : '<unknown>';
      d.w(0, `:\t${current} / ${q(t.averageValue)}\n`);
    } else {
      const c = o(st?.current);
      const current = has && c.averageUtilization !== undefined ? `${n(c.averageUtilization)}% (${q(c.averageValue)})` : '<unknown>';
      const tgt = t.averageUtilization !== undefined ? `${n(t.averageUtilization)}%` : '<auto>';
      d.w(1, `(as a percentage of request):\t${current} / ${tgt}\n`);
    }
    return;
  }
  if (type === 'Pods') {
    const src = o(m.pods);
    const has = !!(cur && cur.pods);
    d.w(1, `"${s(o(src.metric).name)}" on pods:\t${has ? q(o(o(cur?.pods).current).averageValue) : '<unknown>'} / ${q(target(src).averageValue)}\n`);
    return;
  }
  // SIMPLIFICATION: Object and External metric lines without their selectors.
  const src = o(type === 'Object' ? m.object : m.external);
  const t = target(src);
  const st = cur ? o(type === 'Object' ? cur.object : cur.external) : undefined;
  const avg = t.averageValue !== undefined;
  const current = st && Object.keys(st).length ? q(avg ? o(st.current).averageValue : o(st.current).value) : '<unknown>';
  if (type === 'Object') {
    const obj = o(src.describedObject);
    d.w(1, `"${s(o(src.metric).name)}" on ${s(obj.kind)}/${s(obj.name)}${avg ? ' (target average value)' : ' (target value)'}:\t${current} / ${q(avg ? t.averageValue : t.value)}\n`);
  } else {
    d.w(1, `"${s(o(src.metric).name)}" (${avg ? 'target average value' : 'target value'}):\t${current} / ${q(avg ? t.averageValue : t.value)}\n`);
  }
}

function describeHPAScalingRules(d: Describer, direction: string, rules: unknown): void {
  if (!rules) return;
  const r = o(rules);
  d.w(1, `${direction}:\n`);
  if (r.stabilizationWindowSeconds !== undefined) d.w(2, `Stabilization Window: ${n(r.stabilizationWindowSeconds)} seconds\n`);
  const policies = a(r.policies).map(o);
  if (policies.length) {
    d.w(2, `Select Policy: ${s(r.selectPolicy) || 'Max'}\n`);
    d.w(2, 'Policies:\n');
    for (const p of policies) d.w(3, `- Type: ${s(p.type)}\tValue: ${n(p.value)}\tPeriod: ${n(p.periodSeconds)} seconds\n`);
  }
}

/** describeHorizontalPodAutoscalerV2 (the autoscaling/v2 form kubectl v1.32 reads). */
function describeHPA(c: Ctx, hpa: Obj): string {
  const d = new Describer();
  const meta = o(hpa.metadata);
  const spec = o(hpa.spec);
  const status = o(hpa.status);
  const ref = o(spec.scaleTargetRef);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  d.w(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  d.w(0, `Reference:\t${s(ref.kind)}/${s(ref.name)}\n`);
  d.w(0, 'Metrics:\t( current / target )\n');
  const current = a(status.currentMetrics).map(o);
  a(spec.metrics).forEach((m, i) => describeHPAMetric(d, o(m), current[i]));
  d.w(0, `Min replicas:\t${spec.minReplicas === undefined ? '<unset>' : n(spec.minReplicas)}\n`);
  d.w(0, `Max replicas:\t${n(spec.maxReplicas)}\n`);
  if (spec.behavior) {
    d.w(0, 'Behavior:\n');
    describeHPAScalingRules(d, 'Scale Up', o(spec.behavior).scaleUp);
    describeHPAScalingRules(d, 'Scale Down', o(spec.behavior).scaleDown);
  }
  d.w(0, `${s(ref.kind)} pods:\t`);
  d.w(0, `${n(status.currentReplicas)} current / ${n(status.desiredReplicas)} desired\n`);
  const conds = a(status.conditions).map(o);
  if (conds.length) {
    d.w(0, 'Conditions:\n');
    d.w(1, 'Type\tStatus\tReason\tMessage\n');
    d.w(1, '----\t------\t------\t-------\n');
    for (const x of conds) d.w(1, `${s(x.type)}\t${s(x.status)}\t${s(x.reason)}\t${s(x.message)}\n`);
  }
  describeEvents(d, c.events, c.now);
  return d.text();
}

function describeGeneric(c: Ctx, obj: Obj): string {
  const d = new Describer();
  const meta = o(obj.metadata);
  d.w(0, `Name:\t${s(meta.name)}\n`);
  if (meta.namespace) d.w(0, `Namespace:\t${s(meta.namespace)}\n`);
  labelsMultiline(d, 'Labels', meta.labels);
  annotationsMultiline(d, 'Annotations', meta.annotations);
  describeEvents(d, c.events, c.now);
  return d.text();
}

// ------------------------------------------------------------------ command

function fetchEvents(inv: Invocation, r: ResourceInfo, obj: KObject): EventLike[] {
  const meta = obj.metadata ?? {};
  const parts = [`involvedObject.name=${meta.name ?? ''}`];
  if (meta.namespace) parts.push(`involvedObject.namespace=${meta.namespace}`);
  if (r.kind !== 'Pod') parts.push(`involvedObject.kind=${r.kind}`);
  // Mirror pods: their events are recorded against the static pod's uid (the config.mirror annotation).
  const uid = (r.kind === 'Pod' && meta.annotations?.['kubernetes.io/config.mirror']) || meta.uid;
  if (uid) parts.push(`involvedObject.uid=${uid}`);
  const ns = meta.namespace;
  const path = ns ? `/api/v1/namespaces/${ns}/events` : '/api/v1/events';
  const res = inv.client.raw('GET', path, { query: { fieldSelector: parts.join(',') } });
  if (res.status >= 300) return [];
  return ((res.body as { items?: EventLike[] }).items ?? []);
}

export function describeObject(inv: Invocation, r: ResourceInfo, obj: KObject, showEvents: boolean): string {
  const c: Ctx = { inv, now: inv.client.host.now(), events: showEvents ? fetchEvents(inv, r, obj) : undefined };
  const x = obj as unknown as Obj;
  switch (r.group ? `${r.kind}.${r.group}` : r.kind) {
    case 'Pod':
      return describePod(c, x);
    case 'Deployment.apps':
      return describeDeployment(c, x);
    case 'ReplicaSet.apps':
      return describeReplicaSet(c, x, 'ReplicaSet');
    case 'ReplicationController':
      return describeReplicaSet(c, x, 'ReplicationController');
    case 'DaemonSet.apps':
      return describeDaemonSet(c, x);
    case 'Job.batch':
      return describeJob(c, x);
    case 'CronJob.batch':
      return describeCronJob(c, x);
    case 'Service':
      return describeService(c, x);
    case 'Namespace':
      return describeNamespace(c, x);
    case 'Node':
      return describeNode(c, x);
    case 'Endpoints':
      return describeEndpoints(c, x);
    case 'HorizontalPodAutoscaler.autoscaling':
      return describeHPA(c, x);
    default:
      return describeMore(c, r, x) ?? describeGeneric(c, x);
  }
}

async function runDescribe(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  if (args.length === 0 && f.list('filename').length === 0) {
    throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const allNs = f.bool('all-namespaces');
  const ns = allNs ? undefined : inv.namespace;
  const showEvents = f.bool('show-events');
  const targets = resolveTargets(inv.client, args, 'describe');
  const objs: Array<{ r: ResourceInfo; obj: KObject; prefix?: boolean }> = [];
  const errors: string[] = [];
  for (const t of targets) {
    if (t.names.length === 0) {
      const list = inv.client.get(inv.client.path(t.r, ns), { query: { labelSelector: f.str('selector') || undefined } }) as { items?: KObject[] };
      for (const obj of list.items ?? []) objs.push({ r: t.r, obj });
      continue;
    }
    for (const name of t.names) {
      const res = inv.client.raw('GET', inv.client.path(t.r, ns, name));
      if (res.status >= 300) {
        // describe falls back to a prefix match on names
        const list = inv.client.get(inv.client.path(t.r, ns)) as { items?: KObject[] };
        const matches = (list.items ?? []).filter((o2) => (o2.metadata?.name ?? '').startsWith(name));
        if (matches.length === 0) {
          errors.push(errorText(new KubectlError(`Error from server (NotFound): ${t.r.group ? `${t.r.plural}.${t.r.group}` : t.r.plural} "${name}" not found`)));
          continue;
        }
        for (const obj of matches) objs.push({ r: t.r, obj, prefix: true });
        continue;
      }
      objs.push({ r: t.r, obj: res.body as KObject });
    }
  }
  if (objs.length === 0 && errors.length === 0) {
    inv.err(ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
    return 0;
  }
  // Exact names are joined by blank lines; name-prefix matches each end with an extra newline.
  let first = true;
  for (const { r, obj, prefix } of objs) {
    const page = sanitize(describeObject(inv, r, obj, showEvents));
    if (prefix) inv.out(page + '\n');
    else {
      inv.out(first ? page : '\n\n' + page);
      first = false;
    }
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

export const describeCommand: SubCommand = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', def: true },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'chunk-size', type: 'int', def: 500 },
  ],
  run: runDescribe,
};
