// The objects `minikube addons enable metrics-server` applies in kube-system: the ServiceAccount,
// the Service in front of port 4443 and the Deployment (minikube's --metric-resolution=60s).
// Models minikube deploy/addons/metrics-server/*.tmpl (v1.35, metrics-server v0.7.2).
// SIMPLIFICATION: no RBAC objects and no APIService (the engine registers metrics.k8s.io while the
// Deployment exists); no liveness/readiness probes.
import type { KObject } from '../api/types';

const LABELS = { 'k8s-app': 'metrics-server', 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.io/minikube-addons': 'metrics-server' };

export function metricsServerObjects(): KObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server', 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'metrics-server',
        namespace: 'kube-system',
        labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.io/minikube-addons': 'metrics-server', 'kubernetes.io/minikube-addons-endpoint': 'metrics-server', 'kubernetes.io/name': 'Metrics-server' },
      },
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels: LABELS },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'metrics-server' } },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' } },
          spec: {
            serviceAccountName: 'metrics-server',
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'metrics-server',
                image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
                imagePullPolicy: 'IfNotPresent',
                args: ['--cert-dir=/tmp', '--secure-port=4443', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=60s', '--kubelet-insecure-tls'],
                ports: [{ containerPort: 4443, name: 'https', protocol: 'TCP' }],
                resources: { requests: { cpu: '100m', memory: '200Mi' } },
                securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000 },
                volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
          },
        },
      },
    },
  ] as KObject[];
}
