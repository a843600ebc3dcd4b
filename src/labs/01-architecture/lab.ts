// Lab for chapter 1 of the course: a tour of the cluster's architecture (nodes, the kube-system
// Pods, what each control plane component does, kubelet and kube-proxy per node, CoreDNS) and
// imperative (`kubectl create`) versus declarative (`kubectl apply -f`) management.
// Reading steps are checked by the command typed and its exit status; the last steps by state.
import type { Deployment } from '../../engine';
import type { Lab, LabView } from '../types';
import nodesEs from './steps/01-nodes.es.md?raw';
import nodesEn from './steps/01-nodes.en.md?raw';
import describeEs from './steps/02-describe-node.es.md?raw';
import describeEn from './steps/02-describe-node.en.md?raw';
import kubeSystemEs from './steps/03-kube-system.es.md?raw';
import kubeSystemEn from './steps/03-kube-system.en.md?raw';
import controlPlaneEs from './steps/04-control-plane.es.md?raw';
import controlPlaneEn from './steps/04-control-plane.en.md?raw';
import perNodeEs from './steps/05-per-node.es.md?raw';
import perNodeEn from './steps/05-per-node.en.md?raw';
import imperativeEs from './steps/06-imperative.es.md?raw';
import imperativeEn from './steps/06-imperative.en.md?raw';
import declarativeEs from './steps/07-declarative.es.md?raw';
import declarativeEn from './steps/07-declarative.en.md?raw';
import desiredEs from './steps/08-desired-state.es.md?raw';
import desiredEn from './steps/08-desired-state.en.md?raw';
import { ran } from '../checks';

/** Flags of kubectl get that take the next word as their value (when not written `--flag=value`). */
const VALUED = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-L', '--label-columns', '--field-selector', '--sort-by']);

/** `kubectl get` of one of `kinds` (alone or in a comma list such as `ds,deploy`), or `get all`. */
const getsKind = (line: string, kinds: readonly string[]): boolean => {
  const words = line.trim().split(/\s+/);
  const at = words.indexOf('get');
  if (words[0] !== 'kubectl' || at < 0) return false;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '|') return false;
    if (w.startsWith('-')) {
      if (VALUED.has(w)) i++;
      continue;
    }
    return w.split(',').some((r) => kinds.includes(r.split('/')[0]));
  }
  return false;
};

/** The line looks at kube-system (or at every namespace). */
const inKubeSystem = (line: string): boolean =>
  /(?:^|\s)(?:-n\s*|--namespace[=\s]+)kube-system\b/.test(line) || /(?:^|\s)(?:-A|--all-namespaces)\b/.test(line);

const wide = (line: string): boolean => /(?:^|\s)(?:-o\s*|--output[=\s]+)wide\b/.test(line);

const NODES = ['nodes', 'node', 'no'];
const PODS = ['pods', 'pod', 'po', 'all'];

/** The last-applied configuration kubectl apply keeps on the object, parsed. */
function lastApplied(d: Deployment | undefined): Deployment | undefined {
  const raw = d?.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Deployment;
  } catch {
    return undefined;
  }
}

const web = (view: LabView) => view.get('deployments', 'default', 'web') as Deployment | undefined;

export const lab: Lab = {
  id: '01-architecture',
  chapter: 1,
  title: { es: 'Arquitectura de Kubernetes', en: 'Kubernetes architecture' },
  summary: {
    es: 'Recorre los nodos y los componentes del clúster (etcd, API server, controller manager, scheduler, kubelet, kube-proxy, CoreDNS) y compara la gestión imperativa con la declarativa.',
    en: 'Tour the nodes and the components of the cluster (etcd, API server, controller manager, scheduler, kubelet, kube-proxy, CoreDNS) and compare imperative with declarative management.',
  },
  seed: 101,
  steps: [
    {
      id: 'nodes',
      title: { es: 'Los nodos del clúster', en: 'The nodes of the cluster' },
      body: { es: nodesEs, en: nodesEn },
      check: (view) =>
        ran(view, (c) => getsKind(c.line, NODES) && wide(c.line))
          ? true
          : { ok: false, detail: { es: 'Lista los nodos con `-o wide`.', en: 'List the nodes with `-o wide`.' } },
      hints: {
        es: ['Los nodos son un recurso más: se listan con `kubectl get`.', 'Añade `-o wide` para ver más columnas.', '`kubectl get nodes -o wide`'],
        en: ['Nodes are one more resource: list them with `kubectl get`.', 'Add `-o wide` to see more columns.', '`kubectl get nodes -o wide`'],
      },
      solution: ['kubectl get nodes', 'kubectl get nodes -o wide'],
    },
    {
      id: 'describe-node',
      title: { es: 'Describe el nodo del plano de control', en: 'Describe the control plane node' },
      body: { es: describeEs, en: describeEn },
      check: (view) => ran(view, (c) => /^kubectl\s+describe\s+(?:nodes?|no)\b/.test(c.line.trim()) && /^Name:\s+node1$/m.test(c.output)),
      hints: {
        es: ['`kubectl describe TIPO NOMBRE` muestra el detalle de un objeto.', 'El tipo es `node` y el nombre, `node1`.', '`kubectl describe node node1`'],
        en: ['`kubectl describe TYPE NAME` shows an object in detail.', 'The type is `node` and the name `node1`.', '`kubectl describe node node1`'],
      },
      solution: ['kubectl describe node node1'],
    },
    {
      id: 'kube-system',
      title: { es: 'Los Pods de kube-system', en: 'The Pods of kube-system' },
      body: { es: kubeSystemEs, en: kubeSystemEn },
      check: (view) =>
        ran(view, (c) => getsKind(c.line, PODS) && inKubeSystem(c.line) && wide(c.line))
          ? true
          : { ok: false, detail: { es: 'Lista los Pods del namespace kube-system con `-o wide`.', en: 'List the Pods of the kube-system namespace with `-o wide`.' } },
      hints: {
        es: ['Los componentes del sistema viven en el namespace `kube-system`.', 'Usa `-n kube-system` y `-o wide` con `kubectl get pods`.', '`kubectl get pods -n kube-system -o wide`'],
        en: ['The system components live in the `kube-system` namespace.', 'Use `-n kube-system` and `-o wide` with `kubectl get pods`.', '`kubectl get pods -n kube-system -o wide`'],
      },
      solution: ['kubectl get pods -n kube-system -o wide'],
    },
    {
      id: 'control-plane',
      title: { es: 'El plano de control', en: 'The control plane' },
      body: { es: controlPlaneEs, en: controlPlaneEn },
      check: (view) =>
        ran(view, (c) => /^kubectl\s+describe\b/.test(c.line.trim()) && /^(?:Labels:)?\s+tier=control-plane$/m.test(c.output))
          ? true
          : {
              ok: false,
              detail: { es: 'Describe uno de los Pods del plano de control (etcd, kube-apiserver, kube-controller-manager o kube-scheduler).', en: 'Describe one of the control plane Pods (etcd, kube-apiserver, kube-controller-manager or kube-scheduler).' },
            },
      hints: {
        es: ['Sus nombres terminan en `-node1`: `etcd-node1`, `kube-scheduler-node1`...', 'Están en `kube-system`: no olvides `-n kube-system` al describirlos.', '`kubectl describe pod -n kube-system kube-scheduler-node1`'],
        en: ['Their names end in `-node1`: `etcd-node1`, `kube-scheduler-node1`...', 'They are in `kube-system`: do not forget `-n kube-system` when describing them.', '`kubectl describe pod -n kube-system kube-scheduler-node1`'],
      },
      solution: ['kubectl get pods -n kube-system -l tier=control-plane', 'kubectl describe pod -n kube-system kube-scheduler-node1'],
    },
    {
      id: 'per-node',
      title: { es: 'kubelet, kube-proxy y CoreDNS', en: 'kubelet, kube-proxy and CoreDNS' },
      body: { es: perNodeEs, en: perNodeEn },
      check: (view) => {
        const ds = ran(view, (c) => getsKind(c.line, ['daemonsets', 'daemonset', 'ds', 'all']) && inKubeSystem(c.line));
        const deploy = ran(view, (c) => getsKind(c.line, ['deployments', 'deployment', 'deploy', 'all']) && inKubeSystem(c.line));
        if (ds && deploy) return true;
        return {
          ok: false,
          detail: ds
            ? { es: 'Falta listar los Deployments de kube-system.', en: 'The Deployments of kube-system are still to be listed.' }
            : { es: 'Falta listar los DaemonSets de kube-system.', en: 'The DaemonSets of kube-system are still to be listed.' },
        };
      },
      hints: {
        es: ['kube-proxy es un DaemonSet y CoreDNS un Deployment, ambos en `kube-system`.', '`kubectl get daemonsets -n kube-system`', '`kubectl get deployments -n kube-system`'],
        en: ['kube-proxy is a DaemonSet and CoreDNS a Deployment, both in `kube-system`.', '`kubectl get daemonsets -n kube-system`', '`kubectl get deployments -n kube-system`'],
      },
      solution: ['kubectl get daemonsets -n kube-system', 'kubectl get deployments -n kube-system'],
    },
    {
      id: 'imperative',
      title: { es: 'Gestión imperativa', en: 'Imperative management' },
      body: { es: imperativeEs, en: imperativeEn },
      check: (view) =>
        web(view) ? true : { ok: false, detail: { es: 'Aún no existe el Deployment `web`.', en: 'There is no Deployment `web` yet.' } },
      hints: {
        es: ['`kubectl create deployment NOMBRE --image IMAGEN` crea un Deployment.', '`kubectl create deployment web --image nginx`'],
        en: ['`kubectl create deployment NAME --image IMAGE` creates a Deployment.', '`kubectl create deployment web --image nginx`'],
      },
      solution: ['kubectl create deployment web --image nginx', 'kubectl create deployment web --image nginx'],
    },
    {
      id: 'declarative',
      title: { es: 'Gestión declarativa', en: 'Declarative management' },
      body: { es: declarativeEs, en: declarativeEn },
      check: (view) =>
        lastApplied(web(view))
          ? true
          : { ok: false, detail: { es: 'Aplica un manifiesto del Deployment `web` con `kubectl apply -f`.', en: 'Apply a manifest of the `web` Deployment with `kubectl apply -f`.' } },
      hints: {
        es: ['Copia el bloque `cat <<EOF > web.yaml ... EOF` entero en la terminal: crea el archivo.', '`kubectl apply -f web.yaml` envía el manifiesto al API server.', 'Ejecuta `kubectl apply -f web.yaml` una segunda vez y compara la respuesta.'],
        en: ['Paste the whole `cat <<EOF > web.yaml ... EOF` block into the terminal: it creates the file.', '`kubectl apply -f web.yaml` sends the manifest to the API server.', 'Run `kubectl apply -f web.yaml` a second time and compare the answer.'],
      },
      solution: [
        'cat <<EOF > web.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\nEOF',
        'kubectl apply -f web.yaml',
        'kubectl apply -f web.yaml',
      ],
    },
    {
      id: 'desired-state',
      title: { es: 'Cambia el estado deseado', en: 'Change the desired state' },
      body: { es: desiredEs, en: desiredEn },
      check: (view) => {
        const d = web(view);
        if (lastApplied(d)?.spec?.replicas !== 3) {
          return { ok: false, detail: { es: 'Cambia `replicas` a 3 en `web.yaml` y aplícalo.', en: 'Change `replicas` to 3 in `web.yaml` and apply it.' } };
        }
        return (d?.status?.availableReplicas ?? 0) >= 3
          ? true
          : { ok: false, detail: { es: 'Espera a que las 3 réplicas estén disponibles.', en: 'Wait until the 3 replicas are available.' } };
      },
      hints: {
        es: ['Edita `web.yaml`: la línea `replicas: 1` debe decir `replicas: 3`.', 'Después, `kubectl apply -f web.yaml` otra vez.', '`kubectl rollout status deployment web` espera a que estén las 3.'],
        en: ['Edit `web.yaml`: the line `replicas: 1` must read `replicas: 3`.', 'Then `kubectl apply -f web.yaml` again.', '`kubectl rollout status deployment web` waits until all 3 are there.'],
      },
      solution: ["sed -i 's/replicas: 1/replicas: 3/' web.yaml", 'kubectl apply -f web.yaml', 'kubectl rollout status deployment web'],
    },
  ],
};
