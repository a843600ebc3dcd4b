kubectl create deployment web --image=nginx
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80
kubectl autoscale deployment web --max=5 --dry-run=client -o yaml
kubectl autoscale deployment web --max=0
kubectl autoscale deployment web --max=3 --min=5
kubectl run pod1 --image=nginx
kubectl autoscale pod pod1 --max=3
kubectl top nodes
kubectl top pods
kubectl auth can-i create pods
kubectl auth can-i create foos
kubectl auth can-i
