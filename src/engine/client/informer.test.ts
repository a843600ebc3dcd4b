// Tests of the informer cache: objects replaced in place by updates (cache, namespace list and
// index buckets keep their order), bucket moves when index values change, deletes.
import { describe, it, expect } from 'vitest';
import { newHarness } from '../apiserver/test-harness';
import { Informer } from './informer';
import type { KObject } from '../api/types';

const cm = (name: string, app: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app } } });

describe('Informer', () => {
  it('replaces updated objects in place and moves them only between changed index buckets', () => {
    const h = newHarness();
    const rt = h.api.mustResource('configmaps');
    const inf = new Informer(h.api, rt);
    inf.start();
    // A fresh array per call: unchanged values are recognised by their elements, too.
    inf.addIndex('app', (o) => [o.metadata?.labels?.app ?? '']);
    for (const n of ['a', 'b', 'c']) h.api.create(rt, 'default', cm(n, 'web'));
    h.clock.advance(0);
    const names = (os: KObject[]) => os.map((o) => o.metadata?.name).join(',');
    expect(names(inf.byIndex('app', 'web'))).toBe('a,b,c');

    h.api.mutate(rt, 'default', 'a', (o) => void (o.data = { k: 'v' }));
    h.clock.advance(0);
    expect(names(inf.byIndex('app', 'web'))).toBe('a,b,c');
    expect(inf.byIndex('app', 'web')[0]).toBe(inf.getNs('default', 'a'));
    expect((inf.byIndex('app', 'web')[0] as { data?: object }).data).toEqual({ k: 'v' });
    expect(names(inf.list('default'))).toBe('a,b,c');

    h.api.mutate(rt, 'default', 'b', (o) => void (o.metadata = { ...o.metadata, labels: { app: 'db' } }));
    h.api.mutate(rt, 'default', 'b', (o) => void (o.metadata = { ...o.metadata, labels: { app: 'web' } }));
    h.clock.advance(0);
    expect(names(inf.byIndex('app', 'web'))).toBe('a,c,b');
    expect(names(inf.byIndex('app', 'db'))).toBe('');
    expect(names(inf.list('default'))).toBe('a,b,c');

    h.api.delete(rt, 'default', 'c');
    h.clock.advance(0);
    expect(names(inf.byIndex('app', 'web'))).toBe('a,b');
    expect(inf.getNs('default', 'c')).toBeUndefined();
    expect(inf.size()).toBe(2);
  });
});
