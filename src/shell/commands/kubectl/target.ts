// Where one kubectl invocation sends its requests: the kubeconfig (after --kubeconfig,
// $KUBECONFIG or ~/.kube/config) merged with --context/--cluster/--user/--server/-n, then
// routed by the host to the simulated API server listening at that URL, or to a transport
// that fails as a dead address does (refused, timeout, 401).
// Models kubectl's ConfigFlags.ToRESTConfig / ToRawKubeConfigLoader and client-go's transport.
// Leaves out: TLS verification (any https URL of a known server works), proxies, exec plugins.
import type { ApiRequest, ApiResponse } from '../../../engine';
import type { CommandContext } from '../../interpreter/types';
import { KubectlError } from './client';
import { ConnectionError } from './connection';
import type { Flags } from './flags';
import { parseGoDuration } from './flags';
import type { KubeHost } from './host';
import { kubeconfigSource, loadKubeconfig, resolveClientConfig } from './kubeconfig';
import type { ClientConfig, KubeconfigEnv } from './kubeconfig';

export interface Target {
  host: KubeHost;
  config: ClientConfig;
  /** --request-timeout in ms (0 = none). */
  requestTimeoutMs: number;
}

export function kubeconfigEnv(ctx: CommandContext): KubeconfigEnv {
  return { fs: ctx.fs, cwd: ctx.cwd, env: ctx.env };
}

/** --request-timeout: a bare integer is seconds, else a Go duration; negative is an error. */
export function parseRequestTimeout(v: string): number {
  const invalid = () =>
    new KubectlError('error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
  if (v === '' || v === '0') return 0;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const ms = parseGoDuration(v);
  if (ms === null || ms < 0) throw invalid();
  return ms;
}

/** Resolves the invocation's kubeconfig and transport. Throws KubectlError as kubectl's config loading does. */
export function resolveTarget(host: KubeHost, ctx: CommandContext, flags: Flags): Target {
  const env = kubeconfigEnv(ctx);
  const explicitPath = flags.str('kubeconfig');
  if (explicitPath && !ctx.fs.stat(ctx.fs.resolve(explicitPath, ctx.cwd))) {
    throw new KubectlError(`error: stat ${explicitPath}: no such file or directory`);
  }
  const requestTimeoutMs = parseRequestTimeout(flags.str('request-timeout'));
  const cfg = loadKubeconfig(env, kubeconfigSource(env, explicitPath));
  const config = resolveClientConfig(cfg, {
    context: flags.str('context'),
    cluster: flags.str('cluster'),
    user: flags.str('user'),
    server: flags.str('server'),
    namespace: flags.str('namespace'),
  });
  if (!host.connect) return { host, config, requestTimeoutMs };
  const ep = host.connect(config.server);
  const fail = (failure: 'refused' | 'timeout' | 'unauthorized') => ({
    request: (): ApiResponse => {
      throw new ConnectionError(failure, config.server);
    },
    now: () => host.now(),
  });
  if (ep === 'refused' || ep === 'timeout') return { host: fail(ep), config, requestTimeoutMs };
  const u = config.user;
  const ok =
    !ep.authenticate ||
    ep.authenticate({ name: config.userName, token: u.token, clientCertificate: u['client-certificate'], clientCertificateData: u['client-certificate-data'] });
  if (!ok) return { host: fail('unauthorized'), config, requestTimeoutMs };
  return { host: { request: (req: ApiRequest) => ep.request(req), now: () => host.now() }, config, requestTimeoutMs };
}
