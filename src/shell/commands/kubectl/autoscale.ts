// `kubectl autoscale (-f FILE | TYPE NAME) --max=N [--min=N] [--cpu-percent=N] [--name]`:
// builds an autoscaling/v1 HorizontalPodAutoscaler for a scalable object and creates it through
// autoscaling/v1, as kubectl v1.32's AutoscalingV1 client does
// (`horizontalpodautoscaler.autoscaling/web autoscaled`); a server without the group answers 404.
// Models kubectl/pkg/cmd/autoscale/autoscale.go (v1.32).
// Leaves out: --record, --save-config.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, groupVersion, toStatusError } from './client';
import { printResult, visitObjects } from './mutate-util';

const HPA: ResourceInfo = {
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  verbs: [],
  categories: [],
};

async function runAutoscale(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (!f.changed('max')) throw new KubectlError('error: required flag(s) "max" not set');
  const max = f.int('max');
  const min = f.int('min');
  if (max < 1) throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dry = dryRunOf(f);
  const objs = await visitObjects(inv, f.args, { cmd: 'autoscale' });
  for (const v of objs) {
    if (!['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'].includes(String(v.obj.kind))) {
      throw new KubectlError(`error: cannot autoscale a ${v.obj.kind}: could not find scale subresource for ${v.r.group}/${v.r.version}, Resource=${v.r.plural} in discovery information`);
    }
    const spec: Record<string, unknown> = { maxReplicas: max };
    if (min >= 0) spec.minReplicas = min;
    spec.scaleTargetRef = { apiVersion: groupVersion(v.r), kind: v.obj.kind, name: v.name };
    if (f.int('cpu-percent') >= 0) spec.targetCPUUtilizationPercentage = f.int('cpu-percent');
    let name = f.str('name') || v.name;
    if (name.length > 63) name = name.slice(0, 63);
    const hpa = {
      kind: 'HorizontalPodAutoscaler',
      apiVersion: 'autoscaling/v1',
      metadata: { name, creationTimestamp: null },
      spec,
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as unknown as KObject;
    // The typed autoscaling/v1 client: always that version, whatever discovery prefers.
    const r = HPA;
    if (dry === 'client') {
      printResult(inv, r, hpa, 'autoscaled', dry);
      continue;
    }
    const res = inv.client.raw('POST', inv.client.path(r, inv.namespace), { body: hpa, query: { fieldManager: 'kubectl-autoscale', dryRun: dry === 'server' ? 'All' : undefined } });
    if (res.status >= 300) {
      const b = res.body as StatusError['status'] | undefined;
      // A path the server does not serve: client-go's generic NotFound for the request.
      if (res.status === 404 && !(b && typeof b === 'object' && b.details?.name)) {
        throw new StatusError({ reason: 'NotFound', message: 'the server could not find the requested resource', code: 404 }, 404);
      }
      throw toStatusError(res);
    }
    printResult(inv, r, res.body as KObject, 'autoscaled', dry);
  }
  return 0;
}

export const autoscaleCommand: SubCommand = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: [
    { name: 'max', type: 'int', def: -1 },
    { name: 'min', type: 'int', def: -1 },
    { name: 'cpu-percent', type: 'int', def: -1 },
    { name: 'name', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-autoscale' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runAutoscale,
};
