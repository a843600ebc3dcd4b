// `kubectl wait --for=condition=Ready[=true] | --for=delete | --for=jsonpath='{...}'=value
// (TYPE/NAME | TYPE NAME... | TYPE -l sel | TYPE --all) --timeout=30s`: checks the live objects,
// then watches them until the condition holds, printing `pod/x condition met` per object and
// `error: timed out waiting for the condition on pods/x` when time runs out (one line per object,
// as kubectl's aggregate error, when several fail); --for=create polls until named objects exist.
// Models kubectl/pkg/cmd/wait/{wait.go,condition.go,create.go,delete.go,json.go}.
// Leaves out: -f FILENAME, -o printers other than the default.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { waitUntil } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, errorText, groupResource, kindPrefix, toStatusError } from './client';
import { evalPath, parsePath } from './jsonpath';
import { resolveTargets } from './get';

type Check = (o: KObject) => boolean;

function conditionCheck(spec: string): Check {
  // condition=Name[=value], value defaults to true, compared case-insensitively
  const body = spec.slice('condition='.length);
  const eq = body.indexOf('=');
  const name = (eq >= 0 ? body.slice(0, eq) : body).toLowerCase();
  const want = (eq >= 0 ? body.slice(eq + 1) : 'true').toLowerCase();
  return (o) => {
    const conds = ((o.status as { conditions?: Array<{ type?: string; status?: string; observedGeneration?: number }> } | undefined)?.conditions ?? []);
    for (const c of conds) {
      if ((c.type ?? '').toLowerCase() !== name) continue;
      if (c.observedGeneration !== undefined && o.metadata?.generation !== undefined && c.observedGeneration < o.metadata.generation) continue;
      if ((c.status ?? '').toLowerCase() === want) return true;
    }
    return false;
  };
}

function jsonpathCheck(spec: string): Check {
  const body = spec.slice('jsonpath='.length);
  const close = body.lastIndexOf('}');
  let expr = body;
  let want: string | undefined;
  if (body.startsWith('{') && close > 0) {
    expr = body.slice(1, close);
    if (body[close + 1] === '=') want = body.slice(close + 2);
  } else {
    const eq = body.indexOf('=');
    if (eq >= 0) {
      expr = body.slice(0, eq);
      want = body.slice(eq + 1);
    }
  }
  const steps = parsePath(expr);
  return (o) => {
    const vals = evalPath(o, steps);
    if (want === undefined) return vals.length > 0;
    return vals.length === 1 && String(vals[0]) === want.replace(/^['"]|['"]$/g, '');
  };
}

interface Found { r: ResourceInfo; obj: KObject }

/** What kubectl's resource builder yields, in argument order, with ContinueOnError semantics. */
function findObjects(inv: Invocation, ns: string | undefined): { found: Array<Found | Error>; errors: Error[] } {
  const f = inv.flags;
  const found: Array<Found | Error> = [];
  const errors: Error[] = [];
  for (const t of resolveTargets(inv.client, f.args, 'wait')) {
    if (t.names.length) {
      for (const name of t.names) {
        const res = inv.client.raw('GET', inv.client.path(t.r, ns, name));
        if (res.status >= 300) { const e = toStatusError(res); errors.push(e); found.push(e); }
        else found.push({ r: t.r, obj: res.body as KObject });
      }
      continue;
    }
    const list = inv.client.get(inv.client.path(t.r, ns), { query: { labelSelector: f.str('selector') || undefined, fieldSelector: f.str('field-selector') || undefined } }) as { items?: KObject[] };
    for (const o of list.items ?? []) found.push({ r: t.r, obj: o });
  }
  return { found, errors };
}

const isNotFound = (e: Error): boolean => e instanceof StatusError && e.reason === 'NotFound';

/** kubectl's aggregate error: one error prints as usual; several print one per line, plain ones without `error: `. */
function aggregate(errors: Error[]): KubectlError {
  if (errors.length === 1) return new KubectlError(errorText(errors[0]));
  return new KubectlError(errors.map((e) => (e instanceof StatusError ? errorText(e) : e.message + '\n')).join(''));
}

async function runWait(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const forSpec = f.str('for');
  if (!forSpec) throw new KubectlError('error: --for must be set');
  let check: Check | 'delete' | 'create';
  const lower = forSpec.toLowerCase();
  if (lower === 'delete') check = 'delete';
  else if (lower === 'create') check = 'create';
  else if (forSpec.startsWith('condition=')) check = conditionCheck(forSpec);
  else if (forSpec.startsWith('jsonpath=')) check = jsonpathCheck(forSpec);
  else throw new KubectlError(`error: unrecognized condition: "${forSpec}"`);
  const timeout = f.changed('timeout') ? f.ms('timeout') : 30000;
  if (f.args.length === 0) {
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const ns = f.bool('all-namespaces') ? undefined : inv.namespace;
  const targets = resolveTargets(inv.client, f.args, 'wait');
  if (targets.some((t) => t.names.length === 0) && !f.str('selector') && !f.bool('all') && !f.str('field-selector')) {
    throw new KubectlError('error: resource(s) were provided, but no name was specified');
  }
  // One deadline for the whole command, the create poll included.
  const deadline = inv.ctx.sys.now() + timeout;
  if (check === 'create') {
    // Polls every 500ms (first at once) until the builder's visit stops failing with a lone NotFound;
    // several missing objects make an aggregate error, which ends the wait at once.
    for (;;) {
      const { errors } = findObjects(inv, ns);
      if (errors.length === 0) break;
      if (errors.length > 1 || !isNotFound(errors[0])) throw aggregate(errors);
      const left = deadline - inv.ctx.sys.now();
      if (left <= 0) throw new KubectlError('error: timed out waiting for the condition');
      await inv.ctx.sys.sleep(Math.min(500, left), inv.ctx.interrupt);
      if (inv.ctx.interrupt.aborted) return 130;
    }
  }
  const { found } = findObjects(inv, ns);
  const failures: Error[] = [];
  let visited = 0;
  for (const item of found) {
    if (item instanceof Error) {
      if (check !== 'delete' || !isNotFound(item)) failures.push(item);
      continue;
    }
    visited++;
    const { r, obj } = item;
    const name = obj.metadata?.name ?? '';
    const label = `${kindPrefix(r)}/${name}`;
    if (check === 'create') {
      inv.out(`${label} condition met\n`);
      continue;
    }
    const met = check === 'delete' ? () => false : check;
    if (check !== 'delete' && met(obj)) {
      inv.out(`${label} condition met\n`);
      continue;
    }
    const remaining = deadline - inv.ctx.sys.now();
    let ok = false;
    let gone = false;
    if (remaining > 0) {
      const res = inv.client.call('GET', inv.client.path(r, obj.metadata?.namespace ?? ns), {
        query: { watch: 'true', fieldSelector: `metadata.name=${name}`, resourceVersion: obj.metadata?.resourceVersion },
      });
      const w = res.watch;
      if (w) {
        const interrupted = await waitUntil(inv.ctx, (done) => {
          void inv.ctx.sys.sleep(remaining, inv.ctx.interrupt).then(done);
          w.onEvent((ev) => {
            if (ev.type === 'DELETED' || (obj.metadata?.uid && ev.object.metadata?.uid !== obj.metadata.uid)) {
              gone = true;
              if (check === 'delete') ok = true;
              done();
            } else if (check !== 'delete' && met(ev.object)) {
              ok = true;
              done();
            }
          });
          return () => w.stop();
        });
        if (interrupted) return 130;
      }
    }
    if (ok) {
      inv.out(`${label} condition met\n`);
      continue;
    }
    if (gone) failures.push(new Error(`${groupResource(r)} "${name}" not found`));
    else failures.push(new Error(`timed out waiting for the condition on ${groupResource(r)}/${name}`));
  }
  if (failures.length > 0) throw aggregate(failures);
  if (visited === 0 && check !== 'delete') throw new KubectlError('error: no matching resources found');
  return 0;
}

export const waitCommand: SubCommand = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'duration', def: '30s' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: runWait,
};
