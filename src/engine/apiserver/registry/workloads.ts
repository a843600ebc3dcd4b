// Workload controllers' objects: spec changes bump metadata.generation, status is only
// written through the status subresource, replicas through `scale` too.
// Models pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go and
// pkg/registry/core/replicationcontroller/strategy.go
import { defineType } from './define';

/** The apps/v1 form of DaemonSet spec.templateGeneration (pkg/apis/apps/v1 conversion). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

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
  prepareForCreate: (obj) => {
    obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    // spec.templateGeneration of the internal type, kept in apps/v1 as this annotation.
    const meta = (obj.metadata ??= {});
    const gen = Number(meta.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '0');
    meta.annotations = { ...(meta.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(gen >= 1 ? gen : 1) };
  },
  prepareForUpdate: (obj, old) => {
    // Kept from the stored object; bumped when the pod template changes.
    const prev = old.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    const meta = (obj.metadata ??= {});
    const annotations = { ...(meta.annotations ?? {}) };
    if (prev === undefined) delete annotations[TEMPLATE_GENERATION_ANNOTATION];
    else {
      const changed = JSON.stringify((obj.spec as { template?: unknown } | undefined)?.template) !== JSON.stringify((old.spec as { template?: unknown } | undefined)?.template);
      annotations[TEMPLATE_GENERATION_ANNOTATION] = changed ? String(Number(prev) + 1) : prev;
    }
    meta.annotations = annotations;
  },
});
