// Server-side printer for HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS
// REPLICAS AGE, targets as `cpu: 12%/80%` (`<unknown>` before the controller read a metric, at
// most two metrics then `+ N more...`). Models kubernetes/pkg/printers/internalversion/printers.go
// (printHorizontalPodAutoscaler, formatHPAMetrics).
import { canonicalQuantity } from '../../api/quantity';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../registry/autoscaling';
import { ageColumn, ageOf, column, nameColumn } from './common';
import type { TablePrinter } from './types';

const q = (v: string | undefined): string => (v === undefined ? '0' : canonicalQuantity(String(v)));

/** formatHPAMetrics: one `current/target` entry per metric spec. */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const st = statuses ?? [];
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const s = st[i];
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.external?.current.averageValue !== undefined ? q(s.external.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = s?.external ? q(s.external.current.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = s?.pods ? q(s.pods.current.averageValue) : '<unknown>';
        list.push(`${cur}/${q(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.object?.current.averageValue !== undefined ? q(s.object.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = s?.object ? q(s.object.current.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const cur = spec.type === 'Resource' ? s?.resource?.current : s?.containerResource?.current;
        const t = src?.target ?? {};
        const name = src?.name ?? '';
        if (t.averageValue !== undefined) {
          list.push(`${name}: ${cur ? q(cur.averageValue) : '<unknown>'}/${q(t.averageValue)}`);
        } else {
          const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
          const target = t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>';
          list.push(`${name}: ${c}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const hpaPrinter: TablePrinter<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    column(
      'Targets',
      'string',
      'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond. If not set, the default metric will be set to 80% average CPU utilization.',
    ),
    column(
      'MinPods',
      'string',
      'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.',
    ),
    column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageColumn,
  ],
  row(hpa, ctx) {
    const spec = hpa.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    return [
      hpa.metadata?.name ?? '',
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      formatHPAMetrics(spec.metrics, hpa.status?.currentMetrics),
      spec.minReplicas !== undefined ? String(spec.minReplicas) : '<unset>',
      spec.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ageOf(hpa, ctx),
    ];
  },
};
