minikube start
minikube addons enable ingress
kubectl get pods -n ingress-nginx
kubectl get svc -n ingress-nginx
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
EOF
kubectl get ingress
sleep 60
kubectl get ingress
minikube ssh "curl -s -H 'Host: web.example.com' http://192.168.49.2/" | head -4
minikube ssh "curl -s -H 'Host: nope.example.com' http://192.168.49.2/"
minikube ssh "curl -sI -H 'Host: nope.example.com' http://192.168.49.2/"
kubectl logs -n ingress-nginx deploy/ingress-nginx-controller | tail -3 | cut -c1-60
kubectl expose deployment web --name=web-lb --port=8080 --target-port=80 --type=LoadBalancer
kubectl get svc web-lb
minikube tunnel > tunnel.log &
sleep 6
kubectl get svc web-lb
cat tunnel.log
minikube ssh -- curl -s http://10.98.67.212:8080/ | head -4
minikube addons disable ingress
