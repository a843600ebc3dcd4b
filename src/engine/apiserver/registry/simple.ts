// Kinds without special server-side behaviour beyond defaulting and validation.
// Models pkg/registry/core/{configmap,secret,serviceaccount,endpoint,event}/strategy.go,
// pkg/registry/coordination/lease, pkg/registry/discovery/endpointslice
import { defineType } from './define';

export const configMaps = defineType({ kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'], storageVersionHash: 'qFsyl6wFWjQ=' });

export const secrets = defineType({ kind: 'Secret', plural: 'secrets', namespaced: true, storageVersionHash: 'S6u1pOWzb84=' });

export const serviceAccounts = defineType({
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  returnDeletedObject: true,
  storageVersionHash: 'pbx9ZvyFpBE=',
  subresources: ['token'],
});

export const endpoints = defineType({ kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'], singular: 'endpoints', allowCreateOnUpdate: true, storageVersionHash: 'fWeeMqaN/OA=' });

export const events = defineType({ kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], allowCreateOnUpdate: true, storageVersionHash: 'r2yiGXH7wu8=' });

export const leases = defineType({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases', namespaced: true, allowCreateOnUpdate: true, storageVersionHash: 'gqkMMb/YqFM=' });

export const endpointSlices = defineType({
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  namespaced: true,
  generation: true,
  storageVersionHash: 'qgS0xkrxYAI=',
});
