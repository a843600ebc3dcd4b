// Lab for chapter 4 of the course: the ReplicationController — create one from YAML, the names
// its Pods get (generateName + the 5-character suffix), self-healing after a Pod is deleted,
// scaling up and down to 0, and `kubectl describe rc`.
// Checked by state (the RC, its Pods, its SuccessfulCreate events) and, for reading, the command typed.
import type { Event, Pod, ReplicationController } from '../../engine';
import type { Lab, LabView } from '../types';
import createEs from './steps/01-create.es.md?raw';
import createEn from './steps/01-create.en.md?raw';
import namesEs from './steps/02-names.es.md?raw';
import namesEn from './steps/02-names.en.md?raw';
import healEs from './steps/03-self-healing.es.md?raw';
import healEn from './steps/03-self-healing.en.md?raw';
import scaleEs from './steps/04-scale.es.md?raw';
import scaleEn from './steps/04-scale.en.md?raw';
import describeEs from './steps/05-describe.es.md?raw';
import describeEn from './steps/05-describe.en.md?raw';
import zeroEs from './steps/06-scale-zero.es.md?raw';
import zeroEn from './steps/06-scale-zero.en.md?raw';
import { kubectl, ran } from '../checks';

const rc = (view: LabView) => view.get('replicationcontrollers', 'default', 'nginx') as ReplicationController | undefined;

/** Live Pods owned by the RC `nginx`. */
const ownPods = (view: LabView): Pod[] =>
  (view.list('pods', 'default') as Pod[]).filter(
    (p) => !p.metadata?.deletionTimestamp && (p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'ReplicationController' && o.name === 'nginx'),
  );

/** How many Pods the RC `nginx` has created so far (its SuccessfulCreate events). */
const created = (view: LabView): number =>
  (view.list('events', 'default') as Event[])
    .filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'ReplicationController' && e.involvedObject.name === 'nginx')
    .reduce((n, e) => n + (e.count ?? 1), 0);

const missingRc = { ok: false, detail: { es: 'No existe el ReplicationController `nginx`.', en: 'There is no ReplicationController `nginx`.' } } as const;

export const lab: Lab = {
  id: '04-replicationcontroller',
  chapter: 4,
  title: { es: 'ReplicationController', en: 'ReplicationController' },
  summary: {
    es: 'Crea un ReplicationController, entiende los nombres de sus Pods, comprueba la autorreparación, escálalo y descríbelo.',
    en: 'Create a ReplicationController, understand its Pods\' names, see self-healing at work, scale it and describe it.',
  },
  seed: 404,
  steps: [
    {
      id: 'create',
      title: { es: 'Crea un ReplicationController', en: 'Create a ReplicationController' },
      body: { es: createEs, en: createEn },
      check: (view) => {
        const r = rc(view);
        if (!r) return missingRc;
        return (r.spec?.replicas ?? 1) >= 3 && (r.status?.readyReplicas ?? 0) >= 3
          ? true
          : { ok: false, detail: { es: 'Espera a que `nginx` tenga 3 réplicas listas.', en: 'Wait until `nginx` has 3 ready replicas.' } };
      },
      hints: {
        es: ['Copia el bloque entero: crea `rc.yaml` y lo aplica.', '`kubectl get rc` muestra DESIRED, CURRENT y READY.', 'Si READY no llega a 3, espera unos segundos: se están descargando las imágenes.'],
        en: ['Paste the whole block: it creates `rc.yaml` and applies it.', '`kubectl get rc` shows DESIRED, CURRENT and READY.', 'If READY is not 3 yet, wait a few seconds: the images are being pulled.'],
      },
      solution: [
        'cat <<EOF > rc.yaml\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: nginx\nspec:\n  replicas: 3\n  selector:\n    app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        ports:\n        - containerPort: 80\nEOF',
        'kubectl apply -f rc.yaml',
        'kubectl wait --for=condition=Ready pods -l app=nginx',
        'kubectl get rc',
        'kubectl get pods -l app=nginx',
      ],
    },
    {
      id: 'names',
      title: { es: 'Los nombres generados', en: 'The generated names' },
      body: { es: namesEs, en: namesEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'get') && /generateName|ownerReferences/.test(c.line + c.output) && /\bnginx-[bcdfghjklmnpqrstvwxz2456789]{5}\b/.test(c.output))
          ? true
          : { ok: false, detail: { es: 'Muestra `generateName` o `ownerReferences` de los Pods.', en: 'Show the Pods\' `generateName` or `ownerReferences`.' } },
      hints: {
        es: ['Los campos están en `metadata`: míralos con `-o yaml` o con `-o custom-columns`.', '`kubectl get pods -l app=nginx -o yaml`', '`kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,GENERATENAME:.metadata.generateName,OWNER:.metadata.ownerReferences[0].name`'],
        en: ['The fields are in `metadata`: look at them with `-o yaml` or with `-o custom-columns`.', '`kubectl get pods -l app=nginx -o yaml`', '`kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,GENERATENAME:.metadata.generateName,OWNER:.metadata.ownerReferences[0].name`'],
      },
      solution: ['kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,GENERATENAME:.metadata.generateName,OWNER:.metadata.ownerReferences[0].name'],
    },
    {
      id: 'self-healing',
      title: { es: 'Autorreparación', en: 'Self-healing' },
      body: { es: healEs, en: healEn },
      check: (view) => {
        const r = rc(view);
        if (!r) return missingRc;
        if (created(view) < 4) return { ok: false, detail: { es: 'Borra uno de los Pods de `nginx`.', en: 'Delete one of the Pods of `nginx`.' } };
        return ownPods(view).filter((p) => p.status?.phase === 'Running').length >= 3
          ? true
          : { ok: false, detail: { es: 'Espera a que el Pod nuevo esté `Running`.', en: 'Wait until the new Pod is `Running`.' } };
      },
      hints: {
        es: ['`kubectl delete pod NOMBRE` con el nombre de uno de los Pods `nginx-xxxxx`.', 'Mira después `kubectl get pods -l app=nginx`: ¿cuántos hay y cómo se llaman?'],
        en: ['`kubectl delete pod NAME` with the name of one of the `nginx-xxxxx` Pods.', 'Then look at `kubectl get pods -l app=nginx`: how many are there and what are they called?'],
      },
      solution: ["kubectl delete pod $(kubectl get pods -l app=nginx -o jsonpath='{.items[0].metadata.name}')", 'kubectl get pods -l app=nginx'],
    },
    {
      id: 'scale',
      title: { es: 'Escala a 5', en: 'Scale to 5' },
      body: { es: scaleEs, en: scaleEn },
      check: (view) => {
        const r = rc(view);
        if (!r) return missingRc;
        if (r.spec?.replicas !== 5) return { ok: false, detail: { es: '`nginx` debe pedir 5 réplicas.', en: '`nginx` must ask for 5 replicas.' } };
        return (r.status?.readyReplicas ?? 0) >= 5
          ? true
          : { ok: false, detail: { es: 'Espera a que las 5 réplicas estén listas.', en: 'Wait until the 5 replicas are ready.' } };
      },
      hints: {
        es: ['`kubectl scale TIPO NOMBRE --replicas N`.', 'El tipo se abrevia `rc`.', '`kubectl scale rc nginx --replicas 5`'],
        en: ['`kubectl scale TYPE NAME --replicas N`.', 'The type is abbreviated `rc`.', '`kubectl scale rc nginx --replicas 5`'],
      },
      solution: ['kubectl scale rc nginx --replicas 5', 'kubectl get rc nginx', 'kubectl get pods -l app=nginx -o wide'],
    },
    {
      id: 'describe',
      title: { es: 'Describe el ReplicationController', en: 'Describe the ReplicationController' },
      body: { es: describeEs, en: describeEn },
      check: (view) => ran(view, (c) => kubectl(c.line, 'describe') && /^Name:\s+nginx$/m.test(c.output) && /^Replicas:\s+5 current \/ 5 desired$/m.test(c.output)),
      hints: {
        es: ['`kubectl describe TIPO NOMBRE`.', '`kubectl describe rc nginx`'],
        en: ['`kubectl describe TYPE NAME`.', '`kubectl describe rc nginx`'],
      },
      solution: ['kubectl describe rc nginx'],
    },
    {
      id: 'scale-zero',
      title: { es: 'Escala a 0', en: 'Scale to 0' },
      body: { es: zeroEs, en: zeroEn },
      check: (view) => {
        const r = rc(view);
        if (!r) return { ok: false, detail: { es: 'Escala el ReplicationController a 0 en lugar de borrarlo.', en: 'Scale the ReplicationController to 0 instead of deleting it.' } };
        if (r.spec?.replicas !== 0) return { ok: false, detail: { es: '`nginx` debe pedir 0 réplicas.', en: '`nginx` must ask for 0 replicas.' } };
        return ownPods(view).length === 0
          ? true
          : { ok: false, detail: { es: 'Espera a que terminen sus Pods.', en: 'Wait until its Pods are gone.' } };
      },
      hints: {
        es: ['Como antes, con `--replicas 0`.', '`kubectl scale rc nginx --replicas 0`'],
        en: ['As before, with `--replicas 0`.', '`kubectl scale rc nginx --replicas 0`'],
      },
      solution: ['kubectl scale rc nginx --replicas 0', 'kubectl get rc nginx', 'kubectl get pods -l app=nginx'],
    },
  ],
};
