// The ingress-nginx install as objects: what `minikube addons enable ingress` applies (hostPorts
// 80/443 on the node, NodePort Service, the default IngressClass `nginx`, node-IP status), and
// the upstream "cloud" manifest for the default cluster (LoadBalancer Service, publish-service).
// Models minikube deploy/addons/ingress/ingress-deploy.yaml.tmpl and ingress-nginx
// deploy/static/provider/cloud/deploy.yaml (controller-v1.11.3).
// SIMPLIFICATION: RBAC objects and the admission webhook Jobs/configuration are left out (the
// simulated API server does not serve rbac, batch or admissionregistration yet).
import type { KObject } from '../api/types';

export type IngressNginxFlavor = 'minikube' | 'cloud';

export const INGRESS_NGINX_IMAGE = 'registry.k8s.io/ingress-nginx/controller:v1.11.3';

const LABELS = {
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
  'app.kubernetes.io/name': 'ingress-nginx',
};

/** The objects in apply order (namespace first). */
export function ingressNginxManifest(flavor: IngressNginxFlavor): KObject[] {
  const ns = 'ingress-nginx';
  const minikube = flavor === 'minikube';
  const base = { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
  const meta = (name: string, labels: Record<string, string> = LABELS) => ({ name, namespace: ns, labels: { ...labels, ...(minikube ? {} : { 'app.kubernetes.io/part-of': 'ingress-nginx', 'app.kubernetes.io/version': '1.11.3' }) } });
  const args = [
    '/nginx-ingress-controller',
    ...(minikube ? [] : ['--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller']),
    '--election-id=ingress-nginx-leader',
    '--controller-class=k8s.io/ingress-nginx',
    ...(minikube ? ['--watch-ingress-without-class=true'] : ['--ingress-class=nginx']),
    '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
    ...(minikube ? ['--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services', '--udp-services-configmap=$(POD_NAMESPACE)/udp-services'] : []),
    '--validating-webhook=:8443',
    '--validating-webhook-certificate=/usr/local/certificates/cert',
    '--validating-webhook-key=/usr/local/certificates/key',
    ...(minikube ? ['--report-node-internal-ip-address'] : []),
  ];
  const probe = (failureThreshold: number) => ({
    httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
    failureThreshold,
  });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: base } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ingress-nginx'), automountServiceAccountToken: true } as KObject,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('ingress-nginx-controller'), data: minikube ? { 'allow-snippet-annotations': 'false', hsts: 'false' } : { 'allow-snippet-annotations': 'false' } } as KObject,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('ingress-nginx-controller'),
      spec: {
        type: minikube ? 'NodePort' : 'LoadBalancer',
        ...(minikube ? {} : { externalTrafficPolicy: 'Local' }),
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
        selector: LABELS,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('ingress-nginx-controller-admission'),
      spec: { type: 'ClusterIP', ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }], selector: LABELS },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('ingress-nginx-controller'),
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: LABELS },
        ...(minikube ? { strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' } } : {}),
        template: {
          metadata: { labels: { ...LABELS, ...(minikube ? { 'gcp-auth-skip-secret': 'true' } : {}) } },
          spec: {
            containers: [
              {
                name: 'controller',
                image: INGRESS_NGINX_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                args,
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
                ],
                lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
                livenessProbe: probe(5),
                readinessProbe: probe(3),
                ports: [
                  { name: 'http', containerPort: 80, protocol: 'TCP', ...(minikube ? { hostPort: 80 } : {}) },
                  { name: 'https', containerPort: 443, protocol: 'TCP', ...(minikube ? { hostPort: 443 } : {}) },
                  { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
                ],
                resources: { requests: { cpu: '100m', memory: '90Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: false,
                  runAsNonRoot: true,
                  runAsUser: 101,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
              },
            ],
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { 'kubernetes.io/os': 'linux', ...(minikube ? { 'minikube.k8s.io/primary': 'true' } : {}) },
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: minikube ? 0 : 300,
            ...(minikube
              ? { tolerations: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' }] }
              : {}),
          },
        },
      },
    },
  ] as KObject[];
}

/**
 * The `nginx` IngressClass of the install (default class on minikube).
 * Not yet part of ingressNginxManifest(): the API server's shared validation
 * (src/engine/api/validation/names.ts) does not know IngressClass is cluster-scoped, so creating
 * one fails with `metadata.namespace: Required value` until that list gains it.
 */
export function ingressNginxClass(flavor: IngressNginxFlavor): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: 'nginx',
      labels: LABELS,
      ...(flavor === 'minikube' ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  } as KObject;
}
