kubectl get hpa
minikube start --cpus 2 --memory 2g
minikube addons enable metrics-server
sleep 150
kubectl create deployment web --image=nginx --replicas=3
kubectl set resources deployment web --requests=cpu=100m
kubectl autoscale deployment web --min=1 --max=5 --cpu-percent=50
kubectl get hpa
sleep 90
kubectl get hpa
kubectl describe hpa web
sleep 300
kubectl get hpa
kubectl get deploy web
kubectl describe hpa web
kubectl get hpa web -o yaml
kubectl autoscale deployment web --max=5
kubectl delete hpa web
kubectl get hpa
