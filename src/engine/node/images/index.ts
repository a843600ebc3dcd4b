// Public API of the container image registry (DESIGN.md §1.5): resolve references to image
// metadata and behaviours, normalise references, and the pieces other layers reuse (Redis
// keyspace, shell userland, formats). See types.ts for the kubelet contract.

export { resolveImage, imageIdOf, imageNameOf, digestOf } from './registry';
export { normalizeImageRef, parseNormalizedNamed } from './reference';
export type { NormalizedRef, ImageReference } from './reference';
export { RedisStore, formatRedisReply } from './redis-store';
export { startUserlandProcess, processEnvironment, execNotFoundMessage, closeContainerStdin } from './shell';
export type { UserlandKind } from './shell';
export { effectiveArgv } from './behaviours/common';
export { sha256Hex } from './sha256';
export { utf8Encode } from './format';
export { ContainerStartError, NetError, SIGNAL_IGNORED } from './types';
export type {
  ContainerEnv, HttpRequest, HttpResponse, ImageBehaviour, ImageInfo, NetErrorCode, ProcessContext, RedisReply,
  ResolveFailure, ResolveFailureReason, ResolveResult, RunningProcess,
} from './types';
