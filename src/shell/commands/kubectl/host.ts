// What kubectl needs from its environment: a synchronous Kubernetes REST endpoint (the
// simulated API server answers at once; watches and log streams deliver later on the
// virtual clock) and the virtual time for ages. The worker and the tests provide it.
import type { ApiRequest, ApiResponse } from '../../../engine';

export interface KubeHost {
  request(req: ApiRequest): ApiResponse;
  /** Virtual epoch milliseconds. */
  now(): number;
}
