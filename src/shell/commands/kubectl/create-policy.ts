// `kubectl create role|clusterrole|rolebinding|clusterrolebinding|quota|priorityclass|
// poddisruptionbudget|token`: the objects kubectl builds client-side (rules grouped by API group
// through discovery, subjects, hard limits, min-available/max-unavailable), `--dry-run`, `-o`,
// `<kind>/<name> created` and kubectl's validation errors and warnings.
// Models kubectl/pkg/cmd/create/{create_role.go,create_clusterrole.go,create_rolebinding.go,
// create_clusterrolebinding.go,create_quota.go,create_priorityclass.go,create_pdb.go,create_token.go}.
// Leaves out: --save-config annotations, token --bound-object-* validation against the server.
import type { KObject } from '../../../engine';
import { SelectorError, parseLabelSelector, parseQuantity, quantityToString } from '../../../engine';
import type { Invocation } from './command';
import { dryRunOf, dryRunSuffix } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { exactlyOneName } from './mutate-util';
import { requiredFlagsError } from './cobra-errors';
import { toGoJson } from './yaml';

export const CREATE_POLICY_FLAGS = [
  { name: 'verb', type: 'stringSlice' as const },
  { name: 'resource', type: 'stringSlice' as const },
  { name: 'resource-name', type: 'stringArray' as const },
  { name: 'non-resource-url', type: 'stringSlice' as const },
  // SIMPLIFICATION: a mapStringString flag parsed here (pflag parses it while reading flags).
  { name: 'aggregation-rule', type: 'stringArray' as const },
  { name: 'role', type: 'string' as const },
  { name: 'clusterrole', type: 'string' as const },
  { name: 'user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
  { name: 'hard', type: 'string' as const },
  { name: 'scopes', type: 'string' as const },
  { name: 'value', type: 'int' as const, def: 0 },
  { name: 'global-default', type: 'bool' as const },
  { name: 'description', type: 'string' as const },
  { name: 'preemption-policy', type: 'string' as const, def: 'PreemptLowerPriority' },
  { name: 'min-available', type: 'string' as const },
  { name: 'max-unavailable', type: 'string' as const },
  { name: 'audience', type: 'stringArray' as const },
  { name: 'duration', type: 'duration' as const, def: '0s' },
  { name: 'bound-object-kind', type: 'string' as const },
  { name: 'bound-object-name', type: 'string' as const },
  { name: 'bound-object-uid', type: 'string' as const },
];

const RBAC = 'rbac.authorization.k8s.io';

function fallback(group: string, kind: string, plural: string, namespaced: boolean, shortNames: string[] = []): ResourceInfo {
  return { group, version: 'v1', kind, plural, singular: kind.toLowerCase(), shortNames, namespaced, verbs: [], categories: [] };
}

function statusOf(res: { status: number; body?: unknown }): StatusError {
  const body = res.body as StatusError['status'] | string;
  return body && typeof body === 'object' && body.kind === 'Status'
    ? new StatusError(body, res.status)
    : new StatusError({ message: 'the server could not find the requested resource', reason: 'NotFound', code: res.status }, res.status);
}

/** POSTs (unless --dry-run=client) and prints `kind/name created` or the -o output. */
function send(inv: Invocation, r: ResourceInfo, obj: KObject): number {
  const dry = dryRunOf(inv.flags);
  // an explicit -n (EnforceNamespace) is written into a namespaced object
  if (r.namespaced && inv.explicitNamespace && obj.metadata) {
    const { name, ...rest } = obj.metadata;
    obj.metadata = { name, namespace: inv.namespace, ...rest }; // ObjectMeta field order
  }
  let result = obj;
  if (dry !== 'client') {
    const res = inv.client.raw('POST', inv.client.path(r, r.namespaced ? inv.namespace : undefined), {
      body: obj,
      query: { fieldManager: 'kubectl-create', dryRun: dry === 'server' ? 'All' : undefined },
    });
    if (res.status >= 300) throw statusOf(res);
    result = withTypeMeta(r, res.body as KObject);
  }
  const o = inv.flags.str('output');
  const out = o || inv.flags.str('template') ? parseOutput(o, inv) : undefined;
  if (out && out.kind === 'json' && dry === 'client') inv.out(toGoJson(result, '    ', '', false) + '\n');
  else if (out) printObjects(inv, [{ r, obj: result }], out, true);
  else inv.out(`${kindPrefix(r)}/${obj.metadata?.name ?? ''} created${dryRunSuffix(dry)}\n`);
  return 0;
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

// ------------------------------------------------------------------ role / clusterrole

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const SPECIAL_VERBS: Record<string, Array<[string, string]>> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  escalate: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras']],
};

interface ResourceOpt {
  group: string;
  resource: string;
  sub: string;
}

interface RuleOpts {
  name: string;
  verbs: string[];
  resources: ResourceOpt[];
  resourceNames: string[];
}

function ruleOpts(inv: Invocation, args: string[], cmd: string): RuleOpts {
  if (args.length !== 1) throw exactlyOneName(args.length, cmd);
  const f = inv.flags;
  let verbs: string[] = [];
  for (const v of f.list('verb')) {
    if (v === '*') {
      verbs = ['*'];
      break;
    }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources: ResourceOpt[] = [];
  for (const r of f.list('resource')) {
    const slash = r.indexOf('/');
    const head = slash >= 0 ? r.slice(0, slash) : r;
    const dot = head.indexOf('.');
    const opt = { resource: dot >= 0 ? head.slice(0, dot) : head, group: dot >= 0 ? head.slice(dot + 1) : '', sub: slash >= 0 ? r.slice(slash + 1) : '' };
    if (opt.resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, opt);
      break;
    }
    resources.push(opt);
  }
  return { name: args[0], verbs, resources, resourceNames: uniq(f.list('resource-name')) };
}

/** mapper.ResourceFor on a partial group/resource: the served resource, or undefined. */
function resourceFor(inv: Invocation, r: ResourceOpt): ResourceInfo | undefined {
  const found = inv.client.discovery.find(r.group ? `${r.resource}.${r.group}` : r.resource);
  return found && (!r.group || found.group === r.group) ? found : undefined;
}

function warnVerbs(inv: Invocation, verbs: string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) inv.err(`Warning: '${v}' is not a standard resource verb\n`);
}

function validateResources(inv: Invocation, o: RuleOpts): void {
  for (const r of o.resources) {
    if (!r.resource) throw new KubectlError('error: resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const found = resourceFor(inv, r);
    const gr: [string, string] = found ? [found.group, found.plural] : [r.group, r.resource];
    for (const v of o.verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (allowed && !allowed.some(([g, res]) => g === gr[0] && res === gr[1])) {
        throw new KubectlError(`error: can not perform '${v}' on '${gr[1]}' in group '${gr[0]}'`);
      }
    }
    // a special verb that matched clears the mapper's error
    if (!found && !o.verbs.some((v) => SPECIAL_VERBS[v])) {
      throw new KubectlError(`the server doesn't have a resource type "${r.resource}"${r.group ? ` in group "${r.group}"` : ''}`);
    }
  }
}

/** generateResourcePolicyRules: one rule per API group (sorted), then the non-resource URLs. */
function policyRules(inv: Invocation, o: RuleOpts, nonResourceURLs: string[]): Array<Record<string, unknown>> {
  const byGroup = new Map<string, string[]>();
  for (const r of o.resources) {
    const found = resourceFor(inv, r);
    const group = found ? found.group : r.group;
    const res = (found ? found.plural : r.resource) + (r.sub ? `/${r.sub}` : '');
    const list = byGroup.get(group) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(group, list);
  }
  const rules: Array<Record<string, unknown>> = [];
  for (const g of [...byGroup.keys()].sort()) {
    const rule: Record<string, unknown> = { verbs: o.verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (o.resourceNames.length) rule.resourceNames = o.resourceNames;
    rules.push(rule);
  }
  if (nonResourceURLs.length) rules.push({ verbs: o.verbs, nonResourceURLs });
  return rules;
}

function createRole(inv: Invocation, args: string[]): number {
  const o = ruleOpts(inv, args, 'create role');
  if (o.verbs.length === 0) throw new KubectlError('error: at least one verb must be specified');
  warnVerbs(inv, o.verbs);
  if (o.resources.length === 0) throw new KubectlError('error: at least one resource must be specified');
  validateResources(inv, o);
  const obj = { kind: 'Role', apiVersion: `${RBAC}/v1`, metadata: { name: o.name, creationTimestamp: null }, rules: policyRules(inv, o, []) } as unknown as KObject;
  return send(inv, inv.client.discovery.find(`roles.${RBAC}`) ?? fallback(RBAC, 'Role', 'roles', true), obj);
}

/** cliflag.MapStringString: comma-separated key=value pairs, later keys win. */
function aggregationRule(inv: Invocation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of inv.flags.list('aggregation-rule')) {
    for (const pair of raw.split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 0) {
        throw new KubectlError(
          `Error: invalid argument ${JSON.stringify(raw)} for "--aggregation-rule" flag: malformed pair, expect string=string\nSee 'kubectl create clusterrole --help' for usage.`,
        );
      }
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return out;
}

function createClusterRole(inv: Invocation, args: string[]): number {
  const agg = aggregationRule(inv);
  const urls = uniq(inv.flags.list('non-resource-url'));
  const o = ruleOpts(inv, args, 'create clusterrole');
  const metadata = { name: o.name, creationTimestamp: null };
  const r = inv.client.discovery.find(`clusterroles.${RBAC}`) ?? fallback(RBAC, 'ClusterRole', 'clusterroles', false);
  if (Object.keys(agg).length) {
    if (urls.length || o.verbs.length || o.resources.length || o.resourceNames.length) {
      throw new KubectlError('error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    const obj = { kind: 'ClusterRole', apiVersion: `${RBAC}/v1`, metadata, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: agg }] } };
    return send(inv, r, obj as unknown as KObject);
  }
  if (o.verbs.length === 0) throw new KubectlError('error: at least one verb must be specified');
  if (o.resources.length === 0 && urls.length === 0) throw new KubectlError('error: one of resource or nonResourceURL must be specified');
  if (o.resources.length) {
    warnVerbs(inv, o.verbs);
    validateResources(inv, o);
  }
  if (urls.length) {
    for (const v of o.verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new KubectlError(`error: invalid verb: '${v}' for nonResourceURL`);
    for (const u of urls) {
      if (u === '*') continue;
      if (!u.startsWith('/')) throw new KubectlError('error: nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*')) throw new KubectlError("error: nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
  const obj = { kind: 'ClusterRole', apiVersion: `${RBAC}/v1`, metadata, rules: policyRules(inv, o, urls) };
  return send(inv, r, obj as unknown as KObject);
}

// ------------------------------------------------------------------ bindings

function subjects(inv: Invocation): Array<Record<string, string>> {
  const f = inv.flags;
  const out: Array<Record<string, string>> = [];
  for (const u of f.list('user')) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of f.list('group')) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of f.list('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[1] === '') throw new KubectlError('error: serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

function binding(kind: string, name: string, subs: Array<Record<string, string>>, refKind: string, refName: string): KObject {
  const obj: Record<string, unknown> = { kind, apiVersion: `${RBAC}/v1`, metadata: { name, creationTimestamp: null } };
  if (subs.length) obj.subjects = subs;
  obj.roleRef = { apiGroup: RBAC, kind: refKind, name: refName };
  return obj as unknown as KObject;
}

function createRoleBinding(inv: Invocation, args: string[]): number {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create rolebinding');
  const role = inv.flags.str('role');
  const cr = inv.flags.str('clusterrole');
  if (!role === !cr) throw new KubectlError('error: exactly one of clusterrole or role must be specified');
  const obj = binding('RoleBinding', args[0], subjects(inv), role ? 'Role' : 'ClusterRole', role || cr);
  return send(inv, inv.client.discovery.find(`rolebindings.${RBAC}`) ?? fallback(RBAC, 'RoleBinding', 'rolebindings', true), obj);
}

function createClusterRoleBinding(inv: Invocation, args: string[]): number {
  if (!inv.flags.changed('clusterrole')) throw requiredFlagsError(inv, ['clusterrole']);
  if (args.length !== 1) throw exactlyOneName(args.length, 'create clusterrolebinding');
  const obj = binding('ClusterRoleBinding', args[0], subjects(inv), 'ClusterRole', inv.flags.str('clusterrole'));
  return send(inv, inv.client.discovery.find(`clusterrolebindings.${RBAC}`) ?? fallback(RBAC, 'ClusterRoleBinding', 'clusterrolebindings', false), obj);
}

// ------------------------------------------------------------------ quota / priorityclass / pdb

const QUANTITY_ERROR = "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function createQuota(inv: Invocation, args: string[]): number {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create quota');
  const f = inv.flags;
  const spec: Record<string, unknown> = {};
  const hardText = f.str('hard');
  if (hardText) {
    const hard: Record<string, string> = {};
    for (const item of hardText.split(',')) {
      const eq = item.indexOf('=');
      if (eq < 0) throw new KubectlError(`error: Invalid argument syntax ${item}, expected <resource>=<value>`);
      const q = parseQuantity(item.slice(eq + 1));
      if (!q) throw new KubectlError(QUANTITY_ERROR);
      hard[item.slice(0, eq)] = quantityToString(q);
    }
    // a ResourceList marshals with sorted keys
    spec.hard = Object.fromEntries(Object.entries(hard).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  // the scopes are split on commas and sent as they are (no trimming)
  if (f.str('scopes')) spec.scopes = f.str('scopes').split(',');
  const obj = { kind: 'ResourceQuota', apiVersion: 'v1', metadata: { name: args[0], creationTimestamp: null }, spec, status: {} } as unknown as KObject;
  return send(inv, inv.client.discovery.find('resourcequotas') ?? fallback('', 'ResourceQuota', 'resourcequotas', true, ['quota']), obj);
}

function createPriorityClass(inv: Invocation, args: string[]): number {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create priorityclass');
  const f = inv.flags;
  const obj: Record<string, unknown> = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name: args[0], creationTimestamp: null }, value: f.int('value') };
  if (f.bool('global-default')) obj.globalDefault = true;
  if (f.str('description')) obj.description = f.str('description');
  obj.preemptionPolicy = f.str('preemption-policy');
  const r = inv.client.discovery.find('priorityclasses.scheduling.k8s.io') ?? fallback('scheduling.k8s.io', 'PriorityClass', 'priorityclasses', false, ['pc']);
  return send(inv, r, obj as unknown as KObject);
}

const OPS: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
function toLabelSelector(text: string): Record<string, unknown> {
  let sel;
  try {
    sel = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(`error: couldn't parse the selector string ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Array<Record<string, unknown>> = [];
  for (const r of sel.requirements) {
    if (r.operator === '!=') throw new KubectlError('error: "!=" is not a valid label selector operator');
    if (r.operator === 'gt' || r.operator === 'lt') throw new KubectlError(`error: "${r.operator}" isn't supported in label selectors`);
    if (r.operator === '=' || r.operator === '==') matchLabels[r.key] = r.values[0];
    else {
      const e: Record<string, unknown> = { key: r.key, operator: OPS[r.operator] ?? r.operator };
      if (r.values.length) e.values = [...r.values];
      matchExpressions.push(e);
    }
  }
  const out: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length) out.matchLabels = matchLabels;
  if (matchExpressions.length) out.matchExpressions = matchExpressions;
  return out;
}

const INT_OR_PERCENT = /^([0-9]+|[0-9]+%)$/;

function createPdb(inv: Invocation, args: string[]): number {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create poddisruptionbudget');
  const f = inv.flags;
  const min = f.str('min-available');
  const max = f.str('max-unavailable');
  if (!f.str('selector')) throw new KubectlError('error: a selector must be specified');
  if (!min && !max) throw new KubectlError('error: one of min-available or max-unavailable must be specified');
  if (min && max) throw new KubectlError('error: min-available and max-unavailable cannot be both specified');
  if (min && !INT_OR_PERCENT.test(min)) throw new KubectlError('error: invalid format specified for min-available');
  if (max && !INT_OR_PERCENT.test(max)) throw new KubectlError('error: invalid format specified for max-unavailable');
  const intOrString = (s: string): number | string => (/^[0-9]+$/.test(s) ? Number(s) : s);
  const spec: Record<string, unknown> = {};
  if (min) spec.minAvailable = intOrString(min);
  spec.selector = toLabelSelector(f.str('selector'));
  if (max) spec.maxUnavailable = intOrString(max);
  const obj = {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: { name: args[0], creationTimestamp: null },
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  } as unknown as KObject;
  return send(inv, inv.client.discovery.find('poddisruptionbudgets.policy') ?? fallback('policy', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb']), obj);
}

// ------------------------------------------------------------------ token

function createToken(inv: Invocation, args: string[]): number {
  if (inv.flags.changed('dry-run')) {
    throw new KubectlError("Error: unknown flag: --dry-run\nSee 'kubectl create token --help' for usage.");
  }
  if (args.length !== 1) throw exactlyOneName(args.length, 'create token');
  const f = inv.flags;
  const spec: Record<string, unknown> = { audiences: f.list('audience').length ? f.list('audience') : null };
  const ms = Number(f.str('duration'));
  if (ms > 0) spec.expirationSeconds = Math.floor(ms / 1000);
  if (f.str('bound-object-kind')) {
    spec.boundObjectRef = { kind: f.str('bound-object-kind'), apiVersion: f.str('bound-object-kind') === 'Node' || f.str('bound-object-kind') === 'Pod' || f.str('bound-object-kind') === 'Secret' ? 'v1' : '', name: f.str('bound-object-name'), uid: f.str('bound-object-uid') };
  }
  const body = { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } };
  const sa = inv.client.discovery.find('serviceaccounts') ?? fallback('', 'ServiceAccount', 'serviceaccounts', true, ['sa']);
  const res = inv.client.raw('POST', inv.client.path(sa, inv.namespace, args[0], 'token'), { body });
  if (res.status >= 300) throw new KubectlError(`error: failed to create token: ${statusOf(res).message}`);
  const tr = res.body as KObject & { status?: { token?: string } };
  const o = inv.flags.str('output');
  if (o) {
    const r = fallback('authentication.k8s.io', 'TokenRequest', 'tokenrequests', true);
    printObjects(inv, [{ r, obj: withTypeMeta(r, tr) }], parseOutput(o, inv), true);
  } else inv.out(`${tr.status?.token ?? ''}\n`);
  return 0;
}

/** `kubectl create <what> ...` for this file's generators, or undefined when not one of them. */
export function runCreatePolicy(inv: Invocation, what: string, rest: string[]): number | undefined {
  switch (what) {
    case 'role':
      return createRole(inv, rest);
    case 'clusterrole':
      return createClusterRole(inv, rest);
    case 'rolebinding':
      return createRoleBinding(inv, rest);
    case 'clusterrolebinding':
      return createClusterRoleBinding(inv, rest);
    case 'quota':
    case 'resourcequota':
      return createQuota(inv, rest);
    case 'priorityclass':
    case 'pc':
      return createPriorityClass(inv, rest);
    case 'poddisruptionbudget':
    case 'pdb':
      return createPdb(inv, rest);
    case 'token':
      return createToken(inv, rest);
    default:
      return undefined;
  }
}
