// The engine's public API: what the shell, the worker and Node entries may use.
// Everything else under src/engine is internal (scripts/depcheck.mjs enforces it for the shell).
export { createCluster, Cluster } from './cluster';
export type { ClusterOptions } from './cluster';
export type { ApiRequest, ApiResponse, WatchStream, TextStream } from './apiserver/rest';
export { SERVER_VERSION } from './apiserver/rest';
export type { WatchEvent, WatchEventType } from './apiserver/apiserver';
export type { KObject, Json } from './api/types';
export type * from './api/types';
export type { StatusObject, StatusCause } from './api/status';
export type { Table, TableColumnDefinition, TableRow } from './apiserver/tables/types';
export { VirtualClock } from './core/clock';
export { Rng } from './core/rng';
export { rfc3339, parseTime, DEFAULT_EPOCH } from './core/time';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './core/duration';
export { randomSuffix, SUFFIX_ALPHABET } from './core/names';
export {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  PatchError,
} from './apiserver/patch';
export { parseLabelSelector, parseFieldSelector, labelSelectorFromMeta, labelSelectorFromSet, SelectorError } from './api/selectors';
export { parseQuantity, quantityToString } from './api/quantity';
export { buildTable } from './apiserver/tables';
export { ClusterNetwork, NetFailure } from './network/network';
export { BUSYBOX_NSLOOKUP_USAGE, busyboxNslookupText } from './network/nslookup-text';
export type { NodeNetView, HttpExchange, HttpOptions } from './network/network';
export type { DnsRecord } from './network/dns';
export type { Origin, PortForwardTarget } from './network/network';
export { ingressNginxManifest, ingressNginxClass, INGRESS_NGINX_IMAGE } from './network/ingress-nginx-manifest';
export type { IngressNginxFlavor } from './network/ingress-nginx-manifest';
export { resolveImage, processEnvironment } from './node/images';
export { closeContainerStdin } from './node/images';
export type { UserlandKind } from './node/images';
export { serviceEnv, resolveEnv } from './node/container-env';
export { explain as explainSchema, listKinds } from './schema';
export type { ExplainError, KindInfo } from './schema';
export { minikubeNodes } from './bootstrap';
export { metricsServerObjects } from './metrics/metrics-server-manifest';
