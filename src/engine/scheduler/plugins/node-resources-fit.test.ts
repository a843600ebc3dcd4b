import { describe, it, expect } from 'vitest';
import { NodeInfo, podEntry } from '../node-info';
import { podRequests } from '../resource-math';
import { node, pod } from '../test-helpers';
import type { PodOpts } from '../test-helpers';
import { balancedAllocationScore, fitFilter, leastAllocatedScore } from './node-resources-fit';

/** A node with 10 milli-CPU, 20 bytes of memory, 32 pods (fit_test.go's makeAllocatableResources(10, 20, 32)). */
function nodeUsing(cpu: string, mem: string, pods = '32'): NodeInfo {
  const ni = new NodeInfo('n');
  ni.setNode(node('n', { cpu: '10m', memory: '20', pods }));
  ni.addEntry(podEntry(pod('existing', { cpu, memory: mem, nodeName: 'n' }), 'n'), 'existing');
  return ni;
}

// Modelled on noderesources/fit_test.go TestEnoughRequests.
describe('NodeResourcesFit Filter', () => {
  const cases: { name: string; pod: PodOpts; used: [string, string]; want: string[] | null }[] = [
    { name: 'no resources requested always fits', pod: {}, used: ['10m', '20'], want: null },
    { name: 'too many resources fails', pod: { cpu: '1m', memory: '1' }, used: ['10m', '20'], want: ['Insufficient cpu', 'Insufficient memory'] },
    {
      name: 'too many resources fails due to init container cpu',
      pod: { cpu: '1m', memory: '1', initContainers: [{ cpu: '3m', memory: '1' }] },
      used: ['8m', '19'],
      want: ['Insufficient cpu'],
    },
    {
      name: 'too many resources fails due to highest init container cpu',
      pod: { cpu: '1m', memory: '1', initContainers: [{ cpu: '3m', memory: '1' }, { cpu: '2m', memory: '1' }] },
      used: ['8m', '19'],
      want: ['Insufficient cpu'],
    },
    {
      name: 'too many resources fails due to init container memory',
      pod: { cpu: '1m', memory: '1', initContainers: [{ cpu: '1m', memory: '3' }] },
      used: ['9m', '19'],
      want: ['Insufficient memory'],
    },
    {
      name: 'init container fits because it is the max, not the sum',
      pod: { cpu: '1m', memory: '1', initContainers: [{ cpu: '1m', memory: '1' }] },
      used: ['9m', '19'],
      want: null,
    },
    {
      name: 'a restartable init container (sidecar) adds to the pod total',
      pod: { cpu: '1m', memory: '1', initContainers: [{ cpu: '1m', memory: '1', restartPolicy: 'Always' }] },
      used: ['9m', '19'],
      want: ['Insufficient cpu', 'Insufficient memory'],
    },
    { name: 'both resources fit', pod: { cpu: '1m', memory: '1' }, used: ['5m', '5'], want: null },
    { name: 'one resource memory fits', pod: { cpu: '2m', memory: '1' }, used: ['9m', '5'], want: ['Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: { cpu: '1m', memory: '2' }, used: ['5m', '19'], want: ['Insufficient memory'] },
    { name: 'equal edge case', pod: { cpu: '5m', memory: '1' }, used: ['5m', '19'], want: null },
    { name: 'a zero cpu request fits an overcommitted node', pod: { cpu: '0', memory: '1' }, used: ['20m', '5'], want: null },
    {
      name: 'extended resource missing on the node',
      pod: { cpu: '1m', requests: { 'example.com/gpu': '1' } },
      used: ['0', '0'],
      want: ['Insufficient example.com/gpu'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = fitFilter(podRequests(pod('p', c.pod)), nodeUsing(...c.used));
      if (c.want === null) expect(s).toBeNull();
      else expect(s).toEqual({ code: 'Unschedulable', reasons: c.want, plugin: 'NodeResourcesFit' });
    });
  }

  it('Too many pods comes first, even with no requests', () => {
    expect(fitFilter(podRequests(pod('p', { cpu: '20m' })), nodeUsing('1m', '1', '1'))).toEqual({
      code: 'Unschedulable',
      reasons: ['Too many pods', 'Insufficient cpu'],
      plugin: 'NodeResourcesFit',
    });
    expect(fitFilter(podRequests(pod('p')), nodeUsing('0', '0', '1'))?.reasons).toEqual(['Too many pods']);
  });

  it('a node without allocatable pods accepts no pod', () => {
    const ni = new NodeInfo('bare');
    ni.setNode({ metadata: { name: 'bare' }, status: { allocatable: { cpu: '1', memory: '1Gi' } } });
    expect(fitFilter(podRequests(pod('p')), ni)?.reasons).toEqual(['Too many pods']);
  });
});

// Modelled on least_allocated_test.go and balanced_allocation_test.go.
describe('LeastAllocated and BalancedAllocation scores', () => {
  function fresh(cpu: string, mem: string): NodeInfo {
    const ni = new NodeInfo('n');
    ni.setNode(node('n', { cpu, memory: mem }));
    return ni;
  }
  it('nothing scheduled, nothing requested: the non-zero defaults still count', () => {
    // cpu: (4000 - 100) * 100 / 4000 = 97; memory: (10000 - 209715200) < 0 => 0 → (97 + 0) / 2 = 48
    expect(leastAllocatedScore(podRequests(pod('p')), fresh('4', '10000'))).toBe(48);
  });
  it('differently sized nodes, same request', () => {
    const r = podRequests(pod('p', { cpu: '3', memory: '5000' }));
    // cpu (4000-3000)*100/4000 = 25, mem (10000-5000)*100/10000 = 50 → 37
    expect(leastAllocatedScore(r, fresh('4', '10000'))).toBe(37);
    // cpu (6000-3000)*100/6000 = 50, mem (10000-5000)*100/10000 = 50 → 50
    expect(leastAllocatedScore(r, fresh('6', '10000'))).toBe(50);
  });
  it('balanced allocation: 1 - |cpu fraction - memory fraction| / 2', () => {
    const r = podRequests(pod('p', { cpu: '3', memory: '5000' }));
    // fractions 0.75 and 0.5 → std 0.125 → 87
    expect(balancedAllocationScore(r, fresh('4', '10000'))).toBe(87);
    // fractions 0.5 and 0.5 → 100
    expect(balancedAllocationScore(r, fresh('6', '10000'))).toBe(100);
    // over capacity is capped at 1: fractions 1 and 0.5 → 75
    expect(balancedAllocationScore(podRequests(pod('p', { cpu: '9', memory: '5000' })), fresh('4', '10000'))).toBe(75);
  });
});
