// The HPA's replica calculation for resource metrics: pods grouped into ready, unready (pending,
// or not yet ready within the CPU initialisation period), missing (no metric) and ignored
// (deleted or failed); utilisation = sum(usage) / sum(requests); a 0.1 tolerance; missing pods
// counted as at the target on a scale-down and as 0 on a scale-up, unready pods as 0 on a
// scale-up, and no change when that flips the direction.
// Models pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas,
// GetRawResourceReplicas, groupPods, calculatePodRequests) and metrics/utilization.go.
// SIMPLIFICATION: only Resource metrics (pods, object and external metrics need a custom
// metrics API, which the simulation does not serve); init and sidecar containers' requests are not summed.
import type { Pod } from '../../api/types';
import { milliValue } from '../../api/quantity';
import { parseTime } from '../../core/time';
import { podCondition } from '../util/pods';

/** A pod's summed usage (milli-units) and when and over what window it was measured. */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}
export type PodMetricsInfo = Map<string, PodMetric>;

export interface CalculatorConfig {
  tolerance: number;
  cpuInitializationPeriodMs: number;
  delayOfInitialReadinessStatusMs: number;
}

/** kube-controller-manager's defaults (--horizontal-pod-autoscaler-*). */
export const DEFAULT_CALCULATOR_CONFIG: CalculatorConfig = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

export class CalculatorError extends Error {}

interface Grouped {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods. */
export function groupPods(pods: Pod[], metrics: PodMetricsInfo, resource: string, cfg: CalculatorConfig, now: number): Grouped {
  const g: Grouped = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = podCondition(pod, 'Ready');
      const start = parseTime(pod.status?.startTime);
      let unready: boolean;
      if (!cond || start === undefined) unready = true;
      else {
        const transition = parseTime(cond.lastTransitionTime) ?? 0;
        if (start + cfg.cpuInitializationPeriodMs > now) {
          unready = cond.status === 'False' || metric.timestamp < transition + metric.windowMs;
        } else {
          unready = cond.status === 'False' && start + cfg.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** calculatePodRequests: the summed container requests of each pod, in milli-units. */
export function podRequests(pods: Pod[], resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const req = (c.resources?.requests as Record<string, string | number> | undefined)?.[resource];
      if (req === undefined) throw new CalculatorError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`);
      sum += milliValue(String(req));
    }
    out.set(pod.metadata?.name ?? '', sum);
  }
  return out;
}

/** GetResourceUtilizationRatio. */
export function utilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, target: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new CalculatorError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
  timestamp: number;
}

const cloneMetrics = (m: PodMetricsInfo): PodMetricsInfo => new Map([...m].map(([k, v]) => [k, { ...v }]));

/**
 * GetResourceReplicas: the replica count for a target utilisation (percent of request).
 * `metrics` are the pods' usage as the metrics API returned them; `pods` what the selector lists.
 */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  rawMetrics: PodMetricsInfo,
  pods: Pod[],
  cfg: CalculatorConfig,
  now: number,
): ResourceReplicas {
  if (pods.length === 0) throw new CalculatorError('no pods returned by selector while calculating replica count');
  const metrics = cloneMetrics(rawMetrics);
  const timestamp = [...metrics.values()][0]?.timestamp ?? 0;
  const g = groupPods(pods, metrics, resource, cfg, now);
  for (const n of g.ignored) metrics.delete(n);
  for (const n of g.unready) metrics.delete(n);
  if (metrics.size === 0) throw new CalculatorError('did not receive metrics for targeted pods (pods might be unready)');
  const requests = podRequests(pods, resource);
  const { ratio, utilization, rawAverage } = utilizationRatio(metrics, requests, targetUtilization);
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0;
  const result = (replicas: number): ResourceReplicas => ({ replicas, utilization, rawUtilization: rawAverage, timestamp });
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= cfg.tolerance) return result(currentReplicas);
    return result(Math.ceil(ratio * g.readyPodCount));
  }
  if (g.missing.size > 0) {
    if (ratio < 1.0) {
      const fallback = Math.max(100, targetUtilization);
      for (const n of g.missing) metrics.set(n, { value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100), timestamp, windowMs: 0 });
    } else if (ratio > 1.0) {
      for (const n of g.missing) metrics.set(n, { value: 0, timestamp, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { value: 0, timestamp, windowMs: 0 });
  const next = utilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1.0 - next) <= cfg.tolerance || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) return result(currentReplicas);
  const newReplicas = Math.ceil(next * metrics.size);
  if ((next < 1.0 && newReplicas > currentReplicas) || (next > 1.0 && newReplicas < currentReplicas)) return result(currentReplicas);
  return result(newReplicas);
}

/**
 * GetRawResourceReplicas: the replica count for a target average value (milli-units per pod),
 * by the same grouping as GetMetricReplicas (plain per-pod metrics).
 */
export function rawResourceReplicas(
  currentReplicas: number,
  targetMilli: number,
  resource: string,
  rawMetrics: PodMetricsInfo,
  pods: Pod[],
  cfg: CalculatorConfig,
  now: number,
): { replicas: number; rawUtilization: number; timestamp: number } {
  if (pods.length === 0) throw new CalculatorError('no pods returned by selector while calculating replica count');
  const metrics = cloneMetrics(rawMetrics);
  const timestamp = [...metrics.values()][0]?.timestamp ?? 0;
  const g = groupPods(pods, metrics, resource, cfg, now);
  for (const n of g.ignored) metrics.delete(n);
  for (const n of g.unready) metrics.delete(n);
  if (metrics.size === 0) throw new CalculatorError('did not receive metrics for targeted pods (pods might be unready)');
  const usageOf = (m: PodMetricsInfo) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    return { ratio: total / metrics.size / targetMilli, avg: Math.trunc(total / m.size) };
  };
  const { ratio, avg } = usageOf(metrics);
  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= cfg.tolerance) return { replicas: currentReplicas, rawUtilization: avg, timestamp };
    return { replicas: Math.ceil(ratio * g.readyPodCount), rawUtilization: avg, timestamp };
  }
  if (g.missing.size > 0) {
    for (const n of g.missing) metrics.set(n, { value: ratio < 1.0 ? targetMilli : 0, timestamp, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, { value: 0, timestamp, windowMs: 0 });
  let total = 0;
  for (const v of metrics.values()) total += v.value;
  const next = total / metrics.size / targetMilli;
  if (Math.abs(1.0 - next) <= cfg.tolerance || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) {
    return { replicas: currentReplicas, rawUtilization: avg, timestamp };
  }
  const newReplicas = Math.ceil(next * metrics.size);
  if ((next < 1.0 && newReplicas > currentReplicas) || (next > 1.0 && newReplicas < currentReplicas)) return { replicas: currentReplicas, rawUtilization: avg, timestamp };
  return { replicas: newReplicas, rawUtilization: avg, timestamp };
}
