import { describe, it, expect } from 'vitest';
import { fakeContext, T0 } from './fake-context';
import { startUserlandProcess } from './shell';
import type { ContainerEnv } from './types';
import { ContainerStartError, SIGNAL_IGNORED } from './types';

const env = (over: Partial<ContainerEnv> = {}): ContainerEnv => ({
  podName: 'box', namespace: 'default', podIP: '10.244.1.7', nodeName: 'minikube', hostname: 'box',
  containerName: 'box', env: { GREETING: 'hola' }, ...over,
});

function run(argv: string[], kind: 'busybox' | 'debian' | 'ubuntu' = 'busybox', ms = 0) {
  const ctx = fakeContext();
  const proc = startUserlandProcess(kind, argv, env(), ctx);
  ctx.advance(ms);
  return { ctx, proc };
}

describe('shell userland', () => {
  it('exits 0 at once for a bare shell without a TTY (the CrashLoopBackOff case)', () => {
    const { ctx } = run(['/bin/sh']);
    expect(ctx.exited).toEqual({ code: 0, reason: 'Completed', at: T0 });
    expect(ctx.lines).toEqual([]);
    expect(run(['/bin/bash'], 'ubuntu').ctx.exited?.code).toBe(0);
  });
  it('runs false, exit codes and unknown commands', () => {
    expect(run(['false']).ctx.exited).toEqual({ code: 1, reason: 'Error', at: T0 });
    const nf = run(['sh', '-c', 'echo before; foo bar; exit 3']);
    expect(nf.ctx.lines).toEqual([
      { at: T0, stream: 'stdout', line: 'before' },
      { at: T0, stream: 'stderr', line: 'sh: foo: not found' },
    ]);
    expect(nf.ctx.exited?.code).toBe(3);
    expect(run(['sh', '-c', 'foo'], 'debian').ctx.text()).toEqual(['sh: 1: foo: not found']);
    expect(run(['bash', '-c', 'echo a\nfoo'], 'ubuntu').ctx.text()).toEqual(['a', 'bash: line 2: foo: command not found']);
    expect(run(['sh', '-c', 'foo']).ctx.exited?.code).toBe(127);
  });
  it('runs busybox nslookup: usage without a name, NXDOMAIN without a pod resolver, not in Debian images', () => {
    const usage = run(['nslookup']);
    expect(usage.ctx.lines.map((l) => `${l.stream}:${l.line}`)).toEqual([
      'stderr:BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.', 'stderr:', 'stderr:Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]',
      'stderr:', 'stderr:Query DNS about HOST', 'stderr:', 'stderr:QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any,srv,ptr',
    ]);
    expect(usage.ctx.exited?.code).toBe(1);
    const miss = run(['nslookup', 'web', '10.96.0.99']);
    expect(miss.ctx.text()).toEqual(['Server:\t\t10.96.0.99', 'Address:\t10.96.0.99:53', '', "** server can't find web: NXDOMAIN", '']);
    expect(miss.ctx.exited).toEqual({ code: 1, reason: 'Error', at: T0 });
    expect(() => startUserlandProcess('debian', ['nslookup', 'web'], env(), fakeContext())).toThrow(/exec: "nslookup": executable file not found in \$PATH/);
  });
  it('reports a missing executable as a runtime start error', () => {
    const ctx = fakeContext();
    expect(() => startUserlandProcess('busybox', ['foo'], env(), ctx)).toThrow(
      new ContainerStartError(
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
      ),
    );
    expect(() => startUserlandProcess('ubuntu', ['ping', '1.1.1.1'], env(), ctx)).toThrow(/exec: "ping": executable file not found in \$PATH/);
    expect(() => startUserlandProcess('busybox', ['/app/run'], env(), ctx)).toThrow(/exec: "\/app\/run": stat \/app\/run: no such file or directory: unknown$/);
  });
  it("runs `echo hi; sleep 3600` over virtual time", () => {
    const { ctx } = run(['sh', '-c', 'echo hi; sleep 3600']);
    expect(ctx.text()).toEqual(['hi']);
    ctx.advance(3_599_999);
    expect(ctx.exited).toBeNull();
    ctx.advance(1);
    expect(ctx.exited).toEqual({ code: 0, reason: 'Completed', at: T0 + 3_600_000 });
  });
  it('runs while loops with date and variables', () => {
    const { ctx } = run(['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "$i $(date) $GREETING $HOSTNAME"; sleep 1; done'], 'busybox', 2500);
    expect(ctx.lines).toEqual([
      { at: T0, stream: 'stdout', line: '1 Sun Nov 22 10:00:00 UTC 2026 hola box' },
      { at: T0 + 1000, stream: 'stdout', line: '2 Sun Nov 22 10:00:01 UTC 2026 hola box' },
      { at: T0 + 2000, stream: 'stdout', line: '3 Sun Nov 22 10:00:02 UTC 2026 hola box' },
    ]);
    expect(ctx.exited).toBeNull();
  });
  it('runs for loops, if, test and redirections', () => {
    const { ctx } = run(['sh', '-c', 'for i in $(seq 1 3); do if [ $i -eq 2 ]; then echo two >&2; else echo "n=$i"; fi; done; echo gone > /dev/null; printf "%s-%s\\n" a b']);
    expect(ctx.lines.map((l) => `${l.stream}:${l.line}`)).toEqual(['stdout:n=1', 'stderr:two', 'stdout:n=3', 'stdout:a-b']);
    expect(ctx.exited?.code).toBe(0);
  });
  it('reports syntax errors like each shell', () => {
    expect(run(['sh', '-c', 'while true; do echo x']).ctx.text()).toEqual(['sh: syntax error: unexpected end of file']);
    expect(run(['sh', '-c', 'while true; do echo x']).ctx.exited?.code).toBe(2);
    expect(run(['bash', '-c', 'echo ;; x'], 'ubuntu').ctx.text()).toEqual(["bash: -c: line 1: syntax error near unexpected token `;;'"]);
  });
  it('prints busybox ping output every second with seeded jitter and ignores SIGTERM', () => {
    const { ctx, proc } = run(['ping', '1.1.1.1'], 'busybox', 2000);
    expect(ctx.text()).toHaveLength(4);
    expect(ctx.text()[0]).toBe('PING 1.1.1.1 (1.1.1.1): 56 data bytes');
    for (const [i, l] of ctx.text().slice(1).entries()) expect(l).toMatch(new RegExp(`^64 bytes from 1\\.1\\.1\\.1: seq=${i} ttl=\\d+ time=\\d+\\.\\d{3} ms$`));
    expect(ctx.lines.map((l) => l.at - T0)).toEqual([0, 0, 1000, 2000]);
    expect(proc.stop('SIGTERM')).toEqual({ exitAfterMs: SIGNAL_IGNORED, code: 137 });
    expect(proc.stop('SIGKILL')).toEqual({ exitAfterMs: 0, code: 137 });
    ctx.advance(5000);
    expect(ctx.text()).toHaveLength(4);
  });
  it('prints ping statistics with -c and exits 0', () => {
    const { ctx } = run(['ping', '-c', '2', '10.244.1.9'], 'busybox', 5000);
    const t = ctx.text();
    expect(t.slice(0, 1)).toEqual(['PING 10.244.1.9 (10.244.1.9): 56 data bytes']);
    expect(t[3]).toBe('');
    expect(t[4]).toBe('--- 10.244.1.9 ping statistics ---');
    expect(t[5]).toBe('2 packets transmitted, 2 packets received, 0% packet loss');
    expect(t[6]).toMatch(/^round-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms$/);
    expect(ctx.exited).toEqual({ code: 0, reason: 'Completed', at: T0 + 1000 });
  });
  it('gives the same transcript for the same seed', () => {
    const a = run(['ping', '8.8.8.8'], 'busybox', 5000).ctx.text();
    const b = run(['ping', '8.8.8.8'], 'busybox', 5000).ctx.text();
    expect(a).toEqual(b);
  });
  it('prints the environment with image, pod and runtime variables', () => {
    const { ctx } = run(['env']);
    expect(ctx.text()).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=box', 'GREETING=hola', 'HOME=/root']);
  });
  it('throttles busy loops instead of hanging', () => {
    const { ctx } = run(['sh', '-c', 'while true; do echo y; done'], 'busybox', 100);
    expect(ctx.text().length).toBeGreaterThan(100);
    expect(ctx.text().length).toBeLessThan(2000);
  });
});
