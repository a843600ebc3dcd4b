// Object types shared by the whole engine. Concrete kinds come from the `kubernetes-types`
// package (field names exactly as upstream); this file adds the generic envelope.
// kubernetes-types declares every field readonly; the engine builds and edits fresh copies,
// so it uses deeply writable versions. Stored objects are frozen at runtime regardless.
import type * as meta from 'kubernetes-types/meta/v1';
import type * as core from 'kubernetes-types/core/v1';
import type * as apps from 'kubernetes-types/apps/v1';
import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as coordination from 'kubernetes-types/coordination/v1';

export type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

export type ObjectMeta = DeepMutable<meta.ObjectMeta>;
export type OwnerReference = DeepMutable<meta.OwnerReference>;
export type Status = DeepMutable<meta.Status>;
export type LabelSelectorSpec = DeepMutable<meta.LabelSelector>;

export type Pod = DeepMutable<core.Pod>;
export type PodSpec = DeepMutable<core.PodSpec>;
export type PodStatus = DeepMutable<core.PodStatus>;
export type PodCondition = DeepMutable<core.PodCondition>;
export type Container = DeepMutable<core.Container>;
export type ContainerStatus = DeepMutable<core.ContainerStatus>;
export type ContainerState = DeepMutable<core.ContainerState>;
export type Node = DeepMutable<core.Node>;
export type NodeCondition = DeepMutable<core.NodeCondition>;
export type Service = DeepMutable<core.Service>;
export type ServicePort = DeepMutable<core.ServicePort>;
export type Endpoints = DeepMutable<core.Endpoints>;
export type EndpointSubset = DeepMutable<core.EndpointSubset>;
export type Namespace = DeepMutable<core.Namespace>;
export type ReplicationController = DeepMutable<core.ReplicationController>;
export type ConfigMap = DeepMutable<core.ConfigMap>;
export type Secret = DeepMutable<core.Secret>;
export type ServiceAccount = DeepMutable<core.ServiceAccount>;
export type Event = DeepMutable<core.Event>;
export type PodTemplateSpec = DeepMutable<core.PodTemplateSpec>;
export type Toleration = DeepMutable<core.Toleration>;
export type Taint = DeepMutable<core.Taint>;
export type NodeSelectorRequirement = DeepMutable<core.NodeSelectorRequirement>;
export type ContainerPort = DeepMutable<core.ContainerPort>;
export type Deployment = DeepMutable<apps.Deployment>;
export type DeploymentCondition = DeepMutable<apps.DeploymentCondition>;
export type ReplicaSet = DeepMutable<apps.ReplicaSet>;
export type DaemonSet = DeepMutable<apps.DaemonSet>;
export type EndpointSlice = DeepMutable<discovery.EndpointSlice>;
export type Lease = DeepMutable<coordination.Lease>;

/** Any Kubernetes object. Stored objects are frozen: clone before changing. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** A JSON value as it crosses the API (request bodies, patches). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Group/version/resource as used in REST paths and Status details. */
export interface GroupResource {
  group: string;
  resource: string;
}
