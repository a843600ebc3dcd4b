printf '%s\n' '-----BEGIN CERTIFICATE-----' 'MIIBbDCCAROgAwIBAgIUQqb7oiopc0iFg4uAQLSVMu+HN5AwCgYIKoZIzj0EAwIw' 'DDEKMAgGA1UEAwwBeDAeFw0yNjExMjIxNjI5MzVaFw0zNjExMTkxNjI5MzVaMAwx' 'CjAIBgNVBAMMAXgwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASw4Tvn18Nmd8xG' 'qAcYG6SnuqCrUP84OA+SOtFZVD1sgcb1tJsxD9k0AYXQRx9FGRGml/sIgF2Yqs8g' 'WEGg7ie5o1MwUTAdBgNVHQ4EFgQUkCZp9CTuTJZYjQH/6dANzZR1SSgwHwYDVR0j' 'BBgwFoAUkCZp9CTuTJZYjQH/6dANzZR1SSgwDwYDVR0TAQH/BAUwAwEB/zAKBggq' 'hkjOPQQDAgNHADBEAiBIS5O64KyclpsY3yKv+Qe1Af538GwfzcJS2s3zXH9qwAIg' 'eQrsYkGAWpKwrZ4ijyu/NqcXml6Gq/ANPEQAZIylJW0=' '-----END CERTIFICATE-----' > t.crt
printf '%s\n' '-----BEGIN PRIVATE KEY-----' 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglTjKXIQF3fZd5sMO' 'wBOiJnULe3fNYjfnXcVIZcL94UihRANCAASw4Tvn18Nmd8xGqAcYG6SnuqCrUP84' 'OA+SOtFZVD1sgcb1tJsxD9k0AYXQRx9FGRGml/sIgF2Yqs8gWEGg7ie5' '-----END PRIVATE KEY-----' > t.key
echo '{"auths":{}}' > cfg.json
kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x --dry-run=client -o yaml
kubectl create secret docker-registry reg --docker-username=u --dry-run=client -o yaml
kubectl create secret docker-registry reg2 --docker-server=r.io --docker-username=u --docker-password=p
kubectl get secret reg2 -o jsonpath='{.type} {.data.\.dockerconfigjson}'
kubectl create secret docker-registry reg3 --from-file=.dockerconfigjson=cfg.json --dry-run=client -o yaml
kubectl create secret tls t --cert=t.crt --key=t.key --dry-run=client -o yaml
kubectl create secret tls t --cert=t.crt
kubectl create secret tls t --cert=nope.crt --key=t.key
kubectl create secret tls t --cert=t.key --key=t.crt
kubectl create secret tls t --cert=cfg.json --key=t.key
kubectl create secret tls t --cert=t.crt --key=t.crt
kubectl create secret tls t2 --cert=t.crt --key=t.key
kubectl create secret tls t2 --cert=t.crt --key=t.key
kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert" --dry-run=client -o yaml
kubectl create ingress ing2 --class=default --rule="foo.com/*=svc:http" --rule="bar.com/admin*=svc2:http" --default-backend=defaultsvc:8080 --annotation=a=b --dry-run=client -o yaml
kubectl create ingress x --rule="/path=svc:80"  --rule="foo.com/=svc:80,tls" --rule="foo.com/b=svc:80,tls" --dry-run=client -o json
kubectl create ingress x
kubectl create ingress x --rule="foo.com/path"
kubectl create ingress x --rule="foo.com/path=svc"
kubectl create ingress x --default-backend=svc
kubectl create ingress x --rule="foo.com/path=svc:80" --annotation=bad
kubectl create ingress a b --rule="foo.com/path=svc:80"
kubectl create ingress x --rule="foo.com/path=svc:80" --dry-run=client -o name
