// The kubeconfig `npm run serve` writes so that the real kubectl (and client libraries) reach
// the served cluster: one cluster, one user without credentials (the server does no
// authentication), one context `timonel` made current. Leaves out: certificates and tokens.
// `insecure-skip-tls-verify: true` is there for @kubernetes/client-node, which refuses an
// `http:` server without it; kubectl ignores it for plain HTTP.
// Models the file kubeadm and minikube write (clientcmd/api/v1 Config).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const CONTEXT_NAME = 'timonel';

/** The kubeconfig text for a server URL (`http://127.0.0.1:8001`). */
export function kubeconfigYaml(server: string, namespace = 'default'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    '    insecure-skip-tls-verify: true',
    `    server: ${server}`,
    `  name: ${CONTEXT_NAME}`,
    'contexts:',
    '- context:',
    `    cluster: ${CONTEXT_NAME}`,
    `    namespace: ${namespace}`,
    `    user: ${CONTEXT_NAME}`,
    `  name: ${CONTEXT_NAME}`,
    `current-context: ${CONTEXT_NAME}`,
    'preferences: {}',
    'users:',
    `- name: ${CONTEXT_NAME}`,
    '  user: {}',
    '',
  ].join('\n');
}

/** Writes the kubeconfig (mode 0600, as kubectl does) and returns its path. */
export function writeKubeconfig(path: string, server: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(server), { mode: 0o600 });
  return path;
}
