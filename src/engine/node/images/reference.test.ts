import { describe, it, expect } from 'vitest';
import { normalizeImageRef, parseNormalizedNamed } from './reference';

// Tables modelled on distribution/reference normalize_test.go.
describe('parseNormalizedNamed', () => {
  it('accepts the valid names of TestValidateReferenceName', () => {
    for (const name of [
      'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian',
      'docker.io/debian', 'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
      '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian', '192.168.0.1',
      '192.168.0.1:80', '192.168.0.1:8/debian', '192.168.0.2:25000/debian',
      'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', '[fc00::1]:5000/docker',
      '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
      'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'Docker/docker', 'DOCKER/docker',
      'docker-rules/docker', 'docker---rules/docker', 'd/docker', 'jess/t', 'dock__er/docker',
    ]) {
      expect(parseNormalizedNamed(name).ok, name).toBe(true);
    }
  });
  it('rejects the invalid names of TestValidateReferenceName and TestValidateRemoteName', () => {
    for (const name of [
      'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker',
      'docker///docker', 'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000',
      'fc00::1:5000/debian', '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
      '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'docker-/docker', '-docker-/docker',
      '____/____', '_docker/_docker', 'dock..er/docker', 'dock_.er/docker', 'dock-.er/docker', 'docker/',
      `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
    ]) {
      expect(parseNormalizedNamed(name).ok, name).toBe(false);
    }
  });
  it('gives the upstream error texts', () => {
    expect(parseNormalizedNamed('NGINX')).toEqual({ ok: false, error: 'invalid reference format: repository name (library/NGINX) must be lowercase' });
    expect(parseNormalizedNamed('nginx:')).toEqual({ ok: false, error: 'invalid reference format' });
    expect(parseNormalizedNamed('nginx:1.27 ')).toEqual({ ok: false, error: 'invalid reference format' });
    expect(parseNormalizedNamed('')).toEqual({ ok: false, error: 'invalid reference format' });
    expect(parseNormalizedNamed('1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a')).toEqual({
      ok: false,
      error: 'invalid repository name (1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a), cannot specify 64-byte hexadecimal strings',
    });
  });
  it('splits domains like TestNormalizedSplitHostname', () => {
    const table: [string, string, string][] = [
      ['test.com/foo', 'test.com', 'foo'], ['test_com/foo', 'docker.io', 'test_com/foo'],
      ['docker/migrator', 'docker.io', 'docker/migrator'], ['test.com:8080/foo', 'test.com:8080', 'foo'],
      ['test-com:8080/foo', 'test-com:8080', 'foo'], ['foo', 'docker.io', 'library/foo'],
      ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'], ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
      ['docker.io/foo', 'docker.io', 'library/foo'], ['docker.io/library/foo', 'docker.io', 'library/foo'],
      ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'], ['Foo/bar', 'Foo', 'bar'],
    ];
    for (const [input, domain, path] of table) {
      const r = parseNormalizedNamed(input);
      expect(r.ok && { domain: r.ref.domain, path: r.ref.path }, input).toEqual({ domain, path });
    }
  });
});

describe('normalizeImageRef', () => {
  const D = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
  it('normalises references like the kubelet and containerd', () => {
    const table: [string, string, string][] = [
      ['nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
      ['nginx:1.17.6', 'docker.io/library/nginx:1.17.6', 'nginx:1.17.6'],
      ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest', 'nginx:latest'],
      ['docker.io/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
      ['index.docker.io/library/nginx:alpine', 'docker.io/library/nginx:alpine', 'nginx:alpine'],
      ['jpetazzo/httpenv', 'docker.io/jpetazzo/httpenv:latest', 'jpetazzo/httpenv:latest'],
      ['dockercoins/rng:v0.1', 'docker.io/dockercoins/rng:v0.1', 'dockercoins/rng:v0.1'],
      ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
      ['registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/coredns/coredns:v1.11.3'],
      ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
      ['localhost:5000/app:v2', 'localhost:5000/app:v2', 'localhost:5000/app:v2'],
      [`redis@${D}`, `docker.io/library/redis@${D}`, `redis@${D}`],
      [`busybox:latest@${D}`, `docker.io/library/busybox@${D}`, `busybox@${D}`],
    ];
    for (const [input, full, familiar] of table) {
      const r = normalizeImageRef(input);
      expect(r.ok && { full: r.value.full, familiar: r.value.familiar }, input).toEqual({ full, familiar });
    }
    expect(normalizeImageRef('nginx:1.27')).toEqual({
      ok: true,
      value: { full: 'docker.io/library/nginx:1.27', repository: 'docker.io/library/nginx', tag: '1.27', familiar: 'nginx:1.27' },
    });
  });
  it("wraps parse errors in the kubelet's text", () => {
    expect(normalizeImageRef('Nginx')).toEqual({
      ok: false,
      error: 'couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    });
    expect(normalizeImageRef('nginx::1')).toEqual({ ok: false, error: 'couldn\'t parse image name "nginx::1": invalid reference format' });
  });
});
