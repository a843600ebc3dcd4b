import { describe, it, expect } from 'vitest';
import type { GraphModel, PodItem } from './graph-model';
import { diffGraph, isEmptyDiff } from './graph-diff';

const pod = (uid: string, node: string, extra: Partial<PodItem> = {}): PodItem => ({
  uid, kind: 'Pod', name: uid, namespace: 'default', phase: 'Running', status: 'Running', node,
  nodeUid: node ? `n-${node}` : undefined, ready: 1, containers: 1, restarts: 0, ...extra,
});

function model(pods: PodItem[], extra: Partial<GraphModel> = {}): GraphModel {
  return {
    nodes: [{ uid: 'n-node1', kind: 'Node', name: 'node1', namespace: '', ready: true, unschedulable: false, pods: [] }],
    pods: new Map(pods.map((p) => [p.uid, p])),
    unscheduled: [],
    controllers: [{ uid: 'rs', kind: 'ReplicaSet', name: 'web-1', namespace: 'default' }],
    services: [],
    edges: pods.map((p) => ({ id: `owns:rs:${p.uid}`, type: 'owns' as const, source: 'rs', target: p.uid })),
    ...extra,
  };
}

describe('diffGraph', () => {
  it('reports everything as added against no previous model', () => {
    expect(diffGraph(undefined, model([pod('a', 'node1')]))).toEqual({
      added: ['n-node1', 'a', 'rs'], removed: [], changed: [], moved: [], edgesAdded: ['owns:rs:a'], edgesRemoved: [],
    });
  });

  it('finds added, removed, changed and moved items and edges by uid', () => {
    const before = model([pod('a', 'node1'), pod('b', 'node1'), pod('c', ''), pod('d', 'node1')]);
    const after = model([
      pod('a', 'node1'),
      pod('c', 'node1', { phase: 'Pending', status: 'ContainerCreating', ready: 0 }),
      pod('d', 'node1', { restarts: 1, status: 'CrashLoopBackOff', ready: 0 }),
      pod('e', 'node1'),
    ], { services: [{ uid: 's', kind: 'Service', name: 'web', namespace: 'default' }] });
    expect(diffGraph(before, after)).toEqual({
      added: ['e', 's'],
      removed: ['b'],
      changed: ['c', 'd'],
      moved: ['c'],
      edgesAdded: ['owns:rs:e'],
      edgesRemoved: ['owns:rs:b'],
    });
  });

  it('an identical rebuild is an empty diff; a node turning NotReady is a change', () => {
    const m = model([pod('a', 'node1')]);
    const same = model([pod('a', 'node1')]);
    expect(isEmptyDiff(diffGraph(m, same))).toBe(true);
    const notReady = model([pod('a', 'node1')], {
      nodes: [{ uid: 'n-node1', kind: 'Node', name: 'node1', namespace: '', ready: false, unschedulable: false, pods: [] }],
    });
    expect(diffGraph(m, notReady).changed).toEqual(['n-node1']);
  });

  it('an item that is the same object in both models is unchanged without comparing signatures', () => {
    const a = pod('a', 'node1');
    const m1 = model([a, pod('b', 'node1')]);
    const m2 = model([a, pod('b', 'node1', { ready: 0 })]);
    expect(diffGraph(m1, m2)).toEqual({ added: [], removed: [], changed: ['b'], moved: [], edgesAdded: [], edgesRemoved: [] });
    // Diffing the same next model twice gives the same answer (edge ids are cached per model).
    expect(diffGraph(m1, m2)).toEqual(diffGraph(m1, m2));
    expect(diffGraph(m2, model([a])).edgesRemoved).toEqual(['owns:rs:b']);
  });
});
