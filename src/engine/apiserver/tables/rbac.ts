// Server-side printers for rbac.authorization.k8s.io: Role and ClusterRole (NAME, CREATED AT),
// RoleBinding and ClusterRoleBinding (NAME, ROLE, AGE; wide USERS, GROUPS, SERVICEACCOUNTS).
// Models kubernetes/pkg/printers/internalversion/printers.go (printRole, printRoleBinding,
// printClusterRoleBinding) and pkg/apis/rbac/helpers.go (SubjectsStrings).
import type { KObject } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './common';
import { defaultTablePrinter } from './default';
import { swaggerDoc } from './swagger-doc';
import type { TablePrinter } from './types';

export const rolePrinter: TablePrinter = defaultTablePrinter;

interface BindingLike extends KObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

/** SubjectsStrings: users, groups and `namespace/name` service accounts. */
export function subjectsStrings(subjects: BindingLike['subjects']): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s.kind === 'User') users.push(s.name ?? '');
    else if (s.kind === 'Group') groups.push(s.name ?? '');
  }
  return [users, groups, sas];
}

const bindingPrinter = (def: string): TablePrinter => ({
  columns: [
    nameColumn,
    column('Role', 'string', swaggerDoc(def, 'roleRef')),
    ageColumn,
    column('Users', 'string', 'Users in the roleBinding', 1),
    column('Groups', 'string', 'Groups in the roleBinding', 1),
    column('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
  ],
  row(o, ctx) {
    const b = o as BindingLike;
    const [users, groups, sas] = subjectsStrings(b.subjects);
    return [nameOf(b), `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, ageOf(b, ctx), users.join(', '), groups.join(', '), sas.join(', ')];
  },
});

export const roleBindingPrinter = bindingPrinter('io.k8s.api.rbac.v1.RoleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('io.k8s.api.rbac.v1.ClusterRoleBinding');
