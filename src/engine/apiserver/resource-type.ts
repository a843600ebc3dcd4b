// What the API server knows about a kind: names for REST paths and discovery, and the
// strategy hooks (defaulting, validation, create/update preparation) that upstream keeps in
// pkg/registry/<group>/<resource>/strategy.go. Adding a kind = one file in registry/ that
// exports a ResourceType, plus its table printer in tables/.
import type { FieldError } from '../api/field';
import type { KObject } from '../api/types';
import type { ApiServer } from './apiserver';

export interface StrategyContext {
  now: number;
  api: ApiServer;
}

export interface ResourceType {
  group: string; // '' for core
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  verbs: string[];
  /** Subresources served, e.g. ['status', 'scale', 'log', 'binding']. */
  subresources: string[];
  /** Whether updates of the main resource ignore status (a status subresource exists). */
  statusSubresource: boolean;
  /** Whether spec changes bump metadata.generation. */
  generation: boolean;
  /** Set fields the server owns on create (status, allocations). May throw ApiError. */
  prepareForCreate?(obj: KObject, ctx: StrategyContext): void;
  /** Adjust an update (keep status, bump generation is generic). May throw ApiError. */
  prepareForUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): void;
  /** Extra validation beyond the shared validators (e.g. cross-object checks). */
  validateCreate?(obj: KObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): FieldError[];
  /** A create/update failed or was a dry run after prepareFor*: give back what it allocated. */
  abortWrite?(obj: KObject): void;
  /** Called when an object is removed from the store (release allocations). */
  afterDelete?(obj: KObject, ctx: StrategyContext): void;
  /**
   * Graceful deletion (CheckGracefulDelete): the grace period for this delete, 0 for an
   * immediate one. Only pods have it; kinds without it are deleted at once.
   */
  gracePeriodSeconds?(obj: KObject, requested: number | undefined): number | undefined;
  /** PUT of a missing object creates it (AllowCreateOnUpdate: events, endpoints, leases). */
  allowCreateOnUpdate?: boolean;
  /** DELETE answers with the deleted object instead of a Status (ReturnDeletedObject). */
  returnDeletedObject?: boolean;
  /** Discovery's storageVersionHash as the v1.32 server publishes it. */
  storageVersionHash?: string;
  /**
   * Own RNG stream (forked by this label) for the uids and generated names of this kind, so a
   * kind served later does not shift the names every other kind gets from the same seed.
   */
  rngStream?: string;
  /** Default propagation policy when the client gives none. */
  defaultPropagation?: 'Background' | 'Foreground' | 'Orphan';
}

export const apiVersionOf = (rt: Pick<ResourceType, 'group' | 'version'>): string =>
  rt.group ? `${rt.group}/${rt.version}` : rt.version;

/** Qualified kind for error messages: `Pod`, `Deployment.apps`. */
export const qualifiedKind = (rt: ResourceType): string => (rt.group ? `${rt.kind}.${rt.group}` : rt.kind);

/** Storage key for a resource type: `pods`, `apps/deployments`. */
export const resourceKey = (rt: Pick<ResourceType, 'group' | 'plural'>): string =>
  rt.group ? `${rt.group}/${rt.plural}` : rt.plural;

export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
