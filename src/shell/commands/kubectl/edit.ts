// `kubectl edit TYPE NAME` in the headless shell: like kubectl, writes the object as YAML
// (with its "Please edit the object below" header) to /tmp/kubectl-edit-<n>.yaml, then tries
// to launch $KUBE_EDITOR / $EDITOR / vi. No terminal editor exists here, so it ends as kubectl
// ends when the editor cannot run: `error: there was a problem with the editor "vi"`.
// Models kubectl/pkg/cmd/edit/edit.go and kubectl/pkg/cmd/util/editor/{editoptions,editor}.go.
// SIMPLIFICATION: the browser's editor tab (opening that file) is wired by the UI later; the
// temp file is left in place so it can be opened and applied by hand.
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';
import { visitObjects } from './mutate-util';
import { toYaml } from './yaml';

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
  throw new KubectlError(`error: there was a problem with the editor ${JSON.stringify(editor)}`);
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
