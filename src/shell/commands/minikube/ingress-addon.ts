// `minikube addons enable|disable ingress`: the addon manager applies ingress-nginx's manifest
// to the profile's cluster (namespace ingress-nginx, controller Deployment with hostPorts 80/443,
// NodePort Service) and minikube waits for the controller pod, as its "Verifying ingress addon..."
// step does. Models minikube pkg/addons/addons.go (enableOrDisableAddon, verifyAddonStatus).
// SIMPLIFICATION: the admission Jobs and RBAC of the real manifest are not applied (see
// src/engine/network/ingress-nginx-manifest.ts); disable deletes the namespace.
import type { ApiRequest, ApiResponse, KObject } from '../../../engine';
import { ingressNginxManifest } from '../../../engine';
import type { MinikubeHost } from './host';

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Service: 'services',
  Deployment: 'deployments',
  IngressClass: 'ingressclasses',
};
const CLUSTER_SCOPED = new Set(['Namespace', 'IngressClass']);

function objectPath(o: KObject): string {
  const prefix = o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion ?? ''}`;
  const plural = PLURALS[o.kind ?? ''] ?? '';
  return CLUSTER_SCOPED.has(o.kind ?? '') ? `${prefix}/${plural}` : `${prefix}/namespaces/${o.metadata?.namespace ?? 'default'}/${plural}`;
}

function req(method: string, path: string, body?: unknown): ApiRequest {
  const r: ApiRequest = { method, path, query: {}, headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) } };
  if (body !== undefined) r.body = body;
  return r;
}

/** Applies the manifest; objects that already exist are kept (409 is not an error). */
export function applyIngressAddon(host: MinikubeHost, profile: string): ApiResponse[] {
  const failed: ApiResponse[] = [];
  for (const o of ingressNginxManifest('minikube')) {
    const res = host.request(profile, req('POST', objectPath(o), o));
    if (res.status >= 300 && res.status !== 409) failed.push(res);
  }
  return failed;
}

/** Whether the controller Deployment has an available replica. */
export function ingressControllerReady(host: MinikubeHost, profile: string): boolean {
  const res = host.request(profile, req('GET', '/apis/apps/v1/namespaces/ingress-nginx/deployments/ingress-nginx-controller'));
  if (res.status !== 200) return false;
  return ((res.body as { status?: { availableReplicas?: number } }).status?.availableReplicas ?? 0) > 0;
}

export function removeIngressAddon(host: MinikubeHost, profile: string): void {
  host.request(profile, req('DELETE', '/api/v1/namespaces/ingress-nginx'));
}
