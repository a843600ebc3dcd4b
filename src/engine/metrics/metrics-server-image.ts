// The registry.k8s.io/metrics-server/metrics-server image: a distroless Go binary (/metrics-server)
// that logs its klog start-up lines, serves /livez, /readyz and /healthz on --secure-port
// (default 10250) and stops on SIGTERM. The metrics themselves come from metrics-api.ts.
// Models metrics-server cmd/metrics-server (start-up as v0.7 logs it).
// SIMPLIFICATION: no TLS; /apis/metrics.k8s.io on the pod's port answers 404 (the aggregator path is served by the API server).
import { klogTime, requestTarget } from '../node/images/format';
import { basename, effectiveArgv, microClock } from '../node/images/behaviours/common';
import { execNotFoundMessage } from '../node/images/shell';
import type { HttpResponse, ImageBehaviour } from '../node/images/types';
import { ContainerStartError } from '../node/images/types';

export function metricsServerBehaviour(): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: ['/metrics-server'],
    defaultCmd: [],
    exposedPorts: [],
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      const bin = argv[0] ?? '';
      if (bin !== '/metrics-server' && basename(bin) !== 'metrics-server') throw new ContainerStartError(execNotFoundMessage(bin));
      const portArg = argv.find((a) => a.startsWith('--secure-port='));
      const port = portArg ? Number(portArg.slice('--secure-port='.length)) : 10250;
      const micros = microClock(ctx);
      const log = (loc: string, msg: string) => ctx.log(`I${klogTime(ctx.now(), micros())} ${'1'.padStart(7, ' ')} ${loc}] ${msg}`, 'stderr');
      const lines: [number, string, string][] = [
        [0, 'serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)'],
        [350, 'handler.go:275', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager'],
        [420, 'requestheader_controller.go:169', 'Starting RequestHeaderAuthRequestController'],
        [420, 'configmap_cafile_content.go:202', '"Starting controller" name="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"'],
        [430, 'secure_serving.go:213', `Serving securely on [::]:${port}`],
        [430, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"'],
      ];
      const timers = lines.map(([ms, loc, msg]) => ctx.after(ms, () => log(loc, msg)));
      return {
        listens: [{ port, protocol: 'TCP' }],
        handleHttp(req): HttpResponse {
          const path = requestTarget(req.url).split('?')[0]!;
          if (['/healthz', '/livez', '/readyz'].includes(path)) return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }, body: 'ok' };
          return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
        },
        stop(signal) {
          for (const t of timers) t.cancel();
          return signal === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: 100, code: 0 };
        },
      };
    },
  };
  return b;
}
