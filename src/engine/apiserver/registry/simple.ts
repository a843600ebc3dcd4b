// Kinds without special server-side behaviour beyond defaulting and validation.
// Models pkg/registry/core/{configmap,secret,serviceaccount,endpoint,event}/strategy.go,
// pkg/registry/coordination/lease, pkg/registry/discovery/endpointslice
import { defineType } from './define';

export const configMaps = defineType({ kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] });

export const secrets = defineType({ kind: 'Secret', plural: 'secrets', namespaced: true });

export const serviceAccounts = defineType({
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  namespaced: true,
  shortNames: ['sa'],
  subresources: ['token'],
});

export const endpoints = defineType({ kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'], singular: 'endpoints' });

export const events = defineType({ kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] });

export const leases = defineType({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases', namespaced: true });

export const endpointSlices = defineType({
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  namespaced: true,
  generation: true,
});
