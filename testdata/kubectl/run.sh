kubectl run pingpong --image alpine ping 1.1.1.1
kubectl run pingpong --image alpine --dry-run=client -o yaml ping 1.1.1.1
kubectl run web --image nginx --port 80 --expose --dry-run=client -o yaml
kubectl run web --image nginx --expose
kubectl run web --image nginx --port 80 --expose
kubectl get svc web
kubectl run api --image nginx --port 8080 --expose --labels app=api,tier=be --dry-run=server
kubectl run api --image nginx --port 8080 --expose --labels app=api,tier=be --dry-run=client -o yaml
kubectl run job1 --image busybox --restart Never --env A=1 --env B=2 --command -- sh -c 'echo $A$B'
kubectl run job2 --image busybox --restart OnFailure --dry-run=client -o yaml -- echo hi
kubectl run bad --image busybox --restart Sometimes
sleep 5
kubectl logs job1
kubectl get pod job1 -o jsonpath='{.spec.restartPolicy} {.spec.containers[0].command} {.spec.containers[0].env}'
