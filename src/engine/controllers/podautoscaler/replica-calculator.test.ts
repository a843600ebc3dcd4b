import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/types';
import { rfc3339 } from '../../core/time';
import type { PodMetricsInfo } from './replica-calculator';
import { DEFAULT_CALCULATOR_CONFIG, rawResourceReplicas, resourceReplicas } from './replica-calculator';

// Table cases modelled on pkg/controller/podautoscaler/replica_calculator_test.go (TestReplicaCalc*).
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const LONG_AGO = NOW - 60 * 60_000;

interface Case {
  name: string;
  currentReplicas: number;
  /** Per pod: cpu request in millicores (undefined: no request). */
  requests: (number | undefined)[];
  /** Per pod: usage in millicores (undefined: no metric). */
  levels: (number | undefined)[];
  ready?: ('True' | 'False')[];
  phase?: string[];
  deleting?: boolean[];
  target: number;
  expectedReplicas?: number;
  expectedUtilization?: number;
  expectedValue?: number;
  expectedError?: string;
}

function pods(c: Case): Pod[] {
  return c.requests.map((r, i) => ({
    metadata: { name: `test-pod-${i}`, namespace: 'test-namespace', labels: { name: 'test-pod' }, ...(c.deleting?.[i] ? { deletionTimestamp: rfc3339(NOW) } : {}) },
    spec: { containers: [{ name: 'container', image: 'nginx', resources: r === undefined ? {} : { requests: { cpu: `${r}m` } } }] },
    status: {
      phase: c.phase?.[i] ?? 'Running',
      startTime: rfc3339(LONG_AGO),
      conditions: [{ type: 'Ready', status: c.ready?.[i] ?? 'True', lastTransitionTime: rfc3339(LONG_AGO + 10_000) }],
    },
  })) as Pod[];
}

function metrics(c: Case): PodMetricsInfo {
  const m: PodMetricsInfo = new Map();
  c.levels.forEach((v, i) => {
    if (v !== undefined) m.set(`test-pod-${i}`, { value: v, timestamp: NOW - 15_000, windowMs: 30_000 });
  });
  return m;
}

const cases: Case[] = [
  { name: 'ScaleUp', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], target: 30, expectedReplicas: 5, expectedUtilization: 50, expectedValue: 500 },
  { name: 'ScaleUpUnreadyLessScale', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], ready: ['False', 'True', 'True'], target: 30, expectedReplicas: 4, expectedUtilization: 60, expectedValue: 600 },
  { name: 'ScaleUpUnreadyNoScale', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [400, 500, 700], ready: ['True', 'False', 'False'], target: 30, expectedReplicas: 3, expectedUtilization: 40, expectedValue: 400 },
  { name: 'ScaleUpIgnoresFailedPods', currentReplicas: 2, requests: [1000, 1000, 1000, 1000], levels: [500, 700, 100, 100], phase: ['Running', 'Running', 'Failed', 'Failed'], target: 30, expectedReplicas: 4, expectedUtilization: 60, expectedValue: 600 },
  { name: 'ScaleUpIgnoresDeletionPods', currentReplicas: 2, requests: [1000, 1000, 1000, 1000], levels: [500, 700, 100, 100], deleting: [false, false, true, true], target: 30, expectedReplicas: 4, expectedUtilization: 60, expectedValue: 600 },
  { name: 'ScaleDown', currentReplicas: 5, requests: [1000, 1000, 1000, 1000, 1000], levels: [100, 300, 500, 250, 250], target: 50, expectedReplicas: 3, expectedUtilization: 28, expectedValue: 280 },
  { name: 'Tolerance', currentReplicas: 3, requests: [900, 1000, 1100], levels: [1010, 1030, 1020], target: 100, expectedReplicas: 3, expectedUtilization: 102, expectedValue: 1020 },
  { name: 'MissingMetricsNoChangeEq', currentReplicas: 2, requests: [1000, 1000], levels: [1000, undefined], target: 100, expectedReplicas: 2, expectedUtilization: 100, expectedValue: 1000 },
  { name: 'MissingMetricsScaleUp', currentReplicas: 2, requests: [1000, 1000], levels: [2000, undefined], target: 100, expectedReplicas: 2, expectedUtilization: 200, expectedValue: 2000 },
  { name: 'MissingMetricsScaleDown', currentReplicas: 4, requests: [1000, 1000, 1000, 1000], levels: [100, 100, 100, undefined], target: 50, expectedReplicas: 3, expectedUtilization: 10, expectedValue: 100 },
  { name: 'MissingMetricsScaleDownFlipsDirection', currentReplicas: 4, requests: [1000, 1000, 1000, 1000], levels: [100, 100, undefined, undefined], target: 50, expectedReplicas: 4, expectedUtilization: 10, expectedValue: 100 },
  { name: 'ScaleUpPendingLessScale', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], phase: ['Pending', 'Running', 'Running'], target: 30, expectedReplicas: 4, expectedUtilization: 60, expectedValue: 600 },
  { name: 'MissingRequest', currentReplicas: 3, requests: [1000, undefined, 1000], levels: [300, 500, 700], target: 30, expectedError: 'missing request for cpu in container container of Pod test-pod-1' },
  { name: 'AllUnready', currentReplicas: 2, requests: [1000, 1000], levels: [300, 500], ready: ['False', 'False'], target: 30, expectedError: 'did not receive metrics for targeted pods (pods might be unready)' },
  { name: 'NoPods', currentReplicas: 2, requests: [], levels: [], target: 30, expectedError: 'no pods returned by selector while calculating replica count' },
];

describe('resourceReplicas (GetResourceReplicas)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const run = () => resourceReplicas(c.currentReplicas, c.target, 'cpu', metrics(c), pods(c), DEFAULT_CALCULATOR_CONFIG, NOW);
      if (c.expectedError) {
        expect(run).toThrow(c.expectedError);
        return;
      }
      const r = run();
      expect([r.replicas, r.utilization, r.rawUtilization]).toEqual([c.expectedReplicas, c.expectedUtilization, c.expectedValue]);
    });
  }

  it('counts a pod still in its CPU initialisation period whose metric predates readiness as unready', () => {
    const c: Case = { name: '', currentReplicas: 2, requests: [1000, 1000], levels: [900, 900], target: 30 };
    const ps = pods(c);
    // Started a minute ago, ready 10 s ago: the 15 s-old sample was taken before it was ready.
    ps[1].status = { ...ps[1].status, startTime: rfc3339(NOW - 60_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(NOW - 10_000) }] };
    const r = resourceReplicas(2, 30, 'cpu', metrics(c), ps, DEFAULT_CALCULATOR_CONFIG, NOW);
    // Ratio 3 from the ready pod alone; the unready one counts as 0 on the way up: 900/2000 = 45 % → ceil(1.5*2) = 3.
    expect([r.replicas, r.utilization]).toEqual([3, 90]);
  });
});

describe('rawResourceReplicas (GetRawResourceReplicas)', () => {
  it('scales up by the average value', () => {
    const c: Case = { name: '', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [300, 500, 700], target: 0 };
    expect(rawResourceReplicas(3, 300, 'cpu', metrics(c), pods(c), DEFAULT_CALCULATOR_CONFIG, NOW)).toEqual({ replicas: 5, rawUtilization: 500, timestamp: NOW - 15_000 });
  });
  it('stays within the tolerance', () => {
    const c: Case = { name: '', currentReplicas: 3, requests: [1000, 1000, 1000], levels: [1010, 1030, 1020], target: 0 };
    expect(rawResourceReplicas(3, 1000, 'cpu', metrics(c), pods(c), DEFAULT_CALCULATOR_CONFIG, NOW).replicas).toBe(3);
  });
});
