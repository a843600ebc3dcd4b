// Demo: a canary release. Two Deployments whose Pods share `app: shop` and differ by `track`
// (stable: 3 × nginx:1.26, canary: 1 × nginx:1.27) behind one Service that selects only
// `app: shop`: its Endpoints hold all four Pods and the traffic splits 3 to 1. Then the canary is
// promoted. Leaves out weighted routing (an Ingress or a service mesh), as lab 08 does.
import type { Demo } from './types';

const SHOP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-stable
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
      track: stable
  template:
    metadata:
      labels:
        app: shop
        track: stable
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-canary
spec:
  replicas: 1
  selector:
    matchLabels:
      app: shop
      track: canary
  template:
    metadata:
      labels:
        app: shop
        track: canary
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
`;

const CURL_LOOP = "IP=$(kubectl get svc shop -o jsonpath='{.spec.clusterIP}'); for i in $(seq 20); do curl -sI http://$IP | grep Server; done | sort | uniq -c";

export const canary: Demo = {
  id: 'canary',
  title: { es: 'Canary detrás de un Service', en: 'Canary behind one Service' },
  summary: {
    es: 'Dos Deployments (estable y canary) comparten una etiqueta y un Service: el tráfico se reparte según las réplicas, y luego se promociona el canary.',
    en: 'Two Deployments (stable and canary) share a label and one Service: traffic splits by replica count, then the canary is promoted.',
  },
  steps: [
    {
      note: {
        es: 'Aplicamos un manifiesto con tres objetos: `shop-stable` (3 réplicas, nginx:1.26), `shop-canary` (1 réplica, nginx:1.27) y el Service `shop`.',
        en: 'We apply a manifest with three objects: `shop-stable` (3 replicas, nginx:1.26), `shop-canary` (1 replica, nginx:1.27) and the Service `shop`.',
      },
      apply: { file: 'canary.yaml', yaml: SHOP },
    },
    {
      note: {
        es: 'Esperamos a que los dos Deployments estén disponibles.',
        en: 'We wait until both Deployments are available.',
      },
      run: 'kubectl rollout status deployment/shop-stable && kubectl rollout status deployment/shop-canary',
    },
    {
      note: {
        es: 'Los cuatro Pods llevan `app: shop`; la etiqueta `track` distingue el estable del canary.',
        en: 'All four pods carry `app: shop`; the `track` label tells the stable ones from the canary.',
      },
      run: 'kubectl get pods -l app=shop -L track',
      pause: 3,
    },
    {
      note: {
        es: 'El Service selecciona solo `app: shop`, así que sus Endpoints incluyen los cuatro Pods.',
        en: 'The Service selects only `app: shop`, so its Endpoints include all four pods.',
      },
      run: 'kubectl get endpoints shop',
    },
    {
      note: {
        es: 'Veinte peticiones al Service, contadas por la cabecera Server, que dice qué versión contestó: más o menos una de cada cuatro es la 1.27.',
        en: 'Twenty requests to the Service, counted by their Server header, which says which version answered: roughly one in four is 1.27.',
      },
      run: CURL_LOOP,
      pause: 4,
    },
    {
      note: {
        es: 'El canary va bien: actualizamos el estable a nginx:1.27 con un rolling update.',
        en: 'The canary looks good: we update the stable one to nginx:1.27 with a rolling update.',
      },
      run: 'kubectl set image deployment/shop-stable nginx=nginx:1.27 && kubectl rollout status deployment/shop-stable',
    },
    {
      note: {
        es: 'Ya no hace falta el canary: lo borramos y el Service sigue con los tres Pods estables.',
        en: 'The canary is no longer needed: we delete it and the Service keeps the three stable pods.',
      },
      run: 'kubectl delete deployment shop-canary',
    },
    {
      note: {
        es: 'Ahora las veinte respuestas vienen de nginx 1.27.',
        en: 'Now all twenty answers come from nginx 1.27.',
      },
      run: CURL_LOOP,
    },
  ],
};
