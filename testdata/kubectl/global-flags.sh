kubectl config set-context --current --namespace=kube-system
kubectl get deploy
kubectl -n default get pods
kubectl get pods --namespace default
kubectl --kubeconfig nofile get pods
kubectl --kubeconfig nofile config view
kubectl --context nope get pods
kubectl --context kubernetes-admin@kubernetes get ns kube-system
kubectl --user nobody get pods
kubectl --cluster nocluster get pods
kubectl --server http://localhost:8080 get pods
kubectl -s https://10.0.0.12:6443 version
kubectl -s https://10.0.0.11:6443 get nodes
kubectl --request-timeout=abc get pods
kubectl --request-timeout=5s get nodes
kubectl config set-credentials bob --token=abc
kubectl --user bob get pods
cp ~/.kube/config /tmp/other.conf
kubectl --kubeconfig /tmp/other.conf config set-context --current --namespace=default
KUBECONFIG=/tmp/other.conf kubectl get pods
kubectl config unset current-context
kubectl get pods
kubectl version
kubectl api-versions
