// Validation of the core/v1 kinds other than Pod: Service, Endpoints, ReplicationController,
// ConfigMap, Secret, Namespace, Node, ServiceAccount, Event (and coordination Lease,
// discovery EndpointSlice), with upstream's messages. Leaves out load-balancer source ranges,
// dual-stack upgrade rules, node status addresses and most Secret types' payload checks.
// Models kubernetes/pkg/apis/core/validation/validation.go, pkg/apis/coordination/validation,
// pkg/apis/discovery/validation/validation.go

import type {
  ConfigMap,
  EndpointPort,
  Endpoints,
  Event,
  Namespace,
  Node,
  ReplicationController,
  Secret,
  Service,
  ServicePort,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import {
  type FieldError,
  FieldPath,
  FIELD_IMMUTABLE,
  GoValue,
  duplicate,
  forbidden,
  goQuote,
  goStringMap,
  goStringSlice,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../field';
import { byteLen, isConfigMapKey, isDNS1123Label, isValidLabelValue as isValidLabelValueMsgs, isValidPortName, isValidPortNum } from './names';
import { validateDNS1123Label, validateDNS1123Subdomain, validateLabelName, validateLabels, validateNonnegative, selectorMatches } from './meta';
import { SUPPORTED_PORT_PROTOCOLS, validatePodTemplateSpec, validateTaintEffect } from './pod';

const root = (n: string): FieldPath => FieldPath.root(n);
const MAX_SECRET_SIZE = 1024 * 1024;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const isProtocol = (p: string): boolean => (SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(p);

// ---- IP addresses (apimachinery/pkg/util/validation/ip.go) --------------------------------------

const ipv4Re = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export function isIPv4(s: string): boolean {
  const m = ipv4Re.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string): string[] | null => {
    if (part === '') return [];
    const g = part.split(':');
    for (let i = 0; i < g.length; i++) {
      const last = i === g.length - 1;
      if (last && g[i].includes('.')) {
        if (!isIPv4(g[i])) return null;
        g.splice(i, 1, '0', '0');
        break;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g[i])) return null;
    }
    return g;
  };
  const head = groups(dbl[0]);
  const tail = dbl.length === 2 ? groups(dbl[1]) : [];
  if (!head || !tail) return false;
  const n = head.length + tail.length;
  return dbl.length === 2 ? n < 8 : n === 8;
}
export const isIP = (s: string): boolean => isIPv4(s) || isIPv6(s);
const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

function validateIP(p: FieldPath, v: string): FieldError[] {
  return isIP(v) ? [] : [invalid(p, v, IP_ERROR)];
}

function validateNonSpecialIP(p: FieldPath, v: string): FieldError[] {
  if (!isIP(v)) return [invalid(p, v, IP_ERROR)];
  if (v === '0.0.0.0' || v === '::') return [invalid(p, v, 'may not be unspecified (0.0.0.0)')];
  if (v.startsWith('127.') || v === '::1') return [invalid(p, v, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (v.startsWith('169.254.') || /^fe80:/i.test(v)) return [invalid(p, v, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (/^22[4-9]\.|^23\d\./.test(v) || /^ff/i.test(v)) return [invalid(p, v, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

// ---- Service ---------------------------------------------------------------------------------

const intstrGo = (v: number | string | undefined): string =>
  typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` : `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;

/** %#v of the (protocol, port) key core.ServicePort used in the duplicate-port error. */
const servicePortKeyGo = (protocol: string, port: number): GoValue =>
  new GoValue(`core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:${intstrGo(0)}, NodePort:0}`);

function validatePortNumOrName(v: number | string | undefined, p: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPortName(v).map((m) => invalid(p, v, m));
  const n = v ?? 0;
  return isValidPortNum(n).map((m) => invalid(p, n, m));
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(p.child('name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, p.child('name')));
    if (names.has(sp.name)) errs.push(duplicate(p.child('name'), sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port ?? 0)) errs.push(invalid(p.child('port'), sp.port ?? 0, m));
  if (!sp.protocol) errs.push(required(p.child('protocol')));
  else if (!isProtocol(sp.protocol)) errs.push(notSupported(p.child('protocol'), sp.protocol, SUPPORTED_PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, p.child('targetPort')));
  return errs;
}

/** spec.clusterIPs as the strategy normalises it from spec.clusterIP. */
const clusterIPsOf = (svc: Service): string[] => svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);

export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const specPath = root('spec');
  const errs: FieldError[] = [];
  const ips = clusterIPsOf(svc);
  const headless = ips.length > 0 && ips[0] === 'None';
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports')));
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless) errs.push(invalid(specPath.child('clusterIPs').index(0), ips[0], `may not be set to 'None' for ${spec.type} services`));
      break;
    case 'ExternalName': {
      if (ips.length > 0) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if (spec.ipFamilies && spec.ipFamilies.length > 0) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...validateDNS1123Subdomain(cname, specPath.child('externalName')));
      else errs.push(required(specPath.child('externalName')));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((sp, i) => errs.push(...validateServicePort(sp, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));
  if (!spec.sessionAffinity) errs.push(required(specPath.child('sessionAffinity')));
  else if (spec.sessionAffinity !== 'ClientIP' && spec.sessionAffinity !== 'None') {
    errs.push(notSupported(specPath.child('sessionAffinity'), spec.sessionAffinity, ['ClientIP', 'None']));
  }
  if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  if (spec.type !== 'ExternalName') {
    // SIMPLIFICATION: the dual-stack family/policy consistency rules are reduced to these checks.
    ips.forEach((ip, i) => {
      if (i === 0 && ip === 'None') {
        if (ips.length > 1) errs.push(invalid(specPath.child('clusterIPs'), goStringSlice(ips), "'None' must be the first and only value"));
        return;
      }
      errs.push(...validateIP(specPath.child('clusterIPs').index(i), ip));
    });
    if (ips.length > 2) errs.push(invalid(specPath.child('clusterIPs'), goStringSlice(ips), 'may only hold up to 2 values'));
    const pol = spec.ipFamilyPolicy;
    if (pol && pol !== 'SingleStack' && pol !== 'PreferDualStack' && pol !== 'RequireDualStack') {
      errs.push(notSupported(specPath.child('ipFamilyPolicy'), pol, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
    }
    (spec.ipFamilies ?? []).forEach((f, i) => {
      if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(specPath.child('ipFamilies').index(i), f, ['IPv4', 'IPv6']));
    });
  }
  (spec.externalIPs ?? []).forEach((ip, i) => errs.push(...validateNonSpecialIP(specPath.child('externalIPs').index(i), ip)));
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!spec.type) errs.push(required(specPath.child('type')));
  else if (!types.includes(spec.type)) errs.push(notSupported(specPath.child('type'), spec.type, types));
  if (spec.type === 'ClusterIP') {
    ports.forEach((sp, i) => {
      if (sp.nodePort) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!sp.nodePort) return;
    const key = `${sp.protocol ?? ''}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), sp.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((sp, i) => {
    const key = `${sp.protocol ?? ''}/${sp.port ?? 0}`;
    if (seen.has(key)) errs.push(duplicate(specPath.child('ports').index(i), servicePortKeyGo(sp.protocol ?? '', sp.port ?? 0)));
    seen.add(key);
  });
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    // SIMPLIFICATION: upstream reports this from the node-port allocator, after validation.
    ports.forEach((sp, i) => {
      if (sp.nodePort && (sp.nodePort < NODE_PORT_MIN || sp.nodePort > NODE_PORT_MAX)) {
        errs.push(
          invalid(
            specPath.child('ports').index(i).child('nodePort'),
            sp.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
          ),
        );
      }
    });
  }
  const etp = spec.externalTrafficPolicy;
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    if (!etp) errs.push(required(specPath.child('externalTrafficPolicy')));
    else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported(specPath.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  } else if (etp) {
    errs.push(invalid(specPath.child('externalTrafficPolicy'), etp, 'may only be set when `type` is \'NodePort\' or \'LoadBalancer\''));
  }
  const itp = spec.internalTrafficPolicy;
  if (spec.type !== 'ExternalName' && itp && itp !== 'Cluster' && itp !== 'Local') {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  }
  return errs;
}

/** ValidateServiceUpdate's own part (primary cluster IP and family cannot change once set). */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs: FieldError[] = [];
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return errs;
  const n = clusterIPsOf(svc);
  const o = clusterIPsOf(old);
  if (o.length > 0 && n.length > 0 && n[0] !== o[0]) {
    errs.push(invalid(root('spec').child('clusterIPs').index(0), goStringSlice(n), 'may not change once set'));
  }
  const nf = svc.spec?.ipFamilies ?? [];
  const of = old.spec?.ipFamilies ?? [];
  if (of.length > 0 && nf.length > 0 && nf[0] !== of[0]) {
    errs.push(invalid(root('spec').child('ipFamilies').index(0), goStringSlice(nf), 'may not change once set'));
  }
  return errs;
}

// ---- Endpoints / EndpointSlice ----------------------------------------------------------------

function validateEndpointPort(port: EndpointPort, requireName: boolean, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(required(p.child('name')));
  else if (port.name) errs.push(...validateDNS1123Label(port.name, p.child('name')));
  for (const m of isValidPortNum(port.port ?? 0)) errs.push(invalid(p.child('port'), port.port ?? 0, m));
  if (!port.protocol) errs.push(required(p.child('protocol')));
  else if (!isProtocol(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const ip = root('subsets').index(i);
    if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length) {
      errs.push(required(ip, 'must specify `addresses` or `notReadyAddresses`'));
    }
    for (const [field, list] of [['addresses', ss.addresses], ['notReadyAddresses', ss.notReadyAddresses]] as const) {
      (list ?? []).forEach((a, j) => {
        const ap = ip.child(field).index(j);
        errs.push(...validateNonSpecialIP(ap.child('ip'), a.ip ?? ''));
        if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, ap.child('hostname')));
        if (a.nodeName) errs.push(...validateDNS1123Subdomain(a.nodeName, ap.child('nodeName')));
      });
    }
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validateEndpointPort(port, ports.length > 1, ip.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpointSlice(es: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const types = ['FQDN', 'IPv4', 'IPv6'];
  const at = es.addressType as string | undefined;
  if (!at) errs.push(required(root('addressType')));
  else if (!types.includes(at)) errs.push(notSupported(root('addressType'), at, types));
  (es.endpoints ?? []).forEach((e, i) => {
    const ep = root('endpoints').index(i);
    const addrs = e.addresses ?? [];
    if (addrs.length === 0) errs.push(required(ep.child('addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(invalid(ep.child('addresses'), goStringSlice(addrs), 'may not have more than 100 addresses'));
    addrs.forEach((a, j) => {
      const ap = ep.child('addresses').index(j);
      if (at === 'IPv4' && !isIPv4(a)) errs.push(invalid(ap, a, 'must be a valid IPv4 address'));
      else if (at === 'IPv6' && !isIPv6(a)) errs.push(invalid(ap, a, 'must be a valid IPv6 address'));
      else if (at === 'FQDN') errs.push(...validateDNS1123Subdomain(a, ap));
    });
    if (e.nodeName) errs.push(...validateDNS1123Subdomain(e.nodeName, ep.child('nodeName')));
    if (e.hostname) errs.push(...validateDNS1123Label(e.hostname, ep.child('hostname')));
  });
  const names = new Set<string>();
  (es.ports ?? []).forEach((port, i) => {
    const pp = root('ports').index(i);
    const name = port.name ?? '';
    if (name) errs.push(...validateDNS1123Label(name, pp.child('name')));
    if (names.has(name)) errs.push(duplicate(pp.child('name'), name));
    else names.add(name);
    if (!port.protocol) errs.push(required(pp.child('protocol')));
    else if (!isProtocol(port.protocol)) errs.push(notSupported(pp.child('protocol'), port.protocol, SUPPORTED_PORT_PROTOCOLS));
    if (port.port !== undefined && port.port !== null) {
      for (const m of isValidPortNum(port.port)) errs.push(invalid(pp.child('port'), port.port, m));
    }
  });
  return errs;
}

// ---- ReplicationController --------------------------------------------------------------------

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  const spec = rc.spec ?? {};
  const p = root('spec');
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  const selector = spec.selector ?? {};
  const selectorEmpty = Object.keys(selector).length === 0;
  if (selectorEmpty) errs.push(required(p.child('selector')));
  if (spec.replicas === undefined || spec.replicas === null) errs.push(required(p.child('replicas')));
  else errs.push(...validateNonnegative(spec.replicas, p.child('replicas')));
  const tp = p.child('template');
  const t = spec.template;
  if (!t) errs.push(required(tp));
  else {
    if (!selectorEmpty && !selectorMatches({ matchLabels: selector }, t.metadata?.labels)) {
      errs.push(invalid(tp.child('metadata', 'labels'), goStringMap(t.metadata?.labels), '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplateSpec(t, tp));
    const rp = t.spec?.restartPolicy ?? '';
    if (rp !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']));
    if (t.spec?.activeDeadlineSeconds !== undefined && t.spec.activeDeadlineSeconds !== null) {
      errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
    }
  }
  return errs;
}

// ---- ConfigMap / Secret -----------------------------------------------------------------------

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  for (const k in data) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(root('data').key(k), k, m));
    if (k in binary) errs.push(invalid(root('data').key(k), k, 'duplicate of key present in binaryData'));
    total += byteLen(data[k]);
  }
  for (const k in binary) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(root('binaryData').key(k), k, m));
    total += Math.floor((binary[k].length * 3) / 4); // decoded size of the base64 text
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(root(''), '', MAX_SECRET_SIZE));
  return errs;
}

const decodedLen = (b64: string): number => {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
};

export function validateSecret(s: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = root('data');
  const data = s.data ?? {};
  let total = 0;
  for (const k in data) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(dataPath.key(k), k, m));
    total += decodedLen(data[k]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, '', MAX_SECRET_SIZE));
  const has = (k: string): boolean => k in data || k in (s.stringData ?? {});
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(root('metadata').child('annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required(dataPath.key('.dockercfg')));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required(dataPath.key('.dockerconfigjson')));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required(dataPath.key('username')), required(dataPath.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!has('ssh-privatekey')) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key')));
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt')));
      break;
    default:
  }
  return errs;
}

function stableData(d: Record<string, string> | undefined): string {
  return JSON.stringify(Object.keys(d ?? {}).sort().map((k) => [k, d?.[k]]));
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable) {
    if (!cm.immutable) errs.push(forbidden(root('immutable'), 'field is immutable when `immutable` is set'));
    if (stableData(cm.data) !== stableData(old.data)) errs.push(forbidden(root('data'), 'field is immutable when `immutable` is set'));
    if (stableData(cm.binaryData) !== stableData(old.binaryData)) errs.push(forbidden(root('binaryData'), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export function validateSecretUpdate(s: Secret, old: Secret): FieldError[] {
  const errs: FieldError[] = [];
  if ((s.type ?? '') !== (old.type ?? '')) errs.push(invalid(root('type'), s.type ?? '', FIELD_IMMUTABLE));
  if (old.immutable) {
    if (!s.immutable) errs.push(forbidden(root('immutable'), 'field is immutable when `immutable` is set'));
    if (stableData(s.data) !== stableData(old.data)) errs.push(forbidden(root('data'), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

// ---- Namespace / Node / ServiceAccount / Event / Lease -----------------------------------------

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ns.spec?.finalizers ?? []) {
    const fp = root('spec').child('finalizers');
    const msgs = validateLabelName(f, fp);
    if (msgs.length) errs.push(...msgs);
    else if (!f.includes('/') && f !== 'kubernetes') {
      errs.push(invalid(fp, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  const sp = root('spec');
  const seen = new Set<string>();
  (node.spec?.taints ?? []).forEach((t, i) => {
    const tp = sp.child('taints').index(i);
    errs.push(...validateLabelName(t.key ?? '', tp.child('key')));
    if (t.value) for (const m of isValidLabelValueMsgs(t.value)) errs.push(invalid(tp.child('value'), t.value, m));
    errs.push(...validateTaintEffect(t.effect ?? '', false, tp.child('effect')));
    const key = `${t.key}:${t.effect}`;
    if (seen.has(key)) errs.push(duplicate(tp, new GoValue(`core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:<nil>}`)));
    seen.add(key);
  });
  const cidrs = node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []);
  cidrs.forEach((c, i) => {
    const [ip, bits] = c.split('/');
    if (bits === undefined || !isIP(ip) || !/^\d+$/.test(bits)) errs.push(invalid(sp.child('podCIDRs').index(i), c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  });
  for (const [k, v] of Object.entries(node.status?.capacity ?? {})) {
    if (String(v).startsWith('-')) errs.push(invalid(root('status').child('capacity').key(k), String(v), 'must be greater than or equal to 0'));
  }
  return errs;
}


export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs: FieldError[] = [];
  const oc = old.spec?.podCIDRs ?? [];
  const nc = node.spec?.podCIDRs ?? [];
  if (oc.length > 0 && JSON.stringify(oc) !== JSON.stringify(nc)) {
    errs.push(forbidden(root('spec').child('podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbidden(root('spec').child('providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const ions = ev.involvedObject?.namespace ?? '';
  if (ions === '') {
    if (ns !== '' && ns !== 'default') errs.push(invalid(root('involvedObject').child('namespace'), ions, 'does not match event.namespace'));
  } else if (ns !== ions) {
    errs.push(invalid(root('involvedObject').child('namespace'), ions, 'does not match event.namespace'));
  }
  return errs;
}

export function validateLease(l: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const sp = root('spec');
  const s = l.spec ?? {};
  if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds !== null && s.leaseDurationSeconds <= 0) {
    errs.push(invalid(sp.child('leaseDurationSeconds'), s.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (s.leaseTransitions !== undefined && s.leaseTransitions !== null && s.leaseTransitions < 0) {
    errs.push(invalid(sp.child('leaseTransitions'), s.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

export const isNamespaceNameValid = (n: string): boolean => isDNS1123Label(n).length === 0;
