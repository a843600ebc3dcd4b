kubectl create deployment httpenv --image jpetazzo/httpenv
kubectl scale deployment httpenv --replicas=3
kubectl expose deployment httpenv --port=8888
sleep 10
kubectl get rs
kubectl get svc
IP=$(kubectl get svc httpenv -o jsonpath={.spec.clusterIP})
for i in $(seq 10); do curl -s http://$IP:8888 | jq .HOSTNAME; done
kubectl describe service httpenv
kubectl describe endpoints httpenv
kubectl get endpoints httpenv -o yaml
kubectl describe rs
kubectl logs deploy/httpenv
kubectl delete service httpenv
