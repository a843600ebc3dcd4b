// `kubectl run NAME --image=IMG [--restart] [--labels] [--env] [--port] [--command] [-- args]`:
// builds the Pod exactly as kubectl's generator does (label run=NAME, dnsPolicy ClusterFirst,
// args vs command), supports --dry-run=client|server and -o.
// Models kubectl/pkg/cmd/run/run.go and kubectl/pkg/generate/versioned/run.go (BasicPod).
// --expose creates the ClusterIP Service first (run.go generateService).
// Leaves out: -i/-t/--rm/--attach (no interactive containers yet), --overrides.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, dryRunSuffix } from './command';
import { KubectlError, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { toGoJson } from './yaml';

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

async function runRun(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const dash = f.p.argsLenAtDash;
  const name = args[0];
  if (!name || dash === 0) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = f.str('image');
  if (!image) throw new KubectlError('error: --image is required');
  const restart = f.str('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples`);
  if (f.bool('stdin') || f.bool('tty') || f.bool('rm') || f.bool('attach')) {
    throw new KubectlError('error: attaching to containers (-i, -t, --rm, --attach) is not supported in this playground yet');
  }
  const expose = f.bool('expose');
  if (expose && (!f.changed('port') || f.str('port') === '')) throw new KubectlError("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples");
  const rest = args.slice(1);
  const labels = f.str('labels') ? parseLabels(f.str('labels')) : { run: name };
  // Field order of corev1.Container (what -o json of a client-side object shows).
  const container: Record<string, unknown> = { name, image };
  if (rest.length) {
    if (f.bool('command')) container.command = rest;
    else container.args = rest;
  }
  if (f.changed('port') && f.str('port') !== '') container.ports = [{ containerPort: Number(f.str('port')) }];
  const env = f.list('env');
  if (env.length) {
    container.env = env.map((e) => {
      const eq = e.indexOf('=');
      if (eq < 0) throw new KubectlError(`error: invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  }
  container.resources = {};
  if (f.str('image-pull-policy')) container.imagePullPolicy = f.str('image-pull-policy');
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KObject;
  const dry = dryRunOf(f);
  const r = inv.client.discovery.mustFind('pods');
  const out = f.str('output') ? parseOutput(f.str('output')) : undefined;
  if (expose) {
    // --expose: the service generator (ServiceGeneratorV2) runs first and prints its object.
    const port = Number(f.str('port'));
    const svc = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name, creationTimestamp: null, ...(f.str('labels') ? { labels } : {}) },
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: labels },
      status: { loadBalancer: {} },
    } as unknown as KObject;
    const sr = inv.client.discovery.mustFind('services');
    if (dry === 'client') {
      if (out && out.kind === 'json') inv.out(toGoJson(svc, '    ', '', false) + '\n');
      else if (out) printObjects(inv, [{ r: sr, obj: svc }], out, true);
      else inv.out(`service/${name} created (dry run)\n`);
    } else {
      const createdSvc = inv.client.call('POST', inv.client.path(sr, inv.namespace), {
        body: svc,
        query: { fieldManager: 'kubectl-run', dryRun: dry === 'server' ? 'All' : undefined },
      }).body as KObject;
      if (out) printObjects(inv, [{ r: sr, obj: withTypeMeta(sr, createdSvc) }], out, true);
      else inv.out(`service/${name} created${dryRunSuffix(dry)}\n`);
    }
  }
  // kubectl v1.32 separates the pod from the service with two document markers.
  if (expose && out?.kind === 'yaml') inv.out('---\n---\n');
  if (dry === 'client') {
    if (out && out.kind === 'json') inv.out(toGoJson(pod, '    ', '', false) + '\n');
    else if (out) printObjects(inv, [{ r, obj: pod }], out, true);
    else inv.out(`pod/${name} created (dry run)\n`);
    return 0;
  }
  const created = inv.client.call('POST', inv.client.path(r, inv.namespace), {
    body: pod,
    query: { fieldManager: 'kubectl-run', dryRun: dry === 'server' ? 'All' : undefined },
  }).body as KObject;
  if (out) printObjects(inv, [{ r, obj: withTypeMeta(r, created) }], out, true);
  else inv.out(`${kindPrefix(r)}/${name} created${dryRunSuffix(dry)}\n`);
  return 0;
}

export const runCommand: SubCommand = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string', def: 'Always' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'port', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'expose', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runRun,
};
