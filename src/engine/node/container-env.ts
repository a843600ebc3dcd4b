// A container's environment as the kubelet builds it: the `env` list with $(VAR) expansion and
// downward-API fieldRefs, plus Docker-link-style variables for the Services of the pod's
// namespace (and always the `kubernetes` master service), as httpenv's output shows.
// Models pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables, getServiceEnvVarMap) and
// pkg/kubelet/envvars/envvars.go
import type { Container, KObject, Pod, Service } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';

const envName = (svc: string) => svc.toUpperCase().replace(/-/g, '_');

function linkVars(svc: Service, out: Record<string, string>): void {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return;
  const name = envName(svc.metadata?.name ?? '');
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return;
  const first = ports[0];
  out[`${name}_SERVICE_HOST`] = ip;
  out[`${name}_SERVICE_PORT`] = String(first.port);
  for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
  const proto = (first.protocol ?? 'TCP').toLowerCase();
  out[`${name}_PORT`] = `${proto}://${ip}:${first.port}`;
  for (const p of ports) {
    const pr = p.protocol ?? 'TCP';
    const prefix = `${name}_PORT_${p.port}_${pr}`;
    out[prefix] = `${pr.toLowerCase()}://${ip}:${p.port}`;
    out[`${prefix}_PROTO`] = pr.toLowerCase();
    out[`${prefix}_PORT`] = String(p.port);
    out[`${prefix}_ADDR`] = ip;
  }
}

export function serviceEnv(api: ApiServer, pod: Pod): Record<string, string> {
  const out: Record<string, string> = {};
  const svcType = api.mustResource('services');
  const master = api.tryGet(svcType, 'default', 'kubernetes') as Service | undefined;
  const ns = pod.metadata?.namespace ?? 'default';
  if (pod.spec?.enableServiceLinks !== false) {
    for (const s of api.list(svcType, ns).items as Service[]) {
      if (ns === 'default' && s.metadata?.name === 'kubernetes') continue;
      linkVars(s, out);
    }
  }
  if (master) linkVars(master, out);
  return out;
}

function fieldRef(pod: Pod, path: string, podIP: string, hostIP: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return podIP;
    case 'status.hostIP':
      return hostIP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
      return '';
    }
  }
}

export function resolveEnv(api: ApiServer, pod: Pod, c: Container, podIP: string, hostIP: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!c.envFrom?.length && !c.env?.length) return out;
  const ns = pod.metadata?.namespace ?? 'default';
  for (const src of c.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    if (src.configMapRef?.name) {
      const cm = api.tryGet(api.mustResource('configmaps'), ns, src.configMapRef.name) as KObject | undefined;
      for (const [k, v] of Object.entries((cm?.data as Record<string, string>) ?? {})) out[prefix + k] = v;
    }
  }
  const expand = (v: string) => v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => (n in out ? out[n] : m)).replace(/\$\$/g, '$');
  for (const e of c.env ?? []) {
    if (e.value !== undefined) out[e.name] = expand(e.value);
    else if (e.valueFrom?.fieldRef) out[e.name] = fieldRef(pod, e.valueFrom.fieldRef.fieldPath, podIP, hostIP);
    else if (e.valueFrom?.configMapKeyRef) {
      const cm = api.tryGet(api.mustResource('configmaps'), ns, e.valueFrom.configMapKeyRef.name ?? '') as KObject | undefined;
      out[e.name] = ((cm?.data as Record<string, string>) ?? {})[e.valueFrom.configMapKeyRef.key] ?? '';
    } else out[e.name] = '';
  }
  return out;
}
