// Table tests modelled on kubernetes/pkg/printers/internalversion/printers_test.go (TestPrintPod,
// TestPrintPodWithRestartableInitContainer, TestPrintPodwide, TestPrintNonTerminatedPod).
import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/types';
import { podPrinter } from './pod';

const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString().replace('.000Z', 'Z');
const sec = 1000;
const day = 24 * 3600 * sec;
const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'img' }));
const running = { running: {} };

function pod(name: string, spec: Partial<NonNullable<Pod['spec']>>, status: NonNullable<Pod['status']>, meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod {
  return { metadata: { name, ...meta }, spec: { containers: containers(0), ...spec }, status };
}

const cases: Array<[Pod, unknown[]]> = [
  [
    pod('test1', { containers: containers(2) }, {
      phase: 'podPhase',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: running },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3 },
      ],
    }),
    ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    pod('test2', { containers: containers(2) }, {
      phase: 'podPhase',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: running },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } },
      ],
    }),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    pod('test3', { containers: containers(2) }, {
      phase: 'podPhase',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3, state: { terminated: { reason: 'ContainerTerminatedReason', exitCode: 0 } } },
      ],
    }),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    pod('test5', { containers: containers(2) }, {
      reason: 'podReason',
      phase: 'podPhase',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: running },
        { name: 'c1', image: '', imageID: '', ready: true, restartCount: 3 },
      ],
    }),
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    pod('test6', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        { name: 'c1', image: '', imageID: '', ready: true, restartCount: 3, state: running },
      ],
    }),
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    pod('test6b', { containers: containers(2) }, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        { name: 'c1', image: '', imageID: '', ready: true, restartCount: 3, state: running },
      ],
    }),
    ['test6b', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    pod('test7', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'podPhase',
      initContainerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * sec) } } },
      ],
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: {} } }],
    }),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test9', { initContainers: containers(2), containers: containers(1) }, {
      phase: 'podPhase',
      initContainerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * sec) } } },
      ],
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: {} } }],
    }),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test10', { initContainers: containers(2), containers: containers(1) }, {
      phase: 'podPhase',
      initContainerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(120 * sec) } } },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * sec) } } },
      ],
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: {} } }],
    }),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    pod('test11', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Running',
      initContainerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(120 * sec) } } },
      ],
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 4, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(20 * sec) } } },
      ],
    }),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    pod('test14', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 6, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * day) } } },
        { name: 'c1', image: '', imageID: '', ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(20 * day) } } },
      ],
    }),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    pod('test15', { containers: containers(2) }, {
      phase: 'podPhase',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    }),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    pod('test16', { containers: containers(1) }, {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    }),
    ['test16', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    pod('test17', { containers: containers(1) }, {
      phase: 'Failed',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } }],
    }),
    ['test17', '0/1', 'Error', '0', '<unknown>'],
  ],
  [
    pod('test18', { containers: containers(1) }, {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    }, { deletionTimestamp: ago(10 * sec) }),
    ['test18', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    pod('terminating', { containers: containers(1) }, {
      phase: 'Running',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: true, restartCount: 0, state: running }],
    }, { deletionTimestamp: ago(10 * sec) }),
    ['terminating', '1/1', 'Terminating', '0', '<unknown>'],
  ],
  [
    pod('nodelost', { containers: containers(1) }, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(10 * sec) }),
    ['nodelost', '0/1', 'Unknown', '0', '<unknown>'],
  ],
  [
    pod('crash', { containers: containers(1) }, {
      phase: 'Running',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(75 * sec) } } },
      ],
    }, { creationTimestamp: ago(190 * sec) }),
    ['crash', '0/1', 'CrashLoopBackOff', '5 (75s ago)', '3m10s'],
  ],
  [
    pod('pending', { containers: containers(1) }, {
      phase: 'Pending',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    }),
    ['pending', '0/1', 'ContainerCreating', '0', '<unknown>'],
  ],
  [
    pod('initfail', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }],
    }),
    ['initfail', '0/1', 'Init:ExitCode:2', '0', '<unknown>'],
  ],
  [
    pod('initsig', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }],
    }),
    ['initsig', '0/1', 'Init:Signal:9', '0', '<unknown>'],
  ],
  [
    pod('initpull', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }],
    }),
    ['initpull', '0/1', 'Init:ErrImagePull', '0', '<unknown>'],
  ],
  [
    pod('initializing', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    ['initializing', '0/1', 'Init:0/1', '0', '<unknown>'],
  ],
  [
    pod('exitcode', { containers: containers(1) }, {
      phase: 'Running',
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }],
    }),
    ['exitcode', '0/1', 'ExitCode:3', '0', '<unknown>'],
  ],
];

describe('podPrinter row', () => {
  for (const [p, want] of cases) {
    it(p.metadata!.name!, () => {
      expect(podPrinter.row(p, { now }).slice(0, 5)).toEqual(want);
    });
  }

  it('marks Succeeded and Failed pods with a Completed row condition', () => {
    expect(podPrinter.conditions!(cases[12][0])).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(podPrinter.conditions!(cases[13][0])).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
    expect(podPrinter.conditions!(cases[0][0])).toBeUndefined();
  });
});

describe('podPrinter with restartable init containers (sidecars)', () => {
  const spec = {
    initContainers: [{ name: 'init1', image: 'i' }, { name: 'restartable-init-1', image: 'i', restartPolicy: 'Always' }],
    containers: containers(1),
  };
  it('counts a started sidecar as a container while initializing', () => {
    const p = pod('test1', spec, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'init1', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        { name: 'restartable-init-1', image: '', imageID: '', ready: false, restartCount: 3, started: true, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * sec) } } },
      ],
      containerStatuses: [{ name: 'c0', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: {} } }],
      conditions: [{ type: 'Initialized', status: 'False' }],
    });
    expect(podPrinter.row(p, { now }).slice(0, 5)).toEqual(['test1', '0/2', 'Pending', '3 (10s ago)', '<unknown>']);
  });
  it('counts sidecar restarts once the pod is initialized', () => {
    const p = pod('test2', spec, {
      phase: 'Running',
      initContainerStatuses: [
        { name: 'init1', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
        { name: 'restartable-init-1', image: '', imageID: '', ready: true, restartCount: 3, started: true, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(10 * sec) } } },
      ],
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 4, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(20 * sec) } } },
      ],
      conditions: [{ type: 'Initialized', status: 'True' }],
    });
    expect(podPrinter.row(p, { now }).slice(0, 5)).toEqual(['test2', '2/2', 'Running', '7 (10s ago)', '<unknown>']);
  });
});

describe('podPrinter wide cells', () => {
  it('prints IP, node, nominated node and readiness gates', () => {
    const p = pod('test1', { containers: containers(2), nodeName: 'test1', readinessGates: [{ conditionType: 'condition1' }] }, {
      podIP: '1.1.1.1',
      podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
      phase: 'podPhase',
      containerStatuses: [
        { name: 'c0', image: '', imageID: '', ready: true, restartCount: 3, state: running },
        { name: 'c1', image: '', imageID: '', ready: false, restartCount: 3 },
      ],
      nominatedNodeName: 'node1',
      conditions: [{ type: 'condition1', status: 'True' }],
    });
    expect(podPrinter.row(p, { now })).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/1']);
  });
  it('prints <none> for a pending pod', () => {
    const p = pod('test2', { containers: containers(1) }, { phase: 'Pending' });
    expect(podPrinter.row(p, { now }).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
});
