import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Pod } from '../../api/types';
import { labelSelectorFromMeta, labelSelectorFromSet } from '../../api/selectors';
import type { LabelSelector } from '../../api/selectors';
import { isPodActive, isPodReady } from '../util/pods';
import { controllerOf } from '../util/owner';
import { OwnedPods } from './owned-pods';

interface PodSpec {
  name: string;
  owner?: string;
  kind?: string;
  labels?: Record<string, string>;
  phase?: string;
  ready?: boolean;
  deleting?: boolean;
}

function pod(p: PodSpec): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: 'default',
      ...(p.labels ? { labels: p.labels } : {}),
      ...(p.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(p.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: p.kind ?? 'ReplicaSet', name: 'rs', uid: p.owner, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }],
    },
  };
}

/** What a full walk finds: claim's kept pods (active, owned, matching) and their counts. */
function walk(pods: Iterable<Pod>, uid: string, sel: LabelSelector, tmpl: Record<string, string>) {
  const out = { replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 0 };
  for (const p of pods) {
    const ref = controllerOf(p);
    if (ref?.kind !== 'ReplicaSet' || ref.uid !== uid || !isPodActive(p)) continue;
    const ls = p.metadata?.labels ?? {};
    if (!sel.matches(ls)) {
      out.mismatched++;
      continue;
    }
    out.replicas++;
    if (Object.keys(tmpl).every((k) => ls[k] === tmpl[k])) out.fullyLabeled++;
    if (isPodReady(p)) out.ready++;
  }
  return out;
}

describe('OwnedPods', () => {
  const sel = labelSelectorFromMeta({ matchLabels: { app: 'web' } });

  it('counts active matching pods, fully labelled and ready ones, and mismatching ones', () => {
    const t = new OwnedPods('ReplicaSet');
    t.observe(pod({ name: 'a', owner: 'u1', labels: { app: 'web', tier: 'fe' }, ready: true }));
    t.observe(pod({ name: 'b', owner: 'u1', labels: { app: 'web' }, ready: false }));
    t.observe(pod({ name: 'c', owner: 'u1', labels: { app: 'other' }, ready: true }));
    t.observe(pod({ name: 'd', owner: 'u1', labels: { app: 'web' }, phase: 'Succeeded', ready: true }));
    t.observe(pod({ name: 'e', owner: 'u1', labels: { app: 'web' }, deleting: true, ready: true }));
    t.observe(pod({ name: 'f', owner: 'u2', labels: { app: 'web' }, ready: true }));
    t.observe(pod({ name: 'g', owner: 'u1', kind: 'DaemonSet', labels: { app: 'web' }, ready: true }));
    t.observe(pod({ name: 'h', labels: { app: 'web' }, ready: true }));
    expect(t.counts('u1', sel, { app: 'web', tier: 'fe' })).toEqual({ replicas: 2, fullyLabeled: 1, ready: 1, mismatched: 1 });
    expect([...t.readyPods('u1')].map((p) => p.metadata?.name)).toEqual(['a']);
    expect(t.counts('u2', sel, {})).toEqual({ replicas: 1, fullyLabeled: 1, ready: 1, mismatched: 0 });
    expect(t.counts('nobody', sel, {})).toEqual({ replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 0 });
  });

  it('follows updates, deletions, owner changes and template label changes', () => {
    const t = new OwnedPods('ReplicaSet');
    t.observe(pod({ name: 'a', owner: 'u1', labels: { app: 'web' } }));
    t.observe(pod({ name: 'b', owner: 'u1', labels: { app: 'web' } }));
    expect(t.counts('u1', sel, { app: 'web' })).toEqual({ replicas: 2, fullyLabeled: 2, ready: 0, mismatched: 0 });
    t.observe(pod({ name: 'a', owner: 'u1', labels: { app: 'web' }, ready: true }));
    expect(t.counts('u1', sel, { app: 'web' })).toEqual({ replicas: 2, fullyLabeled: 2, ready: 1, mismatched: 0 });
    // Released by the owner (no controller reference any more), then deleted.
    t.observe(pod({ name: 'b', labels: { app: 'web' } }));
    expect(t.counts('u1', sel, { app: 'web' })).toEqual({ replicas: 1, fullyLabeled: 1, ready: 1, mismatched: 0 });
    t.forget(pod({ name: 'b', labels: { app: 'web' } }));
    // A new template label: no pod carries it yet.
    expect(t.counts('u1', sel, { app: 'web', v: '2' })).toEqual({ replicas: 1, fullyLabeled: 0, ready: 1, mismatched: 0 });
    // A new selector (ReplicationControllers may change theirs).
    expect(t.counts('u1', labelSelectorFromSet({ app: 'api' }), { app: 'web' })).toEqual({ replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 1 });
    t.forget(pod({ name: 'a', owner: 'u1', labels: { app: 'web' } }));
    expect(t.counts('u1', sel, { app: 'web' })).toEqual({ replicas: 0, fullyLabeled: 0, ready: 0, mismatched: 0 });
  });

  it('always agrees with a full walk over the same pods (property)', () => {
    const name = fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5');
    // Biased towards pods that count (owned, Running, matching) so updates of counted pods are common.
    const spec = fc.record({
      name,
      owner: fc.constantFrom<(string | undefined)[]>('u1', 'u1', 'u1', 'u2', undefined),
      kind: fc.constantFrom('ReplicaSet', 'ReplicaSet', 'ReplicaSet', 'ReplicationController'),
      labels: fc.constantFrom<(Record<string, string> | undefined)[]>({ app: 'web' }, { app: 'web', v: '1' }, { app: 'api' }, { v: '1' }, undefined),
      phase: fc.constantFrom('Running', 'Running', 'Pending', 'Succeeded', 'Failed'),
      ready: fc.boolean(),
      deleting: fc.constantFrom(false, false, false, true),
    });
    const step = fc.oneof(
      fc.record({ op: fc.constant('put' as const), pod: spec }),
      fc.record({ op: fc.constant('delete' as const), name }),
      fc.record({ op: fc.constant('count' as const) }),
    );
    const config = fc.record({ sel: fc.constantFrom('web', 'api', 'all'), tmpl: fc.constantFrom<Record<string, string>[]>({}, { app: 'web' }, { v: '1' }) });
    const selectors: Record<string, LabelSelector> = {
      web: labelSelectorFromMeta({ matchLabels: { app: 'web' } }),
      api: labelSelectorFromSet({ app: 'api' }),
      all: labelSelectorFromMeta({}),
    };
    fc.assert(
      // One selector and template per run, so that the counts come from the running tallies
      // (a change of either recounts everything, which would hide a bookkeeping bug).
      fc.property(config, fc.array(step, { minLength: 20, maxLength: 60 }), ({ sel, tmpl }, steps) => {
        const t = new OwnedPods('ReplicaSet');
        const cache = new Map<string, Pod>();
        for (const s of steps) {
          if (s.op === 'put') {
            const p = pod(s.pod);
            cache.set(s.pod.name, p);
            t.observe(p);
          } else if (s.op === 'delete') {
            const p = cache.get(s.name);
            if (!p) continue;
            cache.delete(s.name);
            t.forget(p);
          } else {
            for (const uid of ['u1', 'u2']) {
              const got = t.counts(uid, selectors[sel], tmpl);
              expect(got).toEqual(walk(cache.values(), uid, selectors[sel], tmpl));
            }
          }
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
