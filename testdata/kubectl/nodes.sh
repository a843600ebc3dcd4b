kubectl create deployment web --image=nginx --replicas=4
kubectl run solo --image=nginx
kubectl rollout status deployment/web
kubectl cordon node2
kubectl cordon node2
kubectl uncordon node2
kubectl uncordon node2
kubectl cordon node2 --dry-run=client
kubectl taint nodes node2 key1=value1:NoSchedule
kubectl taint nodes node2 key1=value1:NoSchedule
kubectl taint nodes node2 key1=value2:NoSchedule
kubectl taint nodes node2 key1=value2:NoSchedule --overwrite
kubectl describe node node2 | grep Taints
kubectl taint nodes node2 key1:NoSchedule-
kubectl taint nodes node2 key1-
kubectl taint nodes node2 key1=v:Bad
kubectl taint nodes node2
kubectl get pods -o wide
kubectl drain node3
kubectl drain node3 --ignore-daemonsets
kubectl drain node3 --ignore-daemonsets --force
kubectl get nodes
kubectl get pods -o wide
kubectl uncordon node3
kubectl drain node2 --ignore-daemonsets --disable-eviction
