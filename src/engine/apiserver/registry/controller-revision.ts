// apps/v1 ControllerRevision: the immutable snapshots of a DaemonSet's (or StatefulSet's) pod
// template that rollout history and undo read. Validation as upstream: data is required and
// immutable, revision is non-negative.
// Models pkg/registry/apps/controllerrevision/strategy.go and pkg/apis/apps/validation (ValidateControllerRevision)
import { FIELD_IMMUTABLE, invalid, required } from '../../api/field';
import type { FieldError } from '../../api/field';
import type { KObject } from '../../api/types';
import { defineType } from './define';

interface RevisionLike extends KObject {
  data?: unknown;
  revision?: number;
}

function validateRevision(obj: KObject): FieldError[] {
  const cr = obj as RevisionLike;
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required('data'));
  if ((cr.revision ?? 0) < 0) errs.push(invalid('revision', cr.revision, 'must be greater than or equal to 0'));
  return errs;
}

export const controllerRevisions = defineType({
  group: 'apps',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  namespaced: true,
  storageVersionHash: '85nkx63pcBU=',
  rngStream: 'controllerrevisions',
  validateCreate: (obj) => validateRevision(obj),
  validateUpdate(obj, old) {
    const errs = validateRevision(obj);
    if (JSON.stringify((obj as RevisionLike).data) !== JSON.stringify((old as RevisionLike).data)) errs.push(invalid('data', '', FIELD_IMMUTABLE));
    return errs;
  },
});
