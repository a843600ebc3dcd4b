// Decodes the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) of request
// bodies into the JSON the REST handler takes: the `k8s\0` magic, the runtime.Unknown envelope
// (apiVersion, kind, raw), then the typed message by the field table of proto-table.ts, with
// Kubernetes' special JSON forms (Time, MicroTime, Quantity, IntOrString, RawExtension, bytes).
// typed client-go clients (kubectl create configmap/namespace/deployment/...) send these.
// Leaves out: encoding responses (clients that send protobuf also accept JSON).
// Models apimachinery/pkg/runtime/serializer/protobuf/protobuf.go and the gogo-generated
// Marshal code of k8s.io/api (value fields always on the wire, pointer fields only when set).
import { PROTO_MESSAGES } from './proto-table';
import type { ProtoFieldDef } from './proto-table';
import { asInt32, asInt64, ProtobufDecodeError, text, WireReader, WireWriter } from './proto-wire';
import type { WireField } from './proto-wire';

export { ProtobufDecodeError };
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
/** The 4-byte prefix of every Kubernetes protobuf object. */
export const PROTOBUF_MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);

type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const TIME = `${META}.Time`;
const MICRO_TIME = `${META}.MicroTime`;
const DURATION = `${META}.Duration`;
const FIELDS_V1 = `${META}.FieldsV1`;
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';

/**
 * Pointer fields whose zero value means something (`replicas: 0`, `automountServiceAccountToken:
 * false`). Every other zero scalar is dropped, as Go's `omitempty` JSON would drop it.
 * SIMPLIFICATION: the protobuf descriptor cannot tell pointer from value fields; this hand list
 * covers the kinds the course creates. A zero in a pointer field not listed here reads as unset.
 */
const KEEP_ZERO = new Set([
  'apps.v1.DeploymentSpec.replicas', 'apps.v1.DeploymentSpec.revisionHistoryLimit', 'apps.v1.DeploymentSpec.progressDeadlineSeconds',
  'apps.v1.ReplicaSetSpec.replicas', 'apps.v1.StatefulSetSpec.replicas', 'apps.v1.StatefulSetSpec.revisionHistoryLimit',
  'apps.v1.DaemonSetSpec.revisionHistoryLimit', 'apps.v1.RollingUpdateStatefulSetStrategy.partition',
  'core.v1.ReplicationControllerSpec.replicas', 'core.v1.PodSpec.terminationGracePeriodSeconds', 'core.v1.PodSpec.activeDeadlineSeconds',
  'core.v1.PodSpec.automountServiceAccountToken', 'core.v1.PodSpec.enableServiceLinks', 'core.v1.PodSpec.hostUsers', 'core.v1.PodSpec.priority',
  'core.v1.SecurityContext.runAsUser', 'core.v1.SecurityContext.runAsGroup', 'core.v1.SecurityContext.runAsNonRoot',
  'core.v1.SecurityContext.privileged', 'core.v1.SecurityContext.allowPrivilegeEscalation', 'core.v1.SecurityContext.readOnlyRootFilesystem',
  'core.v1.PodSecurityContext.runAsUser', 'core.v1.PodSecurityContext.runAsGroup', 'core.v1.PodSecurityContext.fsGroup', 'core.v1.PodSecurityContext.runAsNonRoot',
  'core.v1.ServiceAccount.automountServiceAccountToken', 'core.v1.ConfigMap.immutable', 'core.v1.Secret.immutable',
  'core.v1.ConfigMapVolumeSource.defaultMode', 'core.v1.SecretVolumeSource.defaultMode', 'core.v1.ConfigMapVolumeSource.optional',
  'core.v1.SecretVolumeSource.optional', 'core.v1.ConfigMapKeySelector.optional', 'core.v1.SecretKeySelector.optional',
  'core.v1.ServiceSpec.allocateLoadBalancerNodePorts', 'core.v1.Probe.terminationGracePeriodSeconds',
  'batch.v1.JobSpec.parallelism', 'batch.v1.JobSpec.completions', 'batch.v1.JobSpec.backoffLimit', 'batch.v1.JobSpec.activeDeadlineSeconds',
  'batch.v1.JobSpec.ttlSecondsAfterFinished', 'batch.v1.JobSpec.suspend', 'batch.v1.JobSpec.backoffLimitPerIndex', 'batch.v1.JobSpec.maxFailedIndexes',
  'batch.v1.CronJobSpec.startingDeadlineSeconds', 'batch.v1.CronJobSpec.suspend', 'batch.v1.CronJobSpec.successfulJobsHistoryLimit',
  'batch.v1.CronJobSpec.failedJobsHistoryLimit', 'autoscaling.v1.HorizontalPodAutoscalerSpec.minReplicas',
  'autoscaling.v2.HorizontalPodAutoscalerSpec.minReplicas', 'authentication.v1.TokenRequestSpec.expirationSeconds',
  'meta.v1.ObjectMeta.deletionGracePeriodSeconds', 'meta.v1.OwnerReference.controller', 'meta.v1.OwnerReference.blockOwnerDeletion',
  'meta.v1.DeleteOptions.gracePeriodSeconds', 'meta.v1.DeleteOptions.orphanDependents', 'policy.v1.PodDisruptionBudgetSpec.minAvailable',
]);

/**
 * Go embedded structs (`json:",inline"`) that protobuf carries as a named message field: in JSON
 * their fields sit in the parent object (IngressRule.http, Volume.emptyDir, Probe.httpGet, ...).
 * Every such field of the decoded packages (k8s.io/api types.go: embedded struct with a
 * `protobuf:"bytes,N,opt,name=..."` tag).
 */
const INLINE = new Set([
  'networking.v1.IngressRule.ingressRuleValue', 'core.v1.Volume.volumeSource',
  'core.v1.PersistentVolumeSpec.persistentVolumeSource', 'core.v1.Probe.handler',
  'core.v1.EphemeralContainer.ephemeralContainerCommon',
]);

const shortName = (message: string) => message.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\.apis\./, '');

function keepZero(message: string, field: string): boolean {
  return KEEP_ZERO.has(`${shortName(message)}.${field}`);
}

/** The protobuf message name of an apiVersion/kind (`apps/v1`, `Deployment` → k8s.io.api.apps.v1.Deployment). */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : apiVersion.slice(0, slash).split('.')[0];
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const candidates = group === 'meta' ? [`${META}.${kind}`] : [`k8s.io.api.${group}.${version}.${kind}`, `${META}.${kind}`];
  return candidates.find((c) => PROTO_MESSAGES[c] !== undefined);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function rfc3339(seconds: bigint, fraction?: string): string {
  const d = new Date(Number(seconds) * 1000);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${base}${fraction ?? ''}Z`;
}

/** Go's time.Duration String() for a nanosecond count. */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = `${fixed(u, div)}${unit}`;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${fixed(u, 1_000_000_000n)}s`;
    if (h > 0n || m > 0n) out = `${m}m${out}`;
    if (h > 0n) out = `${h}h${out}`;
  }
  return neg ? `-${out}` : out;
}
function fixed(v: bigint, div: bigint): string {
  const whole = v / div;
  const frac = v % div;
  if (frac === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

function fieldsOf(buf: Uint8Array): WireField[] {
  return WireReader.fields(buf);
}

/** Decodes a special message type into its JSON form; undefined when the type is ordinary. */
function special(type: string, buf: Uint8Array): JsonValue | undefined {
  switch (type) {
    case TIME:
    case MICRO_TIME: {
      let seconds = 0n;
      let nanos = 0;
      for (const f of fieldsOf(buf)) {
        if (f.num === 1 && f.int !== undefined) seconds = asInt64(f.int);
        if (f.num === 2 && f.int !== undefined) nanos = asInt32(f.int);
      }
      if (seconds === 0n && nanos === 0) return null;
      return type === TIME ? rfc3339(seconds) : rfc3339(seconds, `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}`);
    }
    case DURATION: {
      const f = fieldsOf(buf).find((x) => x.num === 1);
      return goDuration(f?.int !== undefined ? asInt64(f.int) : 0n);
    }
    case QUANTITY: {
      const f = fieldsOf(buf).find((x) => x.num === 1);
      return f?.bytes ? text(f.bytes) : '0';
    }
    case INT_OR_STRING: {
      let kind = 0;
      let intVal = 0;
      let strVal = '';
      for (const f of fieldsOf(buf)) {
        if (f.num === 1 && f.int !== undefined) kind = Number(f.int);
        else if (f.num === 2 && f.int !== undefined) intVal = asInt32(f.int);
        else if (f.num === 3 && f.bytes) strVal = text(f.bytes);
      }
      return kind === 1 ? strVal : intVal;
    }
    case RAW_EXTENSION:
    case FIELDS_V1: {
      const f = fieldsOf(buf).find((x) => x.num === 1);
      if (!f?.bytes || !f.bytes.length) return null;
      try {
        return JSON.parse(text(f.bytes)) as JsonValue;
      } catch {
        throw new ProtobufDecodeError(`${type === RAW_EXTENSION ? 'RawExtension' : 'FieldsV1'} is not JSON`);
      }
    }
    default:
      return undefined;
  }
}

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

function scalar(type: string, f: WireField): JsonValue {
  switch (type) {
    case 'string':
      return f.bytes ? text(f.bytes) : '';
    case 'bytes':
      return f.bytes ? base64(f.bytes) : '';
    case 'bool':
      return f.int !== undefined && f.int !== 0n;
    case 'int32':
    case 'enum':
      return f.int !== undefined ? asInt32(f.int) : 0;
    case 'int64':
      return f.int !== undefined ? Number(asInt64(f.int)) : 0;
    case 'uint32':
    case 'uint64':
    case 'fixed32':
    case 'fixed64':
      return f.int !== undefined ? Number(f.int) : 0;
    case 'sint32':
    case 'sint64': {
      const v = f.int ?? 0n;
      return Number((v >> 1n) ^ -(v & 1n));
    }
    case 'double':
      return f.bytes ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true) : 0;
    case 'float':
      return f.bytes ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true) : 0;
    default:
      throw new ProtobufDecodeError(`unsupported field type ${type}`);
  }
}

const isScalar = (t: string) => !t.includes('.');
const isZero = (v: JsonValue) => v === '' || v === 0 || v === false;

/** Reads packed repeated scalars (proto3-style packing; gogo writes them unpacked, but accept both). */
function packed(type: string, f: WireField): JsonValue[] {
  if (!f.bytes || ['string', 'bytes'].includes(type)) return [scalar(type, f)];
  const r = new WireReader(f.bytes);
  const out: JsonValue[] = [];
  while (!r.done) out.push(scalar(type, { num: f.num, wire: 0, int: r.varint() }));
  return out;
}

/** Decodes one message into JSON, field order as in the Go struct (the descriptor's order). */
export function decodeMessage(type: string, buf: Uint8Array): JsonValue {
  const sp = special(type, buf);
  if (sp !== undefined) return sp;
  const defs = PROTO_MESSAGES[type];
  if (!defs) throw new ProtobufDecodeError(`no protobuf schema for ${type}`);
  const byNum = new Map<number, ProtoFieldDef>();
  for (const d of defs) byNum.set(d[0], d);
  const values = new Map<number, JsonValue>();
  for (const f of fieldsOf(buf)) {
    const def = byNum.get(f.num);
    if (!def) continue; // unknown fields are skipped, as gogo's skipGenerated does
    const [, name, ftype, repeated] = def;
    if (ftype.startsWith('map:')) {
      const [, kt, vt] = ftype.split(':');
      const m = (values.get(f.num) as Record<string, JsonValue> | undefined) ?? {};
      let key: JsonValue = '';
      let val: JsonValue = isScalar(vt) ? (vt === 'string' || vt === 'bytes' ? '' : 0) : {};
      for (const e of fieldsOf(f.bytes ?? new Uint8Array())) {
        if (e.num === 1) key = scalar(kt, e);
        else if (e.num === 2) val = isScalar(vt) ? scalar(vt, e) : decodeMessage(vt, e.bytes ?? new Uint8Array());
      }
      m[String(key)] = val;
      values.set(f.num, m);
      continue;
    }
    const value = isScalar(ftype) ? (repeated ? packed(ftype, f) : scalar(ftype, f)) : decodeMessage(ftype, f.bytes ?? new Uint8Array());
    if (repeated) {
      const arr = (values.get(f.num) as JsonValue[] | undefined) ?? [];
      if (Array.isArray(value) && isScalar(ftype)) arr.push(...value);
      else arr.push(value);
      values.set(f.num, arr);
    } else {
      values.set(f.num, value);
    }
    void name;
  }
  const out: Record<string, JsonValue> = {};
  for (const [num, name, ftype] of defs) {
    if (!values.has(num)) continue;
    const v = values.get(num) as JsonValue;
    if (v === null) continue;
    if (isScalar(ftype) && isZero(v) && !keepZero(type, name)) continue;
    if (ftype === INT_OR_STRING && v === 0 && !keepZero(type, name)) {
      // a zero IntOrString on the wire is a value field left empty
      continue;
    }
    if (INLINE.has(`${shortName(type)}.${name}`) && v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
    else out[name] = v;
  }
  return out;
}

/**
 * Decodes a whole protobuf body: magic, runtime.Unknown envelope, then the object named by its
 * apiVersion and kind, returned as JSON with apiVersion and kind first.
 */
export function decodeProtobufObject(raw: Uint8Array): Record<string, JsonValue> {
  if (raw.length < 4 || !PROTOBUF_MAGIC.every((b, i) => raw[i] === b)) {
    throw new ProtobufDecodeError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  let apiVersion = '';
  let kind = '';
  let inner: Uint8Array | undefined;
  for (const f of fieldsOf(raw.subarray(4))) {
    if (f.num === 1 && f.bytes) {
      for (const t of fieldsOf(f.bytes)) {
        if (t.num === 1 && t.bytes) apiVersion = text(t.bytes);
        else if (t.num === 2 && t.bytes) kind = text(t.bytes);
      }
    } else if (f.num === 2 && f.bytes) inner = f.bytes;
  }
  const type = messageNameFor(apiVersion, kind);
  if (!type) throw new ProtobufDecodeError(`no kind "${kind}" is registered for version "${apiVersion}"`);
  const body = decodeMessage(type, inner ?? new Uint8Array()) as Record<string, JsonValue>;
  return { apiVersion, kind, ...body };
}

/** Wraps an encoded message in the `k8s\0` + runtime.Unknown envelope (used by tests). */
export function protobufEnvelope(apiVersion: string, kind: string, message: Uint8Array): Uint8Array {
  const typeMeta = new WireWriter().string(1, apiVersion).string(2, kind);
  const unknown = new WireWriter().message(1, typeMeta).bytes(2, message).string(3, '').string(4, '');
  const body = unknown.finish();
  const out = new Uint8Array(4 + body.length);
  out.set(PROTOBUF_MAGIC, 0);
  out.set(body, 4);
  return out;
}
