kubectl create deployment web --image=nginx --replicas=2 --port=80
kubectl create deployment nop --image=busybox -- sleep 3600
kubectl run pod1 --image=nginx --port=80 -l app=p1
kubectl run pod2 --image=busybox -- sleep 3600
kubectl expose deployment web --port=80
kubectl expose deployment web --port=80
kubectl expose deployment web --port=8080 --target-port=80 --name=web2 --type=NodePort
kubectl expose deployment web --name=web3 --dry-run=client -o yaml
kubectl expose deployment nop --name=nop
kubectl expose pod pod1 --name=p1svc
kubectl expose pod pod2
kubectl expose svc web --name=web4 --port=81 --dry-run=client -o yaml
kubectl expose deploy/web --type=LoadBalancer --port=80 --name=web5 --selector=app=other
kubectl expose deployment nope --port=80
kubectl expose deployment web --port=80 --type=Foo --name=w6
kubectl expose
kubectl expose deployment
kubectl expose node node1 --port=80
kubectl expose deployment web --port=80 --protocol=UDP --name=w7 -o yaml --dry-run=client
kubectl expose deployment web --port=80 --target-port=http --name=w8 --dry-run=client -o yaml
kubectl expose deployment web --port=80 --name=w9 --dry-run=server
kubectl expose deployment web --port=80 --name=w10 -o name
kubectl get svc
