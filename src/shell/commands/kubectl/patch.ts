// `kubectl patch (-f FILE | TYPE NAME) -p PATCH [--type strategic|merge|json]`: the patch text
// (JSON or YAML) is sent as-is to the server; `patched`, `patched (no change)`, client dry runs
// applied locally, `-o`, and kubectl's flag errors.
// Models kubectl/pkg/cmd/patch/patch.go.
// Leaves out: --local, --subresource, --patch-file from outside the virtual filesystem.
import type { Json, KObject } from '../../../engine';
import { PatchError, applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError, StatusError, errorText } from './client';
import { printResult, visitObjects } from './mutate-util';
import { YamlInputError, parseManifests } from './yaml';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** YAML or JSON patch text → JSON value (yaml.ToJSON). */
function parsePatch(text: string): Json {
  try {
    const docs = parseManifests(text);
    return (docs[0] ?? null) as Json;
  } catch (e) {
    if (e instanceof YamlInputError) throw new KubectlError(`error: unable to parse "${text}": ${e.message}`);
    throw e;
  }
}

async function runPatch(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const type = f.str('type') || 'strategic';
  if (!CONTENT_TYPES[type]) throw new KubectlError(`error: --type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
  let text = f.str('patch');
  if (!text && f.str('patch-file')) {
    const p = inv.ctx.fs.resolve(f.str('patch-file'), inv.ctx.cwd);
    if (!inv.ctx.fs.exists(p)) throw new KubectlError(`error: unable to read patch file: open ${f.str('patch-file')}: no such file or directory`);
    text = inv.ctx.fs.readFile(p);
  }
  if (!text) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch');
  const patch = parsePatch(text);
  const dry = dryRunOf(f);
  const objs = await visitObjects(inv, f.args, { cmd: 'patch' });
  const errors: string[] = [];
  for (const v of objs) {
    const before = JSON.stringify(v.obj);
    let after: KObject;
    if (dry === 'client') {
      try {
        const cur = v.obj as unknown as Json;
        after = (type === 'json' ? applyJsonPatch(cur, patch) : type === 'merge' ? applyMergePatch(cur, patch) : applyStrategicMergePatch(cur, patch, v.r.kind)) as unknown as KObject;
      } catch (e) {
        if (e instanceof PatchError) {
          errors.push(errorText(new KubectlError(`error: ${e.message}`)));
          continue;
        }
        throw e;
      }
      // kubectl's local dry run prints the plain verb.
      printResult(inv, v.r, after, 'patched', 'none');
      continue;
    }
    const res = inv.client.raw('PATCH', inv.client.path(v.r, v.ns, v.name), {
      // The YAML/JSON text goes over the wire as JSON (yaml.ToJSON), whatever value it holds.
      body: JSON.stringify(patch),
      contentType: CONTENT_TYPES[type],
      query: { fieldManager: 'kubectl-patch', dryRun: dry === 'server' ? 'All' : undefined },
    });
    if (res.status >= 300) {
      const st = new StatusError(res.body as StatusError['status'], res.status);
      // An Invalid Status without causes reads "The request is invalid: ..." (StandardErrorMessage).
      if (st.reason === 'Invalid' && !st.status.details?.causes?.length) errors.push(`The request is invalid: ${st.status.message ?? ''}\n`);
      else errors.push(errorText(st));
      continue;
    }
    after = res.body as KObject;
    const changed = JSON.stringify(after) !== before;
    printResult(inv, v.r, after, changed ? 'patched' : 'patched (no change)', dry);
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

export const patchCommand: SubCommand = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', def: 'strategic' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'field-manager', type: 'string', def: 'kubectl-patch' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runPatch,
};
