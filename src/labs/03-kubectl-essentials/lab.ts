// Lab for chapter 3 of the course: kubectl essentials — discovery (api-resources, explain),
// get/describe, output formats (wide, yaml, json, jsonpath, custom-columns), labels and
// equality/set-based selectors, and port-forward in the background.
// Reading steps are checked by the command typed and its exit status; labels by state.
import type { Deployment, Pod } from '../../engine';
import type { Lab, LabView } from '../types';
import discoverEs from './steps/01-discover.es.md?raw';
import discoverEn from './steps/01-discover.en.md?raw';
import getEs from './steps/02-get-describe.es.md?raw';
import getEn from './steps/02-get-describe.en.md?raw';
import yamlEs from './steps/03-yaml-json.es.md?raw';
import yamlEn from './steps/03-yaml-json.en.md?raw';
import jsonpathEs from './steps/04-jsonpath.es.md?raw';
import jsonpathEn from './steps/04-jsonpath.en.md?raw';
import labelsEs from './steps/05-labels.es.md?raw';
import labelsEn from './steps/05-labels.en.md?raw';
import selectorsEs from './steps/06-selectors.es.md?raw';
import selectorsEn from './steps/06-selectors.en.md?raw';
import forwardEs from './steps/07-port-forward.es.md?raw';
import forwardEn from './steps/07-port-forward.en.md?raw';
import { kubectl, ran } from '../checks';

/** `-o FORMAT`, `-oFORMAT`, `-o=FORMAT` or `--output[= ]FORMAT` (FORMAT may continue with `=...`). */
const output = (line: string, format: string): boolean => new RegExp(`(?:^|\\s)(?:-o\\s*=?|--output[=\\s]+)['"]?${format}\\b`).test(line);

/** Live (not terminating) Pods of `default`. */
const pods = (view: LabView): Pod[] => (view.list('pods', 'default') as Pod[]).filter((p) => !p.metadata?.deletionTimestamp);

export const lab: Lab = {
  id: '03-kubectl-essentials',
  chapter: 3,
  title: { es: 'Lo esencial de kubectl', en: 'kubectl essentials' },
  summary: {
    es: 'api-resources y explain, get y describe, los formatos de salida (wide, yaml, json, jsonpath, custom-columns), etiquetas y selectores, y port-forward.',
    en: 'api-resources and explain, get and describe, output formats (wide, yaml, json, jsonpath, custom-columns), labels and selectors, and port-forward.',
  },
  seed: 303,
  steps: [
    {
      id: 'discover',
      title: { es: 'Qué recursos hay y qué campos tienen', en: 'Which resources exist and what fields they have' },
      body: { es: discoverEs, en: discoverEn },
      check: (view) => {
        const resources = ran(view, (c) => kubectl(c.line, 'api-resources'));
        const explain = ran(view, (c) => kubectl(c.line, 'explain'));
        if (resources && explain) return true;
        return {
          ok: false,
          detail: resources
            ? { es: 'Falta consultar un esquema con `kubectl explain`.', en: 'Still to do: look up a schema with `kubectl explain`.' }
            : { es: 'Falta listar los recursos con `kubectl api-resources`.', en: 'Still to do: list the resources with `kubectl api-resources`.' },
        };
      },
      hints: {
        es: ['`kubectl api-resources` lista los tipos que sirve el API server.', '`kubectl explain TIPO.campo.subcampo` describe un campo.', '`kubectl explain pod.spec.containers`'],
        en: ['`kubectl api-resources` lists the types the API server serves.', '`kubectl explain TYPE.field.subfield` describes a field.', '`kubectl explain pod.spec.containers`'],
      },
      solution: ['kubectl api-resources', 'kubectl explain pod.spec.containers'],
    },
    {
      id: 'get-describe',
      title: { es: 'get y describe', en: 'get and describe' },
      body: { es: getEs, en: getEn },
      check: (view) => {
        const d = view.get('deployments', 'default', 'web') as Deployment | undefined;
        if (!d) return { ok: false, detail: { es: 'Aún no existe el Deployment `web`.', en: 'There is no Deployment `web` yet.' } };
        if ((d.status?.availableReplicas ?? 0) < 3) {
          return { ok: false, detail: { es: '`web` necesita 3 réplicas disponibles.', en: '`web` needs 3 available replicas.' } };
        }
        return ran(view, (c) => kubectl(c.line, 'describe') && /^Name:\s+web\b/m.test(c.output))
          ? true
          : { ok: false, detail: { es: 'Describe el Deployment `web`.', en: 'Describe the `web` Deployment.' } };
      },
      hints: {
        es: ['`kubectl create deployment web --image nginx --replicas 3`', '`kubectl rollout status deployment web` espera a que estén las tres.', '`kubectl describe deployment web`'],
        en: ['`kubectl create deployment web --image nginx --replicas 3`', '`kubectl rollout status deployment web` waits until all three are there.', '`kubectl describe deployment web`'],
      },
      solution: ['kubectl create deployment web --image nginx --replicas 3', 'kubectl rollout status deployment web', 'kubectl get pods -o wide', 'kubectl describe deployment web'],
    },
    {
      id: 'yaml-json',
      title: { es: 'El objeto entero: YAML y JSON', en: 'The whole object: YAML and JSON' },
      body: { es: yamlEs, en: yamlEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'get') && (output(c.line, 'yaml') || output(c.line, 'json')))
          ? true
          : { ok: false, detail: { es: 'Muestra un objeto con `-o yaml` o `-o json`.', en: 'Show an object with `-o yaml` or `-o json`.' } },
      hints: {
        es: ['`-o yaml` cambia el formato de salida de `kubectl get`.', '`kubectl get deployment web -o yaml`'],
        en: ['`-o yaml` changes the output format of `kubectl get`.', '`kubectl get deployment web -o yaml`'],
      },
      solution: ['kubectl get deployment web -o yaml', 'kubectl get pods -o json'],
    },
    {
      id: 'jsonpath',
      title: { es: 'Solo los campos que quieres', en: 'Only the fields you want' },
      body: { es: jsonpathEs, en: jsonpathEn },
      check: (view) => {
        const jsonpath = ran(view, (c) => kubectl(c.line, 'get') && output(c.line, 'jsonpath'));
        const columns = ran(view, (c) => kubectl(c.line, 'get') && output(c.line, 'custom-columns'));
        if (jsonpath && columns) return true;
        return {
          ok: false,
          detail: jsonpath
            ? { es: 'Falta una tabla propia con `-o custom-columns`.', en: 'Still to do: a table of your own with `-o custom-columns`.' }
            : { es: 'Falta extraer campos con `-o jsonpath`.', en: 'Still to do: extract fields with `-o jsonpath`.' },
        };
      },
      hints: {
        es: ["`kubectl get pods -o jsonpath='{.items[*].status.podIP}'`", '`-o custom-columns=TÍTULO:ruta,TÍTULO:ruta`', '`kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP`'],
        en: ["`kubectl get pods -o jsonpath='{.items[*].status.podIP}'`", '`-o custom-columns=TITLE:path,TITLE:path`', '`kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP`'],
      },
      solution: ["kubectl get pods -o jsonpath='{.items[*].status.podIP}'", 'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP'],
    },
    {
      id: 'labels',
      title: { es: 'Etiquetas', en: 'Labels' },
      body: { es: labelsEs, en: labelsEn },
      check: (view) => {
        const all = pods(view);
        const redis = all.find((p) => p.metadata?.name === 'redis');
        if (redis?.metadata?.labels?.tier !== 'db') {
          return { ok: false, detail: { es: 'El Pod `redis` necesita la etiqueta `tier=db`.', en: 'The Pod `redis` needs the label `tier=db`.' } };
        }
        const web = all.filter((p) => p.metadata?.labels?.app === 'web');
        return web.length > 0 && web.every((p) => p.metadata?.labels?.tier === 'front')
          ? true
          : { ok: false, detail: { es: 'Los Pods con `app=web` necesitan la etiqueta `tier=front`.', en: 'The Pods with `app=web` need the label `tier=front`.' } };
      },
      hints: {
        es: ['`kubectl label TIPO NOMBRE clave=valor` añade una etiqueta.', 'Con `-l app=web` en lugar de un nombre, `kubectl label` etiqueta todos los Pods de `web`.', '`kubectl label pods -l app=web tier=front`'],
        en: ['`kubectl label TYPE NAME key=value` adds a label.', 'With `-l app=web` instead of a name, `kubectl label` labels every Pod of `web`.', '`kubectl label pods -l app=web tier=front`'],
      },
      solution: ['kubectl run redis --image redis', 'kubectl label pod redis tier=db', 'kubectl label pods -l app=web tier=front', 'kubectl get pods --show-labels'],
    },
    {
      id: 'selectors',
      title: { es: 'Selectores', en: 'Selectors' },
      body: { es: selectorsEs, en: selectorsEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'get') && /(?:^|\s)(?:-l|--selector)[=\s]*['"]?[^'"]*(?:\s(?:in|notin)\s*\(|!)/.test(c.line))
          ? true
          : { ok: false, detail: { es: 'Filtra con un selector de conjunto (`in`, `notin` o `!`).', en: 'Filter with a set-based selector (`in`, `notin` or `!`).' } },
      hints: {
        es: ['`kubectl get pods -l tier=front` usa un selector de igualdad.', "Los de conjunto: `-l 'tier in (front,db)'`, con comillas.", "`kubectl get pods -l 'tier notin (db)'`"],
        en: ['`kubectl get pods -l tier=front` uses an equality-based selector.', "Set-based ones: `-l 'tier in (front,db)'`, quoted.", "`kubectl get pods -l 'tier notin (db)'`"],
      },
      solution: ['kubectl get pods -l tier=front', "kubectl get pods -l 'tier in (front,db)'", "kubectl get pods -l 'tier notin (db)'", "kubectl get pods -l '!tier'", 'kubectl get pods -L tier'],
    },
    {
      id: 'port-forward',
      title: { es: 'port-forward', en: 'port-forward' },
      body: { es: forwardEs, en: forwardEn },
      check: (view) => {
        const at = view.commands.findIndex((c) => c.status === 0 && /^curl\b.*\b(?:localhost|127\.0\.0\.1):8080\b/.test(c.line.trim()) && /Welcome to nginx!/.test(c.output));
        if (at < 0) return { ok: false, detail: { es: 'Reenvía el puerto 8080 al 80 de `web` y pide la página con curl.', en: 'Forward port 8080 to port 80 of `web` and fetch the page with curl.' } };
        return view.commands.slice(at + 1).some((c) => c.status === 0 && /^kill\b/.test(c.line.trim()))
          ? true
          : { ok: false, detail: { es: 'Detén el port-forward con `kill %1`.', en: 'Stop the port-forward with `kill %1`.' } };
      },
      hints: {
        es: ['`kubectl port-forward deployment/web 8080:80 &` lo deja en segundo plano.', '`curl localhost:8080` llega al nginx de un Pod.', '`kill %1` detiene el trabajo en segundo plano.'],
        en: ['`kubectl port-forward deployment/web 8080:80 &` leaves it in the background.', '`curl localhost:8080` reaches the nginx of one Pod.', '`kill %1` stops the background job.'],
      },
      solution: ['kubectl port-forward deployment/web 8080:80 &', 'curl localhost:8080', 'kill %1'],
    },
  ],
};
