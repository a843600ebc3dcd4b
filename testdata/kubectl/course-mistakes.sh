kubectl create deployment d --image=nginx -- sleep 10
kubectl create deployment d2 --image=nginx --image=redis -- sleep 10
kubectl create deployment d3 a --image=nginx -- sleep 10
kubectl create deployment --image=nginx -- sleep 10
kubectl create deployment
kubectl create deployment x
kubectl create deployment d --image=nginx
kubectl create deployment Bad --image redis
kubectl create secret foo x
kubectl create secret
kubectl create service
kubectl create service foo s6
kubectl create service externalname s5
kubectl create service clusterip s1 --tcp=80
kubectl create service clusterip s1 --tcp=80
kubectl create secret generic s1 --from-literal=a=b
kubectl create secret generic s1 --from-literal=a=b
kubectl create configmap c1
kubectl create configmap c1
kubectl create sa sa1
kubectl create sa sa1
kubectl create ns
kubectl create ns a b
kubectl create
kubectl apply
kubectl create foo bar
kubectl run
kubectl run pp4
kubectl run --image=nginx
kubectl run x --image=
kubectl scale rc webserver
kubectl create deployment httpenv --image jpetazzo/httpenv
kubectl scale deployment/httpenv deployment/nope --replicas=2
kubectl rollout
kubectl rollout foo deploy httpenv
kubectl label deploy httpenv tier-
kubectl delete pods -l nothing=here
kubectl logs nope
kubectl logs deploy/nope
kubectl logs -n kube-system nope
kubectl create ingress ing1 --rule=foo.com/bar=svc1:8080
kubectl create ingress ing2 --rule="foo.com/*=svc1:80,tls=sec" --class=nginx
kubectl create ingress ing3 --default-backend=svc1:80
kubectl get ingress
kubectl -n
kubectl --namespace
kubectl -n default
kubectl --foo
kubectl --kubeconfig
kubectl get ev
kubectl get ev,po
kubectl get pods/nope deploy/httpenv
kubectl get pods/nope deploy/httpenv -o name
kubectl get deploy/httpenv svc/nope
kubectl get pods --field-selector=foo=bar
kubectl get pods -l app=x --field-selector=foo=bar
kubectl get deploy --field-selector=foo=bar
kubectl get pods,svc --field-selector=foo=bar
kubectl get pods --field-selector=status.phase=Running,spec.nodeName=node2 -o name
kubectl get pods -A --field-selector=metadata.namespace=kube-system -o name
kubectl port-forward nope 8080:80
kubectl port-forward httpenv
kubectl get pod nope
kubectl get pods nope other
kubectl delete pod nope
kubectl scale --replicas=0 rc/nope
kubectl get all --all-namespaces --no-headers | wc -l
