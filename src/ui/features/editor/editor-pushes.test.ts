import { describe, it, expect } from 'vitest';
import { createEditQueue } from './editor-pushes';
import type { PushedEdit } from './editor-pushes';

const edit = (session: number, path: string): PushedEdit => ({ session, file: { path, content: '' }, command: 'vi' });

describe('editQueue', () => {
  it('keeps pushes that arrive before the panel loads, in order, then delivers live ones', () => {
    const q = createEditQueue();
    q.push(edit(1, '/home/k8s/a.yaml'));
    q.push(edit(2, '/tmp/kubectl-edit-0000000001.yaml'));
    const got: (number | null)[] = [];
    const off = q.take((e) => got.push(e.session));
    expect(got).toEqual([1, 2]);
    q.push(edit(3, '/home/k8s/b.yaml'));
    expect(got).toEqual([1, 2, 3]);
    off();
    q.push(edit(4, '/home/k8s/c.yaml'));
    expect(got).toEqual([1, 2, 3]);
    q.take((e) => got.push(e.session));
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('tells watchers of every push, waiting or delivered, until they unsubscribe', () => {
    const q = createEditQueue();
    let seen = 0;
    const off = q.watch(() => void seen++);
    q.push({ session: null, file: { path: '/home/k8s/web.yaml', content: 'kind: Deployment\n' }, command: 'demo' });
    expect(seen).toBe(1);
    const got: (number | null)[] = [];
    q.take((e) => got.push(e.session));
    q.push(edit(5, '/home/k8s/a.yaml'));
    expect(seen).toBe(2);
    expect(got).toEqual([null, 5]);
    off();
    q.push(edit(6, '/home/k8s/b.yaml'));
    expect(seen).toBe(2);
  });
});
