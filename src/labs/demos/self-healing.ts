// Demo: self-healing. A Deployment of three Pods applied from a manifest; deleting one Pod, then
// all of them, makes the ReplicaSet controller create replacements at once (the graph shows the
// new Pods appear), and its events tell the story. Leaves out container restarts (the Failure
// injection panel's "kill container" shows those) and liveness probes.
import type { Demo } from './types';

const HELLO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 3
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
`;

export const selfHealing: Demo = {
  id: 'self-healing',
  title: { es: 'La autorreparación', en: 'Self-healing' },
  summary: {
    es: 'Borra Pods de un Deployment y mira cómo el ReplicaSet crea otros al momento para volver a las réplicas deseadas.',
    en: 'Delete pods of a Deployment and watch the ReplicaSet create new ones at once to get back to the desired replicas.',
  },
  steps: [
    {
      note: {
        es: 'Aplicamos un Deployment `hello` de tres réplicas: declaramos el estado deseado, no los pasos.',
        en: 'We apply a Deployment `hello` with three replicas: we declare the desired state, not the steps.',
      },
      apply: { file: 'hello.yaml', yaml: HELLO },
    },
    {
      note: {
        es: 'Esperamos a que las tres réplicas estén disponibles.',
        en: 'We wait until the three replicas are available.',
      },
      run: 'kubectl rollout status deployment/hello',
    },
    {
      note: {
        es: 'Tres Pods, repartidos entre los nodos. Fíjate en sus nombres.',
        en: 'Three pods, spread over the nodes. Note their names.',
      },
      run: 'kubectl get pods -l app=hello -o wide',
      pause: 3,
    },
    {
      note: {
        es: 'Borramos uno de ellos, como si se hubiera perdido.',
        en: 'We delete one of them, as if it had been lost.',
      },
      run: "kubectl delete pod $(kubectl get pods -l app=hello -o jsonpath='{.items[0].metadata.name}')",
    },
    {
      note: {
        es: 'Vuelve a haber tres: el ReplicaSet ha creado uno nuevo (mira la columna AGE).',
        en: 'There are three again: the ReplicaSet created a new one (look at the AGE column).',
      },
      run: 'kubectl get pods -l app=hello',
      pause: 3,
    },
    {
      note: {
        es: 'Ahora los borramos todos a la vez.',
        en: 'Now we delete all of them at once.',
      },
      run: 'kubectl delete pods -l app=hello',
    },
    {
      note: {
        es: 'El controlador compara lo que hay con lo deseado y crea tres Pods nuevos.',
        en: 'The controller compares what there is with what is desired and creates three new pods.',
      },
      run: 'kubectl rollout status deployment/hello && kubectl get pods -l app=hello',
      pause: 3,
    },
    {
      note: {
        es: 'Los eventos del ReplicaSet cuentan cada Pod que ha creado: tres al principio y cuatro de reposición.',
        en: "The ReplicaSet's events list every pod it created: three at first and four replacements.",
      },
      run: 'kubectl get events --field-selector involvedObject.kind=ReplicaSet',
    },
  ],
};
