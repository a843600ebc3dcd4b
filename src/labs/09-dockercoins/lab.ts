// Lab 9 (course chapter 9): DockerCoins on Kubernetes — five Deployments created in dependency
// order, the worker failing until the Services exist, the web UI through a NodePort, and the
// hashing rate rising with more workers until rng/hasher saturate.
// Leaves out: DaemonSets for rng and the course's later Helm/registry chapters.
import type { Deployment, KObject, Service } from '../../engine';
import type { CheckResult, Lab, LabView, TypedCommand } from '../types';
import deployEs from './steps/01-deploy.es.md?raw';
import deployEn from './steps/01-deploy.en.md?raw';
import errorsEs from './steps/02-worker-errors.es.md?raw';
import errorsEn from './steps/02-worker-errors.en.md?raw';
import exposeEs from './steps/03-expose.es.md?raw';
import exposeEn from './steps/03-expose.en.md?raw';
import miningEs from './steps/04-mining.es.md?raw';
import miningEn from './steps/04-mining.en.md?raw';
import webuiEs from './steps/05-webui.es.md?raw';
import webuiEn from './steps/05-webui.en.md?raw';
import rateEs from './steps/06-rate.es.md?raw';
import rateEn from './steps/06-rate.en.md?raw';
import scaleEs from './steps/07-scale.es.md?raw';
import scaleEn from './steps/07-scale.en.md?raw';
import riseEs from './steps/08-rise.es.md?raw';
import riseEn from './steps/08-rise.en.md?raw';
import saturateEs from './steps/09-saturate.es.md?raw';
import saturateEn from './steps/09-saturate.en.md?raw';

const IMAGES: Record<string, RegExp> = {
  redis: /^(docker\.io\/)?(library\/)?redis(:.*)?$/,
  hasher: /^(docker\.io\/)?dockercoins\/hasher:v0\.1$/,
  rng: /^(docker\.io\/)?dockercoins\/rng:v0\.1$/,
  webui: /^(docker\.io\/)?dockercoins\/webui:v0\.1$/,
  worker: /^(docker\.io\/)?dockercoins\/worker:v0\.1$/,
};

const deployment = (view: LabView, name: string): Deployment | undefined => view.get('deployments', 'default', name) as Deployment | undefined;
const service = (view: LabView, name: string): Service | undefined => view.get('services', 'default', name) as Service | undefined;
const available = (d: Deployment | undefined): number => d?.status?.availableReplicas ?? 0;
const images = (o: KObject): string[] => ((o as Deployment).spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '');

/** `kubectl logs` of the worker (deploy/worker, a worker-... pod, or -l app=worker) that succeeded. */
const workerLogs = (view: LabView): TypedCommand[] =>
  view.commands.filter((c) => c.status === 0 && /^kubectl\s.*\blogs\b/.test(c.line) && /\bworker\b/.test(c.line));

/** One hashing-rate measurement: when (index of the command that finished it) and hashes/s. */
interface Rate {
  index: number;
  perSecond: number;
}

/**
 * Rates the student measured, in command order: `hashes/s: N` lines (the lab's one-liner), or
 * two successive webui `/json` answers (hashes and `now`, in seconds), whichever way they came.
 */
function rates(view: LabView): Rate[] {
  const out: Rate[] = [];
  let last: { hashes: number; now: number } | undefined;
  view.commands.forEach((c, index) => {
    if (c.status !== 0) return;
    for (const m of c.output.matchAll(/hashes\/s:\s*(-?\d+(?:\.\d+)?)/g)) out.push({ index, perSecond: Number(m[1]) });
    for (const m of c.output.matchAll(/\{"coins":\d+,"hashes":"?(\d+)"?,"now":(\d+(?:\.\d+)?)\}/g)) {
      const cur = { hashes: Number(m[1]), now: Number(m[2]) };
      if (last && cur.now - last.now >= 3) out.push({ index, perSecond: (cur.hashes - last.hashes) / (cur.now - last.now) });
      last = cur;
    }
  });
  return out;
}

/** Index of the last successful command that may have changed the worker Deployment. */
function lastChange(view: LabView): number {
  let at = -1;
  view.commands.forEach((c, i) => {
    if (c.status === 0 && /^kubectl\s.*\b(scale|edit|apply|patch|replace|create)\b/.test(c.line)) at = i;
  });
  return at;
}

const no = (es: string, en: string): CheckResult => ({ ok: false, detail: { es, en } });

export const lab: Lab = {
  id: '09-dockercoins',
  chapter: 9,
  title: { es: 'Desplegar DockerCoins', en: 'Deploying DockerCoins' },
  summary: {
    es: 'Arranca la aplicación de minado DockerCoins (redis, rng, hasher, webui y worker) en orden de dependencias, conecta sus piezas con Services, ábrela por un NodePort y escala los workers hasta ver dónde se satura.',
    en: 'Start the DockerCoins mining app (redis, rng, hasher, webui and worker) in dependency order, connect its pieces with Services, open it through a NodePort and scale the workers until you see where it saturates.',
  },
  seed: 9,
  steps: [
    {
      id: 'deploy',
      title: { es: 'Crea los cinco Deployments', en: 'Create the five Deployments' },
      body: { es: deployEs, en: deployEn },
      check: (view) => {
        const missing = Object.keys(IMAGES).filter((name) => {
          const d = deployment(view, name);
          return !d || !images(d).some((img) => IMAGES[name].test(img));
        });
        if (missing.length === 0) return true;
        return no(`Faltan Deployments (o su imagen no es la del curso): ${missing.join(', ')}.`, `Missing Deployments (or not with the course's image): ${missing.join(', ')}.`);
      },
      hints: {
        es: [
          'Un Deployment por componente: `kubectl create deployment NOMBRE --image IMAGEN`.',
          'redis usa la imagen oficial `redis`; los otros cuatro, `dockercoins/NOMBRE:v0.1`.',
          'Por ejemplo: `kubectl create deployment worker --image dockercoins/worker:v0.1`.',
        ],
        en: [
          'One Deployment per component: `kubectl create deployment NAME --image IMAGE`.',
          'redis uses the official `redis` image; the other four, `dockercoins/NAME:v0.1`.',
          'For example: `kubectl create deployment worker --image dockercoins/worker:v0.1`.',
        ],
      },
      solution: [
        'kubectl create deployment redis --image redis',
        'kubectl create deployment hasher --image dockercoins/hasher:v0.1',
        'kubectl create deployment rng --image dockercoins/rng:v0.1',
        'kubectl create deployment webui --image dockercoins/webui:v0.1',
        'kubectl create deployment worker --image dockercoins/worker:v0.1',
      ],
    },
    {
      id: 'worker-errors',
      title: { es: 'Lee los errores del worker', en: "Read the worker's errors" },
      body: { es: errorsEs, en: errorsEn },
      check: (view) => {
        const logs = workerLogs(view);
        if (logs.length === 0) return false;
        if (logs.some((c) => /Name does not resolve|ConnectionError/.test(c.output))) return true;
        return no('Aún no se ve el error: espera unos segundos a que el worker arranque y vuelve a pedir sus logs.', 'The error does not show yet: wait a few seconds for the worker to start and ask for its logs again.');
      },
      hints: {
        es: ['`kubectl logs` acepta `deploy/worker`: elige un pod de ese Deployment por ti.', 'Si el pod aún está en ContainerCreating, espera con `kubectl rollout status deployment/worker`.'],
        en: ['`kubectl logs` accepts `deploy/worker`: it picks a pod of that Deployment for you.', 'If the pod is still ContainerCreating, wait with `kubectl rollout status deployment/worker`.'],
      },
      solution: ['kubectl rollout status deployment/worker', 'kubectl logs deploy/worker'],
    },
    {
      id: 'expose',
      title: { es: 'Expón cada componente con un Service', en: 'Expose each component with a Service' },
      body: { es: exposeEs, en: exposeEn },
      check: (view) => {
        const want: [string, number][] = [['redis', 6379], ['rng', 80], ['hasher', 80], ['webui', 80]];
        const missing = want.filter(([name, port]) => !(service(view, name)?.spec?.ports ?? []).some((p) => p.port === port)).map(([n, p]) => `${n}:${p}`);
        if (missing.length) return no(`Faltan Services (nombre:puerto): ${missing.join(', ')}.`, `Missing Services (name:port): ${missing.join(', ')}.`);
        if (service(view, 'webui')?.spec?.type !== 'NodePort') return no('El Service webui debe ser de tipo NodePort.', 'The webui Service must be of type NodePort.');
        return true;
      },
      hints: {
        es: [
          '`kubectl expose deployment NOMBRE --port PUERTO` crea un Service con el mismo nombre y el selector del Deployment.',
          'redis escucha en 6379; rng y hasher, en 80.',
          'webui necesita `--type=NodePort --port=80` para poder abrirla desde fuera del clúster.',
        ],
        en: [
          '`kubectl expose deployment NAME --port PORT` creates a Service with the same name and the Deployment\'s selector.',
          'redis listens on 6379; rng and hasher on 80.',
          'webui needs `--type=NodePort --port=80` so you can open it from outside the cluster.',
        ],
      },
      solution: [
        'kubectl expose deployment redis --port 6379',
        'kubectl expose deployment rng --port 80',
        'kubectl expose deployment hasher --port 80',
        'kubectl expose deployment webui --type=NodePort --port=80',
      ],
    },
    {
      id: 'mining',
      title: { es: 'Mira cómo empieza el minado', en: 'Watch the mining start' },
      body: { es: miningEs, en: miningEn },
      check: (view) => {
        if (workerLogs(view).some((c) => /\b[1-9]\d* units of work done/.test(c.output))) return true;
        return no('Pide de nuevo los logs del worker (unos segundos después de crear los Services).', "Ask for the worker's logs again (a few seconds after creating the Services).");
      },
      hints: {
        es: ['El worker reintenta cada 10 s: espera un poco (`sleep 20`).', 'Con `--tail 4` ves solo las últimas líneas: `kubectl logs deploy/worker --tail 4`.'],
        en: ['The worker retries every 10 s: wait a little (`sleep 20`).', 'With `--tail 4` you only see the last lines: `kubectl logs deploy/worker --tail 4`.'],
      },
      solution: ['sleep 20', 'kubectl logs deploy/worker --tail 4'],
    },
    {
      id: 'webui',
      title: { es: 'Abre la webui por el NodePort', en: 'Open the webui through the NodePort' },
      body: { es: webuiEs, en: webuiEn },
      check: (view) => view.commands.some((c) => c.status === 0 && /^curl\b/.test(c.line) && /"hashes"/.test(c.output)),
      hints: {
        es: [
          'El puerto del nodo está en `kubectl get svc webui` (el número después de `80:`).',
          'Cualquier nodo sirve: `curl -s http://node1:PUERTO/json`.',
          'Para no copiarlo a mano: `PORT=$(kubectl get svc webui -o jsonpath=\'{.spec.ports[0].nodePort}\')`.',
        ],
        en: [
          'The node port is in `kubectl get svc webui` (the number after `80:`).',
          'Any node works: `curl -s http://node1:PORT/json`.',
          "To avoid copying it by hand: `PORT=$(kubectl get svc webui -o jsonpath='{.spec.ports[0].nodePort}')`.",
        ],
      },
      solution: ["PORT=$(kubectl get svc webui -o jsonpath='{.spec.ports[0].nodePort}')", 'curl -s http://node1:$PORT/json'],
    },
    {
      id: 'rate',
      title: { es: 'Mide la velocidad de hashing', en: 'Measure the hashing rate' },
      body: { es: rateEs, en: rateEn },
      check: (view) => rates(view).length > 0 || no('Toma dos lecturas de /json separadas unos segundos (o usa la línea del texto).', 'Take two /json readings a few seconds apart (or use the line in the text).'),
      hints: {
        es: ['La velocidad es la diferencia de `hashes` entre dos lecturas dividida por los segundos entre ellas.', '`jq -r .hashes` extrae el contador de la respuesta JSON.'],
        en: ['The rate is the difference in `hashes` between two readings divided by the seconds between them.', '`jq -r .hashes` extracts the counter from the JSON answer.'],
      },
      solution: ['A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"'],
    },
    {
      id: 'scale',
      title: { es: 'Escala los workers a 10', en: 'Scale the workers to 10' },
      body: { es: scaleEs, en: scaleEn },
      check: (view) => {
        const d = deployment(view, 'worker');
        if ((d?.spec?.replicas ?? 0) < 10) return false;
        return available(d) >= 10 || no('Hay 10 réplicas pedidas; espera a que estén disponibles.', '10 replicas are requested; wait for them to be available.');
      },
      hints: {
        es: ['`kubectl scale` cambia `spec.replicas` del Deployment.', '`kubectl scale deployment worker --replicas=10`'],
        en: ['`kubectl scale` changes the Deployment\'s `spec.replicas`.', '`kubectl scale deployment worker --replicas=10`'],
      },
      solution: ['kubectl scale deployment worker --replicas=10', 'kubectl rollout status deployment/worker'],
    },
    {
      id: 'rise',
      title: { es: 'Comprueba que la velocidad sube', en: 'Check that the rate rises' },
      body: { es: riseEs, en: riseEn },
      check: (view) => {
        const since = lastChange(view);
        const after = rates(view).filter((r) => r.index > since);
        if (after.length === 0) return false;
        return after.some((r) => r.perSecond >= 6) || no('La medida aún no refleja los 10 workers: espera unos segundos y mide de nuevo.', 'The measurement does not reflect the 10 workers yet: wait a few seconds and measure again.');
      },
      hints: {
        es: ['Repite la medida del paso 6, ahora con 10 workers.', 'Deja pasar unos segundos tras el escalado para que los workers nuevos empiecen a minar.'],
        en: ['Repeat the measurement of step 6, now with 10 workers.', 'Let a few seconds pass after scaling so the new workers start mining.'],
      },
      solution: ['sleep 10', 'A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"'],
    },
    {
      id: 'saturate',
      title: { es: 'Escala a 20 y encuentra el cuello de botella', en: 'Scale to 20 and find the bottleneck' },
      body: { es: saturateEs, en: saturateEn },
      check: (view) => {
        const d = deployment(view, 'worker');
        if ((d?.spec?.replicas ?? 0) < 20 || available(d) < 20) return no('Escala el Deployment worker a 20 réplicas.', 'Scale the worker Deployment to 20 replicas.');
        const since = lastChange(view);
        return rates(view).some((r) => r.index > since) || no('Mide otra vez la velocidad con 20 workers.', 'Measure the rate again with 20 workers.');
      },
      hints: {
        es: [
          'Igual que antes: `kubectl scale deployment worker --replicas=20`, espera y mide.',
          'Si la velocidad no se duplica, el límite ya no son los workers: cada hash pide bytes a rng y un cálculo a hasher.',
        ],
        en: [
          'As before: `kubectl scale deployment worker --replicas=20`, wait and measure.',
          'If the rate does not double, the workers are no longer the limit: each hash asks rng for bytes and hasher for a computation.',
        ],
      },
      solution: [
        'kubectl scale deployment worker --replicas=20',
        'kubectl rollout status deployment/worker',
        'sleep 10',
        'A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"',
      ],
    },
  ],
};

