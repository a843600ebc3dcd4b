// `kubectl port-forward (POD | TYPE/NAME) [LOCAL_PORT:]REMOTE_PORT [...]`: picks the pod (of a
// service, deployment, ...), translates service ports to target ports and named ports to
// numbers, asks the pods/portforward subresource for a session and listens on 127.0.0.1 of the
// shell's node until Ctrl-C, printing `Handling connection for N` for each connection.
// Models kubectl/pkg/cmd/portforward/portforward.go and client-go tools/portforward.
// SIMPLIFICATION: no --address; a dead pod refuses connections instead of ending the command.
import type { KObject, Pod } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { waitUntil } from './command';
import { KubectlError, toStatusError } from './client';
import { attachablePod } from './exec/exec';
import type { PortForwardSession } from './exec/pod-streams';

const HINT = "See 'kubectl port-forward -h' for help and examples";

interface ServicePort { name?: string; port: number; targetPort?: number | string; protocol?: string }

/** Maps the ports given for a service to the pod's ports (translateServicePortToTargetPort). */
function servicePortToTarget(spec: string, svc: KObject, pod: Pod): string {
  const [local, remote] = splitPort(spec);
  const remoteNum = Number(remote);
  const ports = ((svc.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []);
  const sp = Number.isInteger(remoteNum) && remote !== '' ? ports.find((p) => p.port === remoteNum) : ports.find((p) => p.name === remote);
  if (!sp) throw new KubectlError(`error: Service ${svc.metadata?.name ?? ''} does not have a service port ${remote}`);
  let target: number;
  if (typeof sp.targetPort === 'string') target = namedPort(pod, sp.targetPort);
  else target = sp.targetPort ?? sp.port;
  const l = local === undefined ? (remote === String(target) ? undefined : remote) : local;
  return l === undefined ? String(target) : `${l}:${target}`;
}

function namedPort(pod: Pod, name: string): number {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new KubectlError(`error: Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'`);
}

function splitPort(spec: string): [string | undefined, string] {
  const i = spec.indexOf(':');
  return i < 0 ? [undefined, spec] : [spec.slice(0, i), spec.slice(i + 1)];
}

let ephemeral = 0;

async function runPortForward(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length < 2) throw new KubectlError(`error: TYPE/NAME and list of ports are required for port-forward\n${HINT}`);
  const { pod, via } = attachablePod(inv.client, inv.namespace, args[0]!);
  let ports = args.slice(1);
  if (via?.r.kind === 'Service') ports = ports.map((p) => servicePortToTarget(p, via.obj, pod));
  const pairs: Array<{ local: number; remote: number; text: string }> = [];
  for (const p of ports) {
    let [local, remote] = splitPort(p);
    if (!/^\d+$/.test(remote)) remote = String(namedPort(pod, remote));
    if (local === '') local = String(32768 + ((ephemeral++ * 7919) % 28000));
    const l = Number(local ?? remote);
    const r = Number(remote);
    // strconv.ParseUint(s, 10, 16): digits beyond 65535 are out of range, anything else bad syntax
    const bad = (which: string, s: string) =>
      new KubectlError(`error: error parsing ${which} port '${s}': strconv.ParseUint: parsing ${JSON.stringify(s)}: ${/^\d+$/.test(s) ? 'value out of range' : 'invalid syntax'}`);
    if (!Number.isInteger(l) || l < 0 || l > 65535) throw bad('local', local ?? remote);
    if (!Number.isInteger(r) || r < 0 || r > 65535) throw bad('remote', remote);
    if (r === 0) throw new KubectlError('error: remote port must be > 0');
    pairs.push({ local: l, remote: r, text: p });
  }
  if (pod.status?.phase !== 'Running') throw new KubectlError(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`);
  const ns = pod.metadata?.namespace ?? inv.namespace;
  const res = inv.client.raw('POST', `/api/v1/namespaces/${ns}/pods/${pod.metadata?.name ?? ''}/portforward`, { accept: '*/*' });
  if (res.status !== 101) {
    if (typeof res.body === 'string') throw new KubectlError(`error: error upgrading connection: ${res.body}`);
    throw toStatusError(res);
  }
  const session = res.body as PortForwardSession;
  const stops: Array<() => void> = [];
  const failed: string[] = [];
  for (const p of pairs) {
    const stop = session.listen(inv.ctx.sys.hostname, p.local, p.remote, () => inv.out(`Handling connection for ${p.local}\n`));
    if (!stop) {
      inv.err(
        `Unable to listen on port ${p.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${p.local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${p.local}: bind: address already in use]\n`,
      );
      failed.push(`{${p.local} ${p.remote}}`);
      continue;
    }
    stops.push(stop);
    inv.out(`Forwarding from 127.0.0.1:${p.local} -> ${p.remote}\nForwarding from [::1]:${p.local} -> ${p.remote}\n`);
  }
  if (stops.length === 0) throw new KubectlError(`error: unable to listen on any of the requested ports: [${failed.join(' ')}]`);
  await waitUntil(inv.ctx, () => () => {
    for (const s of stops) s();
  });
  return 0;
}

export const portForwardCommand: SubCommand = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  usage: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    { name: 'address', type: 'stringSlice', def: ['localhost'], usage: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.' },
    { name: 'pod-running-timeout', type: 'duration', def: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  ],
  run: runPortForward,
};
