kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.0/deploy/static/provider/cloud/deploy.yaml
kubectl apply -f https://example.com/nope.yaml
kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
cat <<EOF2 > ing.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
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
EOF2
kubectl apply -f ing.yaml
sleep 90
kubectl get ingress
curl -s -H 'Host: web.example.com' http://192.168.1.240 | head -4
