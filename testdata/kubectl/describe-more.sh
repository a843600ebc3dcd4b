cat > bad.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
  - name: c
YAML
cat > bad2.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: bad2
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
YAML
cat > good.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: c
    image: nginx
YAML
cat > good-bad.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
YAML
kubectl create -f bad.yaml -f bad2.yaml
kubectl create -f bad.yaml
kubectl create -f bad.yaml -f good.yaml -f good.yaml
kubectl apply -f bad.yaml -f bad2.yaml -f good.yaml
kubectl apply -f good-bad.yaml -f bad2.yaml
kubectl apply -f good-bad.yaml
kubectl create deployment web --image=nginx --port=80
kubectl expose deployment web --port=8080 --target-port=80 --name=web
kubectl wait --for=condition=Available deploy/web --timeout=60s
cat > ing.yaml <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: demo
  labels: {app: demo}
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
spec:
  ingressClassName: nginx
  defaultBackend:
    service: {name: web, port: {number: 8080}}
  tls:
  - hosts: [a.example.com, b.example.com]
    secretName: tls1
  - hosts: [c.example.com]
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 8080}}
      - path: /api
        pathType: Prefix
        backend:
          service: {name: svc1, port: {name: http}}
  - http:
      paths:
      - path: /x
        pathType: Exact
        backend:
          resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: bucket}
YAML
kubectl apply -f ing.yaml
kubectl describe ingress demo
kubectl create ingress bare --rule=/=web:8080 --dry-run=client -o yaml | kubectl apply -f -
cat > ing2.yaml <<'YAML'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: nodefault
spec:
  defaultBackend:
    service: {name: nope, port: {name: web}}
YAML
kubectl apply -f ing2.yaml
kubectl describe ing
