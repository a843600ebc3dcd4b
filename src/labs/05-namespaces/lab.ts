// Lab for chapter 5 of the course: namespaces — create one, work in it with -n/--namespace, the
// same names in two namespaces, `get all`, `-A`, what kube-system and kube-public hold (and why
// kube-public has no token Secret on v1.32), the context's default namespace, deleting a namespace.
// Leaves out RBAC, quotas and NetworkPolicies (mentioned in the text only).
import type { Lab, LabView } from '../types';
import createEs from './steps/01-create.es.md?raw';
import createEn from './steps/01-create.en.md?raw';
import runInEs from './steps/02-run-in.es.md?raw';
import runInEn from './steps/02-run-in.en.md?raw';
import sameEs from './steps/03-same-names.es.md?raw';
import sameEn from './steps/03-same-names.en.md?raw';
import allEs from './steps/04-get-all.es.md?raw';
import allEn from './steps/04-get-all.en.md?raw';
import everyEs from './steps/05-all-namespaces.es.md?raw';
import everyEn from './steps/05-all-namespaces.en.md?raw';
import systemEs from './steps/06-system.es.md?raw';
import systemEn from './steps/06-system.en.md?raw';
import contextEs from './steps/07-context.es.md?raw';
import contextEn from './steps/07-context.en.md?raw';
import deleteEs from './steps/08-delete.es.md?raw';
import deleteEn from './steps/08-delete.en.md?raw';
import { T, missing } from '../checks';

/** A kubectl command line that names namespace `ns` with -n / --namespace (any spelling). */
const nsFlag = (ns: string): RegExp => new RegExp(`(?:^|\\s)(?:-n|--namespace)(?:=|\\s+)['"]?${ns}['"]?(?=\\s|$)`);

/** Index of the first successful command matching every pattern, from `from` on (-1 if none). */
function ranAt(view: LabView, patterns: readonly RegExp[], from = 0): number {
  return view.commands.findIndex((c, i) => i >= from && c.status === 0 && patterns.every((p) => p.test(c.line)));
}
const ran = (view: LabView, ...patterns: RegExp[]): boolean => ranAt(view, patterns) >= 0;

const KUBECTL = /^\s*kubectl\s/;

/** A Deployment `name` in `ns` with at least one available replica. */
function available(view: LabView, ns: string, name: string): boolean {
  const d = view.get('deployments', ns, name) as { status?: { availableReplicas?: number } } | undefined;
  return (d?.status?.availableReplicas ?? 0) >= 1;
}

const namespaceExists = (view: LabView, name: string): boolean => view.get('namespaces', undefined, name) !== undefined;

export const lab: Lab = {
  id: '05-namespaces',
  chapter: 5,
  title: T('Namespaces', 'Namespaces'),
  summary: T(
    'Crea Namespaces, trabaja dentro de ellos, repite nombres sin chocar, y conoce kube-system y kube-public.',
    'Create namespaces, work inside them, reuse names without clashes, and meet kube-system and kube-public.',
  ),
  seed: 5,
  steps: [
    {
      id: 'create',
      title: T('Crea un Namespace', 'Create a namespace'),
      body: { es: createEs, en: createEn },
      check: (view) => namespaceExists(view, 'blue') || missing('Aún no existe el Namespace `blue`.', 'The namespace `blue` does not exist yet.'),
      hints: {
        es: ['El verbo es `create` y el tipo de recurso, `namespace` (o `ns`).', 'Ejecuta `kubectl create namespace blue`.'],
        en: ['The verb is `create` and the resource type `namespace` (or `ns`).', 'Run `kubectl create namespace blue`.'],
      },
      solution: ['kubectl create namespace blue', 'kubectl get namespaces'],
    },
    {
      id: 'run-in',
      title: T('Trabaja dentro del Namespace', 'Work inside the namespace'),
      body: { es: runInEs, en: runInEn },
      check: (view) => {
        if (!available(view, 'blue', 'web')) return missing('Falta un Deployment `web` con un Pod disponible en `blue`.', 'A Deployment `web` with an available pod in `blue` is missing.');
        if (!ran(view, KUBECTL, /\sget\s/, nsFlag('blue'))) return missing('Lista los Pods de `blue` con `kubectl get pods -n blue`.', 'List the pods of `blue` with `kubectl get pods -n blue`.');
        return true;
      },
      hints: {
        es: ['Cualquier comando de kubectl acepta `-n blue` o `--namespace blue`.', '`kubectl create deployment web --image nginx -n blue` y luego `kubectl get pods -n blue`.'],
        en: ['Every kubectl command takes `-n blue` or `--namespace blue`.', '`kubectl create deployment web --image nginx -n blue`, then `kubectl get pods -n blue`.'],
      },
      solution: ['kubectl create deployment web --image nginx -n blue', 'kubectl get pods -n blue', 'kubectl get deployments --namespace blue'],
    },
    {
      id: 'same-names',
      title: T('El mismo nombre en dos Namespaces', 'The same name in two namespaces'),
      body: { es: sameEs, en: sameEn },
      check: (view) => {
        if (!namespaceExists(view, 'green')) return missing('Crea el Namespace `green`.', 'Create the namespace `green`.');
        if (!available(view, 'green', 'web')) return missing('Falta el Deployment `web` (con un Pod disponible) en `green`.', 'The Deployment `web` (with an available pod) in `green` is missing.');
        return available(view, 'blue', 'web') || missing('El Deployment `web` de `blue` debe seguir ahí.', 'The Deployment `web` in `blue` must still be there.');
      },
      hints: {
        es: ['Primero el Namespace, luego el Deployment dentro de él.', '`kubectl create namespace green` y `kubectl create deployment web --image nginx -n green`.'],
        en: ['First the namespace, then the Deployment inside it.', '`kubectl create namespace green` and `kubectl create deployment web --image nginx -n green`.'],
      },
      solution: ['kubectl create namespace green', 'kubectl create deployment web --image nginx -n green', 'kubectl get deployments -n green'],
    },
    {
      id: 'get-all',
      title: T('Todo lo de un Namespace', 'Everything in a namespace'),
      body: { es: allEs, en: allEn },
      check: (view) => ran(view, KUBECTL, /\sget\s+all(?=\s|$)/, /(?:^|\s)(?:-n|--namespace)(?:=|\s)/) || missing('Ejecuta `kubectl get all` con `-n`.', 'Run `kubectl get all` with `-n`.'),
      hints: {
        es: ['`get all` acepta `-n` como cualquier `get`.', 'Ejecuta `kubectl get all -n blue`.'],
        en: ['`get all` takes `-n` like any `get`.', 'Run `kubectl get all -n blue`.'],
      },
      solution: ['kubectl get all -n blue'],
    },
    {
      id: 'all-namespaces',
      title: T('Todos los Namespaces a la vez', 'Every namespace at once'),
      body: { es: everyEs, en: everyEn },
      check: (view) => ran(view, KUBECTL, /\sget\s/, /(?:^|\s)(?:-A|--all-namespaces(?:=true)?)(?=\s|$)/) || missing('Ejecuta un `kubectl get` con `-A`.', 'Run a `kubectl get` with `-A`.'),
      hints: {
        es: ['La opción es `--all-namespaces`, o `-A` para abreviar.', 'Ejecuta `kubectl get pods -A`.'],
        en: ['The flag is `--all-namespaces`, or `-A` for short.', 'Run `kubectl get pods -A`.'],
      },
      solution: ['kubectl get pods -A', 'kubectl get deployments --all-namespaces'],
    },
    {
      id: 'system',
      title: T('kube-system y kube-public', 'kube-system and kube-public'),
      body: { es: systemEs, en: systemEn },
      check: (view) => {
        if (!ran(view, KUBECTL, /\sget\s/, nsFlag('kube-system'))) return missing('Mira los Pods de `kube-system`.', 'Look at the pods of `kube-system`.');
        if (!ran(view, KUBECTL, /\sget\s/, nsFlag('kube-public'))) return missing('Mira qué hay en `kube-public`.', 'Look at what is in `kube-public`.');
        return true;
      },
      hints: {
        es: ['Usa `-n kube-system` y luego `-n kube-public`.', '`kubectl get pods -n kube-system`, después `kubectl get configmaps -n kube-public`.'],
        en: ['Use `-n kube-system`, then `-n kube-public`.', '`kubectl get pods -n kube-system`, then `kubectl get configmaps -n kube-public`.'],
      },
      solution: ['kubectl get pods -n kube-system', 'kubectl get all -n kube-public', 'kubectl get secrets -n kube-public', 'kubectl get configmaps -n kube-public'],
    },
    {
      id: 'context',
      title: T('Cambia el Namespace por defecto', 'Change the default namespace'),
      body: { es: contextEs, en: contextEn },
      check: (view) => {
        const setTo = (ns: string) => [/^\s*kubectl\s+config\s+set-context\s/, nsFlag(ns)];
        const i = ranAt(view, setTo('blue'));
        if (i < 0) return missing('Pon `blue` como Namespace del contexto actual.', 'Make `blue` the current context\'s namespace.');
        if (ranAt(view, setTo('default'), i + 1) < 0) return missing('Ahora vuelve a `default`.', 'Now go back to `default`.');
        return true;
      },
      hints: {
        es: ['Es un cambio en kubeconfig: `kubectl config set-context`.', '`--current` edita el contexto en uso; `--namespace` fija el Namespace.', '`kubectl config set-context --current --namespace blue` y, al final, lo mismo con `default`.'],
        en: ['It is a kubeconfig change: `kubectl config set-context`.', '`--current` edits the context in use; `--namespace` sets the namespace.', '`kubectl config set-context --current --namespace blue` and, at the end, the same with `default`.'],
      },
      solution: ['kubectl config set-context --current --namespace blue', 'kubectl get pods', 'kubectl config get-contexts', 'kubectl config set-context --current --namespace default'],
    },
    {
      id: 'delete',
      title: T('Borra un Namespace entero', 'Delete a whole namespace'),
      body: { es: deleteEs, en: deleteEn },
      check: (view) => {
        if (namespaceExists(view, 'green')) return missing('El Namespace `green` todavía existe.', 'The namespace `green` still exists.');
        return available(view, 'blue', 'web') || missing('El Deployment `web` de `blue` debe seguir ahí.', 'The Deployment `web` in `blue` must still be there.');
      },
      hints: {
        es: ['Se borra como cualquier objeto: `kubectl delete TIPO NOMBRE`.', 'Ejecuta `kubectl delete namespace green`.'],
        en: ['It is deleted like any object: `kubectl delete TYPE NAME`.', 'Run `kubectl delete namespace green`.'],
      },
      solution: ['kubectl delete namespace green', 'kubectl get namespaces', 'kubectl get deployments -A'],
    },
  ],
};
