import { describe, it, expect } from 'vitest';
import type { KObject, Lease, Node, Pod } from '../../api/types';
import { rfc3339, rfc3339Micro } from '../../core/time';
import { createHarness } from '../testing';
import type { Harness } from '../testing';
import { NodeLifecycleController, desiredTaints } from './node-lifecycle-controller';
import { TaintEvictionController, minTolerationMs } from './taint-eviction-controller';

/** A kubelet heartbeat loop for the nodes in `alive`: lease renewal every 10 s. */
function heartbeats(h: Harness, alive: Set<string>): void {
  const rt = h.rt('leases', 'coordination.k8s.io');
  const beat = () => {
    for (const n of alive) {
      const renewTime = rfc3339Micro(h.clock.now());
      if (!h.get('leases', 'kube-node-lease', n, 'coordination.k8s.io')) {
        h.api.create(rt, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: n, namespace: 'kube-node-lease' }, spec: { holderIdentity: n, leaseDurationSeconds: 40, renewTime } } as KObject);
      } else {
        h.api.mutate(rt, 'kube-node-lease', n, (o) => void ((o as Lease).spec!.renewTime = renewTime));
      }
    }
    h.clock.schedule(10_000, beat, 'test:heartbeat');
  };
  beat();
}

function pod(name: string, tolerations?: Pod['spec'] extends infer S ? S extends { tolerations?: infer T } ? T : never : never): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'a', image: 'x' }], tolerations } };
}

describe('node lifecycle and taint eviction', () => {
  it('marks a silent node Unknown after the grace period, taints it and evicts pods by their tolerations', () => {
    const h = createHarness();
    h.addNode('node-1');
    h.addNode('node-2');
    const alive = new Set(['node-1', 'node-2']);
    heartbeats(h, alive);
    h.start(new NodeLifecycleController(h.ctx), new TaintEvictionController(h.ctx));
    h.create('pods', pod('web')); // DefaultTolerationSeconds: 300 s
    h.create('pods', pod('short', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
    h.create('pods', pod('forever', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]));
    h.advance(5000);
    expect(h.list<Pod>('pods', 'default').map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);

    // node-1's kubelet stops at t=10s (its last renewal was at t=10s).
    h.advance(5000);
    alive.delete('node-1');
    h.kubelet.stopped.add('node-1');
    const stoppedAt = h.clock.now();
    h.advance(50_000);
    expect(h.get<Node>('nodes', undefined, 'node-1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    h.advance(1000);
    const node = h.get<Node>('nodes', undefined, 'node-1') as Node;
    const t = rfc3339(stoppedAt + 50_001);
    expect(node.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', t],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', t],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', t],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', t],
    ]);
    expect(node.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: t },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: t },
    ]);
    expect(h.get<Node>('nodes', undefined, 'node-2')?.spec?.taints).toBeUndefined();
    expect(h.list<Pod>('pods', 'default').map((p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status)).toEqual(['False', 'False', 'False']);
    expect(h.events((o) => o.kind === 'Node')).toEqual(['Normal NodeNotReady node-controller: Node node-1 status is now: NodeNotReady']);
    expect(h.events((o) => o.kind === 'Pod' && o.metadata?.name === 'web')).toEqual(['Warning NodeNotReady node-controller: Node is not ready']);

    h.advance(60_000);
    expect(h.get<Pod>('pods', 'default', 'short')?.metadata?.deletionTimestamp).toBeDefined();
    expect(h.get<Pod>('pods', 'default', 'short')?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(h.get<Pod>('pods', 'default', 'web')?.metadata?.deletionTimestamp).toBeUndefined();
    h.advance(240_000);
    expect(h.get<Pod>('pods', 'default', 'web')?.metadata?.deletionTimestamp).toBeDefined();
    expect(h.get<Pod>('pods', 'default', 'forever')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(h.events((o) => o.kind === 'Pod' && o.metadata?.name !== undefined).filter((e) => e.includes('TaintManagerEviction'))).toEqual([
      'Normal TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/short',
      'Normal TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/web',
    ]);

    // The kubelet comes back: it renews its lease and reports Ready; the taints go.
    alive.add('node-1');
    h.advance(10_000);
    const now = rfc3339(h.clock.now());
    h.api.mutate(h.rt('nodes'), undefined, 'node-1', (o) => {
      for (const c of (o as Node).status?.conditions ?? []) {
        c.status = c.type === 'Ready' ? 'True' : 'False';
        c.lastHeartbeatTime = now;
        c.lastTransitionTime = now;
      }
    }, { subresource: 'status' });
    h.advance(0);
    expect(h.get<Node>('nodes', undefined, 'node-1')?.spec?.taints).toBeUndefined();
  });

  it('derives taints from conditions and spec.unschedulable', () => {
    const node = (ready: string, extra: Record<string, string> = {}, unschedulable = false): Node => ({
      spec: { unschedulable },
      status: { conditions: [{ type: 'Ready', status: ready }, ...Object.entries(extra).map(([type, status]) => ({ type, status }))] },
    });
    expect(desiredTaints(node('True'))).toEqual([]);
    expect(desiredTaints(node('False', { MemoryPressure: 'True' }, true))).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
    ]);
  });

  it('computes the minimum toleration time like getMinTolerationTime', () => {
    expect(minTolerationMs([])).toBe(0);
    expect(minTolerationMs([{ tolerationSeconds: 300 }, { tolerationSeconds: 60 }])).toBe(60_000);
    expect(minTolerationMs([{}])).toBe(-1);
    expect(minTolerationMs([{ tolerationSeconds: 0 }, {}])).toBe(0);
  });
});
