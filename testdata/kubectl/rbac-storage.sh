kubectl get componentstatuses
kubectl get priorityclasses
kubectl get clusterrolebinding cluster-admin kubeadm:cluster-admins -o wide
kubectl get roles -n kube-public
kubectl get apiservices v1. v2.autoscaling
kubectl get csinodes
cat <<YAML > objs.yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: jane
- kind: ServiceAccount
  name: default
  namespace: default
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /data/pv1
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: important
YAML
kubectl create -f objs.yaml
kubectl get role,rolebinding -o wide
kubectl get sc,pv,pvc
kubectl get pdb,netpol
kubectl get pc high
kubectl create -f objs.yaml
kubectl get cs scheduler
kubectl create deployment web --image=nginx --replicas=2
cat <<YAML > quota.yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  name: small
spec:
  hard:
    pods: "10"
    count/deployments.apps: "2"
    requests.cpu: "1"
    limits.memory: 1Gi
YAML
kubectl create -f quota.yaml
kubectl get quota
