kubectl
kubectl help get
kubectl get --help
kubectl help create deployment
kubectl config view --help
kubectl rollout status -h
kubectl help nope
kubectl options
kubectl explain --help
kubectl config --help
kubectl get pods --nope
kubectl config current-context --x
