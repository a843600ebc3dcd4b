// Demo: DockerCoins scaling (course chapter 9). The five components as Deployments, Services for
// redis, rng, hasher and a NodePort for the webui, the hashing rate measured from the webui's
// /json, then the workers scaled to 10 and 20: the rate grows, then stops growing (rng and
// hasher become the bottleneck). The header's DockerCoins panel shows the same rate live.
import type { Demo } from './types';

const MEASURE = 'A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"';

export const dockercoinsScaling: Demo = {
  id: 'dockercoins-scaling',
  title: { es: 'Escalar DockerCoins', en: 'Scaling DockerCoins' },
  summary: {
    es: 'Despliega la aplicación DockerCoins, mide su velocidad de hashing y escala los workers hasta encontrar el cuello de botella.',
    en: 'Deploy the DockerCoins app, measure its hashing rate and scale the workers until you find the bottleneck.',
  },
  steps: [
    {
      note: {
        es: 'Cinco Deployments: redis y los cuatro componentes de DockerCoins (hasher, rng, webui y worker).',
        en: 'Five Deployments: redis and the four DockerCoins components (hasher, rng, webui and worker).',
      },
      run: 'kubectl create deployment redis --image=redis && for c in hasher rng webui worker; do kubectl create deployment $c --image=dockercoins/$c:v0.1; done',
    },
    {
      note: {
        es: 'Un Service por componente para que se encuentren por DNS; la webui, con un NodePort para abrirla desde fuera.',
        en: 'One Service per component so they find each other by DNS; the webui with a NodePort to open it from outside.',
      },
      run: 'kubectl expose deployment redis --port=6379 && kubectl expose deployment rng --port=80 && kubectl expose deployment hasher --port=80 && kubectl expose deployment webui --type=NodePort --port=80',
    },
    {
      note: {
        es: 'El worker pide bytes a rng, los manda a hasher y cuenta en redis. Sus logs muestran el trabajo hecho.',
        en: 'The worker asks rng for bytes, sends them to hasher and counts in redis. Its logs show the work done.',
      },
      run: 'kubectl rollout status deployment/worker && sleep 15 && kubectl logs deploy/worker --tail=3',
    },
    {
      note: {
        es: 'La webui publica el contador de hashes en /json, a través del NodePort de cualquier nodo.',
        en: 'The webui publishes the hash counter at /json, through the NodePort of any node.',
      },
      run: "PORT=$(kubectl get svc webui -o jsonpath='{.spec.ports[0].nodePort}'); curl -s http://node1:$PORT/json; echo",
    },
    {
      note: {
        es: 'Medimos la velocidad: dos lecturas separadas 10 segundos. Con un worker, unos pocos hashes por segundo.',
        en: 'We measure the rate: two readings 10 seconds apart. With one worker, a few hashes per second.',
      },
      run: MEASURE,
      pause: 3,
    },
    {
      note: {
        es: 'Escalamos los workers a 10. Mira cómo aparecen los Pods en el grafo.',
        en: 'We scale the workers to 10. Watch the pods appear in the graph.',
      },
      run: 'kubectl scale deployment worker --replicas=10 && kubectl rollout status deployment/worker',
    },
    {
      note: {
        es: 'Medimos de nuevo: la velocidad ha subido.',
        en: 'We measure again: the rate went up.',
      },
      run: `sleep 5; ${MEASURE}`,
      pause: 3,
    },
    {
      note: {
        es: 'Con 20 workers, ¿se duplica?',
        en: 'With 20 workers, does it double?',
      },
      run: 'kubectl scale deployment worker --replicas=20 && kubectl rollout status deployment/worker',
    },
    {
      note: {
        es: 'No: la velocidad ya no sube. El límite ahora son rng y hasher, no los workers; escalar más workers no sirve.',
        en: 'No: the rate no longer rises. The limit is now rng and hasher, not the workers; more workers do not help.',
      },
      run: `sleep 5; ${MEASURE}`,
    },
  ],
};
