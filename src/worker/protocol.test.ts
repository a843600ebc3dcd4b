import { describe, it, expect } from 'vitest';
import { MIRRORED_RESOURCE_NAMES, isClientMessage, isObjectEvent, isWorkerMessage, podMirrorForm } from './protocol';
import type { Snapshot } from './protocol';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7' } };
const clock = { now: 1_700_000_000_000, playing: true, speed: 1 };
const emptySnapshot = (): Snapshot => Object.fromEntries(MIRRORED_RESOURCE_NAMES.map((r) => [r, []])) as unknown as Snapshot;

describe('isClientMessage', () => {
  it.each([
    [{ v: 1, type: 'hello' }, true],
    [{ v: 2, type: 'hello' }, false],
    [{ type: 'hello' }, false],
    [{ v: 1, type: 'hello', flow: 'ack' }, true],
    [{ v: 1, type: 'hello', flow: 'credit' }, false],
    [{ v: 1, type: 'batch.ack', seq: 4 }, true],
    [{ v: 1, type: 'batch.ack', seq: -1 }, false],
    [{ v: 1, type: 'batch.ack' }, false],
    [{ v: 1, type: 'shell.interrupt' }, true],
    [{ v: 1, type: 'shell.input', id: 3, line: 'kubectl get nodes' }, true],
    [{ v: 1, type: 'shell.input', id: '3', line: 'ls' }, false],
    [{ v: 1, type: 'shell.input', id: 1.5, line: 'ls' }, false],
    [{ v: 1, type: 'shell.resize', columns: 120, rows: 30 }, true],
    [{ v: 1, type: 'shell.resize', columns: 0, rows: 30 }, false],
    [{ v: 1, type: 'request', id: 1, method: 'api', params: { method: 'GET', path: '/api/v1/pods' } }, true],
    [{ v: 1, type: 'request', id: 1, method: 'api', params: { method: 'GET', path: 'api/v1/pods' } }, false],
    [{ v: 1, type: 'request', id: 1, method: 'api', params: { method: 'GET', path: '/x', headers: { a: 1 } } }, false],
    [{ v: 1, type: 'request', id: 1, method: 'time.set', params: { playing: false } }, true],
    [{ v: 1, type: 'request', id: 1, method: 'time.set', params: { speed: 20 } }, true],
    [{ v: 1, type: 'request', id: 1, method: 'time.set', params: { speed: 3 } }, false],
    [{ v: 1, type: 'request', id: 1, method: 'time.step', params: {} }, true],
    [{ v: 1, type: 'request', id: 1, method: 'time.step', params: { ms: -1 } }, false],
    [{ v: 1, type: 'request', id: 1, method: 'shell.completions', params: { line: 'kub', cursor: 3 } }, true],
    [{ v: 1, type: 'request', id: 1, method: 'shell.completions', params: { line: 'kub', cursor: 4 } }, false],
    [{ v: 1, type: 'request', id: 1, method: 'eval', params: {} }, false],
    [{ v: 1, type: 'unknown' }, false],
    [null, false],
    ['hello', false],
  ])('%j → %s', (msg, expected) => {
    expect(isClientMessage(msg)).toBe(expected);
  });
});

describe('isWorkerMessage', () => {
  it('accepts a snapshot with every mirrored resource and rejects one missing a resource', () => {
    const objects = emptySnapshot();
    objects.pods = [pod];
    expect(isWorkerMessage({ v: 1, type: 'snapshot', clock, objects, prompt: 'k8s@node1:~$ ', history: [] })).toBe(true);
    const partial: Record<string, unknown> = { ...objects };
    delete partial.events;
    expect(isWorkerMessage({ v: 1, type: 'snapshot', clock, objects: partial, prompt: '', history: [] })).toBe(false);
  });

  it('rejects objects without a uid and clocks with unknown speeds', () => {
    const objects = emptySnapshot();
    objects.pods = [{ metadata: { name: 'x' } }];
    expect(isWorkerMessage({ v: 1, type: 'snapshot', clock, objects, prompt: '', history: [] })).toBe(false);
    expect(isWorkerMessage({ v: 1, type: 'batch', clock: { ...clock, speed: 3 }, events: [] })).toBe(false);
  });

  it.each([
    [{ v: 1, type: 'batch', clock, events: [{ type: 'ADDED', resource: 'pods', object: pod }] }, true],
    [{ v: 1, type: 'batch', clock, events: [], seq: 3 }, true],
    [{ v: 1, type: 'batch', clock, events: [], seq: '3' }, false],
    [{ v: 1, type: 'batch', clock, events: [], seq: 3, more: true }, true],
    [{ v: 1, type: 'batch', clock, events: [], more: 1 }, false],
    // batch timing block: optional wall-clock stamps, numbers when present
    [{ v: 1, type: 'batch', clock, events: [], timing: { firstWriteAt: 1.5, sentAt: 2.5 } }, true],
    [{ v: 1, type: 'batch', clock, events: [], timing: { firstWriteAt: '1', sentAt: 2 } }, false],
    [{ v: 1, type: 'batch', clock, events: [], timing: null }, false],
    [{ v: 1, type: 'batch', clock, events: [{ type: 'BOOKMARK', resource: 'pods', object: pod }] }, false],
    [{ v: 1, type: 'batch', clock, events: [{ type: 'ADDED', resource: 'secrets', object: pod }] }, false],
    [{ v: 1, type: 'response', id: 4, ok: true, result: { status: 200 } }, true],
    [{ v: 1, type: 'response', id: 4, ok: true }, false],
    [{ v: 1, type: 'response', id: 4, ok: false, error: 'boom' }, true],
    [{ v: 1, type: 'response', id: 4, ok: false }, false],
    [{ v: 1, type: 'shell.output', id: 2, data: 'NAME\n' }, true],
    [{ v: 1, type: 'shell.complete', id: 2, status: 0, more: false, prompt: 'k8s@node1:~$ ' }, true],
    [{ v: 1, type: 'shell.complete', id: 2, status: 0, prompt: '' }, false],
    [{ v: 1, type: 'error', message: 'x' }, true],
    [{ v: 1, type: 'hello' }, false],
  ])('%j → %s', (msg, expected) => {
    expect(isWorkerMessage(msg)).toBe(expected);
  });

  it('validates object events on their own', () => {
    expect(isObjectEvent({ type: 'DELETED', resource: 'events', object: pod })).toBe(true);
    expect(isObjectEvent({ type: 'DELETED', resource: 'events', object: {} })).toBe(false);
  });
});

describe('podMirrorForm', () => {
  it('keeps what the mirror consumers read and drops the rest', () => {
    const full = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'web-1', namespace: 'default', uid: 'u1', resourceVersion: '9', generateName: 'web-', creationTimestamp: '2026-01-01T00:00:00Z',
        labels: { app: 'web' }, annotations: { a: 'b' }, managedFields: [{ manager: 'kubectl' }],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'o0' }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'o1', controller: true, blockOwnerDeletion: true }],
      },
      spec: { nodeName: 'node2', containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }], volumes: [{ name: 'v' }] },
      status: {
        phase: 'Running', podIP: '10.0.0.1',
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False', lastTransitionTime: 't' }],
        containerStatuses: [{ name: 'nginx', ready: false, restartCount: 3, image: 'nginx', imageID: 'sha', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: {} }],
      },
    };
    expect(podMirrorForm(full)).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default', uid: 'u1', resourceVersion: '9', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'o1', controller: true }] },
      spec: { nodeName: 'node2', containers: [{ name: 'nginx' }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'nginx', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    });
    expect(isObjectEvent({ type: 'MODIFIED', resource: 'pods', object: podMirrorForm(full) })).toBe(true);
  });
});
