// Defaulting tests modelled on pkg/apis/core/v1/defaults_test.go and
// pkg/apis/apps/v1/defaults_test.go: whole objects compared after applyDefaults.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../types';
import { applyDefaults, defaultPullPolicy } from './index';

const run = (kind: string, o: KObject, op?: 'create' | 'update'): KObject => {
  applyDefaults(kind, o, op);
  return o;
};

const defaultedContainer = {
  name: 'nginx',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  resources: {},
};

const defaultedPodSpecFields = {
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  securityContext: {},
  schedulerName: 'default-scheduler',
  enableServiceLinks: true,
};

describe('Pod', () => {
  it('fills scheme and admission defaults', () => {
    const pod = run('Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    });
    expect(pod.spec).toEqual({
      containers: [defaultedContainer],
      ...defaultedPodSpecFields,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
  });

  it('copies limits into missing requests and canonicalises quantities', () => {
    const pod = run('Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: '100m' } } }] },
    });
    const c = (pod.spec as { containers: { resources: unknown }[] }).containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m', memory: '1Gi' } });
  });

  it('keeps user tolerations that already cover the taints', () => {
    const pod = run('Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'i' }], tolerations: [{ operator: 'Exists' }] },
    });
    expect((pod.spec as { tolerations: unknown[] }).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('defaults probes and volumes', () => {
    const pod = run('Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        volumes: [{ name: 'a' }, { name: 'b', configMap: { name: 'cm' } }],
        containers: [{ name: 'c', image: 'i', livenessProbe: { httpGet: { port: 80 } } }],
      },
    });
    const spec = pod.spec as { volumes: unknown[]; containers: { livenessProbe: unknown }[] };
    expect(spec.volumes).toEqual([{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'cm', defaultMode: 420 } }]);
    expect(spec.containers[0].livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('chooses the image pull policy from the tag (TestSetDefaultImagePullPolicy)', () => {
    const table: [string, string][] = [
      ['nginx', 'Always'],
      ['nginx:latest', 'Always'],
      ['nginx:1.27', 'IfNotPresent'],
      ['localhost:5000/app', 'Always'],
      ['localhost:5000/app:v1', 'IfNotPresent'],
      ['nginx@sha256:abc', 'IfNotPresent'],
    ];
    expect(table.map(([img]) => [img, defaultPullPolicy(img)])).toEqual(table);
  });
});

describe('Service', () => {
  it('defaults ClusterIP services', () => {
    const svc = run('Service', { metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } });
    expect(svc.spec).toEqual({
      selector: { app: 'a' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
  it('adds externalTrafficPolicy for NodePort and LoadBalancer', () => {
    const svc = run('Service', { metadata: { name: 's' }, spec: { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 'http' }] } });
    expect(svc.spec).toEqual({
      type: 'LoadBalancer',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
});

describe('apps/v1', () => {
  const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } };
  const defaultedTemplate = { metadata: { labels: { app: 'a' }, creationTimestamp: null }, spec: { containers: [defaultedContainer], ...defaultedPodSpecFields } };

  it('defaults a Deployment', () => {
    const d = run('Deployment', { metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'a' } }, template: JSON.parse(JSON.stringify(template)) as typeof template } });
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'a' } },
      template: defaultedTemplate,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });
  it('leaves Recreate without rollingUpdate', () => {
    const d = run('Deployment', { metadata: { name: 'd' }, spec: { replicas: 0, strategy: { type: 'Recreate' }, template: JSON.parse(JSON.stringify(template)) as typeof template } });
    expect((d.spec as { strategy: unknown; replicas: number }).strategy).toEqual({ type: 'Recreate' });
    expect((d.spec as { replicas: number }).replicas).toBe(0);
  });
  it('defaults a DaemonSet', () => {
    const ds = run('DaemonSet', { metadata: { name: 'd' }, spec: { template: JSON.parse(JSON.stringify(template)) as typeof template } });
    expect(ds.spec).toEqual({
      template: defaultedTemplate,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
  });
  it('stores a template creationTimestamp as null whether the client sent null or nothing', () => {
    const sent = JSON.parse(JSON.stringify(template)) as typeof template & { metadata: { creationTimestamp?: null } };
    sent.metadata.creationTimestamp = null;
    const a = run('Deployment', { metadata: { name: 'a' }, spec: { selector: { matchLabels: { app: 'a' } }, template: sent } });
    const b = run('Deployment', { metadata: { name: 'b' }, spec: { selector: { matchLabels: { app: 'a' } }, template: JSON.parse(JSON.stringify(template)) as typeof template } });
    const tpl = (o: KObject) => (o.spec as { template?: { metadata?: unknown } }).template;
    expect(tpl(a)).toEqual(tpl(b));
    expect(tpl(b)?.metadata).toEqual({ labels: { app: 'a' }, creationTimestamp: null });
  });

  it('defaults a ReplicationController selector and labels from the template', () => {
    const rc = run('ReplicationController', { metadata: { name: 'r' }, spec: { template: JSON.parse(JSON.stringify(template)) as typeof template } });
    expect(rc.metadata).toEqual({ name: 'r', labels: { app: 'a' } });
    expect(rc.spec).toEqual({ selector: { app: 'a' }, replicas: 1, minReadySeconds: 0, template: defaultedTemplate });
  });
});

describe('other kinds', () => {
  it('Namespace gets its name label, and the finalizer and phase on create only', () => {
    expect(run('Namespace', { metadata: { name: 'dev' } }, 'create')).toEqual({
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    expect(run('Namespace', { metadata: { name: 'dev', resourceVersion: '7' }, spec: { finalizers: [] } })).toEqual({
      metadata: { name: 'dev', resourceVersion: '7', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: [] },
    });
  });
  it('Secret type, Node allocatable, endpoint ports', () => {
    expect(run('Secret', { metadata: { name: 's' } })).toEqual({ metadata: { name: 's' }, type: 'Opaque' });
    expect(run('Node', { metadata: { name: 'n' }, status: { capacity: { cpu: '2', memory: '4096Mi' } } })).toEqual({
      metadata: { name: 'n' },
      spec: {},
      status: { capacity: { cpu: '2', memory: '4Gi' }, allocatable: { cpu: '2', memory: '4Gi' } },
    });
    expect(run('Endpoints', { metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] }).subsets).toEqual([{ ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(run('EndpointSlice', { metadata: { name: 'e' }, addressType: 'IPv4', ports: [{ port: 80 }] }).ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    const cm = { metadata: { name: 'c' }, data: { a: 'b' } };
    expect(run('ConfigMap', JSON.parse(JSON.stringify(cm)) as typeof cm)).toEqual(cm);
  });
});
