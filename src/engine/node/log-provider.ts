// pods/log: what `kubectl logs` gets from the kubelet through the API server, with its
// options (container, previous, tailLines, sinceSeconds, timestamps, limitBytes, follow) and
// the API server's errors for a container that is missing, not started yet or has no previous run.
// Models pkg/registry/core/pod/rest/log.go and pkg/kubelet/kubelet_pods.go (validateContainerLogStatus)
import type { KObject, Pod } from '../api/types';
import { errBadRequest } from '../api/status';
import type { ApiServer } from '../apiserver/apiserver';
import type { TextStream } from '../apiserver/rest';
import type { ContainerLog } from './logs';
import { formatLine, renderLog } from './logs';

type LogsOf = (pod: Pod) => Map<string, { current?: ContainerLog; previous?: ContainerLog }> | undefined;

export function installLogProvider(api: ApiServer, logsOf: LogsOf): void {
  api.hooks.podLogs = (obj: KObject, q: Record<string, string>) => {
    const pod = obj as Pod;
    const name = pod.metadata?.name ?? '';
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    let container = q.container;
    if (!container) {
      const app = (pod.spec?.containers ?? []).map((c) => c.name);
      if (app.length !== 1) {
        return errBadRequest(`a container name must be specified for pod ${name}, choose one of: [${app.join(' ')}]`);
      }
      container = app[0];
    }
    if (!containers.includes(container)) return errBadRequest(`container ${container} is not valid for pod ${name}`);
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const st = statuses.find((s) => s.name === container);
    const entry = logsOf(pod)?.get(container);
    const previous = q.previous === 'true';
    let log: ContainerLog | undefined;
    if (previous) {
      log = entry?.previous;
      if (!log || !st?.lastState?.terminated) return errBadRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    } else {
      log = entry?.current;
      const waiting = st?.state?.waiting;
      if (!log || (waiting && !st?.lastState?.terminated)) {
        const reason = waiting?.reason ?? 'ContainerCreating';
        if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff' || reason === 'InvalidImageName' || reason === 'ErrImageNeverPull') {
          return errBadRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason === 'ErrImagePull' ? 'trying and failing to pull image' : 'image can\'t be pulled'}`);
        }
        return errBadRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
      }
    }
    const now = api.clock.now();
    const query = {
      tailLines: q.tailLines !== undefined ? Number(q.tailLines) : undefined,
      sinceMs: q.sinceSeconds !== undefined ? now - Number(q.sinceSeconds) * 1000 : q.sinceTime ? Date.parse(q.sinceTime) : undefined,
      timestamps: q.timestamps === 'true',
      limitBytes: q.limitBytes !== undefined ? Number(q.limitBytes) : undefined,
    };
    const text = renderLog(log, query);
    if (q.follow !== 'true' || log.ended) return { text };
    const target = log;
    let dataCb: ((s: string) => void) | undefined;
    let endCb: (() => void) | undefined;
    let stop: (() => void) | undefined;
    const follow: TextStream = {
      onData(cb) {
        dataCb = cb;
        stop ??= target.follow((l) => dataCb?.(formatLine(l, query.timestamps)), () => endCb?.());
      },
      onEnd(cb) {
        endCb = cb;
      },
      stop() {
        stop?.();
      },
    };
    return { text, follow };
  };
}
