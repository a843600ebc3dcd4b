// Lab 11 (course chapter 11): what happens when a node fails — Pods spread over node2 and node3,
// the default not-ready/unreachable tolerations (300 s), node heartbeats (Leases, conditions),
// taint-based eviction and replacement on the other node, the Events, and recovery.
// SIMPLIFICATION: the shell cannot stop a kubelet (only the UI's Failure injection panel can), so the
// replayed solution evicts with a NoExecute taint of its own; the checks also accept a real stop.
import type { KObject, Node, Pod } from '../../engine';
import type { CheckResult, Lab, LabView } from '../types';
import spreadEs from './steps/01-spread.es.md?raw';
import spreadEn from './steps/01-spread.en.md?raw';
import tolerationsEs from './steps/02-tolerations.es.md?raw';
import tolerationsEn from './steps/02-tolerations.en.md?raw';
import heartbeatsEs from './steps/03-heartbeats.es.md?raw';
import heartbeatsEn from './steps/03-heartbeats.en.md?raw';
import evictEs from './steps/04-evict.es.md?raw';
import evictEn from './steps/04-evict.en.md?raw';
import eventsEs from './steps/05-events.es.md?raw';
import eventsEn from './steps/05-events.en.md?raw';
import recoverEs from './steps/06-recover.es.md?raw';
import recoverEn from './steps/06-recover.en.md?raw';

const FAILED = 'node2';

/** The Deployment's Pods that are not being deleted. */
const webPods = (view: LabView): Pod[] =>
  (view.list('pods', 'default') as Pod[]).filter((p) => p.metadata?.labels?.app === 'web' && !p.metadata?.deletionTimestamp);
const running = (p: Pod): boolean => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const on = (pods: Pod[], node: string): Pod[] => pods.filter((p) => p.spec?.nodeName === node && running(p));
const node = (view: LabView, name: string): Node | undefined => view.get('nodes', undefined, name) as Node | undefined;
const ready = (n: Node | undefined): boolean => (n?.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const noExecute = (n: Node | undefined): boolean => (n?.spec?.taints ?? []).some((t) => t.effect === 'NoExecute');
const available = (o: KObject | undefined): number => (o as { status?: { availableReplicas?: number } } | undefined)?.status?.availableReplicas ?? 0;
const no = (es: string, en: string): CheckResult => ({ ok: false, detail: { es, en } });

export const lab: Lab = {
  id: '11-node-failure',
  chapter: 11,
  title: { es: 'Cuando un nodo falla', en: 'When a node fails' },
  summary: {
    es: 'Reparte un Deployment entre node2 y node3 y sigue lo que hacen el controlador del ciclo de vida de los nodos, el de eviction por taints, el ReplicaSet y el scheduler cuando node2 deja de estar disponible.',
    en: 'Spread a Deployment over node2 and node3 and follow what the node lifecycle controller, taint-based eviction, the ReplicaSet and the scheduler do when node2 becomes unavailable.',
  },
  seed: 11,
  steps: [
    {
      id: 'spread',
      title: { es: 'Reparte Pods entre node2 y node3', en: 'Spread Pods over node2 and node3' },
      body: { es: spreadEs, en: spreadEn },
      check: (view) => {
        const d = view.get('deployments', 'default', 'web');
        if (!d) return false;
        if (available(d) < 6) return no('El Deployment web necesita 6 réplicas disponibles.', 'The web Deployment needs 6 available replicas.');
        const pods = webPods(view);
        return (on(pods, 'node2').length > 0 && on(pods, 'node3').length > 0) || no('Hace falta al menos un Pod de web en node2 y otro en node3.', 'At least one web Pod is needed on node2 and one on node3.');
      },
      hints: {
        es: ['`kubectl create deployment web --image=nginx --replicas=6`', 'Mira la columna NODE con `kubectl get pods -o wide`.'],
        en: ['`kubectl create deployment web --image=nginx --replicas=6`', 'Look at the NODE column with `kubectl get pods -o wide`.'],
      },
      solution: ['kubectl create deployment web --image=nginx --replicas=6', 'kubectl rollout status deployment/web', 'kubectl get pods -l app=web -o wide'],
    },
    {
      id: 'tolerations',
      title: { es: 'Las tolerations que nadie escribió', en: 'The tolerations nobody wrote' },
      body: { es: tolerationsEs, en: tolerationsEn },
      check: (view) => view.commands.some((c) => c.status === 0 && /^kubectl\s/.test(c.line) && /node\.kubernetes\.io\/unreachable/.test(c.output)),
      hints: {
        es: ['Están en `spec.tolerations` de cualquier Pod de web.', "`kubectl get pods -l app=web -o jsonpath='{.items[0].spec.tolerations}'`, o busca `Tolerations:` en `kubectl describe pod`."],
        en: ['They are in `spec.tolerations` of any web Pod.', "`kubectl get pods -l app=web -o jsonpath='{.items[0].spec.tolerations}'`, or look for `Tolerations:` in `kubectl describe pod`."],
      },
      solution: ["kubectl get pods -l app=web -o jsonpath='{.items[0].spec.tolerations}'"],
    },
    {
      id: 'heartbeats',
      title: { es: 'Los latidos de los nodos', en: "The nodes' heartbeats" },
      body: { es: heartbeatsEs, en: heartbeatsEn },
      check: (view) => view.commands.some((c) => c.status === 0 && /^kubectl\s+(get|describe)\s+(leases?|lease\.coordination\.k8s\.io)\b/.test(c.line) && /\bnode2\b/.test(c.output)),
      hints: {
        es: ['Los Leases de los nodos viven en el namespace `kube-node-lease`.', '`kubectl get leases -n kube-node-lease`'],
        en: ["The nodes' Leases live in the `kube-node-lease` namespace.", '`kubectl get leases -n kube-node-lease`'],
      },
      solution: ['kubectl get leases -n kube-node-lease', 'kubectl describe node node2'],
    },
    {
      id: 'evict',
      title: { es: 'node2 cae: eviction y reemplazo', en: 'node2 goes down: eviction and replacement' },
      body: { es: evictEs, en: evictEn },
      check: (view) => {
        const n = node(view, FAILED);
        if (!noExecute(n) && ready(n)) return false;
        const pods = webPods(view);
        if (on(pods, FAILED).length > 0) return no('Aún quedan Pods de web en node2 (tras un fallo real, espera los 300 s de la toleration).', 'web Pods are still on node2 (after a real failure, wait for the 300 s toleration).');
        return available(view.get('deployments', 'default', 'web')) >= 6 || no('Espera a que los Pods de reemplazo estén listos.', 'Wait for the replacement Pods to be ready.');
      },
      hints: {
        es: [
          'Un taint `NoExecute` echa de un nodo a los Pods que no lo toleran.',
          '`kubectl taint nodes node2 failure=simulated:NoExecute`',
          'Después, `kubectl get pods -l app=web -o wide`: los Pods nuevos estarán en node3.',
        ],
        en: [
          'A `NoExecute` taint drives off a node the Pods that do not tolerate it.',
          '`kubectl taint nodes node2 failure=simulated:NoExecute`',
          'Then `kubectl get pods -l app=web -o wide`: the new Pods will be on node3.',
        ],
      },
      solution: ['kubectl taint nodes node2 failure=simulated:NoExecute', 'sleep 10', 'kubectl get pods -l app=web -o wide'],
    },
    {
      id: 'events',
      title: { es: 'La historia en los eventos', en: 'The story in the Events' },
      body: { es: eventsEs, en: eventsEn },
      check: (view) =>
        view.commands.some((c) => c.status === 0 && /^kubectl\s+(get\s+(events?|ev|events\.events\.k8s\.io)\b|events\b)/.test(c.line) && /TaintManagerEviction|NodeNotReady/.test(c.output)),
      hints: {
        es: ['`kubectl get events` lista los eventos del namespace; ordénalos por tiempo con `--sort-by=.lastTimestamp`.', 'Busca `TaintManagerEviction` y `SuccessfulCreate`.'],
        en: ['`kubectl get events` lists the namespace\'s events; sort them by time with `--sort-by=.lastTimestamp`.', 'Look for `TaintManagerEviction` and `SuccessfulCreate`.'],
      },
      solution: ['kubectl get events --sort-by=.lastTimestamp'],
    },
    {
      id: 'recover',
      title: { es: 'node2 vuelve', en: 'node2 comes back' },
      body: { es: recoverEs, en: recoverEn },
      check: (view) => {
        const n = node(view, FAILED);
        if (noExecute(n) || !ready(n)) return false;
        return on(webPods(view), FAILED).length > 0 || no('node2 está bien, pero los Pods no vuelven solos: reinicia el rollout del Deployment web.', 'node2 is fine, but Pods do not move back on their own: restart the web Deployment\'s rollout.');
      },
      hints: {
        es: ['Un taint se quita con su clave y efecto seguidos de `-`: `kubectl taint nodes node2 failure:NoExecute-`.', 'Kubernetes no reequilibra Pods en marcha: `kubectl rollout restart deployment web` crea Pods nuevos que el scheduler reparte.'],
        en: ['A taint is removed with its key and effect followed by `-`: `kubectl taint nodes node2 failure:NoExecute-`.', 'Kubernetes does not rebalance running Pods: `kubectl rollout restart deployment web` creates new Pods the scheduler spreads.'],
      },
      solution: ['kubectl taint nodes node2 failure:NoExecute-', 'kubectl get pods -l app=web -o wide', 'kubectl rollout restart deployment web', 'kubectl rollout status deployment/web', 'kubectl get pods -l app=web -o wide'],
    },
  ],
};
