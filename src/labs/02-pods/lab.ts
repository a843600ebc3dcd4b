// Lab for chapter 2 of the course: Pods — run one (and why `kubectl run` no longer makes a
// Deployment), read its logs (`--tail`, `-f`), describe it, exec into it (the `--` form), delete
// it, and a two-container Pod whose containers share one IP and one localhost.
// Reading steps are checked by the command typed and its exit status; the others by state.
import type { Pod } from '../../engine';
import type { Lab, LabView } from '../types';
import runEs from './steps/01-run.es.md?raw';
import runEn from './steps/01-run.en.md?raw';
import logsEs from './steps/02-logs.es.md?raw';
import logsEn from './steps/02-logs.en.md?raw';
import followEs from './steps/03-follow.es.md?raw';
import followEn from './steps/03-follow.en.md?raw';
import describeEs from './steps/04-describe.es.md?raw';
import describeEn from './steps/04-describe.en.md?raw';
import execEs from './steps/05-exec.es.md?raw';
import execEn from './steps/05-exec.en.md?raw';
import deleteEs from './steps/06-delete.es.md?raw';
import deleteEn from './steps/06-delete.en.md?raw';
import twoEs from './steps/07-two-containers.es.md?raw';
import twoEn from './steps/07-two-containers.en.md?raw';
import sharedEs from './steps/08-shared-ip.es.md?raw';
import sharedEn from './steps/08-shared-ip.en.md?raw';
import { kubectl, ran } from '../checks';

const pingpong = (view: LabView) => view.get('pods', 'default', 'pingpong') as Pod | undefined;

/** Pods of `default` with at least two containers, all of them ready. */
const readyMultiContainerPods = (view: LabView): Pod[] =>
  (view.list('pods', 'default') as Pod[]).filter((p) => {
    const statuses = p.status?.containerStatuses ?? [];
    return !p.metadata?.deletionTimestamp && (p.spec?.containers.length ?? 0) >= 2 && statuses.length >= 2 && statuses.every((s) => s.ready);
  });

export const lab: Lab = {
  id: '02-pods',
  chapter: 2,
  title: { es: 'Pods', en: 'Pods' },
  summary: {
    es: 'Ejecuta un Pod, lee sus logs, descríbelo, entra en él con exec, bórralo y crea un Pod de dos contenedores que comparten una IP.',
    en: 'Run a Pod, read its logs, describe it, exec into it, delete it, and build a two-container Pod whose containers share one IP.',
  },
  seed: 202,
  steps: [
    {
      id: 'run',
      title: { es: 'Ejecuta un Pod', en: 'Run a Pod' },
      body: { es: runEs, en: runEn },
      check: (view) => {
        const p = pingpong(view);
        if (!p) return { ok: false, detail: { es: 'Aún no existe el Pod `pingpong`.', en: 'There is no Pod `pingpong` yet.' } };
        return p.status?.phase === 'Running'
          ? true
          : { ok: false, detail: { es: 'El Pod `pingpong` existe; espera a que esté `Running`.', en: 'The Pod `pingpong` exists; wait until it is `Running`.' } };
      },
      hints: {
        es: ['`kubectl run NOMBRE --image IMAGEN -- COMANDO` crea un Pod.', 'El nombre es `pingpong`, la imagen `alpine` y el comando `ping 1.1.1.1`.', '`kubectl run pingpong --image alpine -- ping 1.1.1.1`'],
        en: ['`kubectl run NAME --image IMAGE -- COMMAND` creates a Pod.', 'The name is `pingpong`, the image `alpine` and the command `ping 1.1.1.1`.', '`kubectl run pingpong --image alpine -- ping 1.1.1.1`'],
      },
      solution: ['kubectl run pingpong --image alpine -- ping 1.1.1.1', 'kubectl get pods'],
    },
    {
      id: 'logs',
      title: { es: 'Los logs', en: 'The logs' },
      body: { es: logsEs, en: logsEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'logs') && /(?:^|\s)--tail(?:=|\s+)\d+\b/.test(c.line) && /bytes from/.test(c.output))
          ? true
          : { ok: false, detail: { es: 'Mira las últimas líneas de los logs con `--tail`.', en: 'Look at the last lines of the logs with `--tail`.' } },
      hints: {
        es: ['`kubectl logs POD` muestra la salida del contenedor.', 'Añade `--tail 3` para ver solo las tres últimas líneas.', '`kubectl logs pingpong --tail 3`'],
        en: ['`kubectl logs POD` shows the container\'s output.', 'Add `--tail 3` to see only the last three lines.', '`kubectl logs pingpong --tail 3`'],
      },
      solution: ['kubectl logs pingpong', 'kubectl logs pingpong --tail 3'],
    },
    {
      id: 'follow',
      title: { es: 'Sigue los logs', en: 'Follow the logs' },
      body: { es: followEs, en: followEn },
      // Ctrl-C ends `logs -f` with 130, `timeout` with 124: both are the expected ways out.
      check: (view) =>
        ran(view, (c) => /\bkubectl\s+(?:\S+\s+)*?logs\b/.test(c.line) && /(?:^|\s)(?:-f|--follow)\b/.test(c.line) && /bytes from/.test(c.output), [0, 124, 130])
          ? true
          : { ok: false, detail: { es: 'Sigue los logs con `-f` y sal con Ctrl-C.', en: 'Follow the logs with `-f` and leave with Ctrl-C.' } },
      hints: {
        es: ['La opción `-f` (`--follow`) de `kubectl logs` espera líneas nuevas.', 'Sal con Ctrl-C, o antepón `timeout 5` para que se corte solo.', '`timeout 5 kubectl logs pingpong --tail 1 -f`'],
        en: ['The `-f` (`--follow`) option of `kubectl logs` waits for new lines.', 'Leave with Ctrl-C, or put `timeout 5` in front so it stops by itself.', '`timeout 5 kubectl logs pingpong --tail 1 -f`'],
      },
      solution: ['timeout 5 kubectl logs pingpong --tail 1 -f'],
    },
    {
      id: 'describe',
      title: { es: 'Describe el Pod', en: 'Describe the Pod' },
      body: { es: describeEs, en: describeEn },
      check: (view) => ran(view, (c) => kubectl(c.line, 'describe') && /^Name:\s+pingpong$/m.test(c.output) && /\bStarted\b/.test(c.output)),
      hints: {
        es: ['`kubectl describe TIPO NOMBRE`.', '`kubectl describe pod pingpong`'],
        en: ['`kubectl describe TYPE NAME`.', '`kubectl describe pod pingpong`'],
      },
      solution: ['kubectl describe pod pingpong'],
    },
    {
      id: 'exec',
      title: { es: 'Ejecuta un comando en el contenedor', en: 'Run a command in the container' },
      body: { es: execEs, en: execEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'exec') && /\bpingpong\b/.test(c.line) && /\s--\s/.test(c.line))
          ? true
          : { ok: false, detail: { es: 'Ejecuta un comando en `pingpong` con `kubectl exec pingpong -- ...`.', en: 'Run a command in `pingpong` with `kubectl exec pingpong -- ...`.' } },
      hints: {
        es: ['`kubectl exec POD -- COMANDO` ejecuta COMANDO dentro del contenedor.', 'No olvides el `--` antes del comando.', '`kubectl exec pingpong -- hostname`'],
        en: ['`kubectl exec POD -- COMMAND` runs COMMAND inside the container.', 'Do not forget the `--` before the command.', '`kubectl exec pingpong -- hostname`'],
      },
      solution: ['kubectl exec pingpong -- hostname'],
    },
    {
      id: 'delete',
      title: { es: 'Borra el Pod', en: 'Delete the Pod' },
      body: { es: deleteEs, en: deleteEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'delete')) && !pingpong(view)
          ? true
          : { ok: false, detail: { es: 'El Pod `pingpong` sigue existiendo.', en: 'The Pod `pingpong` still exists.' } },
      hints: {
        es: ['`kubectl delete TIPO NOMBRE` borra un objeto.', '`kubectl delete pod pingpong`'],
        en: ['`kubectl delete TYPE NAME` deletes an object.', '`kubectl delete pod pingpong`'],
      },
      solution: ['kubectl delete pod pingpong', 'kubectl get pods'],
    },
    {
      id: 'two-containers',
      title: { es: 'Un Pod con dos contenedores', en: 'A Pod with two containers' },
      body: { es: twoEs, en: twoEn },
      check: (view) =>
        readyMultiContainerPods(view).length > 0
          ? true
          : { ok: false, detail: { es: 'Falta un Pod con dos contenedores listos (2/2).', en: 'A Pod with two ready containers (2/2) is still missing.' } },
      hints: {
        es: ['Copia el bloque entero: crea `twins.yaml` y lo aplica.', 'Cada elemento de `containers:` necesita `name` e `image`.', '`kubectl get pod twins -o wide` muestra READY y la IP.'],
        en: ['Paste the whole block: it creates `twins.yaml` and applies it.', 'Each item of `containers:` needs a `name` and an `image`.', '`kubectl get pod twins -o wide` shows READY and the IP.'],
      },
      solution: [
        'cat <<EOF > twins.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: twins\nspec:\n  containers:\n  - name: c1\n    image: nginx\n  - name: c2\n    image: alpine\n    command: ["sleep", "3600"]\nEOF',
        'kubectl apply -f twins.yaml',
        'kubectl wait --for=condition=Ready pod/twins',
        'kubectl get pod twins -o wide',
      ],
    },
    {
      id: 'shared-ip',
      title: { es: 'Una IP para los dos', en: 'One IP for both' },
      body: { es: sharedEs, en: sharedEn },
      check: (view) =>
        ran(view, (c) => kubectl(c.line, 'exec') && /(?:^|\s)(?:-c\s*|--container[=\s]+)\S+/.test(c.line) && /Welcome to nginx!/.test(c.output))
          ? true
          : { ok: false, detail: { es: 'Desde `c2`, pide la página a `localhost` con `kubectl exec twins -c c2 -- ...`.', en: 'From `c2`, ask `localhost` for the page with `kubectl exec twins -c c2 -- ...`.' } },
      hints: {
        es: ['`-c NOMBRE` elige el contenedor en el que se ejecuta `kubectl exec`.', 'alpine trae `wget`: `wget -qO- localhost` imprime la página.', '`kubectl exec twins -c c2 -- wget -qO- localhost`'],
        en: ['`-c NAME` picks the container `kubectl exec` runs in.', 'alpine ships `wget`: `wget -qO- localhost` prints the page.', '`kubectl exec twins -c c2 -- wget -qO- localhost`'],
      },
      solution: ['kubectl exec twins -c c2 -- wget -qO- localhost', 'kubectl exec twins -c c1 -- cat /etc/hosts', 'kubectl exec twins -c c2 -- cat /etc/hosts'],
    },
  ],
};
