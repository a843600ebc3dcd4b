kubectl create deployment web --image=nginx:1.26 --replicas=2
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.27
kubectl set image deployment/web nginx=nginx:1.27
kubectl set image deployment/web nope=nginx:1.27
kubectl rollout status deployment/web
kubectl set env deployment/web A=1 B=2
kubectl set env deployment/web A-
kubectl set env deployment/web --list
kubectl set env deployment/web --list -c nope
kubectl set env deployment/web C=3 --dry-run=client
kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m
kubectl set resources deployment web
kubectl set image deployment/web
kubectl set foo
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout history deployment/web --revision=2
kubectl rollout history deployment/web --revision=99
kubectl rollout undo deployment/web --to-revision=99
kubectl rollout undo deployment/web --to-revision=1 --dry-run=client
kubectl rollout undo deployment/web --to-revision=1
kubectl rollout status deployment/web
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl rollout pause deployment/web
kubectl rollout pause deployment/web
kubectl rollout undo deployment/web
kubectl rollout restart deployment/web
kubectl rollout resume deployment/web
kubectl rollout resume deployment/web
kubectl run pod1 --image=nginx
kubectl rollout history pod/pod1
kubectl rollout pause pod/pod1
kubectl rollout restart pod/pod1
kubectl rollout undo deployment/nope
kubectl set image pod/pod1 pod1=nginx:1.26
