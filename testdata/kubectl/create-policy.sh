kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods
kubectl create role r2 --verb=get,list --resource=pods,pods/status,deployments.apps,deploy,rs.apps --resource-name=a --resource-name=b --resource-name=a --dry-run=client -o yaml
kubectl create role r3 --verb=* --verb=get --resource=* -o json --dry-run=client
kubectl create role r4 --verb=foo --resource=pods --dry-run=client
kubectl create role r5 --verb=get --resource=nosuch --dry-run=client
kubectl create role r6 --verb=bind --resource=pods --dry-run=client
kubectl create role r7 --verb=bind --resource=roles.rbac.authorization.k8s.io --dry-run=client -o yaml
kubectl create role r8 --resource=pods
kubectl create role r9 --verb=get
kubectl create role r10 --verb=get --resource=.apps
kubectl create role
kubectl create role pod-reader --verb=get --resource=pods
kubectl create role r11 --verb=get --resource=pods --dry-run=server -o name
kubectl create clusterrole cr1 --verb=get,post --non-resource-url=/healthz,/logs/* --dry-run=client -o yaml
kubectl create clusterrole cr2 --verb=get,list --resource=nodes --non-resource-url=/metrics -o yaml --dry-run=client
kubectl create clusterrole cr3 --verb=list --non-resource-url=/x
kubectl create clusterrole cr4 --verb=get --non-resource-url=healthz
kubectl create clusterrole cr5 --verb=get --non-resource-url=/a*/b
kubectl create clusterrole cr6 --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true,x=y -o yaml --dry-run=client
kubectl create clusterrole cr7 --aggregation-rule=a=b --verb=get
kubectl create clusterrole cr8 --verb=get
kubectl create clusterrole cr9 --aggregation-rule=ab
kubectl create clusterrole cr10 --verb=get --resource=pods
kubectl create rolebinding rb1 --role=pod-reader --user=alice --user=bob --group=devs --serviceaccount=default:sa1 -o yaml --dry-run=client
kubectl create rolebinding rb2 --clusterrole=view --role=x
kubectl create rolebinding rb3 --user=a
kubectl create rolebinding rb4 --role=x --serviceaccount=sa1
kubectl create rolebinding rb5 --role=x --serviceaccount=ns:
kubectl create rolebinding rb6 --clusterrole=view --serviceaccount=kube-system:default
kubectl create clusterrolebinding crb1 --clusterrole=cluster-admin --user=root -o yaml --dry-run=client
kubectl create clusterrolebinding crb2 --user=root
kubectl create clusterrolebinding crb3 --clusterrole=view --group=g1 -o name
kubectl create quota q1 --hard=cpu=1,memory=1G,pods=2,services=3 --scopes=BestEffort -o yaml --dry-run=client
kubectl create quota q2 --hard=pods=x
kubectl create quota q3 --hard=pods
kubectl create quota q5 --hard=pods=10
kubectl create quota q6 -o yaml --dry-run=client
kubectl create priorityclass high --value=1000 --description="high priority" -o yaml --dry-run=client
kubectl create priorityclass def --value=1 --global-default --preemption-policy=Never -o yaml --dry-run=client
kubectl create priorityclass p3 --value=10
kubectl create priorityclass p4 --value=x
kubectl create poddisruptionbudget pdb1 --selector=app=web --min-available=1 -o yaml --dry-run=client
kubectl create pdb pdb2 --selector=app=web --max-unavailable=50% -o yaml --dry-run=client
kubectl create pdb pdb3 --min-available=1
kubectl create pdb pdb4 --selector=app=web
kubectl create pdb pdb5 --selector=app=web --min-available=1 --max-unavailable=1
kubectl create pdb pdb6 --selector=app=web --min-available=abc
kubectl create pdb pdb7 --selector=app=web --min-available=1
kubectl create pdb pdb8 --selector='a in (b' --min-available=1
kubectl create token default
kubectl create token nosuch
kubectl create token default -o yaml --duration=1h
kubectl create token
kubectl create token default --dry-run=client
kubectl create role e1 --verb=get --resource=pods.apps --dry-run=client -o yaml
kubectl create role e2 --verb=impersonate --resource=users,serviceaccounts --dry-run=client -o yaml
kubectl create role e3 --verb=get --resource=pods/log,svc -n kube-system --dry-run=client -o yaml
kubectl create rolebinding e4 --role=r -n kube-system --dry-run=client -o yaml
kubectl create quota e5 --hard=cpu=500m,memory=1Gi,cpu=1,pods=1000m -n kube-system -o yaml --dry-run=client
kubectl create pdb e6 --selector='app in (a,b),tier,!x,env=prod' --min-available=-1
kubectl create pdb e7 --selector='app in (b,a),tier,!x,env=prod' --min-available=10% -n default -o yaml --dry-run=client
kubectl create priorityclass e8 --value=5 -n default -o yaml --dry-run=client
kubectl create clusterrolebinding e9 --clusterrole=view --serviceaccount=default:x,y --dry-run=server
kubectl create clusterrole e10 --verb=get --resource=pods --resource=* --dry-run=client -o yaml
kubectl create quota e11 --hard=pods=1 --scopes=' BestEffort , NotTerminating' -o json --dry-run=client
kubectl create role e12 --verb=get --resource=pods -n kube-system -o json --dry-run=client
