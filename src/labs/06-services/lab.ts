// Lab for chapter 6 of the course: Services — a ClusterIP in front of 3 httpenv pods, the random
// spread seen with a curl loop, Endpoints, NodePort, LoadBalancer (and why it stays <pending>
// without a cloud), ExternalName, and the iptables rules kube-proxy writes (KUBE-SVC statistic).
// Leaves out Ingress, headless Services and session affinity.
import type { KObject } from '../../engine';
import type { Lab, LabView } from '../types';
import deployEs from './steps/01-deploy.es.md?raw';
import deployEn from './steps/01-deploy.en.md?raw';
import clusterIpEs from './steps/02-clusterip.es.md?raw';
import clusterIpEn from './steps/02-clusterip.en.md?raw';
import roundEs from './steps/03-round-robin.es.md?raw';
import roundEn from './steps/03-round-robin.en.md?raw';
import endpointsEs from './steps/04-endpoints.es.md?raw';
import endpointsEn from './steps/04-endpoints.en.md?raw';
import nodePortEs from './steps/05-nodeport.es.md?raw';
import nodePortEn from './steps/05-nodeport.en.md?raw';
import lbEs from './steps/06-loadbalancer.es.md?raw';
import lbEn from './steps/06-loadbalancer.en.md?raw';
import externalEs from './steps/07-externalname.es.md?raw';
import externalEn from './steps/07-externalname.en.md?raw';
import iptablesEs from './steps/08-iptables.es.md?raw';
import iptablesEn from './steps/08-iptables.en.md?raw';
import { T, missing } from '../checks';

interface ServiceShape {
  spec?: { type?: string; selector?: Record<string, string>; externalName?: string; ports?: { port?: number; nodePort?: number }[] };
}
const svc = (o: KObject): ServiceShape => o as ServiceShape;

/** Services in `default` of a type whose selector picks the httpenv pods. */
function httpenvServices(view: LabView, type: string): ServiceShape[] {
  return view.list('services', 'default').map(svc).filter((s) => (s.spec?.type ?? 'ClusterIP') === type && s.spec?.selector?.app === 'httpenv');
}

/** Distinct httpenv pod names in a text (`httpenv-<hash>-<suffix>`). */
function hostnames(text: string): Set<string> {
  return new Set(text.match(/httpenv-[a-z0-9]+-[a-z0-9]{5}\b/g) ?? []);
}

const curls = (view: LabView) => view.commands.filter((c) => c.status === 0 && /(?:^|[\s;|&(])curl\s/.test(c.line));

export const lab: Lab = {
  id: '06-services',
  chapter: 6,
  title: T('Services', 'Services'),
  summary: T(
    'Pon un Service delante de tres Pods: ClusterIP, Endpoints, NodePort, LoadBalancer, ExternalName y las reglas de iptables de kube-proxy.',
    'Put a Service in front of three pods: ClusterIP, Endpoints, NodePort, LoadBalancer, ExternalName and kube-proxy\'s iptables rules.',
  ),
  seed: 6,
  steps: [
    {
      id: 'deploy',
      title: T('Tres Pods de httpenv', 'Three httpenv pods'),
      body: { es: deployEs, en: deployEn },
      check: (view) => {
        const d = view.get('deployments', 'default', 'httpenv') as { status?: { availableReplicas?: number } } | undefined;
        if (!d) return missing('Crea el Deployment `httpenv` con la imagen `jpetazzo/httpenv`.', 'Create the Deployment `httpenv` with the image `jpetazzo/httpenv`.');
        return (d.status?.availableReplicas ?? 0) >= 3 || missing('`httpenv` necesita 3 réplicas disponibles.', '`httpenv` needs 3 available replicas.');
      },
      hints: {
        es: ['`kubectl create deployment` y luego `kubectl scale`.', '`kubectl create deployment httpenv --image jpetazzo/httpenv`, después `kubectl scale deployment httpenv --replicas 3`.'],
        en: ['`kubectl create deployment`, then `kubectl scale`.', '`kubectl create deployment httpenv --image jpetazzo/httpenv`, then `kubectl scale deployment httpenv --replicas 3`.'],
      },
      solution: ['kubectl create deployment httpenv --image jpetazzo/httpenv', 'kubectl scale deployment httpenv --replicas 3', 'kubectl rollout status deployment httpenv', 'kubectl get pods -o wide'],
    },
    {
      id: 'clusterip',
      title: T('Un Service ClusterIP', 'A ClusterIP Service'),
      body: { es: clusterIpEs, en: clusterIpEn },
      check: (view) =>
        httpenvServices(view, 'ClusterIP').some((s) => (s.spec?.ports ?? []).some((p) => p.port === 8888)) ||
        missing('Falta un Service ClusterIP en el puerto 8888 que seleccione `app=httpenv`.', 'A ClusterIP Service on port 8888 selecting `app=httpenv` is missing.'),
      hints: {
        es: ['`kubectl expose` crea el Service a partir del Deployment.', 'Ejecuta `kubectl expose deployment httpenv --port=8888`.'],
        en: ['`kubectl expose` creates the Service from the Deployment.', 'Run `kubectl expose deployment httpenv --port=8888`.'],
      },
      solution: ['kubectl expose deployment httpenv --port=8888', 'kubectl get svc httpenv'],
    },
    {
      id: 'round-robin',
      title: T('Reparto de peticiones', 'Spreading the requests'),
      body: { es: roundEs, en: roundEn },
      check: (view) =>
        curls(view).some((c) => hostnames(c.output).size >= 2) ||
        missing('Haz varias peticiones con curl a la ClusterIP hasta ver al menos dos Pods distintos.', 'Send several curl requests to the ClusterIP until you see at least two different pods.'),
      hints: {
        es: ['La IP está en `.spec.clusterIP` del Service: `kubectl get svc httpenv -o jsonpath=...`.', '`jq .HOSTNAME` extrae el nombre del Pod de la respuesta JSON.', "`IP=$(kubectl get svc httpenv -o jsonpath='{.spec.clusterIP}')` y luego el bucle `for`."],
        en: ['The IP is in the Service\'s `.spec.clusterIP`: `kubectl get svc httpenv -o jsonpath=...`.', '`jq .HOSTNAME` pulls the pod name out of the JSON answer.', "`IP=$(kubectl get svc httpenv -o jsonpath='{.spec.clusterIP}')`, then the `for` loop."],
      },
      solution: ["IP=$(kubectl get svc httpenv -o jsonpath='{.spec.clusterIP}')", 'echo $IP', 'for i in $(seq 10); do curl -s http://$IP:8888 | jq .HOSTNAME; done'],
    },
    {
      id: 'endpoints',
      title: T('Los Endpoints', 'The Endpoints'),
      body: { es: endpointsEs, en: endpointsEn },
      check: (view) =>
        view.commands.some((c) => c.status === 0 && /^\s*kubectl\s+(?:describe|get)\s+(?:endpoints|ep|endpointslices?)(?:[\s/.]|$)/.test(c.line)) ||
        missing('Mira los Endpoints de `httpenv` con `describe` o `get`.', 'Look at the Endpoints of `httpenv` with `describe` or `get`.'),
      hints: {
        es: ['El objeto se llama igual que el Service; el tipo es `endpoints` (o `ep`).', 'Ejecuta `kubectl describe endpoints httpenv`.'],
        en: ['The object is named like the Service; the type is `endpoints` (or `ep`).', 'Run `kubectl describe endpoints httpenv`.'],
      },
      solution: ['kubectl describe endpoints httpenv', 'kubectl get endpoints httpenv -o yaml'],
    },
    {
      id: 'nodeport',
      title: T('Un Service NodePort', 'A NodePort Service'),
      body: { es: nodePortEs, en: nodePortEn },
      check: (view) => {
        const np = httpenvServices(view, 'NodePort');
        if (np.length === 0) return missing('Falta un Service NodePort que seleccione `app=httpenv`.', 'A NodePort Service selecting `app=httpenv` is missing.');
        const ports = np.flatMap((s) => (s.spec?.ports ?? []).map((p) => String(p.nodePort ?? '')));
        const nodeIps = view.list('nodes').flatMap((n) => ((n.status as { addresses?: { address?: string }[] } | undefined)?.addresses ?? []).map((a) => a.address ?? ''));
        const viaNode = curls(view).some((c) => hostnames(c.output).size >= 1 && (/node/i.test(c.line) || ports.some((p) => p && c.line.includes(p)) || nodeIps.some((ip) => ip && c.line.includes(ip))));
        return viaNode || missing('Ahora llega a un Pod con curl a la IP de un nodo y el nodePort.', 'Now reach a pod with curl to a node\'s IP and the nodePort.');
      },
      hints: {
        es: ['`kubectl expose` con `--type=NodePort`, otro `--name` y `--port=8888`.', 'El nodePort está en `.spec.ports[0].nodePort`; las IPs de los nodos, en `kubectl get nodes -o wide`.', 'Prueba `curl -s http://IP-DEL-NODO:NODEPORT`.'],
        en: ['`kubectl expose` with `--type=NodePort`, another `--name` and `--port=8888`.', 'The nodePort is in `.spec.ports[0].nodePort`; node IPs are in `kubectl get nodes -o wide`.', 'Try `curl -s http://NODE-IP:NODEPORT`.'],
      },
      solution: [
        'kubectl expose deployment httpenv --type=NodePort --name=httpenv-np --port=8888',
        'kubectl get svc httpenv-np',
        "NODE_PORT=$(kubectl get svc httpenv-np -o jsonpath='{.spec.ports[0].nodePort}')",
        'kubectl get nodes -o wide',
        `NODE_IP=$(kubectl get node node2 -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')`,
        'curl -s http://$NODE_IP:$NODE_PORT | jq .HOSTNAME',
      ],
    },
    {
      id: 'loadbalancer',
      title: T('Un Service LoadBalancer', 'A LoadBalancer Service'),
      body: { es: lbEs, en: lbEn },
      check: (view) =>
        httpenvServices(view, 'LoadBalancer').length > 0 || missing('Falta un Service LoadBalancer que seleccione `app=httpenv`.', 'A LoadBalancer Service selecting `app=httpenv` is missing.'),
      hints: {
        es: ['Igual que el NodePort, con `--type=LoadBalancer` y otro nombre.', 'Ejecuta `kubectl expose deployment httpenv --type=LoadBalancer --name=httpenv-lb --port=8888`.'],
        en: ['Like the NodePort, with `--type=LoadBalancer` and another name.', 'Run `kubectl expose deployment httpenv --type=LoadBalancer --name=httpenv-lb --port=8888`.'],
      },
      solution: ['kubectl expose deployment httpenv --type=LoadBalancer --name=httpenv-lb --port=8888', 'kubectl get svc httpenv-lb', 'kubectl describe svc httpenv-lb'],
    },
    {
      id: 'externalname',
      title: T('Un Service ExternalName', 'An ExternalName Service'),
      body: { es: externalEs, en: externalEn },
      check: (view) =>
        view.list('services', 'default').map(svc).some((s) => s.spec?.type === 'ExternalName' && !!s.spec.externalName) ||
        missing('Falta un Service de tipo ExternalName.', 'An ExternalName Service is missing.'),
      hints: {
        es: ['`kubectl create service` tiene un subcomando `externalname`.', 'Ejecuta `kubectl create service externalname httpbin --external-name httpbin.org`.'],
        en: ['`kubectl create service` has an `externalname` subcommand.', 'Run `kubectl create service externalname httpbin --external-name httpbin.org`.'],
      },
      solution: ['kubectl create service externalname httpbin --external-name httpbin.org', 'kubectl get svc httpbin'],
    },
    {
      id: 'iptables',
      title: T('Las reglas de kube-proxy', 'kube-proxy\'s rules'),
      body: { es: iptablesEs, en: iptablesEn },
      check: (view) => {
        const ipt = view.commands.filter((c) => c.status === 0 && /\biptables(?:-save)?\s/.test(c.line));
        if (!ipt.some((c) => c.output.includes('KUBE-SVC-'))) return missing('Lista la cadena `KUBE-SERVICES` de la tabla `nat`.', 'List the `KUBE-SERVICES` chain of the `nat` table.');
        return ipt.some((c) => /statistic\s+(?:mode\s+random|--mode random)/.test(c.output)) || missing('Ahora lista la cadena `KUBE-SVC-…` de `httpenv`.', 'Now list the `KUBE-SVC-…` chain of `httpenv`.');
      },
      hints: {
        es: ['`iptables -t nat -L CADENA -n` lista una cadena de la tabla nat sin resolver nombres.', 'Busca en `KUBE-SERVICES` la línea `default/httpenv cluster IP`: su primera columna es la cadena `KUBE-SVC-…`.', 'Lista esa cadena con `sudo iptables -t nat -L KUBE-SVC-… -n`.'],
        en: ['`iptables -t nat -L CHAIN -n` lists a chain of the nat table without resolving names.', 'In `KUBE-SERVICES` find the `default/httpenv cluster IP` line: its first column is the `KUBE-SVC-…` chain.', 'List that chain with `sudo iptables -t nat -L KUBE-SVC-… -n`.'],
      },
      solution: [
        'sudo iptables -t nat -L KUBE-SERVICES -n',
        "CHAIN=$(sudo iptables -t nat -L KUBE-SERVICES -n | grep 'default/httpenv cluster IP' | cut -d' ' -f1)",
        'sudo iptables -t nat -L $CHAIN -n',
      ],
    },
  ],
};
