import { describe, it, expect } from 'vitest';
import { createCluster } from '../../cluster';
import type { KObject } from '../../api/types';
import { convertDesiredReplicasWithRules, scaleDownLimitWithRules, scaleUpLimit, scaleUpLimitWithRules, setCondition } from './horizontal-controller';

describe('HPA normalisation rules', () => {
  // Modelled on horizontal_test.go TestConvertDesiredReplicasWithRules / calculateScaleUpLimit.
  it.each([
    [1, 3, 1, 10, [3, 'DesiredWithinRange', 'the desired count is within the acceptable range']],
    [1, 8, 1, 10, [4, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']],
    [5, 20, 1, 8, [8, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']],
    [5, 1, 2, 8, [2, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count']],
    [6, 20, 1, 20, [12, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']],
  ])('current %i desired %i min %i max %i', (cur, des, min, max, want) => {
    expect(convertDesiredReplicasWithRules(cur, des, min, max)).toEqual(want);
  });

  it('scale-up limit doubles with a floor of 4', () => {
    expect([0, 1, 2, 3, 10].map(scaleUpLimit)).toEqual([4, 4, 4, 6, 20]);
  });

  it('behavior policies: max of Pods 4 / Percent 100 per 15 s, minus what was added in the period', () => {
    const up = { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
    expect(scaleUpLimitWithRules(3, [], up, 100_000)).toBe(7);
    expect(scaleUpLimitWithRules(10, [], up, 100_000)).toBe(20);
    // 4 replicas were added 10 s ago: the period started at 6.
    expect(scaleUpLimitWithRules(10, [{ change: 4, at: 90_000, outdated: false }], up, 100_000)).toBe(12);
    expect(scaleUpLimitWithRules(10, [], { ...up, selectPolicy: 'Disabled' }, 100_000)).toBe(10);
    const down = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] };
    expect(scaleDownLimitWithRules(10, [], down, 100_000)).toBe(5);
    expect(scaleDownLimitWithRules(8, [{ change: 2, at: 80_000, outdated: false }], down, 100_000)).toBe(5);
  });

  it('setCondition keeps the transition time while the status holds', () => {
    const a = setCondition([], 'AbleToScale', 'True', 'SucceededGetScale', 'm1', 't1');
    const b = setCondition(a, 'AbleToScale', 'True', 'ReadyForNewScale', 'm2', 't2');
    const c = setCondition(b, 'AbleToScale', 'False', 'FailedGetScale', 'm3', 't3');
    expect([a[0].lastTransitionTime, b[0].lastTransitionTime, b[0].reason, c[0].lastTransitionTime]).toEqual(['t1', 't1', 'ReadyForNewScale', 't3']);
  });
});

function setup() {
  const c = createCluster({ seed: 7 });
  const post = (path: string, body: unknown) => c.request({ method: 'POST', path, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  post('/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
    },
  });
  c.advance(30_000);
  return { c, post };
}

const getHpa = (c: ReturnType<typeof createCluster>, v = 'v2') => c.request({ method: 'GET', path: `/apis/autoscaling/${v}/namespaces/default/horizontalpodautoscalers/web` }).body as KObject & Record<string, never>;
const events = (c: ReturnType<typeof createCluster>) =>
  ((c.request({ method: 'GET', path: '/api/v1/namespaces/default/events', query: { fieldSelector: 'involvedObject.kind=HorizontalPodAutoscaler' } }).body as { items: KObject[] }).items).map(
    (e) => `${(e as { type?: string }).type} ${(e as { reason?: string }).reason} ${(e as { message?: string }).message}`,
  );

describe('HorizontalController against a cluster', () => {
  it('without metrics-server: <unknown> metric, ScalingActive False and the upstream warnings', () => {
    const { c, post } = setup();
    const res = post('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    expect(res.status).toBe(201);
    expect((res.body as KObject).spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 });
    c.advance(10_000);
    expect(getHpa(c).status).toEqual({ desiredReplicas: 0 });
    c.advance(10_000);
    const st = getHpa(c).status as unknown as { currentReplicas: number; desiredReplicas: number; currentMetrics: unknown; conditions: { type: string; status: string; reason: string; message: string }[] };
    expect([st.currentReplicas, st.desiredReplicas, st.currentMetrics]).toEqual([1, 0, [{ type: '' }]]);
    const metricErr = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(st.conditions.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${metricErr}`],
    ]);
    expect(events(c)).toEqual([
      `Warning FailedGetResourceMetric ${metricErr}`,
      `Warning FailedComputeMetricsReplicas invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${metricErr}`,
    ]);
  });

  it('rescales to minReplicas and reports a missing target', () => {
    const { c, post } = setup();
    post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 5 },
    });
    c.advance(16_000);
    const dep = c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).body as { spec: { replicas: number } };
    expect(dep.spec.replicas).toBe(3);
    expect(events(c)).toEqual(['Normal SuccessfulRescale New size: 3; reason: Current number of replicas below Spec.MinReplicas']);
    const v1 = getHpa(c, 'v1') as unknown as { status: unknown };
    expect(v1.status).toEqual({ lastScaleTime: expect.any(String), currentReplicas: 1, desiredReplicas: 3 });
    c.request({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web' });
    c.advance(15_000);
    const st = getHpa(c).status as unknown as { conditions: { type: string; status: string; reason: string; message: string }[] };
    expect(st.conditions[0]).toMatchObject({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments.apps "web" not found` });
    expect(events(c).at(-1)).toBe('Warning FailedGetScale deployments.apps "web" not found');
  });

  it('rejects an invalid spec with upstream messages', () => {
    const { post } = setup();
    const res = post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'bad' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: '' }, minReplicas: 3, maxReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] },
    });
    expect(res.status).toBe(422);
    expect((res.body as { message: string }).message).toBe(
      'HorizontalPodAutoscaler.autoscaling "bad" is invalid: [spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`, spec.scaleTargetRef.name: Required value, spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0]',
    );
  });
});
