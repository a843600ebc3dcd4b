// The addons `minikube addons list` shows (name, maintainer, default state) and what enabling
// the ones the course uses prints. Facts of minikube's UI, as minikube v1.33–v1.35 list them.
// Models minikube pkg/minikube/assets/addons.go (Maintainer fields) and pkg/addons/addons.go.
// SIMPLIFICATION: enabling an addon records its state and prints minikube's lines; its workloads
// are not deployed (the image registry does not know their images).

export interface AddonInfo {
  name: string;
  /** The maintainer cell, pre-wrapped into lines as tablewriter wraps it. */
  maintainer: string[];
  images: string[];
  enabledByDefault?: boolean;
}

const a = (name: string, maintainer: string | string[], images: string[] = [], enabledByDefault = false): AddonInfo => ({
  name,
  maintainer: Array.isArray(maintainer) ? maintainer : [maintainer],
  images,
  enabledByDefault,
});

export const ADDONS: AddonInfo[] = [
  a('ambassador', '3rd party (Ambassador)'),
  a('auto-pause', 'minikube'),
  a('cloud-spanner', 'Google'),
  a('csi-hostpath-driver', 'Kubernetes'),
  a('dashboard', 'Kubernetes', ['docker.io/kubernetesui/dashboard:v2.7.0', 'docker.io/kubernetesui/metrics-scraper:v1.0.8']),
  a('default-storageclass', 'Kubernetes', [], true),
  a('efk', '3rd party (Elastic)'),
  a('freshpod', 'Google'),
  a('gcp-auth', 'Google'),
  a('gvisor', 'minikube'),
  a('headlamp', '3rd party (kinvolk.io)', ['ghcr.io/headlamp-k8s/headlamp:v0.27.0']),
  a('inaccel', ['3rd party (InAccel', '[info@inaccel.com])']),
  a('ingress', 'Kubernetes', [
    'registry.k8s.io/ingress-nginx/controller:v1.11.3',
    'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4',
    'registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4',
  ]),
  a('ingress-dns', 'minikube', ['gcr.io/k8s-minikube/minikube-ingress-dns:0.0.3']),
  a('inspektor-gadget', ['3rd party', '(inspektor-gadget.io)']),
  a('istio', '3rd party (Istio)'),
  a('istio-provisioner', '3rd party (Istio)'),
  a('kong', '3rd party (Kong HQ)'),
  a('kubeflow', '3rd party'),
  a('kubevirt', '3rd party (KubeVirt)'),
  a('logviewer', '3rd party (unknown)'),
  a('metallb', '3rd party (MetalLB)'),
  a('metrics-server', 'Kubernetes', ['registry.k8s.io/metrics-server/metrics-server:v0.7.2']),
  a('nvidia-device-plugin', '3rd party (NVIDIA)'),
  a('nvidia-driver-installer', '3rd party (NVIDIA)'),
  a('nvidia-gpu-device-plugin', '3rd party (NVIDIA)'),
  a('olm', '3rd party (Operator Framework)'),
  a('pod-security-policy', '3rd party (unknown)'),
  a('portainer', '3rd party (Portainer.io)'),
  a('registry', 'minikube', ['docker.io/registry:2.8.3', 'gcr.io/k8s-minikube/kube-registry-proxy:0.0.8']),
  a('registry-aliases', '3rd party (unknown)'),
  a('registry-creds', '3rd party (UPMC Enterprises)'),
  a('storage-provisioner', 'minikube', ['gcr.io/k8s-minikube/storage-provisioner:v5'], true),
  a('storage-provisioner-gluster', '3rd party (Gluster)'),
  a('storage-provisioner-rancher', '3rd party (Rancher)'),
  a('volcano', 'third-party (volcano)'),
  a('volumesnapshots', 'Kubernetes'),
  a('yakd', '3rd party (marcnuri.com)'),
];

export function findAddon(name: string): AddonInfo | undefined {
  return ADDONS.find((x) => x.name === name);
}

/** The addons a fresh profile has enabled (minikube's defaults). */
export function defaultAddons(): Map<string, boolean> {
  return new Map(ADDONS.filter((x) => x.enabledByDefault).map((x) => [x.name, true]));
}
