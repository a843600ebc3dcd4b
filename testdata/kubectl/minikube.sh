minikube status
minikube ip
minikube start --cpus 4 --memory 4g
kubectl config get-contexts
kubectl config current-context
kubectl get nodes -o wide
kubectl get pods -A
kubectl cluster-info
minikube status
minikube ip
minikube profile list
minikube addons list
minikube addons enable metrics-server
minikube addons disable metrics-server
minikube addons enable nope
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80 --type=NodePort
minikube service web --url
minikube service nope
kubectl expose deployment web --port=8080 --name=web-lb --type=LoadBalancer
kubectl get svc web-lb
minikube tunnel > /dev/null &
sleep 2
kubectl get svc web-lb
kubectl config use-context kubernetes-admin@kubernetes
kubectl get nodes
kubectl --context minikube get nodes
minikube ssh -- hostname
minikube ssh
minikube node add
kubectl --context minikube get nodes
minikube stop
minikube status
kubectl --context minikube get nodes
minikube start
kubectl --context minikube get nodes
minikube delete
kubectl config get-contexts
minikube start -p dev --nodes 2
kubectl get nodes
minikube profile list
minikube delete --all
minikube version
