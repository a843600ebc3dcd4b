kubectl create deployment web --image=nginx
kubectl expose deploy web --port 80
kubectl set selector svc web app=web2,tier=fe
kubectl get svc web -o jsonpath='{.spec.selector}'
kubectl set selector svc web app=web2 --dry-run=client -o jsonpath='{.spec.selector}'
kubectl set selector svc web 'app in (a)'
kubectl set selector svc web 'app!=a,x'
kubectl set selector svc web
kubectl set selector
kubectl set selector svc/web svc/web app=x
kubectl set selector deploy web app=x
kubectl set selector svc web app=web --dry-run=server
kubectl set serviceaccount deploy web mysa
kubectl get deploy web -o jsonpath='{.spec.template.spec.serviceAccountName}|{.spec.template.spec.serviceAccount}'
kubectl set sa deploy/web mysa --dry-run=server
kubectl set sa deploy web
kubectl set sa
kubectl set sa svc web x
kubectl set sa deploy web x -o name
kubectl set image svc web x=y
kubectl set subject rolebinding rb --user=bob
kubectl set subject clusterrolebinding crb --group=g
kubectl set subject deploy web --user=x
kubectl set subject deploy web
kubectl set subject deploy web --serviceaccount=foo
kubectl set selector svc web --local app=z -o yaml
kubectl get svc web -o yaml > svc.yaml
kubectl set selector -f svc.yaml --local app=z -o name
kubectl set selector -f svc.yaml --local app=z
kubectl set selector -f svc.yaml --local app=z --dry-run=server
kubectl set image -f svc.yaml --local nginx=x
kubectl get deploy web -o yaml > d.yaml
kubectl set image -f d.yaml --local nginx=nginx:2 -o jsonpath='{.spec.template.spec.containers[0].image}'
kubectl set image -f d.yaml --local nginx=nginx:2
kubectl set image -f d.yaml --local nginx=nginx
kubectl set env -f d.yaml --local A=1 -o name
kubectl set resources -f d.yaml --local --limits=cpu=1 -o jsonpath='{.spec.template.spec.containers[0].resources}'
kubectl set sa -f d.yaml --local robot -o jsonpath='{.spec.template.spec.serviceAccountName}'
kubectl label -f d.yaml --local a=b -o name
kubectl label -f d.yaml --local a=b
kubectl annotate -f d.yaml --local a=b -o jsonpath='{.metadata.annotations.a}'
kubectl label deploy web --local a=b
kubectl set image deploy web --local web=x
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'
kubectl set image deploy web nginx=nginx:1.27 --template='{{.metadata.name}} {{range .spec.template.spec.containers}}{{.image}}{{end}}'
