mkdir rc && cd rc
cat > rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: webserver
spec:
  replicas: 2
  selector:
    app: webserver
  template:
    metadata:
      labels:
        app: webserver
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
YAML
cat > pod.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: single
spec:
  containers:
  - name: nginx
    image: nginx
YAML
kubectl apply -f pod.yaml --dry-run=client
kubectl apply -f pod.yaml
kubectl apply -f rc.yaml
sleep 10
kubectl get rc
kubectl get rc,pod
timeout 1 watch -n1 kubectl get rc,pod
kubectl describe rc webserver
kubectl scale rc webserver --replicas 0
kubectl get pod single -o yaml | head -12
kubectl delete -f .
kubectl get all
