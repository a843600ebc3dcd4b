kubectl create configmap cm1 --from-literal=a=1
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  a: "2"\n' > cm.yaml
kubectl diff -f cm.yaml
echo "exit=$?"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm9\ndata:\n  a: "2"\n' > cm9.yaml
kubectl diff -f cm9.yaml
kubectl apply -f cm9.yaml
kubectl diff -f cm9.yaml
echo "exit=$?"
kubectl diff
kubectl create deployment web --image=nginx --replicas=2
kubectl scale deployment web --replicas=3 --current-replicas=2
kubectl scale deployment web --replicas=1 --current-replicas=2
kubectl create deployment api --image=nginx
kubectl scale deployment web api --replicas=2
kubectl scale deployment/web deployment/api --replicas=1
kubectl get rs -o name | head -1 > rs.txt
kubectl scale rs --all --replicas=1 --dry-run=client
