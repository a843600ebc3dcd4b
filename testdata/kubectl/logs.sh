cat > two.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: setup
    image: busybox
    command: ["sh", "-c", "echo preparing; echo done"]
  containers:
  - name: web
    image: busybox
    command: ["sh", "-c", "i=0; while true; do echo web $i; i=$((i+1)); sleep 2; done"]
  - name: side
    image: busybox
    command: ["sh", "-c", "while true; do echo side tick; sleep 3; done"]
YAML
kubectl apply -f two.yaml
kubectl annotate pod two kubectl.kubernetes.io/default-container=side --dry-run=client -o yaml > two-side.yaml
sleep 10
kubectl logs two --tail 2
kubectl logs two -c side --tail 1
kubectl logs two side --tail 1
kubectl logs two side -c web
kubectl logs two -c nope
kubectl logs two --all-containers --tail 1
kubectl logs two --all-containers -c web
kubectl logs two --all-containers --prefix --tail 1
kubectl logs two -c setup
kubectl logs two -c web --since 3s
kubectl logs two -c web --since 3s --since-time 2024-01-01T00:00:00Z
kubectl logs two -c web --since-time yesterday
kubectl logs two -c web --since-time 2024-13-01
kubectl logs two -c web --since-time 2024-02-30T00:00:00Z
kubectl logs two -c web --since-time 20240101
kubectl logs two -c web --since-time 2024-01-01T00:00:00Zx
kubectl logs two -c web --since-time 2024-01-01T00:00:00+02:00 --tail 1
kubectl logs two -c web --previous
kubectl logs two --tail -2
kubectl delete pod two --now
kubectl apply -f two-side.yaml
sleep 8
kubectl logs two --tail 1
kubectl create deployment web --image nginx --replicas 3
sleep 15
kubectl logs deploy/web --tail 1
kubectl logs rs/$(kubectl get rs -o name | cut -d/ -f2) --tail 1
kubectl logs deploy/web --all-pods --tail 1
kubectl logs -l app=web
kubectl logs -l app=web web
kubectl logs -l app=nothing
kubectl logs -l app=web -f --max-log-requests 2
kubectl logs configmap/kube-root-ca.crt
kubectl logs
kubectl create deployment empty --image nginx --replicas 0
kubectl logs deploy/empty --pod-running-timeout 5s
cat > crash.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: crash
    image: busybox
    command: ["sh", "-c", "echo starting; sleep 5; echo bye; exit 1"]
YAML
kubectl apply -f crash.yaml
sleep 3
kubectl logs crash -f
kubectl get pod crash
sleep 20
kubectl logs crash --previous
