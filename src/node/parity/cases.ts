// The commands the parity suite runs with both kubectls, in order (later cases see the state
// earlier ones left). `differs` names a known difference, explained in DIFFERENCES.md: the
// suite then expects the outputs to differ, so a fix shows up as a failure to update the list.
import type { WatchChange } from './harness';

export interface ParityCase {
  command: string;
  /** For `get -w`: the change made on both clusters while both watch (see ParityHarness.watchBoth). */
  watch?: WatchChange;
  /** For `port-forward ... PORT:REMOTE`: the path fetched through both forwards (see ParityHarness.portForwardBoth). */
  fetch?: string;
  /** Files to write before running (`-f NAME`). */
  files?: Record<string, string>;
  /** Virtual ms per 10 wall ms while the real kubectl runs (commands that wait). */
  flowMs?: number;
  /** Virtual ms both clusters then move on before the next case (default 1000). */
  afterMs?: number;
  /** Key of the DIFFERENCES.md entry when the outputs are known to differ. */
  differs?: string;
}

/** Run on both clusters before the cases (through the in-browser kubectl). */
export const SETUP = [
  'kubectl create deployment web --image=nginx:1.27 --replicas=3',
  'kubectl run solo --image=nginx:1.27 --labels=app=solo',
  'kubectl create configmap settings --from-literal=mode=dev',
];

const APP_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    app: app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

export const CASES: ParityCase[] = [
  // reads
  { command: 'kubectl get nodes' },
  { command: 'kubectl get nodes -o wide' },
  { command: 'kubectl get pods -A' },
  { command: 'kubectl get pods -o wide' },
  { command: 'kubectl get pods --show-labels' },
  { command: 'kubectl get pods -l app=web -o name' },
  { command: 'kubectl get deploy,rs,svc' },
  { command: 'kubectl get all' },
  { command: 'kubectl get ns' },
  { command: 'kubectl get cm' },
  { command: 'kubectl get deploy web -o yaml' },
  { command: 'kubectl get pod solo -o json' },
  { command: "kubectl get pods -o jsonpath='{.items[*].metadata.name}'" },
  { command: 'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName' },
  { command: 'kubectl get pod missing' },
  { command: 'kubectl get foo' },
  { command: 'kubectl describe deploy web' },
  { command: 'kubectl describe pod solo' },
  { command: 'kubectl describe node node2' },
  { command: 'kubectl logs solo' },
  { command: 'timeout 2 kubectl logs -f solo --tail 3' },
  { command: 'kubectl api-resources' },
  { command: 'kubectl api-versions' },
  { command: 'kubectl explain pods.spec.containers.ports' },
  { command: 'kubectl rollout status deploy/web' },
  { command: 'kubectl rollout history deploy/web' },
  { command: 'kubectl version' },
  // SelfSubjectAccessReview: the real kubectl sends it as protobuf (authorization.k8s.io/v1)
  { command: 'kubectl auth can-i create pods' },
  { command: 'kubectl auth can-i get pods --subresource=log -n kube-system' },
  { command: 'kubectl exec solo -- echo hello' },
  { command: "kubectl exec solo -- sh -c 'echo oops >&2; exit 3'" },
  { command: 'echo "cat /etc/hostname; ls /usr/share/nginx/html" | kubectl exec -i solo -- sh' },
  { command: 'kubectl exec solo -c nope -- ls' },
  { command: 'printf "hostname\\necho done\\n" | kubectl exec -it solo -- sh 2>&1' },
  {
    // A scale-up seen through `get -w`: the new pods go Pending, ContainerCreating, Running.
    command: 'kubectl get pods -l app=web -w',
    watch: {
      change: {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/default/deployments/web/scale',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: '{"spec":{"replicas":4}}',
      },
      stepMs: 1000,
      steps: 15,
    },
  },
  { command: 'kubectl port-forward pod/solo PORT:80', fetch: '/' },
  { command: 'kubectl port-forward deploy/web PORT:80', fetch: '/missing' },
  { command: 'kubectl port-forward pod/nope PORT:80', fetch: '/' },
  // writes
  { command: 'kubectl create deployment api --image=nginx:1.27 --replicas=2' },
  { command: 'kubectl scale deploy api --replicas=3' },
  { command: 'kubectl expose deploy api --port=80 --target-port=8080' },
  { command: 'kubectl get svc api' },
  { command: 'kubectl label pod solo tier=frontend' },
  { command: 'kubectl annotate pod solo note=hello' },
  { command: 'kubectl create namespace dev' },
  { command: 'kubectl create configmap cfg --from-literal=a=b -n dev' },
  { command: 'kubectl apply -f app.yaml', files: { 'app.yaml': APP_YAML } },
  { command: 'kubectl apply -f app.yaml' },
  { command: 'kubectl apply -f app2.yaml', files: { 'app2.yaml': APP_YAML.replace('replicas: 2', 'replicas: 4') } },
  { command: 'kubectl get deploy app' },
  { command: 'kubectl create -f app.yaml' },
  { command: 'kubectl delete deploy api' },
  { command: 'kubectl delete svc api' },
  { command: 'kubectl delete pod solo', flowMs: 1000 },
  { command: 'kubectl get pods' },
  // a rollout and its undo
  { command: 'kubectl set image deploy/web nginx=nginx:1.28' },
  { command: 'kubectl rollout undo deploy/web' },
  { command: 'kubectl rollout history deploy/web' },
  // logs -f of a container that has exited ends by itself
  { command: "kubectl run once --image=busybox:1.36 --restart=Never -- sh -c 'echo one; echo two'", afterMs: 30_000 },
  { command: 'kubectl get pod once' },
  { command: 'kubectl logs -f once' },
];
