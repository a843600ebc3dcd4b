// What kubectl needs from its environment: a synchronous Kubernetes REST endpoint (the
// simulated API server answers at once; watches and log streams deliver later on the
// virtual clock) and the virtual time for ages. The worker and the tests provide it.
import type { ApiRequest, ApiResponse } from '../../../engine';

/** An API server reachable at some URL. */
export interface KubeEndpoint {
  request(req: ApiRequest): ApiResponse;
  /** Whether the server accepts this kubeconfig user's credentials (default: any). */
  authenticate?(user: { name: string; token?: string; clientCertificate?: string; clientCertificateData?: string }): boolean;
}

export interface KubeHost {
  request(req: ApiRequest): ApiResponse;
  /** Virtual epoch milliseconds. */
  now(): number;
  /**
   * Routes a server URL from the kubeconfig (`https://10.0.0.11:6443`) to the API server that
   * listens there, or says how connecting fails. Hosts without it send every request to
   * `request` whatever the kubeconfig says (unit tests).
   */
  connect?(server: string): KubeEndpoint | 'refused' | 'timeout';
}
