kubectl get ns -o go-template='{{range .items}}{{.metadata.name}} {{.status.phase}}{{"\n"}}{{end}}'
kubectl get ns default -o go-template='{{.metadata.labels}} {{.spec.finalizers}} {{len .spec.finalizers}} {{index .metadata.labels "kubernetes.io/metadata.name"}} {{.foo}}'
kubectl get ns default -o go-template='{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}{{range .nothing}}x{{else}}empty{{end}}{{"\n"}}'
kubectl get ns default -o go-template='{{- if eq .status.phase "Active" -}}  yes  {{- else -}} no {{- end }}{{"\n"}}'
kubectl get ns default --template='{{.kind}} {{printf "%s-%05.1f-%q" .metadata.name 3.14159 "x"}}{{println}}'
kubectl get ns default -o go-template='{{.metadata'
kubectl get ns default -o go-template='A{{.metadata.name}}{{index .spec.finalizers 5}}B'
kubectl get ns default -o go-template
kubectl get ns default -o go-template-file=nope.tpl
echo '{{.kind}} {{ .metadata.name }}' > t.tpl
kubectl get ns default -o go-template-file=t.tpl
printf 'NAME          PHASE\nmetadata.name status.phase\n' > cols.txt
kubectl get ns -o custom-columns-file=cols.txt
echo '{.metadata.name}' > jp.txt
kubectl get ns kube-system -o jsonpath-file=jp.txt
