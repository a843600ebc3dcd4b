kubectl create deployment redis --image=redis
kubectl create deployment hasher --image=dockercoins/hasher:v0.1
kubectl create deployment rng --image=dockercoins/rng:v0.1
kubectl create deployment webui --image=dockercoins/webui:v0.1
kubectl create deployment worker --image=dockercoins/worker:v0.1
kubectl get all
sleep 10
kubectl logs deploy/rng
kubectl logs deploy/worker --tail 6
kubectl expose deployment redis --port 6379
kubectl expose deployment rng --port 80
kubectl expose deployment hasher --port 80
kubectl expose deploy/webui --type=NodePort --port=80
kubectl get svc
sleep 20
kubectl logs deploy/worker --tail 4
PORT=$(kubectl get svc webui -o jsonpath='{.spec.ports[0].nodePort}')
curl -s http://node1:$PORT/json
echo
A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"
kubectl scale deployment worker --replicas=10
kubectl get pods -l app=worker
sleep 20
curl -s http://node1:$PORT/json
echo
A=$(curl -s http://node1:$PORT/json | jq -r .hashes); sleep 10; B=$(curl -s http://node1:$PORT/json | jq -r .hashes); echo "hashes/s: $(( (B - A) / 10 ))"
