// `kubectl diff -f FILE`: for each manifest, the live object and what `apply` would make of it
// (a server-side dry run of the client-side apply patch, or of the create), both as YAML
// without managedFields and the last-applied annotation, compared like `diff -u -N LIVE MERGED`;
// exit 1 when something differs, 0 when nothing does.
// Models kubectl/pkg/cmd/diff/diff.go. SIMPLIFICATION: the temp directory suffixes and file
// times come from the virtual clock; KUBECTL_EXTERNAL_DIFF, --server-side and --prune are left out.
import type { Json, KObject } from '../../../engine';
import { createThreeWayMergePatch, rfc3339 } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { KubectlError, StatusError, toStatusError } from './client';
import { LAST_APPLIED, mapManifest, readManifests } from './apply';
import { toGoJsonCompact, toYaml } from './yaml';

/** Unified diff of two texts with 3 lines of context, as GNU `diff -u` prints hunks. */
export function unifiedDiff(a: string, b: string): string {
  const x = a === '' ? [] : a.replace(/\n$/, '').split('\n');
  const y = b === '' ? [] : b.replace(/\n$/, '').split('\n');
  const n = x.length;
  const m = y.length;
  // LCS table from the end (files here are a few hundred lines).
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  type Op = { t: ' ' | '-' | '+'; s: string; i: number; j: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: ' ', s: x[i], i: i++, j: j++ });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ t: '-', s: x[i], i: i++, j });
    else ops.push({ t: '+', s: y[j], i, j: j++ });
  }
  const out: string[] = [];
  const C = 3;
  const changed: number[] = [];
  ops.forEach((o, idx) => {
    if (o.t !== ' ') changed.push(idx);
  });
  let g = 0;
  while (g < changed.length) {
    // A hunk joins changes separated by at most 2*C unchanged lines.
    let last = g;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] - 1 <= 2 * C) last++;
    const start = Math.max(0, changed[g] - C);
    const end = Math.min(ops.length, changed[last] + C + 1);
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    const aStart = aLen ? hunk[0].i + 1 : hunk[0].i;
    const bStart = bLen ? hunk[0].j + 1 : hunk[0].j;
    const range = (st: number, l: number) => (l === 1 ? `${st}` : `${st},${l}`);
    out.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    for (const o of hunk) out.push(`${o.t}${o.s}`);
    g = last + 1;
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function forDiff(o: KObject | undefined): string {
  if (!o) return '';
  const c = JSON.parse(JSON.stringify(o)) as KObject;
  if (c.metadata) {
    delete c.metadata.managedFields;
    if (c.metadata.annotations) delete c.metadata.annotations[LAST_APPLIED];
  }
  return toYaml(c);
}

/** `2026-11-22 09:05:00.000000000 +0000`, as diff prints file times. */
function fileTime(ms: number): string {
  return `${rfc3339(ms).replace('T', ' ').replace('Z', '')}.${String(ms % 1000).padStart(3, '0')}000000 +0000`;
}

async function runDiff(inv: Invocation): Promise<number> {
  const files = inv.flags.list('filename');
  if (files.length === 0) throw new KubectlError('error: must specify one of -f and -k', 2);
  const manifests = await readManifests(inv, files, inv.flags.bool('recursive'));
  const now = inv.ctx.sys.now();
  const liveDir = `/tmp/LIVE-${String(now % 4294967296).padStart(9, '0')}`;
  const mergedDir = `/tmp/MERGED-${String((now * 7 + 1) % 4294967296).padStart(9, '0')}`;
  let text = '';
  for (const m of manifests) {
    const { r, ns, name, obj } = mapManifest(inv, m);
    const desired = JSON.parse(JSON.stringify(obj)) as KObject;
    const copy = JSON.parse(JSON.stringify(obj)) as KObject;
    if (copy.metadata?.annotations) delete copy.metadata.annotations[LAST_APPLIED];
    desired.metadata = { ...(desired.metadata ?? {}), annotations: { ...(desired.metadata?.annotations ?? {}), [LAST_APPLIED]: toGoJsonCompact(copy) + '\n' } };
    const liveRes = inv.client.raw('GET', inv.client.path(r, ns, name));
    let live: KObject | undefined;
    let merged: KObject;
    const dry = { fieldManager: 'kubectl-client-side-apply', dryRun: 'All' };
    if (liveRes.status === 404) {
      const res = inv.client.raw('POST', inv.client.path(r, ns), { body: obj, query: dry });
      if (res.status >= 300) throw toStatusError(res);
      merged = res.body as KObject;
    } else {
      if (liveRes.status >= 300) throw toStatusError(liveRes);
      live = liveRes.body as KObject;
      const last = live.metadata?.annotations?.[LAST_APPLIED];
      let original: Json | null = null;
      try {
        original = last ? (JSON.parse(last) as Json) : null;
      } catch {
        original = null;
      }
      const patch = createThreeWayMergePatch(original, desired as unknown as Json, live as unknown as Json, r.kind);
      const res = inv.client.raw('PATCH', inv.client.path(r, ns, name), { body: patch, contentType: 'application/strategic-merge-patch+json', query: dry });
      if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status);
      merged = res.body as KObject;
    }
    const file = `${r.group ? `${r.group}.` : ''}${r.version}.${r.kind}.${ns ? `${ns}.` : ''}${name}`;
    const body = unifiedDiff(forDiff(live), forDiff(merged));
    if (!body) continue;
    const t = fileTime(now);
    text += `diff -u -N ${liveDir}/${file} ${mergedDir}/${file}\n--- ${liveDir}/${file}\t${t}\n+++ ${mergedDir}/${file}\t${t}\n${body}`;
  }
  inv.out(text);
  return text ? 1 : 0;
}

export const diffCommand: SubCommand = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  usage: 'kubectl diff -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-client-side-apply' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'concurrency', type: 'int', def: 1 },
  ],
  run: runDiff,
};
