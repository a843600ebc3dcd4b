// NodeAffinity: spec.nodeSelector plus required/preferred node affinity (matchExpressions with
// In/NotIn/Exists/DoesNotExist/Gt/Lt, matchFields on metadata.name), the PreFilter that narrows
// the nodes to those named by matchFields, and the preferred-terms score.
// Leaves out: the scheduler-profile addedAffinity argument.
// Models kubernetes/pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go and
// kubernetes/staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
import type { Pod } from '../../api/types';
import type { NodeSelectorRequirement } from '../../api/types';
import type { NodeStatus } from '../framework';
import type { NodeInfo } from '../node-info';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const STATUS_NO_MATCH: NodeStatus = {
  code: 'UnschedulableAndUnresolvable',
  reasons: [ERR_REASON_POD],
  plugin: 'NodeAffinity',
};

interface Requirement {
  key: string;
  op: string;
  values: Set<string>;
  num: number;
}

interface Term {
  exprs: Requirement[];
  /** metadata.name In/NotIn requirements. */
  fields: Requirement[];
  /** Parse error: the term never matches (LazyErrorNodeSelector). */
  invalid: boolean;
}

export interface CompiledAffinity {
  /** spec.nodeSelector as [key, value] pairs; all must match. */
  selector: [string, string][];
  /** Required terms (ORed), or null when the pod has no required node affinity. */
  required: Term[] | null;
  preferred: { weight: number; term: Term }[];
}

const INT_RE = /^[+-]?\d+$/;

function compileRequirement(r: NodeSelectorRequirement, field: boolean): Requirement | null {
  const values = r.values ?? [];
  if (field) {
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return null;
    return { key: r.key, op: r.operator, values: new Set(values), num: 0 };
  }
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return null;
      return { key: r.key, op: r.operator, values: new Set(values), num: 0 };
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return null;
      return { key: r.key, op: r.operator, values: new Set(), num: 0 };
    case 'Gt':
    case 'Lt':
      if (values.length !== 1 || !INT_RE.test(values[0])) return null;
      return { key: r.key, op: r.operator, values: new Set(), num: Number(values[0]) };
    default:
      return null;
  }
}

/** Compiles a NodeSelectorTerm; null when it is empty (an empty term matches no node). */
function compileTerm(t: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }): Term | null {
  const me = t.matchExpressions ?? [];
  const mf = t.matchFields ?? [];
  if (me.length === 0 && mf.length === 0) return null;
  const term: Term = { exprs: [], fields: [], invalid: false };
  for (const r of me) {
    const c = compileRequirement(r, false);
    if (c) term.exprs.push(c);
    else term.invalid = true;
  }
  for (const r of mf) {
    const c = compileRequirement(r, true);
    if (c) term.fields.push(c);
    else term.invalid = true;
  }
  return term;
}

export function compileAffinity(pod: Pod): CompiledAffinity {
  const spec = pod.spec;
  const selector = Object.entries(spec?.nodeSelector ?? {});
  const na = spec?.affinity?.nodeAffinity;
  let required: Term[] | null = null;
  const req = na?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    required = [];
    for (const t of req.nodeSelectorTerms ?? []) {
      const c = compileTerm(t);
      if (c) required.push(c);
    }
  }
  const preferred: { weight: number; term: Term }[] = [];
  for (const p of na?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (!p.weight) continue;
    const c = compileTerm(p.preference ?? {});
    if (c && !c.invalid) preferred.push({ weight: p.weight, term: c });
  }
  return { selector, required, preferred };
}

function matchesRequirement(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'In':
      return has && r.values.has(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.has(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const v = labels[r.key];
      if (!INT_RE.test(v)) return false;
      const n = Number(v);
      return r.op === 'Gt' ? n > r.num : n < r.num;
    }
    default:
      return false;
  }
}

function matchesTerm(t: Term, node: NodeInfo): boolean {
  if (t.invalid) return false;
  for (const r of t.exprs) if (!matchesRequirement(r, node.labels)) return false;
  for (const r of t.fields) {
    const inSet = r.values.has(node.name);
    if (r.op === 'In' ? !inSet : inSet) return false;
  }
  return true;
}

/** GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND any required term. */
export function matchesRequired(a: CompiledAffinity, node: NodeInfo): boolean {
  const labels = node.labels;
  for (let i = 0; i < a.selector.length; i++) {
    const [k, v] = a.selector[i];
    if (labels[k] !== v || !Object.prototype.hasOwnProperty.call(labels, k)) return false;
  }
  if (a.required === null) return true;
  for (const t of a.required) if (matchesTerm(t, node)) return true;
  return false;
}

/** True when the plugin has anything to check (otherwise PreFilter returns Skip). */
export function hasRequired(a: CompiledAffinity): boolean {
  return a.selector.length > 0 || a.required !== null;
}

export function nodeAffinityFilter(a: CompiledAffinity, node: NodeInfo): NodeStatus | null {
  return matchesRequired(a, node) ? null : STATUS_NO_MATCH;
}

/** Nodes named by a term's metadata.name In requirements (ANDed), null when it names none. */
function termNodeNames(fields: readonly NodeSelectorRequirement[]): Set<string> | null {
  let out: Set<string> | null = null;
  for (const r of fields) {
    if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
    const s = new Set<string>(r.values ?? []);
    out = out === null ? s : intersect(out, s);
  }
  return out;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

function union(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>(a);
  for (const x of b) out.add(x);
  return out;
}

/**
 * PreFilter: when every required term names nodes through matchFields metadata.name In,
 * only those nodes are worth filtering. Returns null for "all nodes", a set otherwise,
 * or a status when the terms conflict.
 */
export function nodeAffinityPreFilter(pod: Pod): Set<string> | NodeStatus | null {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  let names: Set<string> | null = null;
  for (const t of terms) {
    const termNames = termNodeNames(t.matchFields ?? []);
    if (termNames === null) return null;
    names = names === null ? termNames : union(names, termNames);
  }
  if (names !== null && names.size === 0) {
    return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_CONFLICT], plugin: 'NodeAffinity' };
  }
  return names;
}

/** Score: the sum of the weights of the preferred terms the node matches. */
export function nodeAffinityScore(a: CompiledAffinity, node: NodeInfo): number {
  let score = 0;
  for (const p of a.preferred) if (matchesTerm(p.term, node)) score += p.weight;
  return score;
}
