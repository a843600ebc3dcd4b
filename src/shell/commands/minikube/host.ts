// What the `minikube` command needs from the playground: creating, stopping and deleting the
// simulated clusters behind its profiles, and REST access to them. The session (worker layer)
// implements it with a second engine cluster per profile on the session's clock.
// Leaves out: drivers (every profile is a docker-driver machine set on 192.168.49.0/24).
import type { ApiRequest, ApiResponse } from '../../../engine';
import type { CommandContext } from '../../interpreter/types';

export interface MinikubeStartOptions {
  cpus: number;
  memoryMb: number;
  nodes: number;
  driver: string;
}

/** A profile as minikube keeps it in ~/.minikube/profiles/NAME/config.json. */
export interface MinikubeProfile {
  name: string;
  driver: string;
  cpus: number;
  memoryMb: number;
  /** Machine names in order: `minikube`, `minikube-m02`, ... */
  nodes: string[];
  /** The primary node's IP (192.168.49.2). */
  ip: string;
  /** The API server URL kubectl uses (`https://192.168.49.2:8443`). */
  server: string;
  running: boolean;
  /** Addon name → enabled. */
  addons: Map<string, boolean>;
}

export interface MinikubeHost {
  now(): number;
  profiles(): MinikubeProfile[];
  profile(name: string): MinikubeProfile | undefined;
  /** Creates the profile's cluster (first start) or powers its machines on again. */
  start(name: string, opts: MinikubeStartOptions): { created: boolean; profile: MinikubeProfile };
  stop(name: string): void;
  delete(name: string): void;
  /** Adds a worker machine to a running profile; returns its name. */
  addNode(name: string): string;
  /** A REST request to the profile's API server (running profiles only). */
  request(name: string, req: ApiRequest): ApiResponse;
  /** `minikube ssh`: a shell on one of the profile's machines (user docker). */
  ssh?(name: string, node: string, ctx: CommandContext, command: string[]): Promise<number>;
  /** `minikube dashboard` in the browser: opens the playground's tables view (optional). */
  openDashboard?(url: string): void;
}
