kubectl run pod1 --image=nginx -l app=p1
kubectl run pod2 --image=nginx
kubectl label pod pod1 tier=front
kubectl label pod pod1 tier=back
kubectl label pod pod1 tier=front
kubectl label pod pod1 tier=back --overwrite
kubectl label pod pod1 tier=back --overwrite
kubectl label pod pod1 tier-
kubectl label pod pod1 tier-
kubectl label pods --all x=y
kubectl label pods -l app=p1 z=1
kubectl label pod pod1
kubectl label pod nope a=b
kubectl label pod pod1 a=b --dry-run=client
kubectl label pod pod1 a=b -o name
kubectl label pod pod1 a=1 a-
kubectl label node node2 disk=ssd
kubectl get pods --show-labels
kubectl annotate pod pod1 note=hello
kubectl annotate pod pod1 note=bye
kubectl annotate pod pod1 note=hello
kubectl annotate pod pod1 note=bye --overwrite
kubectl annotate pod pod1 note-
kubectl annotate pod pod1
kubectl get pod pod1 -o jsonpath='{.metadata.annotations}{"\n"}'
kubectl taint nodes node2 failure=simulated:NoExecute
kubectl taint nodes node2 failure=simulated:NoExecute-
kubectl taint nodes node2 foo=bar:NoExecute-
kubectl taint nodes node2 foo-
kubectl create deployment rec --image=nginx
kubectl scale deploy rec --replicas=2 --record
kubectl set image deployment rec nginx=nginx:1.27 --record
kubectl rollout history deployment rec
