// Server-side printer for Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE
// READINESS GATES, with upstream's STATUS reason logic (Init:..., CrashLoopBackOff, Completed,
// NotReady, Terminating, Unknown for NodeLost) and RESTARTS "N (5m ago)" including sidecars.
// Models kubernetes/pkg/printers/internalversion/printers.go (printPod).
import type { Pod, ContainerStatus } from '../../api/types';
import { humanDuration, timestampMs } from '../../core/duration';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter, TableRowCondition } from './types';

const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const successConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const failedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

function finishedAtMs(cs: ContainerStatus): number | undefined {
  return timestampMs(cs.lastState?.terminated?.finishedAt);
}

function hasCondition(pod: Pod, type: string): boolean {
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === type && c.status === 'True') return true;
  }
  return false;
}

function isPodInitializedConditionTrue(pod: Pod): boolean {
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'Initialized') return c.status === 'True';
  }
  return false;
}

export const podPrinter: TablePrinter<Pod> = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    column('IP', 'string', doc.podIP, 1),
    column('Node', 'string', doc.nodeName, 1),
    column('Nominated Node', 'string', doc.nominatedNodeName, 1),
    column('Readiness Gates', 'string', doc.readinessGates, 1),
  ],

  conditions(pod) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') return successConditions;
    if (phase === 'Failed') return failedConditions;
    return undefined;
  },

  row(pod, ctx) {
    const spec = pod.spec;
    const status = pod.status ?? {};
    const initContainers = spec?.initContainers ?? [];
    let restarts = 0;
    let restartableInitContainerRestarts = 0;
    let totalContainers = spec?.containers?.length ?? 0;
    let readyContainers = 0;
    // 0 stands for Go's zero time (metav1.NewTime(time.Time{})).
    let lastRestartDate = 0;
    let lastRestartableInitContainerRestartDate = 0;

    const podPhase = status.phase ?? '';
    let reason: string = podPhase;
    if (status.reason) reason = status.reason;

    for (const c of status.conditions ?? []) {
      if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }

    const restartableInit = new Set<string>();
    for (const ic of initContainers) {
      if (ic.restartPolicy === 'Always') {
        restartableInit.add(ic.name);
        totalContainers++;
      }
    }

    let initializing = false;
    const initStatuses = status.initContainerStatuses ?? [];
    for (let i = 0; i < initStatuses.length; i++) {
      const container = initStatuses[i];
      restarts += container.restartCount ?? 0;
      const finished = finishedAtMs(container);
      if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
      const isRestartable = restartableInit.has(container.name);
      if (isRestartable) {
        restartableInitContainerRestarts += container.restartCount ?? 0;
        if (finished !== undefined && lastRestartableInitContainerRestartDate < finished) {
          lastRestartableInitContainerRestartDate = finished;
        }
      }
      const terminated = container.state?.terminated;
      const waiting = container.state?.waiting;
      if (terminated && terminated.exitCode === 0) continue;
      if (isRestartable && container.started === true) {
        if (container.ready) readyContainers++;
        continue;
      }
      if (terminated) {
        // initialization failed
        if (!terminated.reason) {
          reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
        } else {
          reason = `Init:${terminated.reason}`;
        }
        initializing = true;
      } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
        reason = `Init:${waiting.reason}`;
        initializing = true;
      } else {
        reason = `Init:${i}/${initContainers.length}`;
        initializing = true;
      }
      break;
    }

    if (!initializing || isPodInitializedConditionTrue(pod)) {
      restarts = restartableInitContainerRestarts;
      lastRestartDate = lastRestartableInitContainerRestartDate;
      let hasRunning = false;
      const statuses = status.containerStatuses ?? [];
      for (let i = statuses.length - 1; i >= 0; i--) {
        const container = statuses[i];
        restarts += container.restartCount ?? 0;
        const finished = finishedAtMs(container);
        if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
        const waiting = container.state?.waiting;
        const terminated = container.state?.terminated;
        if (waiting && waiting.reason) {
          reason = waiting.reason;
        } else if (terminated && terminated.reason) {
          reason = terminated.reason;
        } else if (terminated && !terminated.reason) {
          reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
        } else if (container.ready && container.state?.running) {
          hasRunning = true;
          readyContainers++;
        }
      }
      // A pod whose last container completed but another still runs is shown as Running.
      if (reason === 'Completed' && hasRunning) {
        reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
      }
    }

    const deleting = pod.metadata?.deletionTimestamp != null;
    if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
      reason = 'Unknown';
    } else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') {
      reason = 'Terminating';
    }

    let restartsStr = String(restarts);
    if (restarts !== 0 && lastRestartDate !== 0) {
      restartsStr = `${restarts} (${humanDuration(ctx.now - lastRestartDate)} ago)`;
    }

    // Wide cells (the API server always prints wide; kubectl hides priority-1 columns).
    const podIPs = status.podIPs;
    const podIP = (podIPs && podIPs.length > 0 ? podIPs[0].ip : '') || '<none>';
    const nodeName = spec?.nodeName || '<none>';
    const nominatedNodeName = status.nominatedNodeName || '<none>';
    let readinessGates = '<none>';
    const gates = spec?.readinessGates ?? [];
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const gate of gates) {
        for (const c of status.conditions ?? []) {
          if (c.type === gate.conditionType) {
            if (c.status === 'True') trueConditions++;
            break;
          }
        }
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }

    return [
      pod.metadata?.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsStr,
      ageOf(pod, ctx),
      podIP,
      nodeName,
      nominatedNodeName,
      readinessGates,
    ];
  },
};
