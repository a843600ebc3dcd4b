// Demo: a rolling update. A Deployment of four nginx:1.26 replicas spread over the workers, then
// `kubectl set image` to nginx:1.27: a new ReplicaSet grows while the old one shrinks, within
// maxSurge/maxUnavailable (25 % each), and `rollout status` follows it. Leaves out strategy tuning.
import type { Demo } from './types';

export const rollingUpdate: Demo = {
  id: 'rolling-update',
  title: { es: 'Rolling update', en: 'Rolling update' },
  summary: {
    es: 'Actualiza la imagen de un Deployment de cuatro réplicas y mira cómo el ReplicaSet nuevo sustituye al viejo Pod a Pod, sin cortes.',
    en: 'Update the image of a four-replica Deployment and watch the new ReplicaSet replace the old one pod by pod, without downtime.',
  },
  steps: [
    {
      note: {
        es: 'Empezamos con un Deployment `web` de cuatro réplicas con la imagen nginx:1.26.',
        en: 'We start with a Deployment `web` of four replicas running the image nginx:1.26.',
      },
      run: 'kubectl create deployment web --image=nginx:1.26 --replicas=4',
    },
    {
      note: {
        es: '`rollout status` espera a que las cuatro réplicas estén disponibles.',
        en: '`rollout status` waits until the four replicas are available.',
      },
      run: 'kubectl rollout status deployment/web',
    },
    {
      note: {
        es: 'Cada Pod lleva el hash de su plantilla en el nombre; la columna NODE muestra el reparto entre los nodos node2 y node3.',
        en: 'Each pod carries the hash of its template in its name; the NODE column shows how they are spread over node2 and node3.',
      },
      run: 'kubectl get pods -o wide',
      pause: 3,
    },
    {
      note: {
        es: 'Cambiamos la imagen del contenedor `nginx`: eso cambia la plantilla y crea un ReplicaSet nuevo. Mira el grafo.',
        en: 'We change the image of the `nginx` container: that changes the template and creates a new ReplicaSet. Watch the graph.',
      },
      run: 'kubectl set image deployment/web nginx=nginx:1.27',
    },
    {
      note: {
        es: 'El rollout sube el ReplicaSet nuevo y baja el viejo poco a poco: como mucho un Pod de más y uno de menos a la vez.',
        en: 'The rollout scales the new ReplicaSet up and the old one down little by little: at most one pod too many and one too few at a time.',
      },
      run: 'kubectl rollout status deployment/web',
      pause: 3,
    },
    {
      note: {
        es: 'Quedan dos ReplicaSets: el nuevo con 4 réplicas y el viejo con 0, que se guarda para poder volver atrás.',
        en: 'Two ReplicaSets remain: the new one with 4 replicas and the old one with 0, kept so that we can roll back.',
      },
      run: 'kubectl get replicasets',
    },
    {
      note: {
        es: 'Todos los Pods ejecutan ya nginx:1.27.',
        en: 'Every pod now runs nginx:1.27.',
      },
      run: 'kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,NODE:.spec.nodeName',
    },
    {
      note: {
        es: 'Los eventos del Deployment cuentan el rollout: cada paso de escalado de un ReplicaSet y del otro.',
        en: "The Deployment's events tell the rollout: each scaling step of one ReplicaSet and the other.",
      },
      run: 'kubectl describe deployment web | tail -12',
    },
  ],
};
