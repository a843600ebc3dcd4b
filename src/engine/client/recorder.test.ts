import { describe, it, expect } from 'vitest';
import { createCluster } from '../index';
import type { KObject } from '../api/types';

function setup() {
  const cluster = createCluster({ seed: 1, nodes: [], bootstrap: false });
  const api = cluster.api;
  const cm = api.create(api.mustResource('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
  const events = () => api.list(api.mustResource('events'), 'default').items.filter((e) => (e as { involvedObject?: { name?: string } }).involvedObject?.name === 'cfg');
  return { cluster, api, cm, events };
}

describe('EventRecorder', () => {
  it('creates an Event as the API stores it: name, fields in order, no eventTime', () => {
    const { cluster, cm, events } = setup();
    const t0 = cluster.clock.now();
    cluster.recorder.event(cm, 'Normal', 'Created', 'made it', { component: 'test', host: 'node1' }, 'data{x}');
    const [ev] = events();
    const nano = (BigInt(t0) * 1_000_000n).toString(16);
    const ts = new Date(Math.floor(t0 / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(JSON.stringify(ev)).toBe(JSON.stringify({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `cfg.${nano}`, namespace: 'default', uid: ev.metadata?.uid, creationTimestamp: ts, resourceVersion: ev.metadata?.resourceVersion },
      involvedObject: { kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: cm.metadata?.uid, apiVersion: 'v1', resourceVersion: cm.metadata?.resourceVersion, fieldPath: 'data{x}' },
      reason: 'Created',
      message: 'made it',
      source: { component: 'test', host: 'node1' },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type: 'Normal',
      reportingComponent: 'test',
      reportingInstance: 'node1',
    }));
    expect(ev.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('aggregates the same event into count and lastTimestamp; any differing part makes a new Event', () => {
    const { cluster, cm, events } = setup();
    const src = { component: 'test' };
    cluster.recorder.event(cm, 'Warning', 'BackOff', 'again', src);
    cluster.clock.advance(5000);
    cluster.recorder.event(cm, 'Warning', 'BackOff', 'again', src);
    cluster.recorder.event(cm, 'Warning', 'BackOff', 'again', src, 'data{y}');
    cluster.recorder.event(cm, 'Normal', 'BackOff', 'again', src);
    cluster.recorder.event(cm, 'Warning', 'BackOff', 'again', { component: 'test', host: 'h' });
    const evs = events() as (KObject & { count?: number; firstTimestamp?: string; lastTimestamp?: string })[];
    expect(evs.map((e) => e.count)).toEqual([2, 1, 1, 1]);
    expect(evs[0].lastTimestamp).not.toBe(evs[0].firstTimestamp);
  });

  it('names events of the same millisecond with distinct nanoseconds', () => {
    const { cluster, cm, events } = setup();
    const t0 = cluster.clock.now();
    for (let i = 0; i < 3; i++) cluster.recorder.event(cm, 'Normal', `R${i}`, 'm', { component: 'test' });
    expect(events().map((e) => e.metadata?.name)).toEqual([0, 1000, 2000].map((ns) => `cfg.${(BigInt(t0) * 1_000_000n + BigInt(ns)).toString(16)}`));
  });

  it('records a new Event when the aggregated one was deleted, and expires Events an hour after their last write', () => {
    const { cluster, api, cm, events } = setup();
    const src = { component: 'test' };
    cluster.recorder.event(cm, 'Normal', 'Ping', 'm', src);
    const first = events()[0].metadata?.name ?? '';
    api.delete(api.mustResource('events'), 'default', first);
    cluster.clock.advance(1000);
    cluster.recorder.event(cm, 'Normal', 'Ping', 'm', src);
    cluster.clock.advance(30 * 60_000);
    cluster.recorder.event(cm, 'Normal', 'Ping', 'm', src);
    const [second] = events() as (KObject & { count?: number })[];
    expect(second.metadata?.name).not.toBe(first);
    expect(second.count).toBe(2);
    cluster.clock.advance(45 * 60_000);
    expect(events()).toHaveLength(1);
    cluster.clock.advance(15 * 60_000);
    expect(events()).toHaveLength(0);
    cluster.recorder.event(cm, 'Normal', 'Ping', 'm', src);
    expect((events() as (KObject & { count?: number })[]).map((e) => e.count)).toEqual([1]);
  });

  it('keys events exactly even when a part holds the separator character', () => {
    const { cluster, cm, events } = setup();
    cluster.recorder.event(cm, 'Normal', 'R', 'a\u0000b', { component: 'test' });
    cluster.recorder.event(cm, 'Normal', 'R', 'a\u0000b', { component: 'test' });
    cluster.recorder.event(cm, 'Normal', 'R', 'a', { component: 'test' });
    expect((events() as (KObject & { count?: number; message?: string })[]).map((e) => [e.message, e.count])).toEqual([['a\u0000b', 2], ['a', 1]]);
  });

  it('shares one source object between the Events of a component', () => {
    const { cluster, cm, events } = setup();
    cluster.recorder.event(cm, 'Normal', 'A', 'm', { component: 'test', host: 'h' });
    cluster.recorder.event(cm, 'Normal', 'B', 'm', { component: 'test', host: 'h' });
    const [a, b] = events() as (KObject & { source?: object })[];
    expect(a.source).toBe(b.source);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('finds the Event to aggregate into among many of one object and many of one message', () => {
    const { cluster, api, cm, events } = setup();
    const other = api.create(api.mustResource('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } });
    for (let i = 0; i < 300; i++) cluster.recorder.event(cm, 'Normal', 'Created', `Created pod: p-${i}`, { component: 'rs' });
    for (let i = 0; i < 3; i++) cluster.recorder.event(other, 'Normal', 'Created', 'Created pod: p-7', { component: 'rs' });
    cluster.recorder.event(cm, 'Normal', 'Created', 'Created pod: p-7', { component: 'rs' });
    const counts = (events() as (KObject & { count?: number; message?: string })[]).filter((e) => (e.count ?? 0) > 1).map((e) => [e.message, e.count]);
    expect(counts).toEqual([['Created pod: p-7', 2]]);
    expect(events()).toHaveLength(300);
  });

  it('shares one involvedObject between consecutive Events of an unchanged object, and makes a new one when it changed', () => {
    const { cluster, api, cm, events } = setup();
    cluster.recorder.event(cm, 'Normal', 'A', 'm', { component: 'test' }, 'data{x}');
    cluster.recorder.event(cm, 'Normal', 'B', 'm', { component: 'test' }, 'data{x}');
    cluster.recorder.event(cm, 'Normal', 'C', 'm', { component: 'test' });
    const cm2 = api.update(api.mustResource('configmaps'), 'default', 'cfg', { ...cm, data: { k: 'v' } } as KObject);
    cluster.recorder.event(cm2, 'Normal', 'D', 'm', { component: 'test' });
    const [a, b, c, d] = events() as (KObject & { involvedObject?: { resourceVersion?: string; fieldPath?: string } })[];
    expect(a.involvedObject).toBe(b.involvedObject);
    expect(c.involvedObject).not.toBe(a.involvedObject);
    expect(c.involvedObject?.fieldPath).toBeUndefined();
    expect(d.involvedObject?.resourceVersion).toBe(cm2.metadata?.resourceVersion);
    expect(d.involvedObject?.resourceVersion).not.toBe(c.involvedObject?.resourceVersion);
  });

  it('keeps aggregating into an Event after thousands of others, and after one of them was edited', () => {
    const { cluster, api, cm, events } = setup();
    const src = { component: 'test' };
    for (let i = 0; i < 3000; i++) cluster.recorder.event(cm, 'Normal', 'Many', `m${i}`, src);
    const evType = api.mustResource('events');
    const target = (events() as (KObject & { message?: string })[]).find((e) => e.message === 'm7') as KObject & { message?: string };
    api.update(evType, 'default', target.metadata?.name ?? '', { ...target, message: 'edited' } as KObject);
    cluster.recorder.event(cm, 'Normal', 'Many', 'm7', src);
    cluster.recorder.event(cm, 'Normal', 'Many', 'm2999', src);
    const byName = new Map((events() as (KObject & { count?: number; message?: string })[]).map((e) => [e.metadata?.name, e]));
    expect(byName.get(target.metadata?.name)).toMatchObject({ message: 'edited', count: 2 });
    expect((events() as (KObject & { count?: number; message?: string })[]).filter((e) => (e.count ?? 0) > 1).map((e) => [e.message, e.count])).toEqual([['edited', 2], ['m2999', 2]]);
    expect(events()).toHaveLength(3000);
  });

  it('after thousands of Events expire in turn, the rest still aggregate and expired keys start new Events', () => {
    const { cluster, events } = setup();
    const src = { component: 'test' };
    // Half written now, half 30 minutes later: the first half expires while the second half
    // stays in the index, so expiries remove records from the middle of probe runs.
    for (let i = 0; i < 4000; i += 2) cluster.recorder.event(cm0(cluster), 'Normal', 'Many', `m${i}`, src);
    cluster.clock.advance(30 * 60_000);
    for (let i = 1; i < 4000; i += 2) cluster.recorder.event(cm0(cluster), 'Normal', 'Many', `m${i}`, src);
    cluster.clock.advance(30 * 60_000);
    expect(events()).toHaveLength(2000);
    for (let i = 0; i < 4000; i++) cluster.recorder.event(cm0(cluster), 'Normal', 'Many', `m${i}`, src);
    const all = events() as (KObject & { count?: number; message?: string })[];
    expect(all).toHaveLength(4000);
    const counts = new Map(all.map((e) => [e.message, e.count]));
    expect([counts.get('m0'), counts.get('m1'), counts.get('m3998'), counts.get('m3999')]).toEqual([1, 2, 1, 2]);
    expect(all.filter((e) => e.count === 2)).toHaveLength(2000);
    // Expired ids are reused by the new Events: all expire an hour after this last write.
    cluster.clock.advance(60 * 60_000 - 1);
    expect(events()).toHaveLength(4000);
    cluster.clock.advance(1);
    expect(events()).toHaveLength(0);
  });
});

function cm0(cluster: ReturnType<typeof createCluster>): KObject {
  return cluster.api.get(cluster.api.mustResource('configmaps'), 'default', 'cfg');
}
