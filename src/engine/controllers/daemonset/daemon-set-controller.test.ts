import { describe, it, expect } from 'vitest';
import type { DaemonSet, KObject, Node, Pod } from '../../api/types';
import { createHarness, podTemplate } from '../testing';
import type { Harness } from '../testing';
import { DaemonSetController } from './daemon-set-controller';

function ds(extra: Partial<NonNullable<DaemonSet['spec']>> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate({ app: 'agent' }), ...extra },
  } as KObject;
}

function setup(): Harness {
  const h = createHarness();
  h.addNode('node-1', { disk: 'ssd' });
  h.addNode('node-2');
  h.addNode('node-3', { disk: 'ssd' });
  h.start(new DaemonSetController(h.ctx));
  return h;
}

const podsByNode = (h: Harness) =>
  h
    .list<Pod>('pods', 'kube-system')
    .filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => p.spec?.nodeName)
    .sort();

describe('DaemonSet controller', () => {
  it('runs one pod per node, pinned by node affinity, with the daemon tolerations', () => {
    const h = setup();
    h.create('daemonsets', ds(), 'apps');
    h.advance(0);
    const pods = h.list<Pod>('pods', 'kube-system');
    expect(pods).toHaveLength(3);
    const p = pods[0];
    expect(p.metadata?.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(Object.keys(p.metadata?.labels ?? {}).sort()).toEqual(['app', 'controller-revision-hash', 'pod-template-generation']);
    expect(p.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [expect.stringMatching(/^node-\d$/)] }] }],
        },
      },
    });
    expect(p.spec?.tolerations?.map((t) => `${t.key}:${t.effect}:${t.operator}:${t.tolerationSeconds ?? ''}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:Exists:',
      'node.kubernetes.io/unreachable:NoExecute:Exists:',
      'node.kubernetes.io/disk-pressure:NoSchedule:Exists:',
      'node.kubernetes.io/memory-pressure:NoSchedule:Exists:',
      'node.kubernetes.io/pid-pressure:NoSchedule:Exists:',
      'node.kubernetes.io/unschedulable:NoSchedule:Exists:',
    ]);
    h.advance(2000);
    expect(podsByNode(h)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(h.get<DaemonSet>('daemonsets', 'kube-system', 'agent', 'apps')?.status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    expect(h.events().filter((e) => e.startsWith('Normal SuccessfulCreate daemonset-controller: Created pod: agent-'))).toHaveLength(3);
  });

  it('honours nodeSelector and taints, and follows node label changes', () => {
    const h = setup();
    h.api.mutate(h.rt('nodes'), undefined, 'node-3', (o) => void ((o as Node).spec = { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }));
    h.create('daemonsets', ds({ template: { ...(podTemplate({ app: 'agent' }) as object), spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'a', image: 'x' }] } } }), 'apps');
    h.advance(2000);
    expect(podsByNode(h)).toEqual(['node-1']);
    h.api.mutate(h.rt('nodes'), undefined, 'node-2', (o) => void (o.metadata!.labels = { ...o.metadata!.labels, disk: 'ssd' }));
    h.advance(2000);
    expect(podsByNode(h)).toEqual(['node-1', 'node-2']);
    h.api.mutate(h.rt('nodes'), undefined, 'node-1', (o) => void (o.metadata!.labels = { 'kubernetes.io/hostname': 'node-1' }));
    h.advance(0);
    expect(podsByNode(h)).toEqual(['node-2']);
    expect(h.get<DaemonSet>('daemonsets', 'kube-system', 'agent', 'apps')?.status?.desiredNumberScheduled).toBe(1);
  });

  it('replaces pods one node at a time on a template change (RollingUpdate maxUnavailable 1)', () => {
    const h = setup();
    h.create('daemonsets', ds(), 'apps');
    h.advance(2000);
    h.api.mutate(h.rt('daemonsets', 'apps'), 'kube-system', 'agent', (o) => void ((o as DaemonSet).spec!.template.spec!.containers[0].image = 'nginx:1.28'));
    h.advance(0);
    expect(h.list<Pod>('pods', 'kube-system').filter((p) => p.metadata?.deletionTimestamp)).toHaveLength(1);
    h.advance(10_000);
    const pods = h.list<Pod>('pods', 'kube-system');
    expect(pods.map((p) => p.spec?.containers[0].image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(podsByNode(h)).toEqual(['node-1', 'node-2', 'node-3']);
  });
});

describe('DaemonSet history (ControllerRevisions)', () => {
  type CR = KObject & { revision?: number; data?: { spec?: { template?: Record<string, unknown> } } };
  const revisions = (h: Harness) =>
    h
      .list<CR>('controllerrevisions', 'kube-system', 'apps')
      .map((c) => `${c.revision} ${(c.data?.spec?.template?.spec as { containers: { image: string }[] }).containers[0].image} ${c.metadata?.name === `agent-${c.metadata?.labels?.['controller-revision-hash']}`}`)
      .sort();
  const setImage = (h: Harness, image: string) =>
    h.api.mutate(h.rt('daemonsets', 'apps'), 'kube-system', 'agent', (o) => {
      ((o as DaemonSet).spec!.template!.spec!.containers[0] as { image: string }).image = image;
    });

  it('snapshots each template once, renumbers a template that comes back, and keeps the template generation', () => {
    const h = setup();
    h.create('daemonsets', ds(), 'apps');
    h.advance(2000);
    const [cr] = h.list<CR>('controllerrevisions', 'kube-system', 'apps');
    expect(cr.data?.spec?.template).toEqual({ $patch: 'replace', metadata: { creationTimestamp: null, labels: { app: 'agent' } }, spec: expect.any(Object) });
    expect(Object.keys(cr.data?.spec?.template ?? {})).toEqual(['$patch', 'metadata', 'spec']);
    expect(cr.metadata?.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(cr.metadata?.ownerReferences?.map((r) => `${r.kind}/${r.name} ${r.controller}`)).toEqual(['DaemonSet/agent true']);
    const pod = h.list<Pod>('pods', 'kube-system')[0];
    expect(pod.metadata?.labels?.['controller-revision-hash']).toBe(cr.metadata?.labels?.['controller-revision-hash']);
    setImage(h, 'nginx:1.28');
    h.advance(30_000);
    expect(revisions(h)).toEqual(['1 nginx:1.27 true', '2 nginx:1.28 true']);
    setImage(h, 'nginx:1.27');
    h.advance(30_000);
    expect(revisions(h)).toEqual(['2 nginx:1.28 true', '3 nginx:1.27 true']);
    expect(h.get<DaemonSet>('daemonsets', 'kube-system', 'agent', 'apps')?.metadata?.annotations).toEqual({ 'deprecated.daemonset.template.generation': '3' });
  });

  it('keeps at most revisionHistoryLimit old revisions', () => {
    const h = setup();
    h.create('daemonsets', ds({ revisionHistoryLimit: 1 }), 'apps');
    h.advance(2000);
    for (const img of ['nginx:a', 'nginx:b', 'nginx:c']) {
      setImage(h, img);
      h.advance(30_000);
    }
    expect(revisions(h)).toEqual(['3 nginx:b true', '4 nginx:c true']);
  });
});
