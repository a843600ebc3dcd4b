kubectl config view
kubectl config view --raw
kubectl config view -o json
kubectl config view --minify -o jsonpath='{.contexts[0].name}'
kubectl config current-context
kubectl config get-contexts
kubectl config get-contexts -o name
kubectl config get-contexts nope
kubectl config get-clusters
kubectl config get-users
kubectl config set-cluster foo --server=https://1.2.3.4
kubectl config set-credentials bob --token=abc
kubectl config set-context dev --cluster=foo --user=bob --namespace=dev
kubectl config get-contexts
kubectl config use-context dev
kubectl config use-context nope
kubectl config rename-context dev dev2
kubectl config view
kubectl config set-context --current --namespace=other
kubectl config delete-context dev2
kubectl config current-context
kubectl config view --minify
kubectl config delete-cluster foo
kubectl config delete-user bob
kubectl config set current-context kubernetes-admin@kubernetes
kubectl config set contexts.kubernetes-admin@kubernetes.namespace kube-system
kubectl config unset contexts.kubernetes-admin@kubernetes.namespace
kubectl config unset foo
kubectl config use-context
kubectl config set-credentials
kubectl config delete-user
kubectl config nope
kubectl config current-context --x
kubectl config view extra
kubectl config get-contexts -o yaml
