import { describe, it, expect } from 'vitest';
import { kubeadmKubeconfig, kubeconfigToV1, parseKubeconfig, resolveClientConfig, serializeKubeconfig, serverHostPort } from './kubeconfig';
import { toYaml } from './yaml';

// Expected texts were printed by kubectl v1.32 (`config view`, `config view --raw`) on the same file.
describe('kubeconfig', () => {
  const cfg = kubeadmKubeconfig('https://10.0.0.11:6443');

  it('serialises as clientcmd writes admin.conf and parses back unchanged', () => {
    const text = serializeKubeconfig(cfg);
    expect(text.split('\n').filter((l) => !l.includes('-data:')).join('\n')).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        '    server: https://10.0.0.11:6443',
        '  name: kubernetes',
        'contexts:',
        '- context:',
        '    cluster: kubernetes',
        '    user: kubernetes-admin',
        '  name: kubernetes-admin@kubernetes',
        'current-context: kubernetes-admin@kubernetes',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: kubernetes-admin',
        '  user:',
        '',
      ].join('\n'),
    );
    expect(serializeKubeconfig(parseKubeconfig(text))).toBe(text);
  });

  it('redacts data and secrets as `config view` does', () => {
    const c = parseKubeconfig(serializeKubeconfig(cfg));
    c.users.set('bob', { token: 'abc', password: 'p', username: 'u' });
    expect(toYaml(kubeconfigToV1(c, true)).split('users:')[1]).toBe(
      '\n- name: bob\n  user:\n    password: REDACTED\n    token: REDACTED\n    username: u\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n',
    );
  });

  it('prints null lists and an empty current-context for an empty file', () => {
    expect(serializeKubeconfig(parseKubeconfig(''))).toBe('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n');
  });

  it('resolves the namespace: -n, then the context, then default', () => {
    const c = parseKubeconfig(serializeKubeconfig(cfg));
    expect(resolveClientConfig(c, {}).namespace).toBe('default');
    (c.contexts.get('kubernetes-admin@kubernetes') as { namespace?: string }).namespace = 'kube-system';
    const fromCtx = resolveClientConfig(c, {});
    expect([fromCtx.namespace, fromCtx.namespaceFromFlag]).toEqual(['kube-system', false]);
    const fromFlag = resolveClientConfig(c, { namespace: 'dev' });
    expect([fromFlag.namespace, fromFlag.namespaceFromFlag]).toEqual(['dev', true]);
  });

  it('falls back to localhost:8080 without a context, and --server overrides the cluster', () => {
    const c = parseKubeconfig(serializeKubeconfig(cfg));
    c.currentContext = '';
    expect(resolveClientConfig(c, {}).server).toBe('http://localhost:8080');
    expect(resolveClientConfig(parseKubeconfig(serializeKubeconfig(cfg)), { server: 'http://1.2.3.4:8080' }).server).toBe('http://1.2.3.4:8080');
  });

  it('fails as kubectl does for unknown contexts, users and clusters', () => {
    const c = parseKubeconfig(serializeKubeconfig(cfg));
    expect(() => resolveClientConfig(c, { context: 'nope' })).toThrow('Error in configuration: context was not found for specified context: nope');
    expect(() => resolveClientConfig(c, { user: 'nobody' })).toThrow('error: auth info "nobody" does not exist');
    expect(() => resolveClientConfig(c, { cluster: 'nocl' })).toThrow('error: no server found for cluster "nocl"');
  });

  it('prints host:port with default ports', () => {
    expect(serverHostPort('https://10.0.0.11:6443')).toBe('10.0.0.11:6443');
    expect(serverHostPort('http://localhost')).toBe('localhost:80');
    expect(serverHostPort('https://example.com/')).toBe('example.com:443');
  });
});
