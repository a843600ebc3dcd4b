import { describe, it, expect } from 'vitest';
import type { KObject } from '../../api/types';
import { createHarness } from '../testing';
import { ServiceAccountController } from './service-account-controller';

describe('ServiceAccount controller', () => {
  it('creates `default` in every namespace and re-creates it when deleted', () => {
    const h = createHarness();
    h.start(new ServiceAccountController(h.ctx));
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } } as KObject);
    h.advance(0);
    expect(h.list('serviceaccounts').map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`).sort()).toEqual([
      'default/default',
      'dev/default',
      'kube-node-lease/default',
      'kube-system/default',
    ]);
    h.api.delete(h.rt('serviceaccounts'), 'dev', 'default');
    h.advance(0);
    expect(h.get('serviceaccounts', 'dev', 'default')).toBeDefined();
  });
});
