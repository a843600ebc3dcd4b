// Nodes: cluster-scoped, registered by their kubelet, status written by it.
// Models pkg/registry/core/node/strategy.go
import { defineType } from './define';

export const nodes = defineType({
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
  shortNames: ['no'],
  storageVersionHash: 'XwShjMxG9Fs=',
  statusSubresource: true,
  subresources: ['status', 'proxy'],
});
