import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Node, Pod } from '../api/types';
import { Rng } from '../core/rng';
import { SchedulerCache } from './cache';
import { numFeasibleNodesToFind, prioritizeNodes, schedulePod } from './schedule-one';
import type { ScheduleResult } from './schedule-one';
import { podRequests } from './resource-math';
import { fixedRng, node, pod, withSpec } from './test-helpers';

function cacheWith(nodes: Node[], pods: Pod[] = []): SchedulerCache {
  const c = new SchedulerCache();
  for (const n of nodes) c.upsertNode(n);
  for (const p of pods) c.addPod(p);
  return c;
}

function message(r: ScheduleResult): string {
  if ('nodeName' in r) throw new Error(`scheduled on ${r.nodeName}`);
  return r.message;
}

const controlPlane = node('control-plane', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });

describe('FailedScheduling messages (FitError.Error) as v1.32 prints them', () => {
  it('taint on the control plane, workers out of cpu', () => {
    const c = cacheWith([controlPlane, node('worker-1', { cpu: '1' }), node('worker-2', { cpu: '1' })]);
    expect(message(schedulePod(pod('big', { cpu: '2' }), c, fixedRng()))).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('nodeSelector matching no node', () => {
    const c = cacheWith([node('a'), node('b'), node('c')]);
    expect(message(schedulePod(pod('p', { nodeSelector: { disktype: 'ssd' } }), c, fixedRng()))).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('cordoned nodes, and a node that cannot take more pods', () => {
    const c = cacheWith([node('a', { unschedulable: true }), node('b', { unschedulable: true }), node('c', { pods: '1' })], [pod('x', { nodeName: 'c' })]);
    expect(message(schedulePod(pod('p'), c, fixedRng()))).toBe(
      '0/3 nodes are available: 1 Too many pods, 2 node(s) were unschedulable. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('a pod tolerating node.kubernetes.io/unschedulable lands on a cordoned node', () => {
    const c = cacheWith([node('a', { unschedulable: true })]);
    const r = schedulePod(pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), c, fixedRng());
    expect(r).toEqual({ nodeName: 'a', evaluatedNodes: 1, feasibleNodes: 1 });
  });

  it('several reasons on one node each count; histogram sorted as strings ("10 ..." before "2 ...")', () => {
    const nodes = [node('small', { cpu: '1', memory: '1Gi' })];
    for (let i = 0; i < 10; i++) nodes.push(node(`mem-${i}`, { cpu: '8', memory: '1Gi' }));
    nodes.push(node('other', { cpu: '8', memory: '8Gi', taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }));
    const c = cacheWith(nodes);
    expect(message(schedulePod(pod('p', { cpu: '2', memory: '2Gi' }), c, fixedRng()))).toBe(
      '0/12 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {gpu: true}, 11 Insufficient memory. ' +
        'preemption: 0/12 nodes are available: 1 Preemption is not helpful for scheduling, 11 No preemption victims found for incoming pod.',
    );
  });

  it('spec.nodeName pointing elsewhere', () => {
    const c = cacheWith([node('a'), node('b')]);
    expect(message(schedulePod(pod('p', { nodeName: 'zzz' }), c, fixedRng()))).toBe(
      "0/2 nodes are available: 2 node(s) didn't match the requested node name. " +
        'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('preemptionPolicy Never', () => {
    const c = cacheWith([node('a', { cpu: '1' })]);
    expect(message(schedulePod(pod('p', { cpu: '2', preemptionPolicy: 'Never' }), c, fixedRng()))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('higher priority, but evicting every lower-priority pod is still not enough', () => {
    const c = cacheWith([node('a', { cpu: '1' })], [pod('low', { cpu: '500m', nodeName: 'a', priority: 0 })]);
    expect(message(schedulePod(pod('p', { cpu: '2', priority: 1000 }), c, fixedRng()))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('higher priority with evictable victims: no suffix, the candidate node is reported', () => {
    const c = cacheWith([node('a', { cpu: '1' })], [pod('low', { cpu: '800m', nodeName: 'a', priority: 0 })]);
    const r = schedulePod(pod('p', { cpu: '500m', priority: 1000 }), c, fixedRng());
    expect(r).toMatchObject({ message: '0/1 nodes are available: 1 Insufficient cpu.', preemptionCandidates: ['a'] });
  });

  it('a DaemonSet-style pod pinned by matchFields to a tainted node', () => {
    const c = cacheWith([node('a', { taints: [{ key: 'x', value: 'y', effect: 'NoSchedule' }] }), node('b'), node('c')]);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } };
    expect(message(schedulePod(pod('ds', { affinity }), c, fixedRng()))).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {x: y}, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('conflicting matchFields fail in PreFilter', () => {
    const c = cacheWith([node('a'), node('b')]);
    const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] };
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
    expect(message(schedulePod(pod('p', { affinity }), c, fixedRng()))).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('no nodes at all', () => {
    expect(schedulePod(pod('p'), new SchedulerCache(), fixedRng())).toMatchObject({ message: 'no nodes available to schedule pods' });
  });

  it('records the rejecting plugins for the queue', () => {
    const c = cacheWith([controlPlane, node('w', { cpu: '1' })]);
    const r = schedulePod(pod('p', { cpu: '2' }), c, fixedRng());
    expect('error' in r && [...r.error.unschedulablePlugins].sort()).toEqual(['NodeResourcesFit', 'TaintToleration']);
  });
});

describe('numFeasibleNodesToFind', () => {
  const cases: [number | undefined, number, number][] = [
    [undefined, 10, 10],
    [undefined, 99, 99],
    [undefined, 100, 100],
    [undefined, 200, 100],
    [undefined, 1000, 420],
    [undefined, 5000, 500],
    [undefined, 6000, 300],
    [undefined, 10000, 500],
    [10, 1000, 100],
    [50, 1000, 500],
    [100, 1000, 1000],
  ];
  for (const [pct, n, want] of cases) {
    it(`${pct ?? 'adaptive'}% of ${n} nodes → ${want}`, () => expect(numFeasibleNodesToFind(pct, n)).toBe(want));
  }
});

describe('filtering and selection', () => {
  it('stops at numFeasibleNodesToFind and rotates the start index', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n-${i}`));
    const c = cacheWith(nodes);
    const r1 = schedulePod(pod('p1'), c, fixedRng(99));
    expect(r1).toMatchObject({ evaluatedNodes: 100, feasibleNodes: 100, nodeName: 'n-0' });
    expect(c.nextStartNodeIndex).toBe(100);
    const r2 = schedulePod(pod('p2'), c, fixedRng(99));
    expect(r2).toMatchObject({ evaluatedNodes: 100, nodeName: 'n-100' });
    expect(c.nextStartNodeIndex).toBe(0);
  });

  it('counts rejected nodes in evaluatedNodes', () => {
    const c = cacheWith([node('a', { unschedulable: true }), node('b'), node('c')]);
    expect(schedulePod(pod('p'), c, fixedRng(99))).toEqual({ nodeName: 'b', evaluatedNodes: 3, feasibleNodes: 2 });
  });

  it('breaks ties by reservoir sampling with the injected RNG', () => {
    const nodes = [node('a'), node('b'), node('c')];
    // Always replacing the candidate keeps the last tie; never replacing keeps the first.
    expect(schedulePod(pod('p'), cacheWith(nodes), fixedRng(0))).toMatchObject({ nodeName: 'c' });
    expect(schedulePod(pod('p'), cacheWith(nodes), fixedRng(99))).toMatchObject({ nodeName: 'a' });
    const seen = new Set<string>();
    const rng = new Rng(7);
    for (let i = 0; i < 50; i++) {
      const r = schedulePod(pod('p'), cacheWith(nodes), rng);
      if ('nodeName' in r) seen.add(r.nodeName);
    }
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('prefers the least allocated node', () => {
    const c = cacheWith([node('a'), node('b')], [pod('x', { cpu: '2', memory: '2Gi', nodeName: 'a' })]);
    expect(schedulePod(pod('p', { cpu: '100m' }), c, fixedRng(0))).toMatchObject({ nodeName: 'b' });
  });

  it('spreads the pods of one owner across nodes', () => {
    const c = cacheWith([node('a'), node('b'), node('c')]);
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = pod(`web-${i}`, { owner: 'rs-1', cpu: '10m' });
      const r = schedulePod(p, c, new Rng(i));
      if (!('nodeName' in r)) throw new Error(r.message);
      placed.push(r.nodeName);
      c.addPod(withSpec(p, { nodeName: r.nodeName }));
    }
    expect(placed.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
    expect(placed.slice(3).sort()).toEqual(['a', 'b', 'c']);
  });

  it('weights the spreading score by pods of the same owner only', () => {
    const c = cacheWith([node('a'), node('b')], [pod('x', { owner: 'rs-1', nodeName: 'a' }), pod('y', { owner: 'rs-2', nodeName: 'b' })]);
    const scores = prioritizeNodes(pod('p', { owner: 'rs-1' }), c);
    // Both nodes carry one pod (same LeastAllocated/Balanced). Spreading raw scores with weight
    // ln(2 + 2): a = round(1 * 1.386 + 2) = 3, b = 2; normalised a = 100 * (3 + 2 - 3) / 3 = 66, b = 100.
    expect(scores[0].nodeName).toBe('a');
    expect(scores[1].score - scores[0].score).toBe(2 * (100 - 66));
  });

  it('prefers nodes matching preferred affinity and without PreferNoSchedule taints', () => {
    const c = cacheWith([
      node('plain'),
      node('ssd', { labels: { disk: 'ssd' } }),
      node('ssd-tainted', { labels: { disk: 'ssd' }, taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
    ]);
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } };
    expect(prioritizeNodes(pod('p', { affinity }), c).map((s) => [s.nodeName, s.score])).toEqual([
      // taint (x3) + affinity (x2) + LeastAllocated 97 (cpu 97, memory 97) + Balanced 100
      ['plain', 300 + 0 + 197],
      ['ssd', 300 + 200 + 197],
      ['ssd-tainted', 0 + 200 + 197],
    ]);
  });

  it('ignores terminal pods and frees resources when pods go away', () => {
    const done = pod('done', { cpu: '4', nodeName: 'a', phase: 'Succeeded' });
    const running = pod('run', { cpu: '4', nodeName: 'a' });
    const c = cacheWith([node('a')], [done, running]);
    expect(message(schedulePod(pod('p', { cpu: '1' }), c, fixedRng()))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    c.updatePod(running, { ...running, status: { phase: 'Failed' } });
    expect(schedulePod(pod('p', { cpu: '1' }), c, fixedRng())).toMatchObject({ nodeName: 'a' });
  });
});

describe('property: the scheduler never binds beyond allocatable', () => {
  it('cpu, memory and pod count stay within every node', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), mem: fc.integer({ min: 0, max: 4096 }), pods: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 1500 }), mem: fc.integer({ min: 0, max: 1500 }), owner: fc.constantFrom('', 'a', 'b') }), { maxLength: 40 }),
        fc.integer(),
        (nodeSpecs, podSpecs, seed) => {
          const c = cacheWith(nodeSpecs.map((n, i) => node(`n${i}`, { cpu: `${n.cpu}m`, memory: `${n.mem}Mi`, pods: `${n.pods}` })));
          const rng = new Rng(seed);
          const placed = new Map<string, Pod[]>();
          podSpecs.forEach((s, i) => {
            const p = pod(`p${i}`, { cpu: `${s.cpu}m`, memory: `${s.mem}Mi`, owner: s.owner || undefined });
            const r = schedulePod(p, c, rng);
            if ('nodeName' in r) {
              c.addPod(withSpec(p, { nodeName: r.nodeName }));
              placed.set(r.nodeName, [...(placed.get(r.nodeName) ?? []), p]);
            }
          });
          nodeSpecs.forEach((n, i) => {
            const ps = placed.get(`n${i}`) ?? [];
            expect(ps.length).toBeLessThanOrEqual(n.pods);
            expect(ps.reduce((a, p) => a + podRequests(p).milliCPU, 0)).toBeLessThanOrEqual(n.cpu);
            expect(ps.reduce((a, p) => a + podRequests(p).memory, 0)).toBeLessThanOrEqual(n.mem * 1024 * 1024);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
