// Demo: a rollback. A Deployment updated once (two revisions), then updated to an image tag that
// does not exist: the new Pods stay in ErrImagePull/ImagePullBackOff, the rollout stalls (the old
// Pods keep serving), `rollout status --timeout` gives up, and `rollout undo` goes back.
// Leaves out --to-revision (lab 08 covers it) and progressDeadlineSeconds.
import type { Demo } from './types';

export const rollback: Demo = {
  id: 'rollback',
  title: { es: 'Rollback tras una actualización rota', en: 'Rollback after a broken update' },
  summary: {
    es: 'Una actualización con una imagen que no existe se queda atascada sin tirar la aplicación, y `kubectl rollout undo` vuelve a la revisión anterior.',
    en: 'An update to an image that does not exist gets stuck without taking the app down, and `kubectl rollout undo` goes back to the previous revision.',
  },
  steps: [
    {
      note: {
        es: 'Preparación: un Deployment `web` con nginx:1.26 y cuatro réplicas.',
        en: 'Setup: a Deployment `web` with nginx:1.26 and four replicas.',
      },
      run: 'kubectl create deployment web --image=nginx:1.26 --replicas=4 && kubectl rollout status deployment/web',
    },
    {
      note: {
        es: 'Una primera actualización a nginx:1.27 crea la revisión 2.',
        en: 'A first update to nginx:1.27 makes revision 2.',
      },
      run: 'kubectl set image deployment/web nginx=nginx:1.27 && kubectl rollout status deployment/web',
    },
    {
      note: {
        es: 'Cada revisión es un ReplicaSet con su plantilla; `rollout history` las lista.',
        en: 'Each revision is a ReplicaSet with its template; `rollout history` lists them.',
      },
      run: 'kubectl rollout history deployment/web',
      pause: 3,
    },
    {
      note: {
        es: 'Ahora un error típico: una etiqueta de imagen que no existe.',
        en: 'Now a typical mistake: an image tag that does not exist.',
      },
      run: 'kubectl set image deployment/web nginx=nginx:1.28-typo',
    },
    {
      note: {
        es: 'El rollout no avanza: los Pods nuevos no pueden descargar la imagen. Esperamos 20 segundos y `rollout status` se rinde (código de salida 1).',
        en: 'The rollout does not progress: the new pods cannot pull their image. We wait 20 seconds and `rollout status` gives up (exit status 1).',
      },
      run: 'kubectl rollout status deployment/web --timeout=20s',
      expectStatus: 1,
    },
    {
      note: {
        es: 'Dos Pods nuevos en ImagePullBackOff, pero tres de los viejos siguen sirviendo: maxUnavailable protege la aplicación.',
        en: 'Two new pods in ImagePullBackOff, but three of the old ones keep serving: maxUnavailable protects the app.',
      },
      run: 'kubectl get pods',
      pause: 3,
    },
    {
      note: {
        es: '`rollout undo` vuelve a la revisión anterior (nginx:1.27): el ReplicaSet viejo vuelve a crecer.',
        en: '`rollout undo` goes back to the previous revision (nginx:1.27): the old ReplicaSet grows again.',
      },
      run: 'kubectl rollout undo deployment/web && kubectl rollout status deployment/web',
    },
    {
      note: {
        es: 'La revisión 2 se ha convertido en la 4: undo no borra historia, la reescribe hacia delante.',
        en: 'Revision 2 has become revision 4: undo does not erase history, it moves it forward.',
      },
      run: 'kubectl rollout history deployment/web',
    },
    {
      note: {
        es: 'Todos los Pods vuelven a ejecutar nginx:1.27 y no queda ninguno roto.',
        en: 'Every pod runs nginx:1.27 again and none is broken.',
      },
      run: 'kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,STATUS:.status.phase',
    },
  ],
};
