kubectl top
kubectl top nodes
kubectl top pods -A
minikube start --cpus 2 --memory 2g
minikube addons enable metrics-server
kubectl get deploy -n kube-system metrics-server
kubectl top pods -A
sleep 150
kubectl top nodes
kubectl top nodes minikube --show-capacity
kubectl top node --sort-by memory --no-headers
kubectl top pods -A
kubectl top pods -n kube-system --containers --sum
kubectl run web --image nginx
kubectl run pingpong --image alpine ping 1.1.1.1
sleep 10
kubectl top pod web
kubectl top pods
sleep 120
kubectl top pods
kubectl top pods --sort-by cpu
kubectl top pod web --containers
kubectl top pods -A --sort-by memory --sum
kubectl top pod nope
kubectl top node nope
kubectl top pod --sort-by foo
kubectl top pod web -l run=web
kubectl top pod -l run=none
kubectl top pods -A -l run=none
kubectl top node -l nothing=here
kubectl scale deploy -n kube-system metrics-server --replicas 0
sleep 5
kubectl top nodes
kubectl top pod web
minikube addons disable metrics-server
kubectl top nodes
