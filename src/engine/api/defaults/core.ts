// Defaulting of core/v1 objects as the API server applies it on create and update: the
// generated/openapi defaults, SetDefaults_* functions, and the values the default admission
// plugins and registry strategies add (marked ADMISSION / STRATEGY). Leaves out the
// ServiceAccount plugin's kube-api-access volume and mounts (needs the RNG) and cluster IP allocation.
// Models kubernetes/pkg/apis/core/v1/defaults.go, plugin/pkg/admission/{serviceaccount,
// defaulttolerationseconds,priority}, pkg/registry/core/{namespace,service}/strategy.go

import type {
  Container,
  Endpoints,
  Namespace,
  Node,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Probe,
  ReplicationController,
  Secret,
  Service,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { canonicalQuantity } from '../quantity';

type ResourceList = Record<string, string>;

/** Quantities are stored in canonical form (upstream re-serialises them on decode). */
function canonicalizeResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const k in list) list[k] = canonicalQuantity(String(list[k]));
}

/** Image has no tag (or tag "latest") and no digest -> Always; otherwise IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    if (!p.httpGet.path) p.httpGet.path = '/';
    if (!p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
  }
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

function defaultContainer(c: Container, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (hostNetwork && !p.hostPort) p.hostPort = p.containerPort;
  }
  for (const e of c.env ?? []) {
    const fr = e.valueFrom?.fieldRef;
    if (fr && !fr.apiVersion) fr.apiVersion = 'v1';
    const rr = e.valueFrom?.resourceFieldRef;
    if (rr && rr.divisor === undefined) rr.divisor = '0';
  }
  // SetDefaults_Pod: requests default to limits, resource by resource.
  const res = (c.resources ??= {});
  if (res.limits) {
    const req = (res.requests ??= {}) as ResourceList;
    for (const k in res.limits) if (req[k] === undefined) req[k] = String(res.limits[k]);
  }
  canonicalizeResourceList(res.limits as ResourceList | undefined);
  canonicalizeResourceList(res.requests as ResourceList | undefined);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = 420;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = 420;
  if (v.downwardAPI && v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = 420;
  if (v.projected && v.projected.defaultMode === undefined) v.projected.defaultMode = 420;
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  for (const item of v.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
}

/** SetDefaults_PodSpec + SetDefaults_Pod's per-container parts (used for templates too). */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  spec.enableServiceLinks ??= true;
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

export function defaultPodTemplate(t: PodTemplateSpec | undefined): void {
  if (!t) return;
  // A template's metadata.creationTimestamp is a zero metav1.Time in Go, which the API server
  // always serialises as `null` (omitempty does not apply to structs); store it that way whether
  // the client sent `null` (kubectl's JSON) or nothing (kubectl's protobuf), so the object and its
  // pod-template-hash are the same either way.
  const meta = (t.metadata ??= {}) as { creationTimestamp?: string | null };
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  t.spec ??= { containers: [] };
  defaultPodSpec(t.spec);
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute') && (t.key === key || ((t.key ?? '') === '' && t.operator === 'Exists')),
  );
}

export function defaultPod(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  defaultPodSpec(spec);
  // ADMISSION (ServiceAccount plugin): the pod runs as the namespace's "default" account.
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  // ADMISSION (Priority plugin, no default PriorityClass): priority 0, PreemptLowerPriority.
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  // ADMISSION (DefaultTolerationSeconds): tolerate not-ready/unreachable nodes for 300s.
  const tol = (spec.tolerations ??= []);
  if (!tolerates(tol, NOT_READY)) tol.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!tolerates(tol, UNREACHABLE)) tol.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
}

export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.type !== 'ExternalName' && !spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  // STRATEGY (service REST allocator): single-stack IPv4 unless the user asked otherwise.
  // SIMPLIFICATION: a headless service without selector gets the same single-stack values.
  if (spec.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!spec.ipFamilies || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
}

export function defaultReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const md = (rc.metadata ??= {});
    if (!md.labels || Object.keys(md.labels).length === 0) md.labels = { ...labels };
  }
  spec.replicas ??= 1;
  spec.minReadySeconds ??= 0;
  defaultPodTemplate(spec.template);
}

export function defaultNamespace(ns: Namespace, create: boolean): void {
  const md = (ns.metadata ??= {});
  if (md.name) md.labels = { ...(md.labels ?? {}), 'kubernetes.io/metadata.name': md.name };
  // STRATEGY (namespace PrepareForCreate, create only: the finalizer may be removed later
  // through /finalize): the kubernetes finalizer; status Active.
  if (!create) return;
  const spec = (ns.spec ??= {});
  if (!spec.finalizers || !spec.finalizers.includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
  const status = (ns.status ??= {});
  if (!status.phase) status.phase = 'Active';
}

export function defaultSecret(s: Secret): void {
  if (!s.type) s.type = 'Opaque';
}

export function defaultNode(node: Node): void {
  const status = ((node as { status?: NonNullable<Node['status']> }).status ??= {});
  canonicalizeResourceList(status.capacity as ResourceList | undefined);
  if (!status.allocatable && status.capacity) status.allocatable = { ...status.capacity };
  canonicalizeResourceList(status.allocatable as ResourceList | undefined);
  node.spec ??= {};
}

export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

export function defaultEndpointSlice(es: EndpointSlice): void {
  for (const p of es.ports ?? []) {
    if (p.name === undefined) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}
