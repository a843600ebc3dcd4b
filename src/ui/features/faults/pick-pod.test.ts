import { describe, it, expect } from 'vitest';
import type { KObject } from '../../../engine';
import { pickPod } from './FaultsPanel';

const pod = (namespace: string, name: string): [string, KObject] => [`${namespace}-${name}`, { kind: 'Pod', metadata: { namespace, name, uid: `${namespace}-${name}` } }];
const name = (p: KObject | undefined) => (p ? `${p.metadata?.namespace}/${p.metadata?.name}` : undefined);

describe('pickPod', () => {
  const pods = new Map([pod('kube-system', 'coredns-1'), pod('default', 'web-b'), pod('default', 'web-a.x'), pod('default', 'web-a-2'), pod('apps', 'api')]);

  it('keeps the chosen pod while it exists', () => {
    expect(name(pickPod(pods, 'kube-system/coredns-1'))).toBe('kube-system/coredns-1');
  });

  it('else takes the first default pod in localeCompare order of namespace/name, else the first pod', () => {
    expect(name(pickPod(pods, 'default/gone'))).toBe('default/web-a-2');
    const others = new Map([pod('kube-system', 'b'), pod('apps', 'z'), pod('apps-x', 'a')]);
    // "apps-x/a" before "apps/z": '-' sorts before '/' (as in localeCompare).
    expect(name(pickPod(others, ''))).toBe('apps-x/a');
    expect(pickPod(new Map(), '')).toBeUndefined();
  });

  it('keeps the previous pick while it exists and answers the rule, found by uid', () => {
    const previous = pods.get('default-web-b');
    // Not the first default pod, but the last pick: kept (an updated copy is what comes back).
    const updated = new Map(pods);
    const copy = { ...previous, status: { phase: 'Running' } } as KObject;
    updated.set('default-web-b', copy);
    expect(pickPod(updated, '', previous)).toBe(copy);
    expect(name(pickPod(pods, 'default/web-b', previous))).toBe('default/web-b');
    // Gone: the rule picks again.
    const without = new Map(pods);
    without.delete('default-web-b');
    expect(name(pickPod(without, '', previous))).toBe('default/web-a-2');
    // A pick outside `default` is not kept without being chosen (a default pod may have come).
    expect(name(pickPod(pods, '', pods.get('kube-system-coredns-1')))).toBe('default/web-a-2');
    // Another pod chosen since: the choice wins over the previous pick.
    expect(name(pickPod(pods, 'apps/api', previous))).toBe('apps/api');
  });
});
