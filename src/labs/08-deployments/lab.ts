// Lab for chapter 8 of the course: Deployments — create, scale across the worker nodes, rolling
// update with `set image`, rollout status/history, a failed update (ErrImagePull) and
// `rollout undo` (also --to-revision), and a canary: two Deployments behind one Service.
// Leaves out strategy tuning (maxSurge/maxUnavailable are explained, not changed), pause/resume.
import type { KObject } from '../../engine';
import type { Lab, LabView } from '../types';
import createEs from './steps/01-create.es.md?raw';
import createEn from './steps/01-create.en.md?raw';
import scaleEs from './steps/02-scale.es.md?raw';
import scaleEn from './steps/02-scale.en.md?raw';
import updateEs from './steps/03-update.es.md?raw';
import updateEn from './steps/03-update.en.md?raw';
import historyEs from './steps/04-history.es.md?raw';
import historyEn from './steps/04-history.en.md?raw';
import badEs from './steps/05-bad-update.es.md?raw';
import badEn from './steps/05-bad-update.en.md?raw';
import undoEs from './steps/06-undo.es.md?raw';
import undoEn from './steps/06-undo.en.md?raw';
import toRevEs from './steps/07-to-revision.es.md?raw';
import toRevEn from './steps/07-to-revision.en.md?raw';
import canaryEs from './steps/08-canary.es.md?raw';
import canaryEn from './steps/08-canary.en.md?raw';
import { T, labels, missing } from '../checks';

/** The `cat <<EOF > FILE ... EOF` heredoc shown in a step text, as one solution entry. */
function heredoc(md: string, file: string): string {
  const start = md.indexOf(`cat <<EOF > ${file}\n`);
  const end = md.indexOf('\nEOF\n', start);
  if (start < 0 || end < 0) throw new Error(`08-deployments: no heredoc for ${file}`);
  return md.slice(start, end + 4);
}

interface DeployShape {
  metadata?: { generation?: number };
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
}
const web = (view: LabView): DeployShape | undefined => view.get('deployments', 'default', 'web') as DeployShape | undefined;
const image = (d: DeployShape | undefined): string | undefined => d?.spec?.template?.spec?.containers?.[0]?.image;

/** The Deployment's rollout is over: every replica updated and available, no old ones left. */
function complete(d: DeployShape | undefined): boolean {
  if (!d) return false;
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want;
}

const webPods = (view: LabView): KObject[] => view.list('pods', 'default').filter((p) => labels(p).app === 'web' && !p.metadata?.deletionTimestamp);
function pullError(p: KObject): boolean {
  const cs = (p.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses ?? [];
  return cs.some((c) => /^(?:ErrImagePull|ImagePullBackOff)$/.test(c.state?.waiting?.reason ?? ''));
}

const ran = (view: LabView, re: RegExp): boolean => view.commands.some((c) => c.status === 0 && re.test(c.line));

export const lab: Lab = {
  id: '08-deployments',
  chapter: 8,
  title: T('Deployments', 'Deployments'),
  summary: T(
    'Crea y escala un Deployment, actualízalo sin cortes, vuelve atrás tras un fallo y monta un canary detrás de un Service.',
    'Create and scale a Deployment, update it without downtime, roll back after a failure and run a canary behind one Service.',
  ),
  seed: 8,
  steps: [
    {
      id: 'create',
      title: T('Crea un Deployment', 'Create a Deployment'),
      body: { es: createEs, en: createEn },
      check: (view) => ((web(view)?.status?.availableReplicas ?? 0) >= 1) || missing('Falta el Deployment `web` con un Pod disponible.', 'The Deployment `web` with an available pod is missing.'),
      hints: {
        es: ['`kubectl create deployment NOMBRE --image IMAGEN`.', 'Ejecuta `kubectl create deployment web --image nginx:1.26`.'],
        en: ['`kubectl create deployment NAME --image IMAGE`.', 'Run `kubectl create deployment web --image nginx:1.26`.'],
      },
      solution: ['kubectl create deployment web --image nginx:1.26', 'kubectl get deployments,replicasets,pods'],
    },
    {
      id: 'scale',
      title: T('Escala entre nodos', 'Scale across nodes'),
      body: { es: scaleEs, en: scaleEn },
      check: (view) => {
        if ((web(view)?.status?.availableReplicas ?? 0) < 4) return missing('`web` necesita 4 réplicas disponibles.', '`web` needs 4 available replicas.');
        const nodes = new Set(webPods(view).map((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName).filter(Boolean));
        if (nodes.size < 2) return missing('Los Pods deberían repartirse en al menos dos nodos.', 'The pods should be spread over at least two nodes.');
        return ran(view, /^\s*kubectl\s+get\s.*-o\s*=?\s*wide\b/) || missing('Mira en qué nodo está cada Pod con `-o wide`.', 'See which node each pod is on with `-o wide`.');
      },
      hints: {
        es: ['`kubectl scale deployment web --replicas 4`.', '`kubectl get pods -o wide` añade las columnas `IP` y `NODE`.'],
        en: ['`kubectl scale deployment web --replicas 4`.', '`kubectl get pods -o wide` adds the `IP` and `NODE` columns.'],
      },
      solution: ['kubectl scale deployment web --replicas 4', 'kubectl rollout status deployment web', 'kubectl get pods -o wide'],
    },
    {
      id: 'update',
      title: T('Rolling update', 'Rolling update'),
      body: { es: updateEs, en: updateEn },
      check: (view) => {
        const d = web(view);
        if (!d || image(d) === 'nginx:1.26') return missing('Cambia la imagen de `web` (por ejemplo a `nginx:1.27`).', 'Change the image of `web` (to `nginx:1.27`, say).');
        return complete(d) || missing('Espera a que termine el rollout (`kubectl rollout status`).', 'Wait for the rollout to finish (`kubectl rollout status`).');
      },
      hints: {
        es: ['`kubectl set image deployment NOMBRE CONTENEDOR=IMAGEN`.', 'El contenedor se llama `nginx`: `kubectl set image deployment web nginx=nginx:1.27`.'],
        en: ['`kubectl set image deployment NAME CONTAINER=IMAGE`.', 'The container is called `nginx`: `kubectl set image deployment web nginx=nginx:1.27`.'],
      },
      solution: ['kubectl set image deployment web nginx=nginx:1.27', 'kubectl rollout status deployment web', 'kubectl get replicasets'],
    },
    {
      id: 'history',
      title: T('El historial de revisiones', 'The revision history'),
      body: { es: historyEs, en: historyEn },
      check: (view) => ran(view, /^\s*kubectl\s+rollout\s+history\s/) || missing('Ejecuta `kubectl rollout history deployment web`.', 'Run `kubectl rollout history deployment web`.'),
      hints: {
        es: ['Es un subcomando de `kubectl rollout`.', 'Ejecuta `kubectl rollout history deployment web`.'],
        en: ['It is a subcommand of `kubectl rollout`.', 'Run `kubectl rollout history deployment web`.'],
      },
      solution: [
        'kubectl rollout history deployment web',
        'kubectl rollout history deployment web --revision=2',
        'kubectl annotate deployment web kubernetes.io/change-cause="nginx 1.27"',
        'kubectl rollout history deployment web',
      ],
    },
    {
      id: 'bad-update',
      title: T('Una actualización rota', 'A broken update'),
      body: { es: badEs, en: badEn },
      check: (view) =>
        webPods(view).some(pullError) || missing('Ningún Pod de `web` falla aún al descargar la imagen.', 'No `web` pod fails to pull its image yet.'),
      hints: {
        es: ['Usa `set image` con una etiqueta que no exista.', 'Ejecuta `kubectl set image deployment web nginx=nginx:1.27-nonexistent` y mira `kubectl get pods`.'],
        en: ['Use `set image` with a tag that does not exist.', 'Run `kubectl set image deployment web nginx=nginx:1.27-nonexistent` and look at `kubectl get pods`.'],
      },
      solution: ['kubectl set image deployment web nginx=nginx:1.27-nonexistent', 'kubectl rollout status deployment web --timeout=30s', 'kubectl get pods'],
    },
    {
      id: 'undo',
      title: T('Vuelve atrás', 'Roll back'),
      body: { es: undoEs, en: undoEn },
      check: (view) => {
        if (!complete(web(view))) return missing('El rollout de `web` no ha terminado: deshaz el cambio roto.', 'The rollout of `web` is not finished: undo the broken change.');
        return !webPods(view).some(pullError) || missing('Aún quedan Pods con errores de imagen.', 'Pods with image errors remain.');
      },
      hints: {
        es: ['`kubectl rollout` tiene un subcomando para deshacer.', 'Ejecuta `kubectl rollout undo deployment web`.'],
        en: ['`kubectl rollout` has a subcommand to undo.', 'Run `kubectl rollout undo deployment web`.'],
      },
      solution: ['kubectl rollout undo deployment web', 'kubectl rollout status deployment web', 'kubectl get pods'],
    },
    {
      id: 'to-revision',
      title: T('Vuelve a una revisión concreta', 'Go back to a given revision'),
      body: { es: toRevEs, en: toRevEn },
      check: (view) => {
        const d = web(view);
        if (image(d) !== 'nginx:1.26') return missing('`web` debería volver a `nginx:1.26` (la revisión 1).', '`web` should be back on `nginx:1.26` (revision 1).');
        return complete(d) || missing('Espera a que termine el rollout.', 'Wait for the rollout to finish.');
      },
      hints: {
        es: ['`rollout undo` acepta `--to-revision=N`.', 'Ejecuta `kubectl rollout undo deployment web --to-revision=1`.'],
        en: ['`rollout undo` takes `--to-revision=N`.', 'Run `kubectl rollout undo deployment web --to-revision=1`.'],
      },
      solution: [
        'kubectl rollout history deployment web',
        'kubectl rollout undo deployment web --to-revision=1',
        'kubectl rollout status deployment web',
        "kubectl get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'",
      ],
    },
    {
      id: 'canary',
      title: T('Un canary detrás de un Service', 'A canary behind one Service'),
      body: { es: canaryEs, en: canaryEn },
      check: (view) => {
        const pods = new Map(view.list('pods', 'default').map((p) => [p.metadata?.name ?? '', p]));
        for (const s of view.list('services', 'default')) {
          const sel = (s.spec as { selector?: Record<string, string> } | undefined)?.selector;
          if (!sel || 'track' in sel) continue;
          const ep = view.get('endpoints', 'default', s.metadata?.name ?? '');
          const subsets = (ep?.subsets as { addresses?: { targetRef?: { name?: string } }[] }[] | undefined) ?? [];
          const tracks = new Set<string>();
          for (const sub of subsets) for (const a of sub.addresses ?? []) {
            const t = labels(pods.get(a.targetRef?.name ?? '') ?? {}).track;
            if (t) tracks.add(t);
          }
          if (tracks.size >= 2) return true;
        }
        return missing('Falta un Service cuyos Endpoints incluyan Pods de dos `track` distintos (estable y canary).', 'A Service whose Endpoints include pods of two different `track`s (stable and canary) is missing.');
      },
      hints: {
        es: ['Dos Deployments con `app: shop` y distinto `track`; el selector de cada uno incluye su `track`.', 'El Service selecciona solo `app: shop`, sin `track`.', 'Escribe `canary.yaml` como en el texto y aplícalo con `kubectl apply -f canary.yaml`.'],
        en: ['Two Deployments with `app: shop` and a different `track`; each one\'s selector includes its `track`.', 'The Service selects only `app: shop`, without `track`.', 'Write `canary.yaml` as in the text and apply it with `kubectl apply -f canary.yaml`.'],
      },
      solution: [
        heredoc(canaryEn, 'canary.yaml'),
        'kubectl apply -f canary.yaml',
        'kubectl rollout status deployment shop-canary',
        'kubectl get pods -l app=shop -L track',
        'kubectl describe endpoints shop',
        "IP=$(kubectl get svc shop -o jsonpath='{.spec.clusterIP}')",
        'for i in $(seq 10); do curl -sI http://$IP | grep Server; done',
      ],
    },
  ],
};
