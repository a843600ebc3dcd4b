kubectl explain node
kubectl explain node.spec
kubectl explain node --recursive
kubectl explain pods.spec.containers
kubectl explain deploy --api-version=apps/v1
kubectl explain svc.spec.type
kubectl explain deployments.apps.spec.strategy
kubectl explain foo
kubectl explain pods.spec.foo
kubectl explain
kubectl explain a b
kubectl explain deploy --api-version=apps/v2
kubectl explain deploy --api-version=v1
kubectl explain pods -o yaml
kubectl api-versions
