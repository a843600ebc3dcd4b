// Images of the node and control plane: registry.k8s.io/pause, etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler, kube-proxy and CoreDNS, with a few realistic
// startup lines (klog / zap JSON / CoreDNS formats) and their health endpoints.
// Leaves out everything they actually do: the simulated control plane lives elsewhere.
// SIMPLIFICATION: klog file:line locations are representative, not checked per release.

import { isoMicros, klogTime, requestTarget } from '../format';
import { sha256Hex } from '../sha256';
import type { ContainerEnv, HttpResponse, ImageBehaviour, ProcessContext, RunningProcess } from '../types';
import { ContainerStartError } from '../types';
import { basename, effectiveArgv, microClock } from './common';
import { execNotFoundMessage } from '../shell';

/** Distroless images have no shell: anything but their binary fails to start. */
function distroless(b: ImageBehaviour, binaries: string[], run: (argv: string[], env: ContainerEnv, ctx: ProcessContext) => RunningProcess): ImageBehaviour['start'] {
  return (env, ctx) => {
    const argv = effectiveArgv(b, env);
    if (argv.length === 0) throw new ContainerStartError(execNotFoundMessage(''));
    const bin = argv[0]!;
    const ok = binaries.some((x) => x === bin || (bin.startsWith('/') && basename(bin) === basename(x) && ['/', '/usr/local/bin/', '/usr/bin/'].includes(bin.slice(0, bin.length - basename(bin).length))));
    if (!ok) throw new ContainerStartError(execNotFoundMessage(bin));
    return run(argv, env, ctx);
  };
}

export function pauseBehaviour(): ImageBehaviour {
  const b: ImageBehaviour = { defaultEntrypoint: ['/pause'], defaultCmd: [], exposedPorts: [], start: () => { throw new Error('unreachable'); } };
  b.start = distroless(b, ['/pause'], (_argv, _env, ctx) => ({
    listens: [],
    stop(signal) {
      if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
      ctx.log('Shutting down, got signal: Terminated', 'stderr');
      return { exitAfterMs: 0, code: 0 };
    },
  }));
  return b;
}

const ok = (body: string, type = 'text/plain; charset=utf-8'): HttpResponse => ({
  status: 200,
  headers: { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Content-Length': String(body.length) },
  body,
});

/** A klog logger: `I1122 10:00:00.123456       1 file.go:12] msg`. */
function klog(ctx: ProcessContext): (loc: string, msg: string, sev?: 'I' | 'W' | 'E') => void {
  const micros = microClock(ctx);
  return (loc, msg, sev = 'I') => ctx.log(`${sev}${klogTime(ctx.now(), micros())} ${'1'.padStart(7, ' ')} ${loc}] ${msg}`, 'stderr');
}

function goStop(signal: 'SIGTERM' | 'SIGKILL'): { exitAfterMs: number; code: number } {
  // Kubernetes components handle SIGTERM (graceful shutdown) and exit 0.
  return signal === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: 200, code: 0 };
}

type Script = (log: ReturnType<typeof klog>, env: ContainerEnv, version: string) => [number, string, string][];

function kubeComponent(binary: string, version: string, ports: number[], script: Script): ImageBehaviour {
  const b: ImageBehaviour = { defaultEntrypoint: [], defaultCmd: [`/usr/local/bin/${binary}`], exposedPorts: [], start: () => { throw new Error('unreachable'); } };
  b.start = distroless(b, [binary, `/usr/local/bin/${binary}`], (_argv, env, ctx) => {
    const log = klog(ctx);
    const timers = script(log, env, version).map(([ms, loc, msg]) => ctx.after(ms, () => log(loc, msg)));
    return {
      listens: ports.map((port) => ({ port, protocol: 'TCP' as const })),
      handleHttp(req) {
        const path = requestTarget(req.url).split('?')[0]!;
        if (['/healthz', '/livez', '/readyz'].includes(path)) return ok('ok');
        if (path === '/version') {
          return ok(`{\n  "major": "1",\n  "minor": "${version.split('.')[1]}",\n  "gitVersion": "${version}",\n  "platform": "linux/amd64"\n}`, 'application/json');
        }
        return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
      },
      stop(signal) {
        for (const t of timers) t.cancel();
        return goStop(signal);
      },
    };
  });
  return b;
}

const goSettings = '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""';

export function kubeApiserverBehaviour(version: string): ImageBehaviour {
  return kubeComponent('kube-apiserver', version, [8443], (_log, env, v) => [
    [0, 'options.go:238', `external host was not specified, using ${env.podIP}`],
    [2, 'server.go:143', `Version: ${v}`],
    [2, 'server.go:145', goSettings],
    [400, 'shared_informer.go:313', 'Waiting for caches to sync for node_authorizer'],
    [900, 'secure_serving.go:213', 'Serving securely on [::]:8443'],
    [1300, 'controller.go:615', 'quota admission added evaluator for: namespaces'],
    [1400, 'shared_informer.go:320', 'Caches are synced for node_authorizer'],
  ]);
}

export function kubeControllerManagerBehaviour(version: string): ImageBehaviour {
  return kubeComponent('kube-controller-manager', version, [10257], (_log, _env, v) => [
    [0, 'serving.go:386', 'Generated self-signed cert in-memory'],
    [300, 'controllermanager.go:185', `"Starting" version="${v}"`],
    [300, 'controllermanager.go:187', goSettings],
    [310, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
    [320, 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-controller-manager...'],
    [500, 'leaderelection.go:271', 'successfully acquired lease kube-system/kube-controller-manager'],
  ]);
}

export function kubeSchedulerBehaviour(version: string): ImageBehaviour {
  return kubeComponent('kube-scheduler', version, [10259], (_log, _env, v) => [
    [0, 'serving.go:386', 'Generated self-signed cert in-memory'],
    [200, 'server.go:166', `"Starting Kubernetes Scheduler" version="${v}"`],
    [200, 'server.go:168', goSettings],
    [210, 'secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
    [300, 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-scheduler...'],
    [450, 'leaderelection.go:271', 'successfully acquired lease kube-system/kube-scheduler'],
  ]);
}

export function kubeProxyBehaviour(version: string): ImageBehaviour {
  return kubeComponent('kube-proxy', version, [10256], (_log, env, v) => [
    [0, 'server_linux.go:66', '"Using iptables proxy"'],
    [40, 'server.go:698', `"Successfully retrieved node IP(s)" IPs=["${env.podIP}"]`],
    [50, 'server_linux.go:170', '"Using iptables Proxier"'],
    [50, 'server.go:497', `"Version info" version="${v}"`],
    [50, 'server.go:499', goSettings],
    [60, 'config.go:199', '"Starting service config controller"'],
    [60, 'shared_informer.go:313', 'Waiting for caches to sync for service config'],
    [160, 'shared_informer.go:320', 'Caches are synced for service config'],
  ]);
}

export function etcdBehaviour(version: string): ImageBehaviour {
  const b: ImageBehaviour = { defaultEntrypoint: [], defaultCmd: ['/usr/local/bin/etcd'], exposedPorts: [2379, 2380], start: () => { throw new Error('unreachable'); } };
  b.start = distroless(b, ['etcd', '/usr/local/bin/etcd'], (argv, env, ctx) => {
    const name = argv.find((a) => a.startsWith('--name='))?.slice(7) ?? env.nodeName;
    const ip = env.podIP;
    const micros = microClock(ctx);
    const line = (caller: string, msg: string, extra = ''): void =>
      ctx.log(`{"level":"info","ts":"${isoMicros(ctx.now(), micros())}","caller":"${caller}","msg":"${msg}"${extra}}`, 'stderr');
    const steps: [number, () => void][] = [
      [0, () => line('embed/etcd.go:128', 'configuring peer listeners', `,"listen-peer-urls":["https://${ip}:2380"]`)],
      [1, () => line('embed/etcd.go:136', 'configuring client listeners', `,"listen-client-urls":["https://127.0.0.1:2379","https://${ip}:2379"]`)],
      [2, () => line('embed/etcd.go:311', 'starting an etcd server', `,"etcd-version":"${version}","go-version":"go1.22.7","go-os":"linux","go-arch":"amd64","name":"${name}"`)],
      [300, () => line('etcdserver/server.go:2129', 'published local member to cluster through raft', `,"local-member-attributes":"{Name:${name} ClientURLs:[https://${ip}:2379]}"`)],
      [301, () => line('embed/serve.go:103', 'ready to serve client requests')],
      [302, () => line('etcdmain/main.go:44', 'notifying init daemon')],
    ];
    const timers = steps.map(([ms, fn]) => ctx.after(ms, fn));
    return {
      listens: [2379, 2380, 2381].map((port) => ({ port, protocol: 'TCP' as const })),
      handleHttp(req) {
        const path = requestTarget(req.url).split('?')[0]!;
        if (path === '/health' || path === '/readyz' || path === '/livez') return ok('{"health":"true","reason":""}', 'text/plain; charset=utf-8');
        return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
      },
      stop(signal) {
        for (const t of timers) t.cancel();
        if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
        line('osutil/interrupt_unix.go:64', 'received signal; shutting down', ',"signal":"terminated"');
        return { exitAfterMs: 100, code: 0 };
      },
    };
  });
  return b;
}

export function corednsBehaviour(version: string): ImageBehaviour {
  const b: ImageBehaviour = { defaultEntrypoint: ['/coredns'], defaultCmd: [], exposedPorts: [53], start: () => { throw new Error('unreachable'); } };
  b.start = distroless(b, ['/coredns'], (argv, _env, ctx) => {
    const conf = argv.includes('-conf') ? argv[argv.indexOf('-conf') + 1] ?? '' : '';
    ctx.log('.:53', 'stdout');
    ctx.log(`[INFO] plugin/reload: Running configuration SHA512 = ${sha256Hex(`corefile:${conf}`)}${sha256Hex(`corefile2:${conf}`)}`, 'stdout');
    ctx.log(`CoreDNS-${version.replace(/^v/, '')}`, 'stdout');
    ctx.log('linux/amd64, go1.21.11, a6338e9', 'stdout');
    return {
      listens: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
        { port: 8080, protocol: 'TCP' },
        { port: 8181, protocol: 'TCP' },
        { port: 9153, protocol: 'TCP' },
      ],
      handleHttp(req) {
        const path = requestTarget(req.url).split('?')[0]!;
        if (path === '/health' || path === '/ready') return ok('OK');
        return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
      },
      stop(signal) {
        if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
        ctx.log('[INFO] SIGTERM: Shutting down servers then terminating', 'stdout');
        ctx.log('[INFO] plugin/health: Going into lameduck mode for 5s', 'stdout');
        return { exitAfterMs: 5000, code: 0 };
      },
    };
  });
  return b;
}
