kubectl create deployment web --image=nginx --replicas=2
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"m":"1"}}}'
kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'
kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'
kubectl patch deployment web -p 'not json'
kubectl patch deployment web --type=foo -p '{}'
kubectl patch deployment web
kubectl patch deployment web -p 'spec: {replicas: 1}'
kubectl patch deployment web -p '{"spec":{"replicas":2}}' -o name
kubectl patch deployment nope -p '{"spec":{"replicas":2}}'
kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.labels}{"\n"}'
kubectl create configmap cm1 --from-literal=a=1
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  a: "2"\n' > cm.yaml
kubectl replace -f cm.yaml
kubectl replace -f cm.yaml -o name
kubectl get cm cm1 -o jsonpath='{.data.a}{"\n"}'
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm9\ndata:\n  a: "2"\n' > cm9.yaml
kubectl replace -f cm9.yaml
kubectl replace
kubectl run pod2 --image=busybox -- sleep 3600
kubectl get pod pod2 -o yaml > pod2.yaml
kubectl replace --force -f pod2.yaml
kubectl edit cm cm1
EDITOR=nano kubectl edit cm cm1
kubectl edit
