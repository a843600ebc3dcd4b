// autoscaling HorizontalPodAutoscaler: stored and preferred as autoscaling/v2 (defaulting: minReplicas
// 1, the 80 % CPU metric, behavior rules filled in once a behavior is given; validation with
// upstream's messages), and autoscaling/v1 served by converting to and from v2
// (targetCPUUtilizationPercentage ↔ a cpu Utilization metric, currentCPUUtilizationPercentage).
// Models pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go, pkg/apis/autoscaling/v2/defaults.go,
// pkg/apis/autoscaling/validation/validation.go and pkg/apis/autoscaling/v1/conversion.go.
// SIMPLIFICATION: v1 does not keep the other metrics and the conditions in the
// autoscaling.alpha.kubernetes.io annotations; v1 is served beside the built-in groups (as an
// in-process group version), so /openapi and the root path list know only v2.
import type { FieldError } from '../../api/field';
import { forbidden, invalid, notSupported, required } from '../../api/field';
import { milliValue, parseQuantity } from '../../api/quantity';
import type { KObject, Json } from '../../api/types';
import type { AggregatedApi, ApiRequest, ApiResponse } from '../rest';
import type { ResourceType } from '../resource-type';
import { defineType } from './define';

export interface MetricTarget {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}
export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; container?: string; target?: MetricTarget };
  pods?: { metric?: { name?: string }; target?: MetricTarget };
  object?: { metric?: { name?: string }; describedObject?: { kind?: string; name?: string; apiVersion?: string }; target?: MetricTarget };
  external?: { metric?: { name?: string }; target?: MetricTarget };
}
export interface MetricValueStatus {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}
export interface MetricStatus {
  type: string;
  resource?: { name: string; current: MetricValueStatus };
  containerResource?: { name: string; container: string; current: MetricValueStatus };
  pods?: { metric: { name: string }; current: MetricValueStatus };
  object?: { metric: { name: string }; current: MetricValueStatus };
  external?: { metric: { name: string }; current: MetricValueStatus };
}
export interface HPAScalingPolicy {
  type: string;
  value: number;
  periodSeconds: number;
}
export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: HPAScalingPolicy[];
}
export interface HPACondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
export interface HPASpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: MetricSpec[];
  behavior?: { scaleUp?: HPAScalingRules; scaleDown?: HPAScalingRules };
}
export interface HPAStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: HPACondition[];
}
export interface HorizontalPodAutoscaler extends KObject {
  spec?: HPASpec;
  status?: HPAStatus;
}

export const AUTOSCALING_GROUP = 'autoscaling';
/** pkg/apis/autoscaling DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

const scaleUpDefaults = (): HPAScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
// The scale-down window stays unset: the controller's --horizontal-pod-autoscaler-downscale-stabilization applies.
const scaleDownDefaults = (): HPAScalingRules => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

function fillRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults;
  const out: HPAScalingRules = {};
  const win = given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds;
  if (win !== undefined) out.stabilizationWindowSeconds = win;
  out.selectPolicy = given.selectPolicy ?? defaults.selectPolicy;
  out.policies = given.policies ?? defaults.policies;
  return out;
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHPA(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {});
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior = { scaleUp: fillRules(spec.behavior.scaleUp, scaleUpDefaults()), scaleDown: fillRules(spec.behavior.scaleDown, scaleDownDefaults()) };
  }
}

// ------------------------------------------------------------------ validation

const PATH_SEGMENT_BAD = ['.', '..'];
function pathSegmentErrors(v: string): string[] {
  if (PATH_SEGMENT_BAD.includes(v)) return [`may not be '${v}'`];
  for (const c of ['/', '%']) if (v.includes(c)) return [`may not contain '${c}'`];
  return [];
}

const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Record<string, keyof MetricSpec> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

/** Quantity.Sign() == 1. */
const positive = (q: string | undefined): boolean => q !== undefined && parseQuantity(String(q)) !== null && milliValue(String(q)) > 0;

function validateMetricTarget(t: MetricTarget, at: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!t.type) errs.push(required(`${at}.type`, 'must specify a metric target type'));
  if (t.type !== 'Utilization' && t.type !== 'Value' && t.type !== 'AverageValue') {
    errs.push(invalid(`${at}.type`, t.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  if (t.value !== undefined && !positive(t.value)) errs.push(invalid(`${at}.value`, t.value, 'must be positive'));
  if (t.averageValue !== undefined && !positive(t.averageValue)) errs.push(invalid(`${at}.averageValue`, t.averageValue, 'must be positive'));
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) errs.push(invalid(`${at}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validateMetric(m: MetricSpec, at: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!m.type) errs.push(required(`${at}.type`, 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(m.type ?? '')) errs.push(notSupported(`${at}.type`, m.type ?? '', METRIC_SOURCE_TYPES));
  const present = (Object.values(SOURCE_FIELD) as string[]).filter((f) => (m as Record<string, unknown>)[f] !== undefined);
  const expected = SOURCE_FIELD[m.type ?? ''];
  if (expected && !present.includes(expected)) errs.push(required(`${at}.${expected}`, 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const f of present.filter((x) => x !== expected).sort()) errs.push(forbidden(`${at}.${f}`, 'must populate the given metric source only'));
  }
  const src = m.resource ?? m.containerResource;
  if ((m.type === 'Resource' && m.resource) || (m.type === 'ContainerResource' && m.containerResource)) {
    const base = `${at}.${m.type === 'Resource' ? 'resource' : 'containerResource'}`;
    if (!src?.name) errs.push(required(`${base}.name`, 'must specify a resource name'));
    if (m.containerResource && !m.containerResource.container) errs.push(required(`${base}.container`, 'must specify a container'));
    const t = src?.target ?? {};
    errs.push(...validateMetricTarget(t, `${base}.target`));
    if (t.averageUtilization === undefined && t.averageValue === undefined) {
      errs.push(required(`${base}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
    }
    if (t.averageUtilization !== undefined && t.averageValue !== undefined) {
      errs.push(forbidden(`${base}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
    }
  }
  // SIMPLIFICATION: Pods, Object and External sources are checked only for their target.
  for (const f of ['pods', 'object', 'external'] as const) {
    if (m.type === SOURCE_FIELD[f[0].toUpperCase() + f.slice(1)] && m[f]) errs.push(...validateMetricTarget(m[f]?.target ?? {}, `${at}.${f}.target`));
  }
  return errs;
}

/** ValidateHorizontalPodAutoscaler's spec checks. */
export function validateHPASpec(spec: HPASpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minReplicas !== undefined && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (spec.minReplicas !== undefined && max < spec.minReplicas) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind'));
  else for (const m of pathSegmentErrors(ref.kind)) errs.push(invalid('spec.scaleTargetRef.kind', ref.kind, m));
  if (!ref.name) errs.push(required('spec.scaleTargetRef.name'));
  else for (const m of pathSegmentErrors(ref.name)) errs.push(invalid('spec.scaleTargetRef.name', ref.name, m));
  (spec.metrics ?? []).forEach((m, i) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
  // SIMPLIFICATION: behavior policies are not validated.
  return errs;
}

export const horizontalPodAutoscalers: ResourceType = defineType({
  group: AUTOSCALING_GROUP,
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  statusSubresource: true,
  subresources: ['status'],
  storageVersionHash: 'qwQve8ut294=',
  rngStream: 'horizontalpodautoscalers',
  prepareForCreate(obj: KObject) {
    defaultHPA(obj as HorizontalPodAutoscaler);
    obj.status = { desiredReplicas: 0 };
  },
  prepareForUpdate(obj: KObject) {
    defaultHPA(obj as HorizontalPodAutoscaler);
  },
  validateCreate: (obj) => validateHPASpec((obj as HorizontalPodAutoscaler).spec ?? {}),
  validateUpdate: (obj) => validateHPASpec((obj as HorizontalPodAutoscaler).spec ?? {}),
});

// ------------------------------------------------------------------ autoscaling/v1 conversion

interface V1Spec {
  scaleTargetRef?: HPASpec['scaleTargetRef'];
  minReplicas?: number;
  maxReplicas?: number;
  targetCPUUtilizationPercentage?: number;
}

const isCpuUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization !== undefined;

/** autoscaling/v2 → autoscaling/v1 (a new object; the input is not touched). */
export function hpaToV1(obj: KObject): KObject {
  const hpa = obj as HorizontalPodAutoscaler;
  const spec = hpa.spec ?? {};
  const v1spec: V1Spec = {};
  if (spec.scaleTargetRef) v1spec.scaleTargetRef = spec.scaleTargetRef;
  if (spec.minReplicas !== undefined) v1spec.minReplicas = spec.minReplicas;
  v1spec.maxReplicas = spec.maxReplicas ?? 0;
  const cpu = (spec.metrics ?? []).find(isCpuUtilization);
  if (cpu) v1spec.targetCPUUtilizationPercentage = cpu.resource?.target?.averageUtilization;
  const st = hpa.status;
  const out: KObject = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata: obj.metadata, spec: v1spec as unknown as Json };
  if (st) {
    const v1st: Record<string, unknown> = {};
    if (st.observedGeneration !== undefined) v1st.observedGeneration = st.observedGeneration;
    if (st.lastScaleTime !== undefined) v1st.lastScaleTime = st.lastScaleTime;
    v1st.currentReplicas = st.currentReplicas ?? 0;
    v1st.desiredReplicas = st.desiredReplicas ?? 0;
    const cur = (st.currentMetrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    if (cur?.resource?.current.averageUtilization !== undefined) v1st.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
    out.status = v1st as Json;
  }
  return out;
}

/** autoscaling/v1 → autoscaling/v2 request body (apiVersion and kind rewritten, status dropped). */
export function hpaFromV1(body: KObject): KObject {
  const spec = (body.spec ?? {}) as V1Spec;
  const v2spec: HPASpec = {};
  if (spec.scaleTargetRef) v2spec.scaleTargetRef = spec.scaleTargetRef;
  if (spec.minReplicas !== undefined) v2spec.minReplicas = spec.minReplicas;
  if (spec.maxReplicas !== undefined) v2spec.maxReplicas = spec.maxReplicas;
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    v2spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  const out: KObject = { ...body, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: v2spec as unknown as Json };
  delete out.status;
  return out;
}

const V1_TYPE: ResourceType = { ...horizontalPodAutoscalers, version: 'v1', storageVersionHash: 'qwQve8ut294=' };

/** What answers /apis/autoscaling/v2 requests (the cluster's REST handler). */
export interface RestLike {
  handle(req: ApiRequest): ApiResponse;
}

function convertOut(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const b = body as KObject & { items?: KObject[]; rows?: { object?: KObject | null }[] };
  if (b.kind === 'HorizontalPodAutoscaler') return hpaToV1(b);
  if (b.kind === 'HorizontalPodAutoscalerList') return { ...b, apiVersion: 'autoscaling/v1', items: (b.items ?? []).map((i) => hpaToV1(i)) };
  if (b.kind === 'Table' && Array.isArray(b.rows)) {
    return { ...b, rows: b.rows.map((r) => (r.object && (r.object as KObject).kind === 'HorizontalPodAutoscaler' ? { ...r, object: hpaToV1(r.object) } : r)) };
  }
  return body;
}

/**
 * autoscaling/v1: every request is answered by the v2 resource, bodies converted on the way in
 * and out (watch events too). PATCH applies the patch by the v2 handler to the v2 form.
 * SIMPLIFICATION: a v1 patch is applied to the v2 object (v1-only fields such as
 * targetCPUUtilizationPercentage are converted first when the patch is a merge patch).
 */
export class AutoscalingV1Api implements AggregatedApi {
  readonly group = AUTOSCALING_GROUP;
  readonly version = 'v1';
  readonly types = [V1_TYPE];
  constructor(private readonly v2: RestLike) {}
  available(): boolean {
    return true;
  }
  handle(method: string, rest: string[], q: Record<string, string>, req: ApiRequest): ApiResponse {
    let body = req.body;
    if ((method === 'POST' || method === 'PUT') && body !== undefined) {
      const parsed = typeof body === 'string' ? safeParse(body) : body;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const k = parsed as KObject;
        const fromV1 = (!k.apiVersion || k.apiVersion === 'autoscaling/v1') && (!k.kind || k.kind === 'HorizontalPodAutoscaler');
        body = fromV1 ? JSON.stringify(hpaFromV1(k)) : JSON.stringify({ ...k });
      }
    } else if (method === 'PATCH' && body !== undefined) {
      const parsed = typeof body === 'string' ? safeParse(body) : body;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && (parsed as KObject).spec) {
        const p = parsed as KObject;
        const spec = { ...(p.spec as Record<string, unknown>) };
        if ('targetCPUUtilizationPercentage' in spec) {
          const t = spec.targetCPUUtilizationPercentage;
          delete spec.targetCPUUtilizationPercentage;
          if (typeof t === 'number') spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: t } } }];
        }
        body = JSON.stringify({ ...p, spec });
      }
    }
    const path = `/apis/autoscaling/v2/${rest.join('/')}`;
    const res = this.v2.handle({ ...req, method, path, query: q, body });
    if (res.watch) {
      const inner = res.watch;
      return {
        ...res,
        watch: {
          onEvent: (cb) => inner.onEvent((ev) => cb({ ...ev, object: convertOut(ev.object) as KObject })),
          stop: () => inner.stop(),
        },
      };
    }
    if (res.status >= 300) return res;
    return { ...res, body: convertOut(res.body) };
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/** Serves autoscaling/v1 on a cluster's REST handler. */
export function installAutoscalingV1(rest: RestLike & { aggregated: AggregatedApi[] }): AutoscalingV1Api {
  const api = new AutoscalingV1Api(rest);
  rest.aggregated.push(api);
  return api;
}
