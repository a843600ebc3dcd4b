import { describe, it, expect } from 'vitest';
import { digestOf, imageIdOf, imageNameOf, resolveImage } from './registry';

describe('resolveImage', () => {
  it('resolves known images with normalised names and stable digests', () => {
    const r = resolveImage('nginx');
    if (!r.ok) throw new Error(r.message);
    expect(r.image.repository).toBe('docker.io/library/nginx');
    expect(r.image.tag).toBe('latest');
    expect(r.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(imageNameOf(r.image)).toBe('docker.io/library/nginx:latest');
    expect(imageIdOf(r.image)).toBe(`docker.io/library/nginx@${r.image.digest}`);
    expect(r.image.sizeBytes).toBeGreaterThan(70_000_000);
    expect(r.image.pullMs).toBe(Math.round(800 + r.image.sizeBytes / 30_000));
    expect(r.behaviour.defaultEntrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(r.behaviour.defaultCmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(r.behaviour.exposedPorts).toEqual([80]);
  });
  it('gives all tags of one build the same digest, and different builds different ones', () => {
    const d = (ref: string): string => {
      const r = resolveImage(ref);
      if (!r.ok) throw new Error(r.message);
      return r.image.digest;
    };
    expect(d('nginx')).toBe(d('docker.io/library/nginx:1.27.3'));
    expect(d('nginx:1.27')).toBe(d('nginx:mainline'));
    expect(d('nginx:1.17.6')).not.toBe(d('nginx:1.17'));
    expect(d('nginx:alpine')).not.toBe(d('nginx'));
    expect(d('redis')).toBe(d('redis:7.4.1'));
    expect(d('nginx')).toBe(digestOf('docker.io/library/nginx:1.27.3'));
  });
  it('resolves every image the course uses', () => {
    for (const ref of [
      'nginx:1.17.6', 'nginx:1.16', 'nginx:alpine', 'nginx:1.25-alpine', 'busybox', 'busybox:1.36', 'busybox:1.36.1-musl', 'alpine', 'alpine:3.20',
      'ubuntu', 'ubuntu:22.04', 'debian:bookworm-slim', 'python', 'python:3.12-slim', 'python:3.11-alpine', 'httpd', 'httpd:2.4-alpine', 'redis', 'redis:7-alpine',
      'jpetazzo/httpenv', 'dockercoins/rng:v0.1', 'dockercoins/hasher:v0.1', 'dockercoins/webui:v0.1', 'dockercoins/worker:v0.1',
      'registry.k8s.io/pause:3.10', 'registry.k8s.io/etcd:3.5.16-0', 'registry.k8s.io/kube-apiserver:v1.32.0',
      'registry.k8s.io/kube-controller-manager:v1.32.0', 'registry.k8s.io/kube-scheduler:v1.32.0', 'registry.k8s.io/kube-proxy:v1.32.0',
      'registry.k8s.io/coredns/coredns:v1.11.3',
    ]) {
      const r = resolveImage(ref);
      expect(r.ok, ref).toBe(true);
    }
  });
  it('resolves a pull by digest of a known build and rejects unknown digests', () => {
    const byTag = resolveImage('nginx:1.25.5');
    if (!byTag.ok) throw new Error(byTag.message);
    const r = resolveImage(`nginx@${byTag.image.digest}`);
    if (!r.ok) throw new Error(r.message);
    expect(imageNameOf(r.image)).toBe(`docker.io/library/nginx@${byTag.image.digest}`);
    const bad = `sha256:${'0'.repeat(64)}`;
    expect(resolveImage(`nginx@${bad}`)).toEqual({
      ok: false, reason: 'ManifestUnknown', rpcCode: 'NotFound',
      message: `failed to pull and unpack image "docker.io/library/nginx@${bad}": failed to resolve reference "docker.io/library/nginx@${bad}": docker.io/library/nginx@${bad}: not found`,
    });
  });
  it("fails unknown repositories with containerd's access-denied text", () => {
    expect(resolveImage('ngnix')).toEqual({
      ok: false, reason: 'NotFound', rpcCode: 'Unknown',
      message:
        'failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
  });
  it('fails unknown tags of known repositories with "not found"', () => {
    expect(resolveImage('nginx:1.999')).toEqual({
      ok: false, reason: 'ManifestUnknown', rpcCode: 'NotFound',
      message: 'failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found',
    });
    expect(resolveImage('dockercoins/rng')).toEqual({
      ok: false, reason: 'ManifestUnknown', rpcCode: 'NotFound',
      message: 'failed to pull and unpack image "docker.io/dockercoins/rng:latest": failed to resolve reference "docker.io/dockercoins/rng:latest": docker.io/dockercoins/rng:latest: not found',
    });
    expect(resolveImage('registry.k8s.io/nope:1')).toMatchObject({ ok: false, reason: 'NotFound', rpcCode: 'NotFound' });
  });
  it('fails unreachable registries with a DNS error', () => {
    expect(resolveImage('myregistry.local:5000/app:v1')).toEqual({
      ok: false, reason: 'NotFound', rpcCode: 'Unknown',
      message:
        'failed to pull and unpack image "myregistry.local:5000/app:v1": failed to resolve reference "myregistry.local:5000/app:v1": failed to do request: Head "https://myregistry.local:5000/v2/app/manifests/v1": dial tcp: lookup myregistry.local on 192.168.49.1:53: no such host',
    });
  });
  it("reports invalid references with the kubelet's InvalidImageName text", () => {
    expect(resolveImage('Nginx:latest')).toEqual({
      ok: false, reason: 'InvalidReference', rpcCode: 'InvalidArgument',
      message: 'Failed to apply default image tag "Nginx:latest": couldn\'t parse image name "Nginx:latest": invalid reference format: repository name (library/Nginx) must be lowercase',
    });
    expect(resolveImage('nginx:')).toMatchObject({ reason: 'InvalidReference', message: 'Failed to apply default image tag "nginx:": couldn\'t parse image name "nginx:": invalid reference format' });
  });
});
