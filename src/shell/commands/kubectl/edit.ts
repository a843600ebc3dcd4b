// `kubectl edit TYPE NAME`: like kubectl, writes the object as YAML (with its "Please edit the
// object below" header) to /tmp/kubectl-edit-<n>.yaml and launches $KUBE_EDITOR / $EDITOR / vi
// on it. The browser playground's `vi` opens a YAML editor tab and returns when it is saved or
// closed; then the edit is compared and sent as a strategic merge patch (`deployment.apps/web
// edited`). Where no editor command exists (tests) it ends as kubectl does when the editor
// fails: `error: there was a problem with the editor "vi"`.
// Models kubectl/pkg/cmd/edit/edit.go and kubectl/pkg/cmd/util/editor/{editoptions,editor}.go.
// SIMPLIFICATION: an invalid edit is not reopened with the errors in its header: kubectl's final
// lines (`A copy of your changes has been stored to ...`) are printed at once; Lists are not patched.
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';
import { StatusError } from './client';
import { patchObject, printResult, visitObjects } from './mutate-util';
import { parseManifests, toYaml } from './yaml';
import type { KObject } from '../../../engine';
import { shellQuote } from '../../interpreter/signals';

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n#\n';

async function runEdit(inv: Invocation): Promise<number> {
  const objs = await visitObjects(inv, inv.flags.args, { cmd: 'edit', selectors: true });
  if (objs.length === 0) throw new KubectlError('error: no objects passed to edit');
  const strip = (o: (typeof objs)[number]['obj']) => {
    if (!o.metadata?.managedFields || inv.flags.bool('show-managed-fields')) return o;
    const { managedFields: _m, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  const body =
    objs.length === 1
      ? toYaml(strip(objs[0].obj))
      : toYaml({ apiVersion: 'v1', items: objs.map((v) => strip(v.obj)), kind: 'List', metadata: { resourceVersion: '' } });
  const fs = inv.ctx.fs;
  const name = `/tmp/kubectl-edit-${String(inv.ctx.sys.now() % 1e10).padStart(10, '0')}.yaml`;
  if (!fs.exists('/tmp')) fs.mkdir('/tmp', { recursive: true });
  fs.writeFile(name, HEADER + body);
  const editor = inv.ctx.env.get('KUBE_EDITOR') || inv.ctx.env.get('EDITOR') || 'vi';
  const problem = new KubectlError(`error: there was a problem with the editor ${JSON.stringify(editor)}`);
  // The editor runs as a command of the shell (the browser's vi opens an editor tab).
  const program = editor.trim().split(/\s+/)[0];
  const quiet = { write: () => {} };
  if ((await inv.ctx.run(`type ${shellQuote(program)}`, { stdout: quiet, stderr: quiet })) !== 0) throw problem;
  if ((await inv.ctx.run(`${editor} ${shellQuote(name)}`)) !== 0) throw problem;
  const edited = fs.exists(name) ? fs.readFile(name) : '';
  if (sameContent(HEADER + body, edited)) {
    fs.rm(name);
    inv.err('Edit cancelled, no changes made.\n');
    return 0;
  }
  if (stripComments(edited).trim() === '') {
    fs.rm(name);
    inv.err('Edit cancelled, saved file was empty.\n');
    return 0;
  }
  if (objs.length !== 1) throw preserved(name, 'error: Edit cancelled, no valid changes were saved.');
  const v = objs[0];
  let modified: KObject;
  try {
    const docs = parseManifests(stripComments(edited));
    if (docs.length !== 1 || typeof docs[0] !== 'object' || docs[0] === null) throw new Error('expected one object');
    modified = docs[0] as KObject;
  } catch {
    throw preserved(name, 'error: Edit cancelled, no valid changes were saved.');
  }
  if (modified.apiVersion !== v.obj.apiVersion || modified.kind !== v.obj.kind || modified.metadata?.name !== v.obj.metadata?.name) {
    throw preserved(name, 'error: At least one of apiVersion, kind and name was changed');
  }
  try {
    const res = patchObject(inv, { ...v, obj: strip(v.obj) }, modified, 'none', inv.flags.str('field-manager'));
    fs.rm(name);
    printResult(inv, v.r, res.obj, res.empty ? 'skipped' : 'edited', 'none');
    return 0;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    const res = `${v.r.plural}${v.r.group ? '.' + v.r.group : ''}`;
    inv.err(`error: ${res} ${JSON.stringify(v.name)} is invalid\n`);
    throw preserved(name, 'error: Edit cancelled, no valid changes were saved.');
  }
}

/** Lines whose first non-blank character is `#` dropped (kubectl's ManualStrip). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*#(?!!)/.test(l))
    .join('\n');
}

/** Same objects once comments are gone (kubectl compares the JSON of both). */
function sameContent(a: string, b: string): boolean {
  try {
    return JSON.stringify(parseManifests(stripComments(a))) === JSON.stringify(parseManifests(stripComments(b)));
  } catch {
    return stripComments(a) === stripComments(b);
  }
}

function preserved(file: string, message: string): KubectlError {
  return new KubectlError(`A copy of your changes has been stored to ${JSON.stringify(file)}\n${message}`);
}

export const editCommand: SubCommand = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-patch', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', def: 'strict', noOpt: 'strict' },
    { name: 'subresource', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-edit' },
  ],
  run: runEdit,
};
