// Lab for chapter 7 of the course: ReplicaSets and label selectors — a ReplicaSet from YAML adopts
// a bare pod that matches its selector (and deletes a surplus one), releases a pod whose label is
// changed, set-based selectors with -l, scaling, and deleting the ReplicaSet (the released pod stays).
// Leaves out matchExpressions in a manifest (mentioned in the text only) and --cascade=orphan.
import type { KObject } from '../../engine';
import type { Lab, LabView } from '../types';
import orphanEs from './steps/01-orphan.es.md?raw';
import orphanEn from './steps/01-orphan.en.md?raw';
import rsEs from './steps/02-replicaset.es.md?raw';
import rsEn from './steps/02-replicaset.en.md?raw';
import surplusEs from './steps/03-surplus.es.md?raw';
import surplusEn from './steps/03-surplus.en.md?raw';
import relabelEs from './steps/04-relabel.es.md?raw';
import relabelEn from './steps/04-relabel.en.md?raw';
import setEs from './steps/05-set-based.es.md?raw';
import setEn from './steps/05-set-based.en.md?raw';
import scaleEs from './steps/06-scale.es.md?raw';
import scaleEn from './steps/06-scale.en.md?raw';
import deleteEs from './steps/07-delete.es.md?raw';
import deleteEn from './steps/07-delete.en.md?raw';
import { T, labels, missing } from '../checks';

const RS_YAML = `cat <<EOF > rs.yaml
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
EOF`;

const owner = (o: KObject): string | undefined =>
  (o.metadata?.ownerReferences as { kind?: string; name?: string; controller?: boolean }[] | undefined)?.find((r) => r.controller)?.name;
const phase = (o: KObject): string | undefined => (o.status as { phase?: string } | undefined)?.phase;

interface RsShape {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}
const rsWeb = (view: LabView): RsShape | undefined => view.get('replicasets', 'default', 'web') as RsShape | undefined;
const ready = (rs: RsShape | undefined): number => rs?.status?.readyReplicas ?? 0;

const pods = (view: LabView): readonly KObject[] => view.list('pods', 'default').filter((p) => !p.metadata?.deletionTimestamp);

export const lab: Lab = {
  id: '07-replicaset',
  chapter: 7,
  title: T('ReplicaSets y selectores de etiquetas', 'ReplicaSets and label selectors'),
  summary: T(
    'Un ReplicaSet cuenta todos los Pods que cumplen su selector: adopta, suelta y escala Pods por sus etiquetas.',
    'A ReplicaSet counts every pod its selector matches: adopt, release and scale pods through their labels.',
  ),
  seed: 7,
  steps: [
    {
      id: 'orphan',
      title: T('Un Pod suelto con etiqueta', 'A bare labelled pod'),
      body: { es: orphanEs, en: orphanEn },
      check: (view) =>
        pods(view).some((p) => labels(p).app === 'web' && owner(p) === undefined) ||
        missing('Falta un Pod sin dueño con la etiqueta `app=web`.', 'A pod without an owner labelled `app=web` is missing.'),
      hints: {
        es: ['`kubectl run` acepta `--labels clave=valor`.', 'Ejecuta `kubectl run orphan --image nginx --labels app=web`.'],
        en: ['`kubectl run` takes `--labels key=value`.', 'Run `kubectl run orphan --image nginx --labels app=web`.'],
      },
      solution: ['kubectl run orphan --image nginx --labels app=web', 'kubectl get pods --show-labels'],
    },
    {
      id: 'replicaset',
      title: T('Un ReplicaSet que adopta', 'A ReplicaSet that adopts'),
      body: { es: rsEs, en: rsEn },
      check: (view) => {
        const rs = rsWeb(view);
        if (!rs) return missing('Crea el ReplicaSet `web` desde el archivo YAML.', 'Create the ReplicaSet `web` from the YAML file.');
        if (ready(rs) < 3) return missing('Espera a que `web` tenga 3 Pods listos.', 'Wait until `web` has 3 ready pods.');
        const adopted = pods(view).some((p) => owner(p) === 'web' && !p.metadata?.name?.startsWith('web-'));
        return adopted || missing('Ningún Pod adoptado: crea antes el Pod suelto con `app=web`.', 'No adopted pod: create the bare pod labelled `app=web` first.');
      },
      hints: {
        es: ['Escribe el manifiesto con `cat <<EOF > rs.yaml` (o en el editor) y aplícalo con `kubectl apply -f`.', 'El selector (`spec.selector.matchLabels`) y las etiquetas del template deben ser `app: web`.', 'Después, `kubectl get pod orphan -o jsonpath=...` muestra su nuevo dueño.'],
        en: ['Write the manifest with `cat <<EOF > rs.yaml` (or in the editor) and apply it with `kubectl apply -f`.', 'The selector (`spec.selector.matchLabels`) and the template labels must be `app: web`.', 'Then `kubectl get pod orphan -o jsonpath=...` shows its new owner.'],
      },
      solution: [RS_YAML, 'kubectl apply -f rs.yaml', 'kubectl get pods --show-labels', "kubectl get pod orphan -o jsonpath='{.metadata.ownerReferences[0].name}'"],
    },
    {
      id: 'surplus',
      title: T('Un Pod de más', 'One pod too many'),
      body: { es: surplusEs, en: surplusEn },
      check: (view) =>
        view.list('events', 'default').some((e) => {
          const io = e.involvedObject as { kind?: string; name?: string } | undefined;
          return e.reason === 'SuccessfulDelete' && io?.kind === 'ReplicaSet' && io.name === 'web';
        }) || missing('El ReplicaSet aún no ha tenido que borrar ningún Pod: crea otro con `app=web`.', 'The ReplicaSet has not had to delete a pod yet: create another one labelled `app=web`.'),
      hints: {
        es: ['Crea otro Pod suelto con la misma etiqueta `app=web`.', 'Ejecuta `kubectl run extra --image nginx --labels app=web` y mira `kubectl describe rs web`.'],
        en: ['Create another bare pod with the same label `app=web`.', 'Run `kubectl run extra --image nginx --labels app=web` and look at `kubectl describe rs web`.'],
      },
      solution: ['kubectl run extra --image nginx --labels app=web', 'kubectl get pods -l app=web', 'kubectl describe rs web'],
    },
    {
      id: 'relabel',
      title: T('Saca un Pod del ReplicaSet', 'Take a pod out of the ReplicaSet'),
      body: { es: relabelEs, en: relabelEn },
      check: (view) => {
        const out = pods(view).find((p) => labels(p).app === 'debug');
        if (!out) return missing('Ningún Pod tiene todavía `app=debug`.', 'No pod is labelled `app=debug` yet.');
        if (owner(out) !== undefined) return missing('El Pod `app=debug` aún tiene dueño.', 'The `app=debug` pod still has an owner.');
        if (phase(out) !== 'Running') return missing('El Pod `app=debug` debería seguir corriendo.', 'The `app=debug` pod should keep running.');
        return ready(rsWeb(view)) >= 3 || missing('Espera al Pod de reemplazo del ReplicaSet.', 'Wait for the ReplicaSet\'s replacement pod.');
      },
      hints: {
        es: ['`kubectl label` cambia etiquetas; para reemplazar una que existe hace falta `--overwrite`.', 'Ejecuta `kubectl label pod orphan app=debug --overwrite`.'],
        en: ['`kubectl label` changes labels; replacing an existing one needs `--overwrite`.', 'Run `kubectl label pod orphan app=debug --overwrite`.'],
      },
      solution: ['kubectl label pod orphan app=debug --overwrite', 'kubectl get pods -L app'],
    },
    {
      id: 'set-based',
      title: T('Selectores de conjunto', 'Set-based selectors'),
      body: { es: setEs, en: setEn },
      check: (view) =>
        view.commands.some((c) => c.status === 0 && /^\s*kubectl\s.*(?:\s-l|--selector)[=\s]*['"]?[^'"]*\b(?:in|notin)\s*\(/.test(c.line)) ||
        missing('Usa `-l` con `in (...)` o `notin (...)`.', 'Use `-l` with `in (...)` or `notin (...)`.'),
      hints: {
        es: ['La sintaxis es `clave in (valor1,valor2)`.', "Ejecuta `kubectl get pods -l 'app in (web,debug)'`, con las comillas."],
        en: ['The syntax is `key in (value1,value2)`.', "Run `kubectl get pods -l 'app in (web,debug)'`, quotes included."],
      },
      solution: ["kubectl get pods -l 'app in (web,debug)'", "kubectl get pods -l 'app notin (web)'", "kubectl get pods -l 'app,!tier'"],
    },
    {
      id: 'scale',
      title: T('Escala el ReplicaSet', 'Scale the ReplicaSet'),
      body: { es: scaleEs, en: scaleEn },
      check: (view) => {
        const rs = rsWeb(view);
        const want = rs?.spec?.replicas ?? 0;
        if (want <= 3) return missing('Sube `web` a más de 3 réplicas (por ejemplo 5).', 'Scale `web` to more than 3 replicas (5, say).');
        return ready(rs) >= want || missing('Espera a que las réplicas nuevas estén listas.', 'Wait for the new replicas to be ready.');
      },
      hints: {
        es: ['`kubectl scale` funciona con ReplicaSets (`rs`) igual que con Deployments.', 'Ejecuta `kubectl scale rs web --replicas 5`.'],
        en: ['`kubectl scale` works on ReplicaSets (`rs`) as on Deployments.', 'Run `kubectl scale rs web --replicas 5`.'],
      },
      solution: ['kubectl scale rs web --replicas 5', 'kubectl get rs web', 'kubectl get pods -l app=web -o wide'],
    },
    {
      id: 'delete',
      title: T('Borra el ReplicaSet', 'Delete the ReplicaSet'),
      body: { es: deleteEs, en: deleteEn },
      check: (view) => {
        if (rsWeb(view)) return missing('El ReplicaSet `web` todavía existe.', 'The ReplicaSet `web` still exists.');
        if (pods(view).some((p) => labels(p).app === 'web')) return missing('Aún quedan Pods `app=web`.', 'Pods labelled `app=web` remain.');
        return pods(view).some((p) => labels(p).app === 'debug') || missing('El Pod `app=debug` debería haber sobrevivido.', 'The `app=debug` pod should have survived.');
      },
      hints: {
        es: ['Se borra como cualquier objeto, con su tipo y su nombre.', 'Ejecuta `kubectl delete rs web`.'],
        en: ['Delete it like any object, by type and name.', 'Run `kubectl delete rs web`.'],
      },
      solution: ['kubectl delete rs web', 'kubectl get pods'],
    },
  ],
};
