// The HorizontalPodAutoscaler controller: every 15 s of virtual time per HPA it reads the target's
// scale subresource, the pods' CPU/memory usage from metrics.k8s.io (served only while
// metrics-server runs), computes the desired replicas (replica-calculator.ts), applies the
// min/max bounds, the scale-up limit and the 300 s scale-down stabilisation window (or the
// spec.behavior rules), rescales, and writes status (currentReplicas, desiredReplicas,
// currentMetrics, lastScaleTime, conditions AbleToScale/ScalingActive/ScalingLimited) and Events
// with upstream's reasons and messages.
// Models pkg/controller/podautoscaler/horizontal.go and metrics/client.go (resource metrics).
// SIMPLIFICATION: Pods/Object/External metrics answer "unable to get metric" (no custom metrics
// API); the scale subresource is read through the in-process REST handler.
import type { KObject, Pod } from '../../api/types';
import { milliValue } from '../../api/quantity';
import { parseLabelSelector, SelectorError } from '../../api/selectors';
import type { LabelSelector } from '../../api/selectors';
import { deepEqual } from '../../apiserver/apiserver';
import type { AggregatedApi, ApiResponse } from '../../apiserver/rest';
import { RestHandler } from '../../apiserver/rest';
import type { ResourceType } from '../../apiserver/resource-type';
import type {
  HorizontalPodAutoscaler,
  HPACondition,
  HPAScalingRules,
  HPAStatus,
  MetricSpec,
  MetricStatus,
} from '../../apiserver/registry/autoscaling';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { canonicalQuantity } from '../../api/quantity';
import { parseTime, rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import type { CalculatorConfig, PodMetricsInfo } from './replica-calculator';
import { CalculatorError, DEFAULT_CALCULATOR_CONFIG, rawResourceReplicas, resourceReplicas } from './replica-calculator';

const COMPONENT = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 300_000;
const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

/** The hook under which the cluster registers metrics.k8s.io for in-process clients. */
export const RESOURCE_METRICS_HOOK = 'resourceMetrics';

interface Recommendation {
  replicas: number;
  at: number;
}
interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}
interface Scale {
  specReplicas: number;
  statusReplicas: number;
  selector: string;
}

class HpaError extends Error {}

/** What the typed client's error text for a failed request is: `<message> (get pods.metrics.k8s.io)`. */
function clientErrorText(res: ApiResponse, verb: string, resource: string): string {
  const body = res.body as { message?: string; reason?: string } | undefined;
  if (res.status === 404 && (!body || typeof body !== 'object' || !body.message || body.message === 'the server could not find the requested resource')) {
    return `the server could not find the requested resource (${verb} ${resource})`;
  }
  if (res.status === 503) return `the server is currently unable to handle the request (${verb} ${resource})`;
  if (body && typeof body === 'object' && body.message) return body.message;
  return `an error on the server ("unknown") has prevented the request from succeeding (${verb} ${resource})`;
}

/** setConditionInList: update in place or append; the transition time moves only with the status. */
export function setCondition(conds: HPACondition[], type: string, status: string, reason: string, message: string, now: string): HPACondition[] {
  const out = conds.map((c) => ({ ...c }));
  let c = out.find((x) => x.type === type);
  if (!c) {
    c = { type, status: '' };
    out.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = now;
  c.status = status;
  c.reason = reason;
  c.message = message;
  // Keep the field order of the Go struct.
  const i = out.indexOf(c);
  out[i] = { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  return out;
}

/** calculateScaleUpLimit (no behavior): at most double, at least 4. */
export function scaleUpLimit(current: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): [number, string, string] {
  const limit = scaleUpLimit(current);
  let maxAllowed: number;
  let cond: string;
  let reason: string;
  if (max > limit) {
    maxAllowed = limit;
    cond = 'ScaleUpLimit';
    reason = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maxAllowed = max;
    cond = 'TooManyReplicas';
    reason = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
  if (desired > maxAllowed) return [maxAllowed, cond, reason];
  return [desired, 'DesiredWithinRange', 'the desired count is within the acceptable range'];
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let n = 0;
  for (const e of events) if (e.at > cutoff) n += e.change;
  return n;
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimitWithRules(current: number, events: ScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Number.MAX_SAFE_INTEGER : 0;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, events, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimitWithRules(current: number, events: ScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current + changeInPeriod(p.periodSeconds, events, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

export interface HorizontalControllerOptions {
  calculator?: CalculatorConfig;
  downscaleStabilizationMs?: number;
  syncPeriodMs?: number;
}

export class HorizontalController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private hpas!: Informer;
  private pods!: Informer;
  private hpaRt!: ResourceType;
  private rest!: RestHandler;
  private readonly recommendations = new Map<string, Recommendation[]>();
  private readonly scaleUpEvents = new Map<string, ScaleEvent[]>();
  private readonly scaleDownEvents = new Map<string, ScaleEvent[]>();
  private readonly cfg: CalculatorConfig;
  private readonly downscaleWindowMs: number;
  private readonly syncMs: number;

  constructor(private readonly ctx: ControllerContext, opts: HorizontalControllerOptions = {}) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
    this.cfg = opts.calculator ?? DEFAULT_CALCULATOR_CONFIG;
    this.downscaleWindowMs = opts.downscaleStabilizationMs ?? DOWNSCALE_STABILIZATION_MS;
    this.syncMs = opts.syncPeriodMs ?? HPA_SYNC_PERIOD_MS;
  }

  start(): void {
    const { informers, api } = this.ctx;
    this.hpaRt = api.mustResource('horizontalpodautoscalers', 'autoscaling');
    this.rest = new RestHandler(api);
    this.hpas = informers.for('horizontalpodautoscalers', 'autoscaling');
    this.pods = informers.for('pods');
    // Every add goes through the HPA rate limiter: a fixed resync interval.
    this.hpas.addHandlers({
      add: (o) => this.queue.addAfter(objKey(o), this.syncMs),
      update: (_o, c) => this.queue.addAfter(objKey(c), this.syncMs),
      delete: (o) => this.queue.forget(objKey(o)),
    });
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private event(hpa: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(hpa, type, reason, message, { component: COMPONENT });
  }

  reconcile(key: string): ReconcileResult | void {
    const hpa = this.hpas.get(key) as HorizontalPodAutoscaler | undefined;
    if (!hpa) {
      this.recommendations.delete(key);
      this.scaleUpEvents.delete(key);
      this.scaleDownEvents.delete(key);
      return;
    }
    try {
      this.reconcileAutoscaler(hpa, key);
    } catch (e) {
      if (!(e instanceof HpaError)) throw e;
    }
    return { requeueAfterMs: this.syncMs };
  }

  private getScale(hpa: HorizontalPodAutoscaler): Scale {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const av = ref.apiVersion ?? '';
    const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
    const version = av.includes('/') ? av.slice(av.indexOf('/') + 1) : av;
    const rt = this.ctx.api.types.find((t) => t.group === group && t.kind === ref.kind);
    if (!rt) throw new HpaError(`no matches for kind "${ref.kind ?? ''}" in group "${group}"`);
    const prefix = group ? `/apis/${group}/${rt.version || version}` : `/api/${rt.version}`;
    const res = this.rest.handle({ method: 'GET', path: `${prefix}/namespaces/${hpa.metadata?.namespace ?? ''}/${rt.plural}/${ref.name ?? ''}/scale` });
    if (res.status >= 300) throw new HpaError(clientErrorText(res, 'get', `${rt.plural}${group ? `.${group}` : ''}`));
    const b = res.body as { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } };
    return { specReplicas: b.spec?.replicas ?? 0, statusReplicas: b.status?.replicas ?? 0, selector: b.status?.selector ?? '' };
  }

  private updateScale(hpa: HorizontalPodAutoscaler, replicas: number): void {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const av = ref.apiVersion ?? '';
    const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
    const rt = this.ctx.api.types.find((t) => t.group === group && t.kind === ref.kind);
    if (!rt) throw new HpaError(`no matches for kind "${ref.kind ?? ''}" in group "${group}"`);
    const prefix = group ? `/apis/${group}/${rt.version}` : `/api/${rt.version}`;
    const res = this.rest.handle({
      method: 'PUT',
      path: `${prefix}/namespaces/${hpa.metadata?.namespace ?? ''}/${rt.plural}/${ref.name ?? ''}/scale`,
      headers: { 'content-type': 'application/json' },
      body: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: ref.name, namespace: hpa.metadata?.namespace }, spec: { replicas } },
    });
    if (res.status >= 300) throw new HpaError(clientErrorText(res, 'put', `${rt.plural}${group ? `.${group}` : ''}`));
  }

  /** The pods' usage from metrics.k8s.io (resourceMetricsClient.GetResourceMetric). */
  private resourceMetrics(resource: string, ns: string, selector: LabelSelector): PodMetricsInfo {
    const api = this.ctx.api.hooks[RESOURCE_METRICS_HOOK] as AggregatedApi | undefined;
    const fail = (text: string) => new CalculatorError(`unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${text}`);
    if (!api || !api.available()) throw fail('the server could not find the requested resource (get pods.metrics.k8s.io)');
    const res = api.handle('GET', ['namespaces', ns, 'pods'], { labelSelector: selector.toString() }, { method: 'GET', path: '' });
    if (res.status >= 300) throw fail(clientErrorText(res, 'get', 'pods.metrics.k8s.io'));
    const items = (res.body as { items?: { metadata?: { name?: string }; timestamp?: string; window?: string; containers?: { usage?: Record<string, string> }[] }[] }).items ?? [];
    if (items.length === 0) throw new CalculatorError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
    const out: PodMetricsInfo = new Map();
    for (const m of items) {
      let sum = 0;
      let missing = !m.containers || m.containers.length === 0;
      for (const c of m.containers ?? []) {
        const u = c.usage?.[resource];
        if (u === undefined) {
          missing = true;
          break;
        }
        sum += milliValue(u);
      }
      if (missing) continue;
      const w = /^(\d+)s$/.exec(m.window ?? '');
      out.set(m.metadata?.name ?? '', { value: sum, timestamp: parseTime(m.timestamp) ?? 0, windowMs: w ? Number(w[1]) * 1000 : 0 });
    }
    return out;
  }

  private podsFor(ns: string, selector: LabelSelector): Pod[] {
    return (this.pods.list(ns) as Pod[]).filter((p) => selector.matches(p.metadata?.labels));
  }

  /** computeReplicasForMetric for one metric spec: [replicas, metric name] or an error with its condition. */
  private replicasForMetric(hpa: HorizontalPodAutoscaler, spec: MetricSpec, scale: Scale, selector: LabelSelector, conds: { set: (r: string, m: string) => void }): { replicas: number; name: string; status: MetricStatus } {
    const ns = hpa.metadata?.namespace ?? '';
    if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const name = src?.name ?? '';
      const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
      const target = src?.target ?? {};
      const wrap = (e: unknown, what: string): never => {
        const msg = `${what}: ${(e as Error).message}`;
        this.event(hpa, 'Warning', reason, msg);
        conds.set(reason, `the HPA was unable to compute the replica count: ${msg}`);
        throw new CalculatorError(`failed to get ${name} resource metric value: ${msg}`);
      };
      if (target.averageValue !== undefined) {
        try {
          const metrics = this.resourceMetrics(name, ns, selector);
          const r = rawResourceReplicas(scale.specReplicas, milliValue(String(target.averageValue)), name, metrics, this.podsFor(ns, selector), this.cfg, this.now());
          return { replicas: r.replicas, name: `${name} resource`, status: { type: spec.type, resource: { name, current: { averageValue: canonicalQuantity(`${r.rawUtilization}m`) } } } };
        } catch (e) {
          if (!(e instanceof CalculatorError)) throw e;
          return wrap(e, `failed to get ${name} usage`);
        }
      }
      if (target.averageUtilization === undefined) {
        const msg = 'invalid resource metric source: neither a utilization target nor a value target was set';
        this.event(hpa, 'Warning', reason, msg);
        conds.set(reason, `the HPA was unable to compute the replica count: ${msg}`);
        throw new CalculatorError(`failed to get ${name} resource metric value: ${msg}`);
      }
      try {
        const metrics = this.resourceMetrics(name, ns, selector);
        const r = resourceReplicas(scale.specReplicas, target.averageUtilization, name, metrics, this.podsFor(ns, selector), this.cfg, this.now());
        return {
          replicas: r.replicas,
          name: `${name} resource utilization (percentage of request)`,
          status: { type: spec.type, resource: { name, current: { averageValue: canonicalQuantity(`${r.rawUtilization}m`), averageUtilization: r.utilization } } },
        };
      } catch (e) {
        if (!(e instanceof CalculatorError)) throw e;
        return wrap(e, `failed to get ${name} utilization`);
      }
    }
    const kinds: Record<string, [string, string]> = {
      Pods: ['FailedGetPodsMetric', `failed to get pods metric value: unable to get metric ${spec.pods?.metric?.name ?? ''}: no custom metrics API (custom.metrics.k8s.io) registered`],
      Object: ['FailedGetObjectMetric', `failed to get object metric value: unable to get metric ${spec.object?.metric?.name ?? ''}: no custom metrics API (custom.metrics.k8s.io) registered`],
      External: ['FailedGetExternalMetric', `unable to get external metric ${ns}/${spec.external?.metric?.name ?? ''}: no external metrics API (external.metrics.k8s.io) registered`],
    };
    const k = kinds[spec.type ?? ''] ?? ['InvalidMetricSourceType', `unknown metric source type "${spec.type ?? ''}"`];
    this.event(hpa, 'Warning', k[0], k[1]);
    conds.set(k[0], `the HPA was unable to compute the replica count: ${k[1]}`);
    throw new CalculatorError(k[1]);
  }

  private reconcileAutoscaler(hpa: HorizontalPodAutoscaler, key: string): void {
    const nowMs = this.now();
    const now = rfc3339(nowMs);
    const original = hpa.status ?? { desiredReplicas: 0 };
    let conditions: HPACondition[] = original.conditions ?? [];
    const setCond = (type: string, status: string, reason: string, message: string) => {
      conditions = setCondition(conditions, type, status, reason, message, now);
    };
    const spec = hpa.spec ?? {};
    const writeStatus = (current: number, desired: number, metrics: MetricStatus[] | undefined, rescaled: boolean) => {
      const st: HPAStatus = { desiredReplicas: desired };
      if (original.observedGeneration !== undefined) st.observedGeneration = original.observedGeneration;
      const last = rescaled ? now : original.lastScaleTime;
      if (last) st.lastScaleTime = last;
      if (current) st.currentReplicas = current;
      const ordered: HPAStatus = { ...(st.observedGeneration !== undefined ? { observedGeneration: st.observedGeneration } : {}), ...(st.lastScaleTime ? { lastScaleTime: st.lastScaleTime } : {}), ...(current ? { currentReplicas: current } : {}), desiredReplicas: desired };
      if (metrics && metrics.length) ordered.currentMetrics = metrics;
      if (conditions.length) ordered.conditions = conditions;
      if (deepEqual(ordered, hpa.status ?? {})) return;
      try {
        this.ctx.api.mutate(this.hpaRt, hpa.metadata?.namespace, hpa.metadata?.name ?? '', (o) => {
          o.status = ordered as unknown as KObject['status'];
        }, { subresource: 'status' });
      } catch {
        // FailedUpdateStatus: retried on the next sync.
      }
    };

    let scale: Scale;
    try {
      scale = this.getScale(hpa);
    } catch (e) {
      const msg = (e as Error).message;
      this.event(hpa, 'Warning', 'FailedGetScale', msg);
      setCond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`);
      writeStatus(original.currentReplicas ?? 0, original.desiredReplicas ?? 0, original.currentMetrics, false);
      throw new HpaError(msg);
    }
    setCond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const current = scale.specReplicas;
    if (!this.recommendations.has(key)) this.recommendations.set(key, [{ replicas: current, at: nowMs }]);
    const min = spec.minReplicas ?? 1;
    const max = spec.maxReplicas ?? 0;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let statuses: MetricStatus[] | undefined;
    if (scale.specReplicas === 0 && min !== 0) {
      desired = 0;
      rescale = false;
      setCond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const computed = this.replicasForMetrics(hpa, scale, spec.metrics ?? [], setCond);
      statuses = computed.statuses;
      if (computed.error !== undefined && computed.replicas === -1) {
        writeStatus(current, original.desiredReplicas ?? 0, statuses, false);
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', computed.error);
        throw new HpaError(computed.error);
      }
      let metricName = '';
      if (computed.replicas > desired) {
        desired = computed.replicas;
        metricName = computed.metric;
      }
      if (desired > current) reason = `${metricName} above target`;
      if (desired < current) reason = 'All metrics below target';
      desired = spec.behavior ? this.normalizeWithBehaviors(hpa, key, current, desired, min, setCond) : this.normalize(key, current, desired, min, max, setCond);
      rescale = desired !== current;
    }
    if (rescale) {
      try {
        this.updateScale(hpa, desired);
      } catch (e) {
        const msg = (e as Error).message;
        this.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${msg}`);
        setCond('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`);
        writeStatus(current, original.desiredReplicas ?? 0, original.currentMetrics, false);
        throw new HpaError(msg);
      }
      setCond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      this.storeScaleEvent(hpa, key, current, desired);
    } else {
      desired = current;
    }
    writeStatus(current, desired, statuses, rescale);
  }

  /** computeReplicasForMetrics: the largest proposal; -1 with an error when every metric failed. */
  private replicasForMetrics(hpa: HorizontalPodAutoscaler, scale: Scale, specs: MetricSpec[], setCond: (t: string, s: string, r: string, m: string) => void) {
    if (!scale.selector) {
      this.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      setCond('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      return { replicas: -1, metric: '', statuses: undefined, error: 'selector is required' };
    }
    let selector: LabelSelector;
    try {
      selector = parseLabelSelector(scale.selector);
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
      const msg = `couldn't convert selector into a corresponding internal selector object: ${e.message}`;
      this.event(hpa, 'Warning', 'InvalidSelector', msg);
      setCond('ScalingActive', 'False', 'InvalidSelector', msg);
      return { replicas: -1, metric: '', statuses: undefined, error: msg };
    }
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError = '';
    let firstCond: [string, string] | undefined;
    specs.forEach((spec, i) => {
      let cond: [string, string] | undefined;
      try {
        const r = this.replicasForMetric(hpa, spec, scale, selector, { set: (reason, message) => (cond = [reason, message]) });
        statuses[i] = r.status;
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metric = r.name;
        }
      } catch (e) {
        if (!(e instanceof CalculatorError)) throw e;
        if (invalid === 0) {
          firstError = e.message;
          firstCond = cond;
        }
        invalid++;
      }
    });
    if (invalid >= specs.length || (invalid > 0 && replicas < scale.specReplicas)) {
      if (firstCond) setCond('ScalingActive', 'False', firstCond[0], firstCond[1]);
      return { replicas: -1, metric: '', statuses, error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}` };
    }
    setCond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses, error: invalid > 0 ? 'partial' : undefined };
  }

  /** normalizeDesiredReplicas (no behavior): stabilisation window, then the bounds. */
  private normalize(key: string, current: number, desired: number, min: number, max: number, setCond: (t: string, s: string, r: string, m: string) => void): number {
    const stabilized = this.stabilize(key, desired);
    if (stabilized !== desired) {
      setCond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    } else {
      setCond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    }
    const [out, cond, reason] = convertDesiredReplicasWithRules(current, stabilized, min, max);
    setCond('ScalingLimited', out === stabilized ? 'False' : 'True', cond, reason);
    return out;
  }

  /** stabilizeRecommendation: the highest recommendation within the window (reusing one old slot). */
  private stabilize(key: string, desired: number): number {
    const now = this.now();
    const recs = this.recommendations.get(key) ?? [];
    let maxRec = desired;
    let oldIndex = -1;
    const cutoff = now - this.downscaleWindowMs;
    recs.forEach((r, i) => {
      if (r.at < cutoff) oldIndex = i;
      else if (r.replicas > maxRec) maxRec = r.replicas;
    });
    if (oldIndex >= 0) recs[oldIndex] = { replicas: desired, at: now };
    else recs.push({ replicas: desired, at: now });
    this.recommendations.set(key, recs);
    return maxRec;
  }

  /** normalizeDesiredReplicasWithBehaviors. */
  private normalizeWithBehaviors(hpa: HorizontalPodAutoscaler, key: string, current: number, desired: number, min: number, setCond: (t: string, s: string, r: string, m: string) => void): number {
    const behavior = hpa.spec?.behavior ?? {};
    const up = behavior.scaleUp ?? {};
    const down = { ...(behavior.scaleDown ?? {}) };
    down.stabilizationWindowSeconds ??= Math.trunc(this.downscaleWindowMs / 1000);
    const max = hpa.spec?.maxReplicas ?? 0;
    const now = this.now();
    // stabilizeRecommendationWithBehaviors
    let recommendation = desired;
    let reason: string;
    let message: string;
    let delay: number;
    let better: (a: number, b: number) => number;
    if (desired >= current) {
      delay = up.stabilizationWindowSeconds ?? 0;
      better = Math.min;
      reason = 'ScaleUpStabilized';
      message = 'recent recommendations were lower than current one, applying the lowest recent recommendation';
    } else {
      delay = down.stabilizationWindowSeconds ?? 0;
      better = Math.max;
      reason = 'ScaleDownStabilized';
      message = 'recent recommendations were higher than current one, applying the highest recent recommendation';
    }
    const maxDelay = Math.max(up.stabilizationWindowSeconds ?? 0, down.stabilizationWindowSeconds ?? 0);
    const obsolete = now - maxDelay * 1000;
    const cutoff = now - delay * 1000;
    const recs = this.recommendations.get(key) ?? [];
    let oldIndex = -1;
    recs.forEach((r, i) => {
      if (r.at > cutoff) recommendation = better(r.replicas, recommendation);
      if (r.at < obsolete) oldIndex = i;
    });
    if (oldIndex >= 0) recs[oldIndex] = { replicas: desired, at: now };
    else recs.push({ replicas: desired, at: now });
    this.recommendations.set(key, recs);
    if (recommendation !== desired) setCond('AbleToScale', 'True', reason, message);
    else setCond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    // convertDesiredReplicasWithBehaviorRate
    let out = recommendation;
    let limReason = 'DesiredWithinRange';
    let limMessage = 'the desired count is within the acceptable range';
    if (recommendation > current) {
      let limit = scaleUpLimitWithRules(current, this.scaleUpEvents.get(key) ?? [], up, now);
      if (limit < current) limit = current;
      let maxAllowed = max;
      if (maxAllowed > limit) {
        maxAllowed = limit;
        limReason = 'ScaleUpLimit';
        limMessage = 'the desired replica count is increasing faster than the maximum scale rate';
      } else {
        limReason = 'TooManyReplicas';
        limMessage = 'the desired replica count is more than the maximum replica count';
      }
      if (recommendation > maxAllowed) out = maxAllowed;
      else [limReason, limMessage] = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
    } else if (recommendation < current) {
      let limit = scaleDownLimitWithRules(current, this.scaleDownEvents.get(key) ?? [], down, now);
      if (limit > current) limit = current;
      let minAllowed = min;
      if (minAllowed < limit) {
        minAllowed = limit;
        limReason = 'ScaleDownLimit';
        limMessage = 'the desired replica count is decreasing faster than the maximum scale rate';
      } else {
        limReason = 'TooFewReplicas';
        limMessage = 'the desired replica count is less than the minimum replica count';
      }
      if (recommendation < minAllowed) out = minAllowed;
      else [limReason, limMessage] = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
    }
    setCond('ScalingLimited', out === recommendation ? 'False' : 'True', limReason, limMessage);
    return out;
  }

  /** storeScaleEvent: remembered only with a behavior, reusing slots older than the longest policy period. */
  private storeScaleEvent(hpa: HorizontalPodAutoscaler, key: string, prev: number, next: number): void {
    const behavior = hpa.spec?.behavior;
    if (!behavior) return;
    const now = this.now();
    const upward = next > prev;
    const rules = (upward ? behavior.scaleUp : behavior.scaleDown) ?? {};
    const map = upward ? this.scaleUpEvents : this.scaleDownEvents;
    const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
    const events = map.get(key) ?? [];
    let old = -1;
    events.forEach((e, i) => {
      if (e.at < now - longest * 1000) e.outdated = true;
      if (e.outdated) old = i;
    });
    const ev = { change: Math.abs(next - prev), at: now, outdated: false };
    if (old >= 0) events[old] = ev;
    else events.push(ev);
    map.set(key, events);
  }
}
