// Namespaces: cluster-scoped, born Active with the `kubernetes` finalizer in spec; deletion
// marks them Terminating until the namespace controller has emptied them and finalized.
// Models pkg/registry/core/namespace/strategy.go and storage/storage.go
import type { KObject } from '../../api/types';
import { defineType } from './define';

export const namespaces = defineType({
  kind: 'Namespace',
  plural: 'namespaces',
  namespaced: false,
  shortNames: ['ns'],
  returnDeletedObject: true,
  storageVersionHash: 'Q3oi5N2YM8M=',
  statusSubresource: true,
  subresources: ['status', 'finalize'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  prepareForCreate(obj: KObject) {
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj: KObject, old: KObject) {
    // spec.finalizers only change through the finalize subresource
    obj.spec = old.spec;
  },
});
