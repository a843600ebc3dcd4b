// The default cluster as `kubeadm init` + `kubeadm join` leave it: the four namespaces,
// static control-plane pods on node1, the kube-proxy DaemonSet, CoreDNS with two replicas,
// the `kubernetes` and `kube-dns` Services and the ConfigMaps kubeadm writes.
// `minikube start` (profile 'minikube') gets minikube's layout instead: node `minikube` at
// 192.168.49.2 without the control-plane taint, one CoreDNS replica, the storage-provisioner pod.
// SIMPLIFICATION: no CNI add-on pods (the pod network just works), no RBAC objects,
// no bootstrap tokens or certificates.
import type { KObject } from './api/types';
import type { ApiServer } from './apiserver/apiserver';
import type { NodeAgents, NodeConfig } from './node/node-agents';
import { resolveImage } from './node/images';

export const KUBE_VERSION = 'v1.32.0';

export function defaultNodes(): NodeConfig[] {
  return [1, 2, 3].map((i) => ({
    name: `node${i}`,
    internalIP: `10.0.0.${10 + i}`,
    podCIDR: `10.244.${i - 1}.0/24`,
    controlPlane: i === 1,
    cpu: '2',
    memoryKi: 4025244,
    // `kubeadm config images pull` on the control plane; `kubeadm join` pulls kube-proxy.
    images: [
      'registry.k8s.io/pause:3.10',
      `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
      ...(i === 1
        ? [
            'registry.k8s.io/etcd:3.5.16-0',
            `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`,
            `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`,
            `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`,
            'registry.k8s.io/coredns/coredns:v1.11.3',
          ]
        : []),
    ],
  }));
}

const create = (api: ApiServer, plural: string, group: string, ns: string | undefined, obj: KObject) =>
  api.create(api.mustResource(plural, group), ns, obj);

function namespaces(api: ApiServer): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    const labels = { 'kubernetes.io/metadata.name': name };
    create(api, 'namespaces', '', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }
}

function staticPod(component: string, node: string, image: string, command: string[], extra: Record<string, string> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: extra,
    },
    spec: {
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      containers: [
        {
          name: component,
          image,
          command,
          resources: { requests: { cpu: component === 'kube-apiserver' ? '250m' : component === 'etcd' ? '100m' : component === 'kube-controller-manager' ? '200m' : '100m', ...(component === 'etcd' ? { memory: '100Mi' } : {}) } },
        },
      ],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    },
  };
}

export function controlPlaneStaticPods(node: string, ip: string): KObject[] {
  return [
    staticPod('etcd', node, 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', `--name=${node}`], {
      'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379`,
    }),
    staticPod('kube-apiserver', node, `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`, ['kube-apiserver', `--advertise-address=${ip}`, '--service-cluster-ip-range=10.96.0.0/12'], {
      'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443`,
    }),
    staticPod('kube-controller-manager', node, `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`, ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16', '--allocate-node-cidrs=true']),
    staticPod('kube-scheduler', node, `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`, ['kube-scheduler', '--leader-elect=true']),
  ];
}

/** What differs between installers' add-ons. */
interface AddonLayout {
  coreDnsReplicas: number;
  /** minikube's storage-provisioner pod in kube-system. */
  storageProvisioner: boolean;
}

const KUBEADM_LAYOUT: AddonLayout = { coreDnsReplicas: 2, storageProvisioner: false };
const MINIKUBE_LAYOUT: AddonLayout = { coreDnsReplicas: 1, storageProvisioner: true };

export const MINIKUBE_VERSION = 'v1.35.0';
export const STORAGE_PROVISIONER_IMAGE = 'gcr.io/k8s-minikube/storage-provisioner:v5';

/**
 * The machines of a minikube profile (docker driver): `minikube` at 192.168.49.2 (control
 * plane, not tainted), then `minikube-m02`, `minikube-m03`, ... at .3, .4.
 * Models minikube's pkg/minikube/node and bootstrapper/bsutil (node labels).
 */
export function minikubeNodes(opts: { profile?: string; count?: number; cpus?: string; memoryKi?: number; firstIndex?: number; subnet?: string } = {}): NodeConfig[] {
  const profile = opts.profile ?? 'minikube';
  const subnet = opts.subnet ?? '192.168.49';
  const out: NodeConfig[] = [];
  const first = opts.firstIndex ?? 1;
  for (let i = first; i < first + (opts.count ?? 1); i++) {
    const primary = i === 1;
    out.push({
      name: primary ? profile : `${profile}-m${String(i).padStart(2, '0')}`,
      internalIP: `${subnet}.${i + 1}`,
      podCIDR: `10.244.${i - 1}.0/24`,
      controlPlane: primary,
      cpu: opts.cpus ?? '2',
      memoryKi: opts.memoryKi ?? 2_200 * 1024,
      taints: [],
      labels: {
        'minikube.k8s.io/commit': 'dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty',
        'minikube.k8s.io/name': profile,
        'minikube.k8s.io/primary': String(primary),
        'minikube.k8s.io/updated_at': '2025_01_01T00_00_00_0700',
        'minikube.k8s.io/version': MINIKUBE_VERSION,
      },
      images: [
        'registry.k8s.io/pause:3.10',
        `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
        ...(primary
          ? [
              'registry.k8s.io/etcd:3.5.16-0',
              `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`,
              `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`,
              `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`,
              'registry.k8s.io/coredns/coredns:v1.11.3',
              STORAGE_PROVISIONER_IMAGE,
            ]
          : []),
      ],
    });
  }
  return out;
}

function addons(api: ApiServer, nodes: NodeAgents, layout: AddonLayout = KUBEADM_LAYOUT): void {
  const cp = nodes.configs().find((n) => n.controlPlane) ?? defaultNodes()[0];
  for (const n of nodes.configs()) if (n.controlPlane) for (const p of controlPlaneStaticPods(n.name, n.internalIP)) nodes.addStaticPod(n.name, p);

  const cm = (ns: string, name: string, data: Record<string, string>) =>
    create(api, 'configmaps', '', ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });
  const rootCA = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIT2ltb25lbENBMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n-----END CERTIFICATE-----\n';
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) cm(ns, 'kube-root-ca.crt', { 'ca.crt': rootCA });
  cm('kube-public', 'cluster-info', { kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${cp.internalIP}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n` });
  cm('kube-system', 'coredns', {
    Corefile:
      '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n',
  });
  cm('kube-system', 'kube-proxy', { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\n' });
  cm('kube-system', 'kubeadm-config', { ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: ${KUBE_VERSION}\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n` });
  cm('kube-system', 'kubelet-config', { kubelet: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n' });

  create(api, 'services', '', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  });
  create(api, 'endpoints', '', 'default', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: cp.internalIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  create(api, 'endpointslices', 'discovery.k8s.io', 'default', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [cp.internalIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  create(api, 'services', '', 'kube-system', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });
  create(api, 'daemonsets', 'apps', 'kube-system', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'kube-proxy',
              image: `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
            },
          ],
        },
      },
    },
  });
  create(api, 'deployments', 'apps', 'kube-system', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: layout.coreDnsReplicas,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
            },
          ],
          dnsPolicy: 'Default',
        },
      },
    },
  });
  // SIMPLIFICATION: the pod appears only when the image registry knows its image.
  if (layout.storageProvisioner && resolveImage(STORAGE_PROVISIONER_IMAGE).ok) {
    create(api, 'pods', '', 'kube-system', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'storage-provisioner',
        namespace: 'kube-system',
        labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' },
      },
      spec: {
        hostNetwork: true,
        serviceAccountName: 'storage-provisioner',
        containers: [{ name: 'storage-provisioner', image: STORAGE_PROVISIONER_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['/storage-provisioner'] }],
      },
    });
  }
}

export const bootstrapKubeadm = { namespaces, addons };
export const bootstrapMinikube = { namespaces, addons: (api: ApiServer, nodes: NodeAgents) => addons(api, nodes, MINIKUBE_LAYOUT) };
