// Tests of the shared informer indexes: what each index holds after adds, status-only updates
// (which share labels and ownerReferences with the previous version) and label changes.
import { describe, it, expect } from 'vitest';
import { newHarness } from '../../apiserver/test-harness';
import { Informer } from '../../client/informer';
import { BY_CONTROLLER, BY_LABEL, ORPHANS, byLabels, indexByLabel, indexOwned, ownerUids } from './informers';
import type { KObject } from '../../api/types';

function setup() {
  const h = newHarness();
  const rt = h.api.mustResource('configmaps');
  const inf = new Informer(h.api, rt);
  inf.start();
  indexOwned(inf);
  indexByLabel(inf);
  const names = (os: KObject[]) => os.map((o) => o.metadata?.name).sort();
  return { h, rt, inf, names };
}

const owner = { apiVersion: 'v1', kind: 'Thing', name: 'o', uid: 'uid-o', controller: true };

describe('informer indexes', () => {
  it('follow labels and controller references through updates', () => {
    const { h, rt, inf, names } = setup();
    h.api.create(rt, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'web', tier: 'fe' }, ownerReferences: [owner] } });
    h.api.create(rt, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', labels: { app: 'web' } } });
    h.api.create(rt, 'kube-system', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'web' } } });
    h.clock.advance(0);
    expect(names(inf.byIndex(BY_LABEL, 'default\u0000app=web'))).toEqual(['a', 'b']);
    expect(names(inf.byIndex(BY_LABEL, 'kube-system\u0000app=web'))).toEqual(['c']);
    expect(names(inf.byIndex(BY_CONTROLLER, 'uid-o'))).toEqual(['a']);
    expect(names(inf.byIndex(ORPHANS, 'default'))).toEqual(['b']);
    expect(names(byLabels(inf, 'default', { app: 'web', tier: 'fe' }))).toEqual(['a']);

    // A data-only update keeps the labels object; the indexes stay the same.
    h.api.mutate(rt, 'default', 'a', (o) => void (o.data = { k: 'v' }));
    h.clock.advance(0);
    expect(names(inf.byIndex(BY_LABEL, 'default\u0000tier=fe'))).toEqual(['a']);
    expect(names(inf.byIndex(BY_CONTROLLER, 'uid-o'))).toEqual(['a']);

    // New labels and no owner: out of the old buckets, into the new ones.
    h.api.mutate(rt, 'default', 'a', (o) => {
      o.metadata = { ...o.metadata, labels: { app: 'api' } };
      delete o.metadata.ownerReferences;
    });
    h.clock.advance(0);
    expect(names(inf.byIndex(BY_LABEL, 'default\u0000app=web'))).toEqual(['b']);
    expect(names(inf.byIndex(BY_LABEL, 'default\u0000tier=fe'))).toEqual([]);
    expect(names(inf.byIndex(BY_LABEL, 'default\u0000app=api'))).toEqual(['a']);
    expect(names(inf.byIndex(BY_CONTROLLER, 'uid-o'))).toEqual([]);
    expect(names(inf.byIndex(ORPHANS, 'default'))).toEqual(['a', 'b']);
  });

  it('ownerUids lists every owner reference, the same array for the same stored references', () => {
    const { h, rt } = setup();
    const second = { apiVersion: 'v1', kind: 'Other', name: 'p', uid: 'uid-p' };
    const a = h.api.create(rt, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', ownerReferences: [owner, second] } });
    const a2 = h.api.mutate(rt, 'default', 'a', (o) => void (o.data = { k: 'v' }));
    expect(ownerUids(a)).toEqual(['uid-o', 'uid-p']);
    expect(a2.metadata?.ownerReferences).toBe(a.metadata?.ownerReferences);
    expect(ownerUids(a2)).toBe(ownerUids(a));
    expect(ownerUids({ metadata: { name: 'x' } })).toEqual([]);
  });
});
