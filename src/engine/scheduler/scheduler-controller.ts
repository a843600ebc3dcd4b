// kube-scheduler's run loop around the pure decision core: watch pods and nodes, keep the
// cache (assumed pods count at once), pop the queue, bind through pods/binding, and record
// `Scheduled` or `FailedScheduling` events and the PodScheduled condition, as upstream does.
// Models pkg/scheduler/scheduler.go, schedule_one.go (scheduleOne, handleSchedulingFailure)
// and eventhandlers.go
import type { KObject, Pod } from '../api/types';
import { isApiError } from '../api/status';
import { rfc3339 } from '../core/time';
import type { TaskHandle } from '../core/clock';
import type { ResourceType } from '../apiserver/resource-type';
import type { ControllerContext } from '../controllers/types';
import { SchedulerCache } from './cache';
import { SchedulingQueue } from './queue';
import { schedulePod } from './schedule-one';

const SCHEDULER_NAME = 'default-scheduler';
const SOURCE = { component: SCHEDULER_NAME };

const isAssigned = (p: Pod) => Boolean(p.spec?.nodeName);
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const ours = (p: Pod) => (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;

export class SchedulerController {
  readonly name = 'scheduler';
  readonly cache = new SchedulerCache();
  readonly queue = new SchedulingQueue();
  private wake: TaskHandle | undefined;
  private running = false;
  /** Pods bound by us whose binding the informer has not shown yet (assumed). */
  private assumed = new Map<string, Pod>();
  scheduledCount = 0;
  private podType: ResourceType | undefined;

  constructor(private readonly ctx: ControllerContext) {}

  start(): void {
    const { informers, clock } = this.ctx;
    informers.for('nodes').addHandlers({
      add: (n) => {
        this.cache.upsertNode(n as never);
        this.queue.onClusterEvent('NodeAdd', clock.now());
        this.kick();
      },
      update: (_o, n) => {
        this.cache.upsertNode(n as never);
        this.queue.onClusterEvent('NodeUpdate', clock.now());
        this.kick();
      },
      delete: (n) => this.cache.removeNode(n.metadata?.name ?? ''),
    });
    informers.for('pods').addHandlers({
      add: (o) => this.onPod(undefined, o as Pod),
      update: (old, o) => this.onPod(old as Pod, o as Pod),
      delete: (o) => this.onPodDelete(o as Pod),
    });
  }

  private onPod(old: Pod | undefined, pod: Pod): void {
    const now = this.ctx.clock.now();
    const uid = pod.metadata?.uid ?? '';
    if (isAssigned(pod)) {
      const assumed = this.assumed.get(uid);
      if (assumed) {
        this.assumed.delete(uid);
        this.cache.updatePod(assumed, pod);
      } else if (old && isAssigned(old)) {
        this.cache.updatePod(old, pod);
      } else {
        this.queue.delete(uid);
        if (!isTerminal(pod)) {
          this.cache.addPod(pod);
          this.queue.onClusterEvent('AssignedPodAdd', now);
        }
      }
      if (isTerminal(pod) && !(old && isTerminal(old))) {
        this.cache.removePod(pod);
        this.queue.onClusterEvent('PodDelete', now);
        this.kick();
      }
      return;
    }
    if (!ours(pod) || pod.metadata?.deletionTimestamp) {
      this.queue.delete(uid);
      return;
    }
    if (old) this.queue.update(pod);
    else this.queue.add(pod, now);
    this.kick();
  }

  private onPodDelete(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    this.queue.delete(uid);
    const assumed = this.assumed.get(uid);
    if (assumed) {
      this.assumed.delete(uid);
      this.cache.removePod(assumed);
    } else if (isAssigned(pod) && !isTerminal(pod)) this.cache.removePod(pod);
    this.queue.onClusterEvent('PodDelete', this.ctx.clock.now());
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    const { clock } = this.ctx;
    if (this.wake && this.wake.dueAt <= clock.now()) return;
    clock.cancel(this.wake);
    this.wake = clock.schedule(0, () => this.cycle(), 'scheduler:cycle');
  }

  private cycle(): void {
    const { clock } = this.ctx;
    this.wake = undefined;
    this.running = true;
    try {
      for (;;) {
        const pod = this.queue.pop(clock.now());
        if (!pod) break;
        this.scheduleOne(pod);
      }
    } finally {
      this.running = false;
    }
    const next = this.queue.nextWakeAt();
    if (next !== undefined) {
      this.wake = clock.schedule(Math.max(0, next - clock.now()), () => this.cycle(), 'scheduler:backoff');
    }
  }

  private scheduleOne(pod: Pod): void {
    const { api, clock, rng, recorder } = this.ctx;
    const podType = (this.podType ??= api.mustResource('pods'));
    const ns = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const current = api.tryGet(podType, ns, name) as Pod | undefined;
    if (!current || current.metadata?.uid !== pod.metadata?.uid || isAssigned(current) || current.metadata?.deletionTimestamp) return;
    const result = schedulePod(current, this.cache, rng);
    if ('nodeName' in result) {
      const assumed = { ...current, spec: { ...current.spec, nodeName: result.nodeName } } as Pod;
      this.cache.addPod(assumed);
      this.assumed.set(current.metadata?.uid ?? '', assumed);
      try {
        api.bind(podType, ns, name, result.nodeName);
      } catch (e) {
        this.cache.removePod(assumed);
        this.assumed.delete(current.metadata?.uid ?? '');
        if (!isApiError(e)) throw e;
        this.queue.addUnschedulable(current, clock.now());
        return;
      }
      this.scheduledCount++;
      recorder.event(current as KObject, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${result.nodeName}`, SOURCE);
      return;
    }
    recorder.event(current as KObject, 'Warning', 'FailedScheduling', result.message, SOURCE);
    try {
      api.mutate(podType, ns, name, (o) => {
        const p = o as Pod;
        const status = (p.status ??= {});
        const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
        const prev = current.status?.conditions?.find((c) => c.type === 'PodScheduled');
        const same = prev && prev.status === 'False' && prev.reason === 'Unschedulable' && prev.message === result.message;
        conds.push({
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: same && prev?.lastTransitionTime ? prev.lastTransitionTime : rfc3339(clock.now()),
          reason: 'Unschedulable',
          message: result.message,
        });
        status.conditions = conds;
      }, { subresource: 'status' });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
    this.queue.addUnschedulable(current, clock.now(), undefined, result.error.unschedulablePlugins);
  }
}
