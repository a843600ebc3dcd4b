kubectl get pods --all-namespaces
kubectl get pods -n kube-system
kubectl get secrets -n kube-public
kubectl run pingpong --image alpine ping 1.1.1.1
kubectl run --dry-run -o yaml pingpong --image alpine ping 1.1.1.1
sleep 10
kubectl get pods -o wide
kubectl get pods --show-labels
kubectl get pod pingpong
kubectl logs pingpong --tail 3
kubectl logs -l run=pingpong --tail 2
kubectl logs pingpong --previous
kubectl logs pingpong -c nope
kubectl describe pod pingpong
kubectl delete pod pingpong
kubectl get pods
kubectl get nodes
kubectl get nodes -o wide
kubectl describe nodes node3
