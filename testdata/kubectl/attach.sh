kubectl run pp --image=alpine -- ping 1.1.1.1
sleep 5
kubectl logs pp --tail=1
timeout 3 kubectl attach pp
echo $?
timeout 2 kubectl attach -i pp
kubectl logs pp --tail=1
cat <<'EOF2' > mc.yaml
apiVersion: v1
kind: Pod
metadata:
  name: mc
spec:
  containers:
  - name: a
    image: busybox
    command: ["sh", "-c", "while true; do echo out-a; echo err-a >&2; sleep 1; done"]
  - name: b
    image: busybox
    command: ["sh", "-c", "echo done-b"]
  restartPolicy: Never
EOF2
kubectl apply -f mc.yaml
kubectl run done1 --image=busybox --restart=Never -- echo hi
sleep 5
timeout 2 kubectl attach mc
timeout 2 kubectl attach -q mc -c a 2>/dev/null
kubectl attach mc -c b
kubectl attach mc -c nope
kubectl attach done1
kubectl attach pp --pod-running-timeout=0
kubectl attach pod pp extra
kubectl run -i --rm --restart=Never cnt --image=busybox -- sh -c 'for i in 1 2 3 4 5 6; do echo $i; sleep 1; done'
echo $?
