// pods/eviction over REST: a Success Status (201) and a graceful delete of the pod; a name
// mismatch is a 400; a missing pod a 404; a pod already terminating is left as it is.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../api/types';
import { newHarness } from './test-harness';

const NS = '/api/v1/namespaces/default';
const pod = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } });
const eviction = (name: string, deleteOptions?: Record<string, unknown>) => ({
  apiVersion: 'policy/v1',
  kind: 'Eviction',
  metadata: { name, namespace: 'default' },
  ...(deleteOptions ? { deleteOptions } : {}),
});

describe('pods/eviction', () => {
  it('deletes the pod gracefully and answers 201 Success', () => {
    const h = newHarness();
    expect(h.req('POST', `${NS}/pods`, pod('a')).status).toBe(201);
    const res = h.req('POST', `${NS}/pods/a/eviction`, eviction('a'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const live = h.req('GET', `${NS}/pods/a`).body as KObject;
    expect(live.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(typeof live.metadata?.deletionTimestamp).toBe('string');
  });

  it('honours deleteOptions.gracePeriodSeconds', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('a'));
    expect(h.req('POST', `${NS}/pods/a/eviction`, eviction('a', { gracePeriodSeconds: 0 })).status).toBe(201);
    expect(h.req('GET', `${NS}/pods/a`).status).toBe(404);
  });

  it('refuses a name mismatch, a missing pod and other verbs', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('a'));
    const bad = h.req('POST', `${NS}/pods/a/eviction`, eviction('b'));
    expect(bad.status).toBe(400);
    expect((bad.body as { message?: string }).message).toBe('name in URL does not match name in Eviction object');
    const missing = h.req('POST', `${NS}/pods/zz/eviction`, eviction('zz'));
    expect(missing.status).toBe(404);
    expect((missing.body as { message?: string }).message).toBe('pods "zz" not found');
    expect(h.req('GET', `${NS}/pods/a/eviction`).status).toBe(405);
  });

  it('leaves a terminating pod alone', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('a'));
    h.req('POST', `${NS}/pods/a/eviction`, eviction('a'));
    const first = h.req('GET', `${NS}/pods/a`).body as KObject;
    h.clock.advance(5000);
    expect(h.req('POST', `${NS}/pods/a/eviction`, eviction('a')).status).toBe(201);
    const second = h.req('GET', `${NS}/pods/a`).body as KObject;
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
  });
});
