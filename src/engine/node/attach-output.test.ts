// The kubelet's attach to a container's output (NodeAgents.attachOutput): only what the running
// instance writes after the attach, each line with its stream, until detach or the instance ends;
// nothing to attach to before the container runs or after it ended.
import { describe, it, expect } from 'vitest';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import type { Container, Pod } from '../api/types';

function runPod(c: Cluster, name: string, container: Container): void {
  const res = c.request({
    method: 'POST',
    path: '/api/v1/namespaces/default/pods',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [container] } },
  });
  expect(res.status).toBe(201);
}

const pod = (c: Cluster, name: string): Pod => c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).body as Pod;
const logs = (c: Cluster, name: string): string => c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/log` }).body as string;

describe('NodeAgents.attachOutput', () => {
  it('streams the lines written after the attach, with their stream, until detached', () => {
    const c = createCluster({ seed: 1 });
    runPod(c, 'mix', { name: 'a', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo out-$i; echo err-$i >&2; sleep 1; done'] });
    expect(c.nodes.attachOutput(pod(c, 'mix'), 'a', () => {}, () => {})).toBeUndefined();
    c.advance(5_000);
    const p = pod(c, 'mix');
    expect(p.status?.phase).toBe('Running');
    const backlog = logs(c, 'mix');
    expect(backlog.endsWith('out-4\nerr-4\n')).toBe(true);
    const seen: string[] = [];
    let ended = 0;
    const detach = c.nodes.attachOutput(p, 'a', (stream, text) => seen.push(`${stream}: ${text}`), () => ended++);
    expect(c.nodes.attachOutput(p, 'nope', () => {}, () => {})).toBeUndefined();
    c.advance(2_000);
    expect(seen).toEqual(['stdout: out-5', 'stderr: err-5', 'stdout: out-6', 'stderr: err-6']);
    expect(logs(c, 'mix')).toBe(`${backlog}out-5\nerr-5\nout-6\nerr-6\n`);
    detach!();
    c.advance(2_000);
    expect(seen.length).toBe(4);
    expect(ended).toBe(0);
  });

  it('ends with the instance it attached to and refuses a container that is not running', () => {
    const c = createCluster({ seed: 1 });
    runPod(c, 'last', { name: 'last', image: 'busybox', command: ['sh', '-c', 'sleep 3; echo bye; exit 2'] });
    c.advance(2_000);
    const seen: string[] = [];
    let ended = 0;
    expect(c.nodes.attachOutput(pod(c, 'last'), 'last', (stream, text) => seen.push(`${stream}: ${text}`), () => ended++)).toBeTypeOf('function');
    c.advance(3_000);
    expect(seen).toEqual(['stdout: bye']);
    expect(ended).toBe(1);
    c.advance(1_000);
    expect(pod(c, 'last').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(c.nodes.attachOutput(pod(c, 'last'), 'last', () => {}, () => {})).toBeUndefined();
  });
});
