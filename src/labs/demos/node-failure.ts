// Demo: a node failure. Six Pods spread over node2 and node3 with the not-ready/unreachable
// tolerations shortened from the default 300 s to 30 s; node2's kubelet is stopped (as the
// Failure injection panel does): heartbeats stop, the node lifecycle controller marks it
// NotReady and taints it, the taint manager evicts its Pods after 30 s and the ReplicaSet
// replaces them on node3. Then node2 comes back. Models lab 11 with a real kubelet stop.
import type { Demo } from './types';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      tolerations:
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 30
      - key: node.kubernetes.io/unreachable
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 30
      containers:
      - name: nginx
        image: nginx:1.26
`;

export const nodeFailure: Demo = {
  id: 'node-failure',
  title: { es: 'Falla un nodo', en: 'A node fails' },
  summary: {
    es: 'Para el kubelet de node2 y sigue cómo el nodo pasa a NotReady, sus Pods se desalojan y el ReplicaSet los recrea en node3.',
    en: "Stop node2's kubelet and follow the node going NotReady, its pods being evicted and the ReplicaSet recreating them on node3.",
  },
  steps: [
    {
      note: {
        es: 'Un Deployment de seis réplicas. Sus tolerations de `not-ready` y `unreachable` bajan de 300 s (el valor por defecto) a 30 s para no esperar cinco minutos.',
        en: 'A Deployment of six replicas. Its `not-ready` and `unreachable` tolerations go down from 300 s (the default) to 30 s so we do not wait five minutes.',
      },
      apply: { file: 'web.yaml', yaml: WEB },
    },
    {
      note: {
        es: 'Esperamos a que las seis réplicas estén disponibles.',
        en: 'We wait until the six replicas are available.',
      },
      run: 'kubectl rollout status deployment/web',
    },
    {
      note: {
        es: 'El scheduler las reparte entre node2 y node3 (node1 es el plano de control).',
        en: 'The scheduler spreads them over node2 and node3 (node1 is the control plane).',
      },
      run: 'kubectl get pods -l app=web -o wide',
      pause: 3,
    },
    {
      note: {
        es: 'Paramos el kubelet de node2: deja de renovar su Lease. Tras 40 s sin latidos, el controlador de nodos lo marca NotReady (Ready pasa a Unknown).',
        en: "We stop node2's kubelet: it stops renewing its Lease. After 40 s without heartbeats, the node controller marks it NotReady (Ready becomes Unknown).",
      },
      fault: { action: 'stopNode', node: 'node2' },
      run: 'kubectl wait --for=condition=Ready=Unknown node/node2 --timeout=120s',
    },
    {
      note: {
        es: 'node2 está NotReady y tiene los taints `unreachable`: NoSchedule (no llegan Pods nuevos) y NoExecute (se desalojan los que hay).',
        en: 'node2 is NotReady and carries the `unreachable` taints: NoSchedule (no new pods) and NoExecute (the pods there are evicted).',
      },
      run: 'kubectl get nodes && kubectl describe node node2 | grep -A1 Taints',
      pause: 3,
    },
    {
      note: {
        es: 'Pasados los 30 s de la toleration, los Pods de node2 se desalojan y el ReplicaSet crea sus reemplazos en node3. Los viejos se quedan en Terminating: nadie en node2 puede confirmar que pararon.',
        en: 'Once the 30 s toleration runs out, the pods on node2 are evicted and the ReplicaSet creates their replacements on node3. The old ones stay Terminating: nobody on node2 can confirm they stopped.',
      },
      run: 'sleep 35 && kubectl get pods -l app=web -o wide',
      pause: 3,
    },
    {
      note: {
        es: 'Los eventos TaintManagerEviction muestran qué Pods se desalojaron.',
        en: 'The TaintManagerEviction events show which pods were evicted.',
      },
      run: 'kubectl get events --sort-by=.lastTimestamp | grep TaintManagerEviction',
    },
    {
      note: {
        es: 'El Deployment vuelve a tener seis réplicas disponibles, todas en node3.',
        en: 'The Deployment has six available replicas again, all on node3.',
      },
      run: 'kubectl rollout status deployment/web && kubectl get deployment web',
    },
    {
      note: {
        es: 'Arrancamos de nuevo el kubelet de node2: vuelve a estar listo y se le quitan los taints.',
        en: "We start node2's kubelet again: it becomes ready and its taints are removed.",
      },
      fault: { action: 'startNode', node: 'node2' },
      run: 'kubectl wait --for=condition=Ready node/node2 --timeout=120s && kubectl get nodes',
    },
    {
      note: {
        es: 'Los Pods en Terminating desaparecen, pero los demás no vuelven a node2: Kubernetes no reequilibra Pods que ya funcionan.',
        en: 'The Terminating pods go away, but the others do not move back to node2: Kubernetes does not rebalance pods that already run.',
      },
      run: 'kubectl get pods -l app=web -o wide',
    },
  ],
};
