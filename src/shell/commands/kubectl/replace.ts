// `kubectl replace -f FILE [--force]`: PUTs each manifest (`configmap/cm1 replaced`); with
// --force, deletes the live object, waits until it is gone and creates it again
// (`pod "x" deleted` then `pod/x replaced`). Errors as kubectl prints them
// (`error when replacing "f.yaml": ...`).
// Models kubectl/pkg/cmd/replace/replace.go.
// Leaves out: --save-config, --subresource, --raw, -k, --cascade choices other than background.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError, StatusError, errorText, kindPrefix } from './client';
import { mapManifest, readManifests } from './apply';
import { printResult } from './mutate-util';

async function runReplace(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const files = f.list('filename');
  if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k');
  const dry = dryRunOf(f);
  const force = f.bool('force');
  if (force && dry !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set');
  const manifests = await readManifests(inv, files, f.bool('recursive'));
  if (manifests.length === 0) throw new KubectlError('error: no objects passed to replace');
  const errors: string[] = [];
  for (const m of manifests) {
    try {
      const { r, ns, name, obj, source } = mapManifest(inv, m);
      if (force) {
        const del = inv.client.raw('DELETE', inv.client.path(r, ns, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
        if (del.status < 300) {
          inv.out(`${kindPrefix(r)} "${name}" deleted\n`);
          // Wait for the object to be gone (replace.go forceReplace polls until NotFound).
          const timeout = f.ms('timeout') > 0 ? f.ms('timeout') : 5 * 60_000;
          let waited = 0;
          while (inv.client.raw('GET', inv.client.path(r, ns, name)).status !== 404) {
            if (waited >= timeout || inv.ctx.interrupt.aborted) throw new KubectlError('error: timed out waiting for the condition');
            await inv.ctx.sys.sleep(1000, inv.ctx.interrupt);
            waited += 1000;
          }
        } else if (del.status !== 404) throw new StatusError(del.body as StatusError['status'], del.status);
        const body = { ...obj, metadata: { ...(obj.metadata ?? {}) } };
        delete body.metadata.resourceVersion;
        const res = inv.client.raw('POST', inv.client.path(r, ns), { body, query: { fieldManager: 'kubectl-replace' } });
        if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status).withSource('creating', source);
        printResult(inv, r, res.body as KObject, 'replaced', dry);
        continue;
      }
      if (dry === 'client') {
        printResult(inv, r, obj, 'replaced', dry);
        continue;
      }
      const res = inv.client.raw('PUT', inv.client.path(r, ns, name), {
        body: obj,
        query: { fieldManager: 'kubectl-replace', dryRun: dry === 'server' ? 'All' : undefined },
      });
      if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status).withSource('replacing', source);
      printResult(inv, r, res.body as KObject, 'replaced', dry);
    } catch (e) {
      if (e instanceof KubectlError || e instanceof StatusError) errors.push(errorText(e));
      else throw e;
    }
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

export const replaceCommand: SubCommand = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  usage: 'kubectl replace -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', def: -1 },
    { name: 'timeout', type: 'duration', def: '0s' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string', def: 'background', noOpt: 'background' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', def: 'strict', noOpt: 'strict' },
    { name: 'field-manager', type: 'string', def: 'kubectl-replace' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runReplace,
};
