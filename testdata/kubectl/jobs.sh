# Jobs and CronJobs: create, get, describe, logs, wait, delete (cascading), validation errors
kubectl get jobs
kubectl create job pi --image=busybox -- echo hi
kubectl get jobs
kubectl wait --for=condition=complete job/pi --timeout=60s
kubectl get jobs
kubectl get pods -l job-name=pi
kubectl logs job/pi
kubectl describe job pi
kubectl get job pi -o jsonpath='{.status.conditions[*].type} {.status.succeeded} {.spec.selector.matchLabels}{"\n"}'
kubectl create job bad --image=busybox --restart=Never
kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml -- echo tick
kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- echo tick
kubectl create cronjob bad --image=busybox --schedule="61 * * * *"
kubectl create cronjob bad2 --image=busybox
kubectl get cronjobs
sleep 60
kubectl get cj
kubectl get jobs
kubectl describe cronjob tick
kubectl create job manual --from=cronjob/tick
kubectl create job nope --from=cronjob/missing
kubectl get job manual -o jsonpath='{.metadata.annotations} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{"\n"}'
cat <<'YAML' > always.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: always
spec:
  template:
    spec:
      containers:
      - name: c
        image: busybox
YAML
kubectl apply -f always.yaml
kubectl delete job pi
kubectl get pods -l job-name=pi
kubectl get all
