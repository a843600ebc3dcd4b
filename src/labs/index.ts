// Every lab, in course order. Adding a lab: a folder with lab.ts and steps/, plus one line here.
import type { Lab } from './types';
import { lab as architecture } from './01-architecture/lab';
import { lab as pods } from './02-pods/lab';
import { lab as kubectlEssentials } from './03-kubectl-essentials/lab';
import { lab as replicationController } from './04-replicationcontroller/lab';
import { lab as namespaces } from './05-namespaces/lab';
import { lab as services } from './06-services/lab';
import { lab as replicaset } from './07-replicaset/lab';
import { lab as deployments } from './08-deployments/lab';
import { lab as dockercoins } from './09-dockercoins/lab';
import { lab as minikube } from './10-minikube/lab';
import { lab as nodeFailure } from './11-node-failure/lab';

export const LABS: readonly Lab[] = [
  architecture,
  pods,
  kubectlEssentials,
  replicationController,
  namespaces,
  services,
  replicaset,
  deployments,
  dockercoins,
  minikube,
  nodeFailure,
];

export type { Lab, LabStep, LabView, Localized, Lang, CheckResult, TypedCommand } from './types';
export { LANGS, checkOk } from './types';
