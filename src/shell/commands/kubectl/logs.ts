// `kubectl logs POD|TYPE/NAME [-c C] [-f] [--tail] [--previous] [--timestamps] [--since|--since-time]
// [-l sel] [--all-containers] [--all-pods] [--prefix] [--max-log-requests]`: the pods/log
// subresource, the default-container choice and its notices, `Found N pods, using pod/x` for
// controllers (podutils.ByLogging order), and -f following until every container instance ends.
// Models kubectl/pkg/cmd/logs/logs.go and polymorphichelpers/logsforobject.go (+ helpers.go GetFirstPod).
// Leaves out: --limit-bytes is passed to the server only; --insecure-skip-tls-verify-backend is ignored.
// SIMPLIFICATION: requests run in container order (init, regular) where kubectl ranges over a Go map.
import type { KObject, Pod, TextStream } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { waitUntil } from './command';
import { KubectlError, sanitize, toStatusError } from './client';
import type { ResourceInfo } from './client';
import { podSelectorFor, watchFirstPod } from './exec/exec';

const USAGE_HINT = "See 'kubectl logs -h' for help and examples";
const USAGE_ERR = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

const usageError = (msg: string) => new KubectlError(`error: ${msg}\n${USAGE_HINT}`);

function readySince(p: Pod): string | undefined {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready');
  return c?.status === 'True' ? (c.lastTransitionTime ?? '') : undefined;
}

/** podutils.ByLogging: the pod whose logs are most interesting first. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const ra = rank[a.status?.phase ?? ''] ?? 0;
  const rb = rank[b.status?.phase ?? ''] ?? 0;
  if (ra !== rb) return ra - rb;
  const readyA = readySince(a);
  const readyB = readySince(b);
  if ((readyA !== undefined) !== (readyB !== undefined)) return readyA !== undefined ? -1 : 1;
  if (readyA !== undefined && readyB !== undefined && readyA !== readyB) {
    // Ready for longer first; an empty time sorts last.
    if (!readyA) return 1;
    if (!readyB) return -1;
    return readyA < readyB ? -1 : 1;
  }
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  if (ca !== cb) {
    if (!ca) return 1;
    if (!cb) return -1;
    return ca < cb ? -1 : 1;
  }
  return 0;
}

/** podcmd.AllContainerNames: regular, then ephemeral, then init containers. */
export function allContainerNames(pod: Pod): string {
  const spec = pod.spec as (Pod['spec'] & { ephemeralContainers?: Array<{ name: string }> }) | undefined;
  return [
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/**
 * util.ParseRFC3339 → Go's time.Parse with the RFC3339 layout, including its error texts
 * (`cannot parse "x" as "2006"`, `month out of range`, `extra text`).
 */
export function parseRfc3339(v: string): number {
  const LAYOUT = '2006-01-02T15:04:05Z07:00';
  const cannot = (rest: string, elem: string) =>
    new KubectlError(`error: parsing time ${JSON.stringify(v)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  const range = (what: string) => new KubectlError(`error: parsing time ${JSON.stringify(v)}: ${what} out of range`);
  let i = 0;
  const num = (n: number, elem: string): number => {
    const part = v.slice(i, i + n);
    if (!new RegExp(`^\\d{${n}}$`).test(part)) throw cannot(v.slice(i), elem);
    i += n;
    return Number(part);
  };
  const lit = (c: string) => {
    if (v[i] !== c) throw cannot(v.slice(i), c);
    i++;
  };
  const year = num(4, '2006');
  lit('-');
  const month = num(2, '01');
  if (month < 1 || month > 12) throw range('month');
  lit('-');
  const day = num(2, '02');
  if (day > 31) throw range('day');
  lit('T');
  const hour = num(2, '15');
  if (hour > 23) throw range('hour');
  lit(':');
  const min = num(2, '04');
  if (min > 59) throw range('minute');
  lit(':');
  const sec = num(2, '05');
  if (sec > 59) throw range('second');
  let frac = 0;
  const fm = /^[.,]\d+/.exec(v.slice(i));
  if (fm) {
    frac = Number(`0.${fm[0].slice(1)}`);
    i += fm[0].length;
  }
  let offsetMin = 0;
  if (v[i] === 'Z') i++;
  else {
    const zm = /^([+-])(\d{2}):(\d{2})/.exec(v.slice(i));
    if (!zm) throw cannot(v.slice(i), 'Z07:00');
    offsetMin = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3]));
    i += 6;
  }
  if (i < v.length) throw new KubectlError(`error: parsing time ${JSON.stringify(v)}: extra text: ${JSON.stringify(v.slice(i))}`);
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > dim) throw range('day');
  return Date.UTC(year, month - 1, day, hour, min, sec) + Math.floor(frac * 1000) - offsetMin * 60000;
}

interface LogRequest {
  pod: Pod;
  container: string;
}

async function runLogs(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const selector = f.str('selector');
  const podsRes = inv.client.discovery.mustFind('pods');
  // ToOptions: argument shapes first.
  if (args.length === 0 && !selector) throw usageError(USAGE_ERR);
  if (args.length === 1 && selector) throw usageError('only a selector (-l) or a POD name is allowed');
  if (args.length > 2) throw usageError(USAGE_ERR);
  const containerFlag = f.str('container');
  let container = containerFlag;
  if (args.length === 2) container = args[1]!;
  if (f.changed('pod-running-timeout') && f.ms('pod-running-timeout') <= 0) throw new KubectlError('error: --pod-running-timeout must be higher than zero');
  const timeoutMs = f.ms('pod-running-timeout');
  const sinceTime = f.str('since-time');
  const sinceMs = sinceTime ? parseRfc3339(sinceTime) : 0;

  // The resource builder: a PodList for -l, else the named object.
  let podList: Pod[] | undefined;
  let object: { r: ResourceInfo; obj: KObject } | undefined;
  if (selector) {
    const list = inv.client.get(inv.client.path(podsRes, inv.namespace), { query: { labelSelector: selector } }) as { items?: Pod[] };
    podList = list.items ?? [];
    if (podList.length === 0) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
  } else {
    const target = args[0]!;
    const slash = target.indexOf('/');
    const r = slash < 0 ? podsRes : inv.client.discovery.mustFind(target.slice(0, slash));
    const res = inv.client.raw('GET', inv.client.path(r, inv.namespace, slash < 0 ? target : target.slice(slash + 1)));
    if (res.status >= 300) {
      const e = toStatusError(res);
      // the builder's NotFound reaches checkErr wrapped (lower-case, with the namespace), as v1.32 prints it
      if (e.reason === 'NotFound') throw new KubectlError(`error: error from server (NotFound): ${e.message} in namespace ${JSON.stringify(inv.namespace)}`);
      throw e;
    }
    object = { r, obj: res.body as KObject };
  }

  // Validate.
  const since = f.ms('since');
  if (sinceTime && since !== 0) throw new KubectlError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const allContainers = f.bool('all-containers');
  if (allContainers && container) throw new KubectlError(`error: --all-containers=true should not be specified with container name ${container}`);
  if (f.changed('container') && args.length === 2) throw new KubectlError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if (f.int('limit-bytes') < 0) throw new KubectlError('error: --limit-bytes must be greater than 0');
  if (since < 0) throw new KubectlError('error: --since must be greater than 0');
  const tail = f.int('tail');
  if (tail < -1) throw new KubectlError('error: --tail must be greater than or equal to -1');

  // LogsForObject: one request per (pod, container).
  const allPods = f.bool('all-pods');
  const prefix = f.bool('prefix') || allPods;
  const requests: LogRequest[] = [];
  const forPod = (pod: Pod) => {
    const spec = pod.spec;
    if (allContainers) {
      for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) requests.push({ pod, container: c.name });
      return;
    }
    let name = container;
    const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
    if (!name && def) {
      if ([...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === def)) name = def;
      else inv.err(`Default container name ${JSON.stringify(def)} not found in pod ${pod.metadata?.name ?? ''}\n`);
    }
    if (!name) {
      name = spec?.containers?.[0]?.name ?? '';
      if ((spec?.containers?.length ?? 0) > 1 || (spec?.initContainers?.length ?? 0) > 0) {
        inv.err(`Defaulted container ${JSON.stringify(name)} out of: ${allContainerNames(pod)}\n`);
      }
    }
    if (![...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === name)) {
      throw new KubectlError(`error: container ${name} is not valid for pod ${pod.metadata?.name ?? ''}`);
    }
    requests.push({ pod, container: name });
  };
  if (podList) podList.forEach(forPod);
  else if (object!.r.kind === 'Pod') forPod(object!.obj as Pod);
  else {
    const { r, obj } = object!;
    const found = podSelectorFor(r, obj);
    if ('error' in found) throw new KubectlError(`error: cannot get the logs from *${r.version}.${r.kind}: ${found.error}`);
    const sel = found.selector;
    const ns = obj.metadata?.namespace ?? inv.namespace;
    const list = inv.client.get(inv.client.path(podsRes, ns), { query: { labelSelector: sel } }) as { items?: Pod[]; metadata?: { resourceVersion?: string } };
    const pods = (list.items ?? []).slice().sort(byLogging);
    if (pods.length === 0) {
      const got = await watchFirstPod(inv, ns, sel, list.metadata?.resourceVersion, timeoutMs);
      if (got === 'interrupted') return 130;
      if (!got) throw new KubectlError('error: timed out waiting for the condition');
      pods.push(got);
    }
    if (allPods) pods.forEach(forPod);
    else {
      if (pods.length > 1) inv.err(`Found ${pods.length} pods, using pod/${pods[0]!.metadata?.name ?? ''}\n`);
      forPod(pods[0]!);
    }
  }

  const follow = f.bool('follow');
  if (follow && requests.length > 1 && requests.length > f.int('max-log-requests')) {
    throw new KubectlError(
      `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${f.int('max-log-requests')}, use --max-log-requests to increase the limit`,
    );
  }
  const query: Record<string, string | undefined> = {
    follow: follow ? 'true' : undefined,
    previous: f.bool('previous') ? 'true' : undefined,
    timestamps: f.bool('timestamps') ? 'true' : undefined,
    // --since rounds to the nearest second.
    sinceSeconds: since !== 0 ? String(Math.round(since / 1000)) : undefined,
    sinceTime: sinceTime ? new Date(sinceMs).toISOString().replace(/\.000Z$/, 'Z') : undefined,
    limitBytes: f.int('limit-bytes') > 0 ? String(f.int('limit-bytes')) : undefined,
    tailLines: selector && tail === -1 && !f.changed('tail') ? '10' : tail !== -1 ? String(tail) : undefined,
  };
  const ignore = f.bool('ignore-errors');
  const streams: TextStream[] = [];
  for (const { pod, container: c } of requests) {
    const name = pod.metadata?.name ?? '';
    const res = inv.client.raw('GET', inv.client.path(podsRes, pod.metadata?.namespace ?? inv.namespace, name, 'log'), { query: { container: c, ...query }, accept: '*/*' });
    if (res.status >= 300) {
      if (!ignore) throw toStatusError(res);
      const body = res.body as { message?: string } | undefined;
      inv.out(`error: ${body?.message ?? ''}\n`);
      continue;
    }
    const pre = prefix ? `[pod/${name}/${c}] ` : '';
    let partial = '';
    const emit = (text: string) => {
      if (!text) return;
      const clean = sanitize(text);
      if (!pre) return inv.out(clean);
      // Whole lines get the prefix (kubectl's prefixing writer sees one line per write).
      const all = partial + clean;
      const cut = all.lastIndexOf('\n') + 1;
      partial = all.slice(cut);
      if (cut > 0) inv.out(all.slice(0, cut - 1).split('\n').map((l) => `${pre}${l}\n`).join(''));
    };
    emit(typeof res.body === 'string' ? res.body : '');
    if (follow && res.stream) {
      res.stream.onData(emit);
      streams.push(res.stream);
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
    { name: 'all-containers', type: 'bool' },
    { name: 'all-pods', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
    { name: 'limit-bytes', type: 'int', def: 0 },
    { name: 'max-log-requests', type: 'int', def: 5 },
    { name: 'pod-running-timeout', type: 'duration', def: '20s' },
    { name: 'prefix', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'since', type: 'duration', def: '0s' },
    { name: 'since-time', type: 'string' },
    { name: 'tail', type: 'int', def: -1 },
    { name: 'timestamps', type: 'bool' },
  ],
  run: runLogs,
};
