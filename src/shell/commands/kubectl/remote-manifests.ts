// `kubectl apply -f https://...`: the playground has no Internet, so the manifests the course and
// the docs install by URL are bundled here; any other URL answers as a missing GitHub file.
// Models staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go (readHttpWithRetries' error text).
// SIMPLIFICATION: every unknown URL gets a 404, whatever its host.
import type { KObject } from '../../../engine';
import { ingressNginxClass, ingressNginxManifest } from '../../../engine';

const INGRESS_NGINX_CLOUD =
  /^https:\/\/raw\.githubusercontent\.com\/kubernetes\/ingress-nginx\/controller-v1\.\d+\.\d+\/deploy\/static\/provider\/cloud\/deploy\.yaml$/;

export const isUrl = (f: string): boolean => /^https?:\/\/[^/]+/i.test(f);

/** The objects behind a known URL, or the error kubectl prints for it. */
export function fetchManifest(url: string): { objects: KObject[] } | { error: string } {
  if (INGRESS_NGINX_CLOUD.test(url)) {
    // deploy.yaml lists the IngressClass after the Service and before the webhook objects
    return { objects: [...ingressNginxManifest('cloud'), ingressNginxClass('cloud')] };
  }
  return { error: `error: unable to read URL "${url}", server reported 404 Not Found, status code=404` };
}
