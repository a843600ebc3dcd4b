import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../api/types';
import { createHarness } from '../testing';
import { GC_CHECK_PERIOD_MS, PodGCController, QUARANTINE_MS } from './pod-gc-controller';

const pod = (name: string, nodeName?: string): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'a', image: 'x' }] } }) as KObject;

describe('pod garbage collector', () => {
  it('force-deletes the pods of a deleted Node after the check period and the 40 s quarantine, with a DisruptionTarget condition', () => {
    const h = createHarness();
    h.addNode('node-1');
    h.addNode('node-2');
    h.start(new PodGCController(h.ctx));
    h.create('pods', pod('on-1', 'node-1'));
    h.create('pods', pod('on-2', 'node-2'));
    h.flush();
    const seen: Pod[] = [];
    h.api.watch(h.rt('pods'), 'default', {}, (ev) => {
      if (ev.type === 'MODIFIED') seen.push(ev.object as Pod);
    });
    h.api.delete(h.rt('nodes'), undefined, 'node-2');
    // Found at the first check, deleted only after the quarantine.
    h.advance(GC_CHECK_PERIOD_MS + QUARANTINE_MS - 1_000);
    expect(h.list<Pod>('pods').map((p) => p.metadata?.name)).toEqual(['on-1', 'on-2']);
    h.advance(2_000);
    expect(h.list<Pod>('pods').map((p) => p.metadata?.name)).toEqual(['on-1']);
    const cond = seen.flatMap((p) => p.status?.conditions ?? []).find((c) => c.type === 'DisruptionTarget');
    expect(cond && { reason: cond.reason, message: cond.message, status: cond.status }).toEqual({
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      status: 'True',
    });
  });

  it('spares the pods of a Node that comes back during the quarantine', () => {
    const h = createHarness();
    h.addNode('node-1');
    h.start(new PodGCController(h.ctx));
    h.create('pods', pod('p', 'node-1'));
    h.api.delete(h.rt('nodes'), undefined, 'node-1');
    h.advance(GC_CHECK_PERIOD_MS + 1_000);
    h.addNode('node-1');
    h.advance(QUARANTINE_MS + GC_CHECK_PERIOD_MS);
    expect(h.list<Pod>('pods').map((p) => p.metadata?.name)).toEqual(['p']);
  });
});
