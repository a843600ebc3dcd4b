kubectl run -it --rm bb --image=busybox --restart=Never -- sh <<'EOF2'
hostname
echo hello from $(hostname)
ls /
exit
EOF2
kubectl get pods
kubectl run -it bb2 --image=busybox -- sh <<'EOF2'
echo first
EOF2
sleep 15
kubectl get pod bb2
kubectl attach -it bb2 <<'EOF2'
echo again
EOF2
kubectl run -t bad --image=busybox
kubectl run --rm bad --image=busybox
kubectl run -i --dry-run=client bad --image=busybox
kubectl run -it --rm once --image=busybox --restart=Never -- echo hi
kubectl attach nope
