curl -s -m 5 http://192.168.49.2:30080
minikube start
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80 --type=NodePort
kubectl rollout status deployment web
PORT=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')
curl -s http://$(minikube ip):$PORT | head -4
minikube service web --url
curl -sI $(minikube service web --url)
ping -c 1 $(minikube ip)
curl -m 3 http://192.168.49.7
minikube stop
curl -s -m 5 http://192.168.49.2:$PORT
echo $?
