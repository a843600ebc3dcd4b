// Workload controllers' objects: spec changes bump metadata.generation, status is only
// written through the status subresource, replicas through `scale` too.
// Models pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go and
// pkg/registry/core/replicationcontroller/strategy.go
import { defineType } from './define';

const workload = { namespaced: true, statusSubresource: true, generation: true, categories: ['all'] };

export const replicationControllers = defineType({
  ...workload,
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  shortNames: ['rc'],
  storageVersionHash: 'Jond2If31h0=',
  subresources: ['status', 'scale'],
  prepareForCreate: (obj) => void (obj.status = { replicas: 0 }),
});

export const deployments = defineType({
  ...workload,
  group: 'apps',
  kind: 'Deployment',
  plural: 'deployments',
  shortNames: ['deploy'],
  storageVersionHash: '8aSe+NMegvE=',
  subresources: ['status', 'scale'],
  prepareForCreate: (obj) => void (obj.status = {}),
});

export const replicaSets = defineType({
  ...workload,
  group: 'apps',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  shortNames: ['rs'],
  storageVersionHash: 'P1RzHs8/mWQ=',
  subresources: ['status', 'scale'],
  prepareForCreate: (obj) => void (obj.status = { replicas: 0 }),
});

export const daemonSets = defineType({
  ...workload,
  group: 'apps',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  shortNames: ['ds'],
  storageVersionHash: 'dd7pWHUlMKQ=',
  subresources: ['status'],
  prepareForCreate: (obj) =>
    void (obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
});
