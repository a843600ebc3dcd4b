// `kubectl logs POD|TYPE/NAME [-c C] [-f] [--tail] [--previous] [--timestamps] [-l sel]
// [--all-containers] [--prefix]`: the pods/log subresource, the default-container choice and its
// `Defaulted container` notice, `Found N pods, using pod/x` for controllers, and -f following the
// stream until the container ends or Ctrl-C.
// Models kubectl/pkg/cmd/logs/logs.go and polymorphichelpers/logsforobject.go.
// Leaves out: --since-time, --limit-bytes, --max-log-requests, --pod-running-timeout waits.
import type { KObject, TextStream } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { waitUntil } from './command';
import { KubectlError, sanitize, toStatusError } from './client';

interface PodLike extends KObject {
  spec?: { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; selector?: unknown };
}

function selectorOf(obj: KObject): string {
  const sel = (obj.spec as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } | undefined)?.selector;
  if (!sel) return '';
  const ml = (sel as { matchLabels?: Record<string, string> }).matchLabels ?? (obj.kind === 'ReplicationController' || obj.kind === 'Service' ? (sel as Record<string, string>) : {});
  return Object.keys(ml).sort().map((k) => `${k}=${ml[k]}`).join(',');
}

async function runLogs(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const selector = f.str('selector');
  const pods: PodLike[] = [];
  const podsRes = inv.client.discovery.mustFind('pods');
  if (selector) {
    if (args.length) throw new KubectlError('error: only a selector (-l) or a POD name is allowed');
    const list = inv.client.get(inv.client.path(podsRes, inv.namespace), { query: { labelSelector: selector } }) as { items?: PodLike[] };
    pods.push(...(list.items ?? []));
    if (pods.length === 0) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
  } else {
    if (args.length === 0 || args.length > 2) {
      throw new KubectlError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    }
    const target = args[0];
    let pod: PodLike;
    if (target.includes('/')) {
      const i = target.indexOf('/');
      const r = inv.client.discovery.mustFind(target.slice(0, i));
      const name = target.slice(i + 1);
      const obj = inv.client.getObject(r, inv.namespace, name) as PodLike;
      if (r.kind === 'Pod') pod = obj;
      else {
        const sel = selectorOf({ ...obj, kind: r.kind });
        const list = inv.client.get(inv.client.path(podsRes, inv.namespace), { query: { labelSelector: sel } }) as { items?: PodLike[] };
        const items = (list.items ?? []).slice().sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));
        if (items.length === 0) throw new KubectlError(`error: timed out waiting for the condition`);
        pod = items[0];
        if (items.length > 1) inv.err(`Found ${items.length} pods, using pod/${pod.metadata?.name ?? ''}\n`);
      }
    } else {
      pod = inv.client.getObject(podsRes, inv.namespace, target) as PodLike;
    }
    pods.push(pod);
    if (args.length === 2) {
      if (f.changed('container')) throw new KubectlError("error: only one of -c or an inline [CONTAINER] arg is allowed");
      f.p.values.set('container', args[1]);
      f.p.changed.add('container');
    }
  }

  const follow = f.bool('follow');
  const streams: TextStream[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    let names: string[];
    if (f.bool('all-containers')) names = [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...containers];
    else if (f.str('container')) names = [f.str('container')];
    else {
      const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
      if (def && containers.includes(def)) names = [def];
      else {
        names = containers.slice(0, 1);
        if (containers.length + (pod.spec?.initContainers?.length ?? 0) > 1 && !selector) {
          const all = [...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`), ...containers];
          inv.err(`Defaulted container "${names[0]}" out of: ${all.join(', ')}\n`);
        }
      }
    }
    for (const c of names) {
      const q: Record<string, string | undefined> = {
        container: c,
        follow: follow ? 'true' : undefined,
        previous: f.bool('previous') ? 'true' : undefined,
        timestamps: f.bool('timestamps') ? 'true' : undefined,
        tailLines: f.int('tail') >= 0 ? String(f.int('tail')) : selector && !f.changed('tail') ? '10' : undefined,
        sinceSeconds: f.ms('since') > 0 ? String(Math.ceil(f.ms('since') / 1000)) : undefined,
      };
      const res = inv.client.raw('GET', inv.client.path(podsRes, pod.metadata?.namespace ?? inv.namespace, name, 'log'), { query: q, accept: '*/*' });
      if (res.status >= 300) throw toStatusError(res);
      const prefix = f.bool('prefix') ? `[pod/${name}/${c}] ` : '';
      const emit = (text: string) => {
        if (!text) return;
        const clean = sanitize(text);
        inv.out(prefix ? clean.replace(/^(?=.)/gm, prefix) : clean);
      };
      emit(typeof res.body === 'string' ? res.body : '');
      if (follow && res.stream) {
        const s = res.stream;
        s.onData(emit);
        streams.push(s);
      }
    }
  }
  if (!follow || streams.length === 0) return 0;
  let open = streams.length;
  const interrupted = await waitUntil(inv.ctx, (done) => {
    for (const s of streams) {
      s.onEnd(() => {
        if (--open === 0) done();
      });
    }
    return () => {
      for (const s of streams) s.stop();
    };
  });
  return interrupted ? 130 : 0;
}

export const logsCommand: SubCommand = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'tail', type: 'int', def: -1 },
    { name: 'since', type: 'duration', def: '0s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'max-log-requests', type: 'int', def: 5 },
    { name: 'pod-running-timeout', type: 'duration', def: '20s' },
  ],
  run: runLogs,
};
