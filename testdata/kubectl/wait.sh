kubectl run a1 --image=nginx -l grp=g
kubectl run a2 --image=nginx -l grp=g
kubectl wait --for=condition=Ready pod -l grp=g --timeout=60s
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/a1 pod/a2
kubectl wait --for=jsonpath='{.status.phase}'=Pending pod --all --timeout=2s
kubectl wait --for=condition=Ready=false pod/a1 pod/zz --timeout=1s
kubectl wait --for=condition=Ready pod/zz pod/zy
kubectl wait --for=create pod/late --timeout=2s
kubectl wait --for=create pod/x1 pod/x2 --timeout=1s
kubectl wait --for=create pod -l nope=1
kubectl wait --for=create pod
kubectl wait --for=create pod/a1 pod/a2
(sleep 3; kubectl run late --image=nginx) & kubectl wait --for=create pod/late --timeout=20s
kubectl wait --for=delete pod/zz pod/a1 --timeout=1s
kubectl delete pod a2 --wait=false; kubectl wait --for=delete pod/a2 --timeout=60s
kubectl wait --for=Ready pod/a1
kubectl wait --for=condition=Ready pods --all -n nons --timeout=1s
