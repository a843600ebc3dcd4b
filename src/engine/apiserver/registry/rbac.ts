// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding with
// upstream's validation messages (policy rules, roleRef, subjects; roleRef is immutable).
// Models pkg/registry/rbac/*/strategy.go and pkg/apis/rbac/validation/validation.go
// SIMPLIFICATION: no escalation check (the only user is cluster-admin) and no aggregation
// controller (an aggregationRule is stored, its rules are not filled in).
import type { FieldError } from '../../api/field';
import { invalid, notSupported, required } from '../../api/field';
import type { KObject } from '../../api/types';
import { defineType } from './define';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}
interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

/** ValidateRBACName: a path segment name. */
export function rbacNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  for (const c of ['/', '%']) if (name.includes(c)) return [`may not contain '${c}'`];
  return [];
}

function validateRule(r: PolicyRule, at: string, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!r.verbs?.length) errs.push(required(`${at}.verbs`, 'verbs must contain at least one value'));
  if (r.nonResourceURLs?.length) {
    if (namespaced) errs.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) {
      errs.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!r.apiGroups?.length) errs.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!r.resources?.length) errs.push(required(`${at}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(obj: KObject, namespaced: boolean): FieldError[] {
  const rules = ((obj as { rules?: PolicyRule[] }).rules ?? []) as PolicyRule[];
  return rules.flatMap((r, i) => validateRule(r ?? {}, `rules[${i}]`, namespaced));
}

function validateBinding(obj: KObject, namespaced: boolean): FieldError[] {
  const b = obj as { roleRef?: RoleRef; subjects?: Subject[] };
  const ref = b.roleRef ?? {};
  const errs: FieldError[] = [];
  if (ref.apiGroup && ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(required('roleRef.name', ''));
  else for (const m of rbacNameErrors(ref.name)) errs.push(invalid('roleRef.name', ref.name, m));
  (b.subjects ?? []).forEach((s, i) => {
    const at = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${at}.name`, ''));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup, ['']));
        if (!s.namespace && !namespaced) errs.push(required(`${at}.namespace`, ''));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(`${at}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

function roleRefUnchanged(obj: KObject, old: KObject): FieldError[] {
  const a = (obj as { roleRef?: RoleRef }).roleRef;
  const b = (old as { roleRef?: RoleRef }).roleRef;
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [invalid('roleRef', a, 'cannot change roleRef')];
}

/** Binding subjects default their apiGroup (User/Group) as SetDefaults_Subject does. */
function defaultSubjects(obj: KObject): void {
  const subs = (obj as { subjects?: Subject[] }).subjects;
  for (const s of subs ?? []) {
    if (s.apiGroup === undefined && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
    if (s.apiGroup === undefined && s.kind === 'ServiceAccount') s.apiGroup = '';
  }
}

export const roles = defineType({
  group: RBAC_GROUP,
  kind: 'Role',
  plural: 'roles',
  namespaced: true,
  storageVersionHash: '7FuwZcIIItM=',
  rngStream: 'roles',
  validateCreate: (obj) => validateRules(obj, true),
  validateUpdate: (obj) => validateRules(obj, true),
});

export const clusterRoles = defineType({
  group: RBAC_GROUP,
  kind: 'ClusterRole',
  plural: 'clusterroles',
  namespaced: false,
  storageVersionHash: 'bYE5ZWDrJ44=',
  rngStream: 'clusterroles',
  validateCreate: (obj) => validateRules(obj, false),
  validateUpdate: (obj) => validateRules(obj, false),
});

export const roleBindings = defineType({
  group: RBAC_GROUP,
  kind: 'RoleBinding',
  plural: 'rolebindings',
  namespaced: true,
  storageVersionHash: 'eGsCzGH6b1g=',
  rngStream: 'rolebindings',
  prepareForCreate: defaultSubjects,
  prepareForUpdate: defaultSubjects,
  validateCreate: (obj) => validateBinding(obj, true),
  validateUpdate: (obj, old) => [...roleRefUnchanged(obj, old), ...validateBinding(obj, true)],
});

export const clusterRoleBindings = defineType({
  group: RBAC_GROUP,
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  namespaced: false,
  storageVersionHash: '48tpQ8gZHFc=',
  rngStream: 'clusterrolebindings',
  prepareForCreate: defaultSubjects,
  prepareForUpdate: defaultSubjects,
  validateCreate: (obj) => validateBinding(obj, false),
  validateUpdate: (obj, old) => [...roleRefUnchanged(obj, old), ...validateBinding(obj, false)],
});
