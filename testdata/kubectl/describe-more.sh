cat > bad.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
  - name: c
YAML
cat > bad2.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: bad2
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
YAML
cat > good.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: c
    image: nginx
YAML
cat > good-bad.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: c
    image: nginx
    ports:
    - containerPort: 99999
YAML
kubectl create -f bad.yaml -f bad2.yaml
kubectl create -f bad.yaml
kubectl create -f bad.yaml -f good.yaml -f good.yaml
kubectl apply -f bad.yaml -f bad2.yaml -f good.yaml
kubectl apply -f good-bad.yaml -f bad2.yaml
kubectl apply -f good-bad.yaml
