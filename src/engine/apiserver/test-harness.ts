// A minimal API server for tests: virtual clock, seeded RNG, store, ApiServer with every
// kind, the REST façade and the four namespaces kubeadm creates. No controllers, scheduler
// or kubelet, so objects only change when a test changes them.
import { VirtualClock } from '../core/clock';
import { Rng } from '../core/rng';
import { DEFAULT_EPOCH } from '../core/time';
import { Store } from '../store/store';
import type { StoreOptions } from '../store/store';
import { ClusterIPAllocator, PortAllocator } from '../network/ipam';
import { ApiServer } from './apiserver';
import { RestHandler } from './rest';
import type { ApiRequest, ApiResponse } from './rest';
import { allResourceTypes } from './registry';
import { installAutoscalingV1 } from './registry/autoscaling';

export interface Harness {
  clock: VirtualClock;
  rng: Rng;
  store: Store;
  api: ApiServer;
  rest: RestHandler;
  clusterIPs: ClusterIPAllocator;
  nodePorts: PortAllocator;
  /** rest.handle with a JSON body and the method/path shorthand. */
  req(method: string, path: string, body?: unknown, headers?: Record<string, string>): ApiResponse;
}

export function newHarness(opts: { seed?: number; store?: StoreOptions } = {}): Harness {
  const clock = new VirtualClock(DEFAULT_EPOCH);
  const rng = new Rng(opts.seed ?? 1);
  const store = new Store(clock, opts.store);
  const clusterIPs = new ClusterIPAllocator('10.96.0.0/12', rng.fork('service-ips'));
  const nodePorts = new PortAllocator(30000, 2768, rng.fork('node-ports'));
  const api = new ApiServer(store, clock, rng.fork('apiserver'), allResourceTypes({ clusterIPs, nodePorts }));
  const rest = new RestHandler(api);
  installAutoscalingV1(rest);
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    const res = rest.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
    if (res.status !== 201) throw new Error(`namespace ${name}: ${JSON.stringify(res.body)}`);
  }
  clock.advance(0);
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>): ApiResponse =>
    rest.handle({ method, path, body, headers } satisfies ApiRequest);
  return { clock, rng, store, api, rest, clusterIPs, nodePorts, req };
}
