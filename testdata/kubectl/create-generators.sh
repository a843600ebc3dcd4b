# kubectl create service|configmap|secret|job|serviceaccount
kubectl create service clusterip my-cs --tcp=5678:8080 --dry-run=client -o yaml
kubectl create service nodeport my-ns --tcp=5678:8080 --node-port=30001 --dry-run=client -o yaml
kubectl create service loadbalancer my-lb --tcp=5678:8080 --dry-run=client -o yaml
kubectl create service externalname my-en --external-name bar.com --dry-run=client -o yaml
kubectl create service clusterip my-cs --clusterip=None --dry-run=client -o yaml
kubectl create service clusterip my-cs
kubectl create service clusterip
kubectl create service nodeport my-ns --tcp=80
kubectl get svc my-ns -o jsonpath='{.spec.ports[0].name} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type}{"\n"}'
kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=two --dry-run=client -o yaml
printf 'hello\n' > greeting.txt
kubectl create configmap cm2 --from-file=greeting.txt --from-file=other=greeting.txt --dry-run=client -o yaml
kubectl create configmap cm1 --from-literal=a=1
kubectl create configmap cm2 --from-literal=a
kubectl create secret generic s1 --from-literal=user=admin --dry-run=client -o yaml
kubectl create secret generic s1 --from-literal=user=admin
kubectl create job j1 --image=busybox --dry-run=client -o yaml -- echo hi
kubectl create job j1 --image=busybox
kubectl create serviceaccount sa1 --dry-run=client -o yaml
kubectl create serviceaccount sa1
kubectl get cm,secret,sa
