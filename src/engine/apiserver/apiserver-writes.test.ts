// Tests of ApiServer write paths that skip copies: replaceStatus (a /status write without the
// draft copy mutate() makes) and pods/binding (copies only the levels it changes). Both must
// store exactly what the copying paths stored.
import { describe, it, expect } from 'vitest';
import { newHarness } from './test-harness';
import { clone } from '../api/meta';
import type { KObject } from '../api/types';

function rsBody(name: string): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels: { app: name } },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

describe('ApiServer.replaceStatus', () => {
  it('stores what mutate with the status subresource stores, and keeps the rest', () => {
    const a = newHarness();
    const b = newHarness();
    const rt = a.api.mustResource('replicasets', 'apps');
    const created = a.api.create(rt, 'default', rsBody('web'));
    b.api.create(b.api.mustResource('replicasets', 'apps'), 'default', rsBody('web'));
    const status = { replicas: 2, readyReplicas: 1, observedGeneration: 1 };
    const viaReplace = a.api.replaceStatus(rt, 'default', 'web', () => status);
    const viaMutate = b.api.mutate(b.api.mustResource('replicasets', 'apps'), 'default', 'web', (o) => {
      o.status = { replicas: 2, readyReplicas: 1, observedGeneration: 1 };
    }, { subresource: 'status' });
    expect(JSON.stringify(viaReplace)).toBe(JSON.stringify(viaMutate));
    expect(viaReplace.metadata?.resourceVersion).not.toBe('');
    expect(viaReplace.spec).toBe(created.spec);
  });

  it('writes nothing for undefined or an unchanged status', () => {
    const h = newHarness();
    const rt = h.api.mustResource('replicasets', 'apps');
    h.api.create(rt, 'default', rsBody('web'));
    const first = h.api.replaceStatus(rt, 'default', 'web', () => ({ replicas: 1 }));
    const rev = h.store.rev;
    expect(h.api.replaceStatus(rt, 'default', 'web', () => undefined)).toBe(first);
    expect(h.api.replaceStatus(rt, 'default', 'web', (cur) => clone(cur.status))).toBe(first);
    expect(h.store.rev).toBe(rev);
  });

  it('validates the status as the /status update does', () => {
    const h = newHarness();
    const rt = h.api.mustResource('replicasets', 'apps');
    h.api.create(rt, 'default', rsBody('web'));
    const viaMutate = (() => {
      try {
        h.api.mutate(rt, 'default', 'web', (o) => void (o.status = { replicas: -1 }), { subresource: 'status' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(viaMutate).toMatch(/^ReplicaSet\.apps "web" is invalid: \[status\.replicas: Invalid value: -1: must be greater than or equal to 0, /);
    expect(() => h.api.replaceStatus(rt, 'default', 'web', () => ({ replicas: -1 }))).toThrow(viaMutate);
  });

  it('answers 404 for a missing object', () => {
    const h = newHarness();
    expect(() => h.api.replaceStatus(h.api.mustResource('replicasets', 'apps'), 'default', 'nope', () => ({}))).toThrow(
      'replicasets.apps "nope" not found',
    );
  });
});

describe('ApiServer.bind', () => {
  it('sets spec.nodeName and puts PodScheduled first, keeping every other field and key order', () => {
    const h = newHarness();
    const rt = h.api.mustResource('pods');
    const pod = h.api.create(rt, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const bound = h.api.bind(rt, 'default', 'p', 'node-1');
    // What the copying implementation produced: clone, set, prepend the condition.
    const want = clone(pod) as KObject & { spec: { nodeName?: string }; status: { conditions?: unknown[] } };
    want.spec.nodeName = 'node-1';
    want.status.conditions = [
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-22T09:00:00Z' },
      ...(want.status.conditions ?? []),
    ];
    want.metadata = { ...want.metadata, resourceVersion: bound.metadata?.resourceVersion };
    expect(JSON.stringify(bound)).toBe(JSON.stringify(want));
    // Unchanged parts are the stored objects themselves.
    expect(bound.metadata?.uid).toBe(pod.metadata?.uid);
    expect((bound.spec as { containers: unknown[] }).containers).toBe((pod.spec as { containers: unknown[] }).containers);
    expect(() => h.api.bind(rt, 'default', 'p', 'node-2')).toThrow('pod p is already assigned to node "node-1"');
  });
});
