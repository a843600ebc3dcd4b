// Starter manifests for the editor's template menu: the six kinds the course starts with, in
// the shape the Kubernetes documentation teaches (labels matched by selectors, nginx images).
// Leaves out: probes, resources and volumes (students add those as they learn them).

export type TemplateKind = 'Pod' | 'Deployment' | 'Service' | 'ReplicaSet' | 'ReplicationController' | 'Namespace';

export interface Template {
  kind: TemplateKind;
  /** File name a tab opened from the template gets in the home directory. */
  fileName: string;
  text: string;
}

export const TEMPLATES: readonly Template[] = [
  {
    kind: 'Pod',
    fileName: 'pod.yaml',
    text: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      ports:
        - containerPort: 80
`,
  },
  {
    kind: 'Deployment',
    fileName: 'deployment.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
  {
    kind: 'Service',
    fileName: 'service.yaml',
    text: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    kind: 'ReplicaSet',
    fileName: 'replicaset.yaml',
    text: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`,
  },
  {
    kind: 'ReplicationController',
    fileName: 'replicationcontroller.yaml',
    text: `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
  {
    kind: 'Namespace',
    fileName: 'namespace.yaml',
    text: `apiVersion: v1
kind: Namespace
metadata:
  name: dev
`,
  },
];
