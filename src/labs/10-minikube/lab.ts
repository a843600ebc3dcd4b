// Lab 10 (course chapter 10): minikube — a second, one-node cluster beside the kubeadm one:
// start, status, ip, addons (metrics-server and `kubectl top`), the dashboard, ssh into the
// machine, switching kubectl's context back, and stopping it.
// Leaves out: drivers other than docker, minikube service/tunnel (chapter 6 covers Services).
import type { CheckResult, Lab, LabView } from '../types';
import startEs from './steps/01-start.es.md?raw';
import startEn from './steps/01-start.en.md?raw';
import statusEs from './steps/02-status.es.md?raw';
import statusEn from './steps/02-status.en.md?raw';
import addonsEs from './steps/03-addons.es.md?raw';
import addonsEn from './steps/03-addons.en.md?raw';
import topEs from './steps/04-top.es.md?raw';
import topEn from './steps/04-top.en.md?raw';
import dashboardEs from './steps/05-dashboard.es.md?raw';
import dashboardEn from './steps/05-dashboard.en.md?raw';
import sshEs from './steps/06-ssh.es.md?raw';
import sshEn from './steps/06-ssh.en.md?raw';
import contextEs from './steps/07-context.es.md?raw';
import contextEn from './steps/07-context.en.md?raw';
import stopEs from './steps/08-stop.es.md?raw';
import stopEn from './steps/08-stop.en.md?raw';

const KUBEADM_CONTEXT = 'kubernetes-admin@kubernetes';

const minikube = (view: LabView) => view.clusters.find((c) => c.name === 'minikube');
/** A command typed with one of the given exit statuses. */
const typed = (view: LabView, re: RegExp, statuses: readonly number[] = [0]): boolean => view.commands.some((c) => re.test(c.line) && statuses.includes(c.status));
const no = (es: string, en: string): CheckResult => ({ ok: false, detail: { es, en } });

export const lab: Lab = {
  id: '10-minikube',
  chapter: 10,
  title: { es: 'minikube', en: 'minikube' },
  summary: {
    es: 'Crea un segundo clúster de un solo nodo con minikube, mira su estado y su IP, activa addons como metrics-server, abre el dashboard, entra en la máquina con ssh y vuelve al clúster de kubeadm cambiando de contexto.',
    en: "Create a second, one-node cluster with minikube, look at its status and IP, enable addons such as metrics-server, open the dashboard, ssh into the machine and go back to the kubeadm cluster by switching context.",
  },
  seed: 10,
  steps: [
    {
      id: 'start',
      title: { es: 'Arranca minikube', en: 'Start minikube' },
      body: { es: startEs, en: startEn },
      check: (view) => {
        if (!minikube(view)?.running) return false;
        return view.context === 'minikube' || no('minikube está en marcha, pero kubectl no apunta a él: usa el contexto `minikube`.', 'minikube runs, but kubectl does not point at it: use the `minikube` context.');
      },
      hints: {
        es: ['`minikube start` crea el clúster y configura kubectl.', 'Comprueba el contexto con `kubectl config current-context`.'],
        en: ['`minikube start` creates the cluster and configures kubectl.', 'Check the context with `kubectl config current-context`.'],
      },
      solution: ['minikube start', 'kubectl config current-context', 'kubectl get nodes'],
    },
    {
      id: 'status',
      title: { es: 'Estado e IP de la máquina', en: "The machine's status and IP" },
      body: { es: statusEs, en: statusEn },
      check: (view) => {
        const status = typed(view, /^minikube\s+(-p\s+minikube\s+)?status\b/);
        const ip = typed(view, /^minikube\s+(-p\s+minikube\s+)?ip\b/);
        if (status && ip) return true;
        if (!status && !ip) return false;
        return status ? no('Falta `minikube ip`.', '`minikube ip` is missing.') : no('Falta `minikube status`.', '`minikube status` is missing.');
      },
      hints: {
        es: ['Dos subcomandos de minikube: `status` e `ip`.', '`minikube status` lista host, kubelet, apiserver y kubeconfig; `minikube ip` imprime la IP del nodo.'],
        en: ['Two minikube subcommands: `status` and `ip`.', '`minikube status` lists host, kubelet, apiserver and kubeconfig; `minikube ip` prints the node\'s IP.'],
      },
      solution: ['minikube status', 'minikube ip'],
    },
    {
      id: 'addons',
      title: { es: 'Activa el addon metrics-server', en: 'Enable the metrics-server addon' },
      body: { es: addonsEs, en: addonsEn },
      check: (view) => view.context === 'minikube' && view.get('deployments', 'kube-system', 'metrics-server') !== undefined,
      hints: {
        es: ['`minikube addons list` muestra cada addon y si está activado.', '`minikube addons enable NOMBRE` lo activa.'],
        en: ['`minikube addons list` shows every addon and whether it is enabled.', '`minikube addons enable NAME` enables it.'],
      },
      solution: ['minikube addons list', 'minikube addons enable metrics-server'],
    },
    {
      id: 'top',
      title: { es: 'Consumo de los nodos con kubectl top', en: 'Node usage with kubectl top' },
      body: { es: topEs, en: topEn },
      check: (view) => typed(view, /^kubectl\s+top\s+(nodes?|no)\b/) || (typed(view, /^kubectl\s+top\b/, [1]) ? no('metrics-server aún no tiene datos: espera un minuto y repite.', 'metrics-server has no data yet: wait a minute and try again.') : false),
      hints: {
        es: ['`kubectl top nodes` lee la API metrics.k8s.io que sirve metrics-server.', 'Si responde `ServiceUnavailable` o `metrics not available yet`, espera (`sleep 60`) y repite.'],
        en: ['`kubectl top nodes` reads the metrics.k8s.io API that metrics-server serves.', 'If it answers `ServiceUnavailable` or `metrics not available yet`, wait (`sleep 60`) and try again.'],
      },
      solution: ['sleep 60', 'kubectl top nodes'],
    },
    {
      id: 'dashboard',
      title: { es: 'El dashboard', en: 'The dashboard' },
      body: { es: dashboardEs, en: dashboardEn },
      check: (view) => typed(view, /^minikube\s+dashboard\b/, [0, 130]),
      hints: {
        es: ['`minikube dashboard` activa el addon dashboard y abre un proxy hacia él.', 'Con `--url` solo imprime la dirección; `&` lo deja en segundo plano para seguir usando la terminal.'],
        en: ['`minikube dashboard` enables the dashboard addon and opens a proxy to it.', 'With `--url` it only prints the address; `&` leaves it in the background so you can keep using the terminal.'],
      },
      solution: ['minikube dashboard --url &', 'sleep 5'],
    },
    {
      id: 'ssh',
      title: { es: 'Entra en la máquina con minikube ssh', en: 'Get into the machine with minikube ssh' },
      body: { es: sshEs, en: sshEn },
      check: (view) => typed(view, /^minikube\s+ssh\b/),
      hints: {
        es: ['`minikube ssh` abre una shell en el nodo; `exit` (o Ctrl-D) sale.', 'Para un solo comando: `minikube ssh -- COMANDO`.'],
        en: ['`minikube ssh` opens a shell on the node; `exit` (or Ctrl-D) leaves.', 'For a single command: `minikube ssh -- COMMAND`.'],
      },
      solution: ['minikube ssh -- hostname', 'minikube ssh -- uname -a'],
    },
    {
      id: 'context',
      title: { es: 'Vuelve al clúster de kubeadm', en: 'Go back to the kubeadm cluster' },
      body: { es: contextEs, en: contextEn },
      check: (view) => view.context === KUBEADM_CONTEXT,
      hints: {
        es: ['`kubectl config get-contexts` lista los contextos; el actual lleva `*`.', `\`kubectl config use-context ${KUBEADM_CONTEXT}\``],
        en: ['`kubectl config get-contexts` lists the contexts; the current one has a `*`.', `\`kubectl config use-context ${KUBEADM_CONTEXT}\``],
      },
      solution: ['kubectl config get-contexts', `kubectl config use-context ${KUBEADM_CONTEXT}`, 'kubectl get nodes', 'kubectl --context minikube get nodes'],
    },
    {
      id: 'stop',
      title: { es: 'Detén minikube', en: 'Stop minikube' },
      body: { es: stopEs, en: stopEn },
      check: (view) => {
        const m = minikube(view);
        return m === undefined ? typed(view, /^minikube\s+delete\b/) : !m.running;
      },
      hints: {
        es: ['`minikube stop` apaga la máquina y conserva el clúster.', '`minikube delete` lo borra del todo (también vale para este paso).'],
        en: ['`minikube stop` powers the machine off and keeps the cluster.', '`minikube delete` removes it entirely (it also completes this step).'],
      },
      solution: ['minikube stop'],
    },
  ],
};
