import { describe, it, expect } from 'vitest';
import { createSession } from './session';

describe('Clusters', () => {
  it('routes server URLs: the kubeadm API server, refused ports on lab machines, timeouts elsewhere', () => {
    const s = createSession({ seed: 1 });
    const ep = s.clusters.connect('https://10.0.0.11:6443');
    expect(typeof ep).toBe('object');
    expect(typeof s.clusters.connect('https://node1:6443')).toBe('object');
    expect(s.clusters.connect('https://10.0.0.12:6443')).toBe('refused');
    expect(s.clusters.connect('http://localhost:8080')).toBe('refused');
    expect(s.clusters.connect('https://1.2.3.4:6443')).toBe('timeout');
  });

  it('accepts only the admin credentials of the cluster', () => {
    const s = createSession({ seed: 1 });
    const ep = s.clusters.connect('https://10.0.0.11:6443');
    if (typeof ep === 'string') throw new Error('no endpoint');
    expect(ep.authenticate?.({ name: 'bob', token: 'abc' })).toBe(false);
    const cfg = s.shell.fs.readFile('/home/k8s/.kube/config');
    const data = /client-certificate-data: (\S+)/.exec(cfg)?.[1];
    expect(ep.authenticate?.({ name: 'kubernetes-admin', clientCertificateData: data })).toBe(true);
  });

  it('creates a minikube profile as a second cluster on the same clock', () => {
    const s = createSession({ seed: 1 });
    const host = s.clusters.minikubeHost({ seed: 1, home: () => '/home/k8s' });
    const { created, profile } = host.start('minikube', { cpus: 2, memoryMb: 2200, nodes: 1, driver: 'docker' });
    expect([created, profile.ip, profile.server, profile.nodes]).toEqual([true, '192.168.49.2', 'https://192.168.49.2:8443', ['minikube']]);
    expect(s.clusters.get('minikube')?.cluster.clock).toBe(s.cluster.clock);
    host.stop('minikube');
    expect(s.clusters.connect('https://192.168.49.2:8443')).toBe('refused');
    host.delete('minikube');
    expect(s.clusters.connect('https://192.168.49.2:8443')).toBe('timeout');
  });
});
