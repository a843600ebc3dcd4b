// Pod, PodSpec and PodTemplateSpec validation with upstream's messages and field order:
// containers, ports, env, resources, volumes (basic), restart/DNS policy, tolerations,
// and the pod update rules (only images, activeDeadlineSeconds, tolerations additions...).
// Leaves out probes, security contexts, affinity, topology spread, ephemeral containers,
// most volume sources and the pod-specific annotations. Expects defaulted objects.
// Models kubernetes/pkg/apis/core/validation/validation.go (ValidatePodSpec, ValidatePodUpdate)

import type { Container, ContainerPort, EnvVar, PodSpec, PodTemplateSpec, Toleration, Volume } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import {
  type FieldError,
  FieldPath,
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
} from '../field';
import { parseQuantity, quantityToString, compareQuantities } from '../quantity';
import { inclusiveRangeError, isRelaxedEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names';
import { validateAnnotations, validateDNS1123Label, validateLabelName, validateLabels } from './meta';

export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const MAX_INT32 = 2147483647;
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function validatePorts(ports: readonly ContainerPort[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const ip = p.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(ip.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(ip.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(ip.child('containerPort')));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(ip.child('containerPort'), port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(ip.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(required(ip.child('protocol')));
    else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(port.protocol)) {
      errs.push(notSupported(ip.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return errs;
}

function validateEnv(env: readonly EnvVar[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const ip = p.index(i);
    if (!ev.name) errs.push(required(ip.child('name')));
    for (const m of isRelaxedEnvVarName(ev.name ?? '')) errs.push(invalid(ip.child('name'), ev.name ?? '', m));
    const vf = ev.valueFrom;
    if (vf) {
      const n = [vf.fieldRef, vf.resourceFieldRef, vf.configMapKeyRef, vf.secretKeyRef].filter((x) => x !== undefined).length;
      if (n === 0) errs.push(invalid(ip.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (n > 1) errs.push(invalid(ip.child('valueFrom'), '', 'may not have more than one field specified at a time'));
      if (ev.value) errs.push(invalid(ip.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (n: string): boolean => n.startsWith('hugepages-');
const isNativeResource = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
const isOvercommitAllowed = (n: string): boolean => isNativeResource(n) && !isHugePages(n);

function validateResourceName(name: string, p: FieldPath): FieldError[] {
  const errs = validateLabelName(name, p);
  if (errs.length) return errs;
  if (isNativeResource(name) && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(p, name, 'must be a standard resource for containers')];
  }
  return [];
}

function validateResources(c: Container, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const limPath = p.child('limits');
  const reqPath = p.child('requests');
  const check = (name: string, raw: string, fp: FieldPath): ReturnType<typeof parseQuantity> => {
    errs.push(...validateResourceName(name, fp));
    const q = parseQuantity(String(raw));
    // SIMPLIFICATION: upstream rejects a malformed quantity while decoding the request (400).
    if (!q) {
      errs.push(invalid(fp, String(raw), QUANTITY_FORMAT_ERROR));
      return null;
    }
    if ((q.nano ?? 0n) < 0n) errs.push(invalid(fp, quantityToString(q), 'must be greater than or equal to 0'));
    if (!isNativeResource(name) && Number(BigInt(q.milli) % 1000n) !== 0) {
      errs.push(invalid(fp, quantityToString(q), 'must be an integer'));
    }
    return q;
  };
  for (const name in limits) check(name, String(limits[name]), limPath.key(name));
  for (const name in requests) {
    const q = check(name, String(requests[name]), reqPath.key(name));
    const rawLimit = limits[name];
    if (rawLimit !== undefined) {
      const lq = parseQuantity(String(rawLimit));
      if (q && lq) {
        const cmp = compareQuantities(q, lq);
        if (cmp !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, quantityToString(q), `must be equal to ${name} limit of ${quantityToString(lq)}`));
        } else if (cmp > 0) {
          errs.push(invalid(reqPath, quantityToString(q), `must be less than or equal to ${name} limit of ${quantityToString(lq)}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(p.child('name')));
  else errs.push(...validateDNS1123Label(c.name, p.child('name')));
  if (!c.image) errs.push(required(p.child('image')));
  switch (c.terminationMessagePolicy) {
    case 'File':
    case 'FallbackToLogsOnError':
      break;
    case undefined:
    case '':
      errs.push(required(p.child('terminationMessagePolicy')));
      break;
    default:
      errs.push(notSupported(p.child('terminationMessagePolicy'), c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, p.child('ports')));
  errs.push(...validateEnv(c.env, p.child('env')));
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const ip = p.child('volumeMounts').index(i);
    if (!m.name) errs.push(required(ip.child('name')));
    else if (!volumes.has(m.name)) errs.push(notFound(ip.child('name'), m.name));
    if (!m.mountPath) errs.push(required(ip.child('mountPath')));
    else if (mountPaths.has(m.mountPath)) errs.push(invalid(ip.child('mountPath'), m.mountPath, 'must be unique'));
    else mountPaths.add(m.mountPath);
  });
  switch (c.imagePullPolicy) {
    case 'Always':
    case 'IfNotPresent':
    case 'Never':
      break;
    case undefined:
    case '':
      errs.push(required(p.child('imagePullPolicy')));
      break;
    default:
      errs.push(notSupported(p.child('imagePullPolicy'), c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResources(c, p.child('resources')));
  return errs;
}

function validateContainers(containers: readonly Container[] | undefined, volumes: ReadonlySet<string>, p: FieldPath): FieldError[] {
  if (!containers || containers.length === 0) return [required(p)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const ip = p.index(i);
    errs.push(...validateContainerCommon(c, volumes, ip));
    if (names.has(c.name)) errs.push(duplicate(ip.child('name'), c.name));
    else names.add(c.name);
    if (c.restartPolicy !== undefined) errs.push(forbidden(ip.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  // checkHostPortConflicts
  const used = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (used.has(key)) errs.push(duplicate(p.index(ci).child('ports').index(pi).child('hostPort'), key));
      used.add(key);
    });
  });
  return errs;
}

function validateInitContainers(init: readonly Container[] | undefined, regular: readonly Container[] | undefined, volumes: ReadonlySet<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (init ?? []).forEach((c, i) => {
    const ip = p.index(i);
    errs.push(...validateContainerCommon(c, volumes, ip));
    if (names.has(c.name)) errs.push(duplicate(ip.child('name'), c.name));
    else names.add(c.name);
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') {
      errs.push(notSupported(ip.child('restartPolicy'), c.restartPolicy, ['Always']));
    }
  });
  return errs;
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
] as const;

/** ValidateVolumes (names and the one-source rule); returns the set of volume names. */
function validateVolumes(volumes: readonly Volume[] | undefined, p: FieldPath): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const ip = p.index(i);
    const before = errs.length;
    if (!v.name) errs.push(required(ip.child('name')));
    else errs.push(...validateDNS1123Label(v.name, ip.child('name')));
    if (v.name && names.has(v.name)) errs.push(duplicate(ip.child('name'), v.name));
    const record = v as unknown as Record<string, unknown>;
    const set = VOLUME_SOURCES.filter((s) => record[s] !== undefined && record[s] !== null);
    if (set.length === 0) errs.push(required(ip, 'must specify a volume type'));
    for (const extra of set.slice(1)) errs.push(forbidden(ip.child(extra), 'may not specify more than 1 volume type'));
    if (errs.length === before && v.name) names.add(v.name);
  });
  return { names, errs };
}

function validateTaintEffect(effect: string, allowEmpty: boolean, p: FieldPath): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [required(p)];
  if (effect === 'NoSchedule' || effect === 'PreferNoSchedule' || effect === 'NoExecute') return [];
  return [notSupported(p, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}
export { validateTaintEffect };

export function validateTolerations(tolerations: readonly Toleration[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const ip = p.index(i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, ip.child('key')));
    if (key.length === 0 && op !== 'Exists') {
      errs.push(invalid(ip.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(ip.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(invalid(ip.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        // SIMPLIFICATION: upstream prints the whole core.Toleration struct with %#v here.
        if (t.value) errs.push(invalid(ip.child('operator'), t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(ip.child('operator'), op, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, true, ip.child('effect')));
  });
  return errs;
}

function validateRestartPolicy(policy: string | undefined, p: FieldPath): FieldError[] {
  switch (policy) {
    case 'Always':
    case 'OnFailure':
    case 'Never':
      return [];
    case undefined:
    case '':
      return [required(p)];
    default:
      return [notSupported(p, policy, ['Always', 'OnFailure', 'Never'])];
  }
}

function validateDNSPolicy(policy: string | undefined, p: FieldPath): FieldError[] {
  switch (policy) {
    case 'ClusterFirstWithHostNet':
    case 'ClusterFirst':
    case 'Default':
    case 'None':
      return [];
    case undefined:
    case '':
      return [required(p)];
    default:
      return [notSupported(p, policy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'])];
  }
}

/** ValidatePodSpec on a defaulted spec. */
export function validatePodSpec(spec: PodSpec | undefined, p: FieldPath): FieldError[] {
  const s = spec ?? ({} as PodSpec);
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) errs.push(required(p.child('terminationGracePeriodSeconds')));
  const vols = validateVolumes(s.volumes, p.child('volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(s.containers, vols.names, p.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, p.child('initContainers')));
  errs.push(...validateRestartPolicy(s.restartPolicy, p.child('restartPolicy')));
  errs.push(...validateDNSPolicy(s.dnsPolicy, p.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, p.child('nodeSelector')));
  if (s.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(s.serviceAccountName, false)) errs.push(invalid(p.child('serviceAccountName'), s.serviceAccountName, m));
  }
  if (s.nodeName) for (const m of nameIsDNSSubdomain(s.nodeName, false)) errs.push(invalid(p.child('nodeName'), s.nodeName, m));
  if (s.activeDeadlineSeconds !== undefined && s.activeDeadlineSeconds !== null) {
    const v = s.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(invalid(p.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, p.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, p.child('subdomain')));
  if (s.tolerations && s.tolerations.length) errs.push(...validateTolerations(s.tolerations, p.child('tolerations')));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== 'PreemptLowerPriority' && s.preemptionPolicy !== 'Never') {
    errs.push(notSupported(p.child('preemptionPolicy'), s.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: note upstream's `spec.template.labels` path (no `metadata`). */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, p: FieldPath): FieldError[] {
  const md: ObjectMeta = t?.metadata ?? {};
  return [
    ...validateLabels(md.labels, p.child('labels')),
    ...validateAnnotations(md.annotations, p.child('annotations')),
    ...validatePodSpec(t?.spec, p.child('spec')),
  ];
}

// ---- updates ---------------------------------------------------------------------------------

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

/** Go field names of core.PodSpec in declaration order (for the update diff). */
const POD_SPEC_FIELDS: [string, string][] = [
  ['volumes', 'Volumes'], ['initContainers', 'InitContainers'], ['containers', 'Containers'], ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'], ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'], ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'],
  ['dnsPolicy', 'DNSPolicy'], ['nodeSelector', 'NodeSelector'], ['serviceAccountName', 'ServiceAccountName'],
  ['automountServiceAccountToken', 'AutomountServiceAccountToken'], ['nodeName', 'NodeName'], ['securityContext', 'SecurityContext'],
  ['imagePullSecrets', 'ImagePullSecrets'], ['hostname', 'Hostname'], ['subdomain', 'Subdomain'], ['setHostnameAsFQDN', 'SetHostnameAsFQDN'],
  ['affinity', 'Affinity'], ['schedulerName', 'SchedulerName'], ['tolerations', 'Tolerations'], ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'], ['priority', 'Priority'], ['preemptionPolicy', 'PreemptionPolicy'], ['dnsConfig', 'DNSConfig'],
  ['readinessGates', 'ReadinessGates'], ['runtimeClassName', 'RuntimeClassName'], ['overhead', 'Overhead'],
  ['enableServiceLinks', 'EnableServiceLinks'], ['topologySpreadConstraints', 'TopologySpreadConstraints'], ['os', 'OS'],
  ['schedulingGates', 'SchedulingGates'], ['resourceClaims', 'ResourceClaims'], ['resources', 'Resources'],
];

function stableJson(v: unknown): string {
  if (v === undefined) return 'nil';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/**
 * SIMPLIFICATION: upstream appends go-cmp's Diff of the whole core.PodSpec (deliberately
 * unstable output); we print the same frame with one -/+ pair per changed top-level field.
 */
function podSpecDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const o = oldSpec as unknown as Record<string, unknown>;
  const n = newSpec as unknown as Record<string, unknown>;
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = (): void => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const [json, go] of POD_SPEC_FIELDS) {
    const a = stableJson(o[json]);
    const b = stableJson(n[json]);
    if (a === b) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${go}: ${a},`, `+ \t${go}: ${b},`);
  }
  flush();
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}

/** Semantic deep equality of JSON-like values; keys holding undefined count as absent. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let nx = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    nx++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  let ny = 0;
  for (const k in y) if (y[k] !== undefined) ny++;
  return nx === ny;
}

function tolerationKey(t: Toleration): string {
  return `${t.key ?? ''}\u0000${t.operator ?? ''}\u0000${t.value ?? ''}\u0000${t.effect ?? ''}`;
}

function validateOnlyAddedTolerations(newT: readonly Toleration[] | undefined, oldT: readonly Toleration[] | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const have = new Set((newT ?? []).map(tolerationKey));
  (oldT ?? []).forEach((t, i) => {
    if (!have.has(tolerationKey(t))) errs.push(forbidden(p.index(i), 'existing toleration can not be modified except its tolerationSeconds'));
  });
  errs.push(...validateTolerations(newT, p));
  return errs;
}

function validateContainerUpdates(newC: readonly Container[] | undefined, oldC: readonly Container[] | undefined, p: FieldPath): { errs: FieldError[]; stop: boolean } {
  const a = newC ?? [];
  const b = oldC ?? [];
  if (a.length !== b.length) return { errs: [forbidden(p, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    if (!c.image) errs.push(required(p.index(i).child('image')));
  });
  return { errs, stop: false };
}

/** The spec part of ValidatePodUpdate (metadata and full spec validation are done by the caller). */
export function validatePodSpecUpdate(newSpec: PodSpec | undefined, oldSpec: PodSpec | undefined): FieldError[] {
  const ns = newSpec ?? ({} as PodSpec);
  const os = oldSpec ?? ({} as PodSpec);
  const specPath = FieldPath.root('spec');
  const errs: FieldError[] = [];
  for (const [field] of [['containers'], ['initContainers']] as const) {
    const r = validateContainerUpdates(ns[field], os[field], specPath.child(field));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  if (ns.activeDeadlineSeconds !== undefined && ns.activeDeadlineSeconds !== null) {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > MAX_INT32) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), v, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null && os.activeDeadlineSeconds < v) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations, os.tolerations, specPath.child('tolerations')));
  if (deepEqual(ns, os)) return errs;
  // Munge the updatable fields back to the old values, then compare.
  const munged: PodSpec = {
    ...ns,
    containers: (ns.containers ?? []).map((c, i) => ({ ...c, image: os.containers?.[i]?.image ?? c.image })),
    initContainers: ns.initContainers
      ? ns.initContainers.map((c, i) => ({ ...c, image: os.initContainers?.[i]?.image ?? c.image }))
      : ns.initContainers,
    activeDeadlineSeconds: os.activeDeadlineSeconds,
    tolerations: os.tolerations,
  };
  if (!ns.initContainers) delete munged.initContainers;
  if (os.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  if (os.tolerations === undefined) delete munged.tolerations;
  if ((os.terminationGracePeriodSeconds ?? 0) < 0 && ns.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, os)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS}\n${podSpecDiff(os, munged)}`));
  }
  return errs;
}
