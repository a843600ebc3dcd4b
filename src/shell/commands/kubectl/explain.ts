// `kubectl explain TYPE[.FIELD...] [--recursive] [--api-version=G/V]` (resource names and short
// names resolved through discovery to kinds, then the engine's OpenAPI v3 plaintext rendering)
// and `kubectl api-versions` (every group/version the server serves, sorted).
// Models kubectl/pkg/cmd/explain/explain.go and apiversions/apiversions.go.
// Leaves out: --output plaintext-openapiv2, CRDs (the schema has built-in kinds only).
import { explainSchema } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';

async function runExplain(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  if (args.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (args.length > 1) throw new KubectlError('error: We accept only this format: explain RESOURCE');
  const out = f.str('output');
  if (out !== 'plaintext' && out !== 'plaintext-openapiv2') throw new KubectlError(`error: unrecognized format: ${out}`);
  const parts = args[0].split('.');
  const disco = inv.client.discovery;
  let info = disco.find(parts[0]);
  let fields = parts.slice(1);
  // `deployments.apps.spec`: a group right after the resource is part of the resource.
  if (info && parts.length > 1 && info.group && parts[1] === info.group) fields = parts.slice(2);
  else if (!info && parts.length > 1) {
    info = disco.find(`${parts[0]}.${parts[1]}`);
    fields = parts.slice(2);
  }
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"`);
  let group = info.group;
  let version = info.version;
  const apiVersion = f.str('api-version');
  if (apiVersion) {
    const i = apiVersion.indexOf('/');
    group = i >= 0 ? apiVersion.slice(0, i) : '';
    version = i >= 0 ? apiVersion.slice(i + 1) : apiVersion;
    if (group === info.group && version !== info.version) {
      throw new KubectlError(`error: couldn't find resource for "${group}/${version}, Resource=${info.plural}"`);
    }
    if (group !== info.group) throw new KubectlError(`error: GVR (${group}/${version}, Resource=${info.plural}) not found in OpenAPI schema`);
  }
  const got = explainSchema(group ? `${group}/${version}` : version, info.kind, fields, { recursive: f.bool('recursive') });
  if (typeof got !== 'string') {
    // kubectl has printed the header before it walks the field path.
    inv.out(`${group ? `GROUP:      ${group}\n` : ''}KIND:       ${info.kind}\nVERSION:    ${version}\n\n`);
    throw new KubectlError(got.error);
  }
  inv.out(got);
  return 0;
}

export const explainCommand: SubCommand = {
  name: 'explain',
  short: 'Get documentation for a resource',
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string', def: 'plaintext' },
  ],
  run: runExplain,
};

async function runApiVersions(inv: Invocation): Promise<number> {
  if (inv.flags.args.length) throw new KubectlError(`error: unexpected arguments: [${inv.flags.args.join(' ')}]`);
  const core = inv.client.get('/api') as { versions?: string[] };
  const groups = inv.client.get('/apis') as { groups?: Array<{ name: string; versions: Array<{ groupVersion?: string; version: string }> }> };
  const all: string[] = [...(core.versions ?? [])];
  for (const g of groups.groups ?? []) for (const v of g.versions) all.push(v.groupVersion ?? `${g.name}/${v.version}`);
  all.sort();
  inv.out(all.map((v) => `${v}\n`).join(''));
  return 0;
}

export const apiVersionsCommand: SubCommand = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  usage: 'kubectl api-versions [options]',
  flags: [],
  run: runApiVersions,
};
