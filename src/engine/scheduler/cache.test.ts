import { describe, it, expect } from 'vitest';
import { SchedulerCache } from './cache';
import { node, pod } from './test-helpers';

const zoned = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });

describe('SchedulerCache', () => {
  it('lists nodes zone by zone, round-robin, as the node tree does', () => {
    const c = new SchedulerCache();
    for (const n of [zoned('a1', 'a'), zoned('a2', 'a'), zoned('a3', 'a'), zoned('b1', 'b'), node('x1'), zoned('b2', 'b')]) c.upsertNode(n);
    expect(c.nodeList().map((n) => n.name)).toEqual(['a1', 'b1', 'x1', 'a2', 'b2', 'a3']);
    c.removeNode('b1');
    c.upsertNode(zoned('a2', 'b')); // a2 moves to zone b, at its end
    expect(c.nodeList().map((n) => n.name)).toEqual(['a1', 'b2', 'x1', 'a3', 'a2']);
    expect(c.nodeCount()).toBe(5);
  });

  it('sums requests incrementally and subtracts exactly what a pod added', () => {
    const c = new SchedulerCache();
    c.upsertNode(node('n', { cpu: '2', memory: '1Gi' }));
    const p1 = pod('p1', { cpu: '250m', memory: '128Mi', nodeName: 'n', owner: 'rs' });
    const p2 = pod('p2', { nodeName: 'n', owner: 'rs' });
    c.addPod(p1);
    c.addPod(p2);
    c.addPod(p1); // re-adding does not double count
    const ni = c.get('n');
    expect([ni?.reqMilliCPU, ni?.reqMemory, ni?.nonZeroMilliCPU, ni?.nonZeroMemory, ni?.podCount]).toEqual([250, 134217728, 350, 134217728 + 209715200, 2]);
    expect(ni?.ownerCounts.get('rs')).toBe(2);
    c.updatePod(p1, { ...p1, status: { phase: 'Succeeded' } });
    expect([ni?.reqMilliCPU, ni?.podCount, ni?.ownerCounts.get('rs')]).toEqual([0, 1, 1]);
    c.removePod(p2);
    expect([ni?.reqMilliCPU, ni?.nonZeroMilliCPU, ni?.podCount, ni?.ownerCounts.has('rs')]).toEqual([0, 0, 0, false]);
  });

  it('keeps pods of a node it has not seen yet and counts them once the node arrives', () => {
    const c = new SchedulerCache();
    c.addPod(pod('early', { cpu: '1', nodeName: 'late', owner: 'rs' }));
    expect(c.nodeCount()).toBe(0);
    c.upsertNode(zoned('late', 'z'));
    expect(c.get('late')?.reqMilliCPU).toBe(1000);
    expect(c.ownerZoneCount('rs', 'z')).toBe(1);
    c.removeNode('late');
    expect(c.nodeCount()).toBe(0);
    expect(c.ownerZoneCount('rs', 'z')).toBe(0);
  });

  it('keeps the sums right across status updates that share spec and one that changes it', () => {
    const c = new SchedulerCache();
    c.upsertNode(node('n1'));
    const p1 = pod('p', { cpu: '250m', memory: '64Mi', nodeName: 'n1', owner: 'rs' });
    c.addPod(p1);
    const p2 = { ...p1, status: { phase: 'Running' as const } };
    c.updatePod(p1, p2);
    const info = c.get('n1');
    expect([info?.reqMilliCPU, info?.reqMemory, info?.podCount, info?.pods.get(p1.metadata?.uid ?? '')?.pod]).toEqual([250, 64 * 1024 * 1024, 1, p2]);
    const p3 = { ...p2, spec: { ...p2.spec, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1' } } }] } };
    c.updatePod(p2, p3);
    expect([info?.reqMilliCPU, info?.reqMemory, info?.nonZeroMemory, c.ownerNodeCounts('rs')?.get(info!)]).toEqual([1000, 0, 200 * 1024 * 1024, 1]);
    c.updatePod(p3, { ...p3, status: { phase: 'Succeeded' as const } });
    expect([info?.reqMilliCPU, info?.podCount, c.ownerNodeCounts('rs')]).toEqual([0, 0, undefined]);
  });

  it('drops a pod from the spreading counts when it starts terminating, even with the same spec', () => {
    const c = new SchedulerCache();
    c.upsertNode(zoned('n1', 'z'));
    const p1 = pod('p', { cpu: '100m', nodeName: 'n1', owner: 'rs' });
    c.addPod(p1);
    const info = c.get('n1');
    expect([info?.ownerCounts.get('rs'), c.ownerZoneCount('rs', 'z')]).toEqual([1, 1]);
    const terminating = { ...p1, metadata: { ...p1.metadata, deletionTimestamp: '2026-11-22T09:00:30Z' } };
    c.updatePod(p1, terminating);
    expect([info?.reqMilliCPU, info?.podCount, info?.ownerCounts.has('rs'), c.ownerZoneCount('rs', 'z')]).toEqual([100, 1, false, 0]);
    expect(info?.pods.get(p1.metadata?.uid ?? '')?.pod).toBe(terminating);
  });
});
