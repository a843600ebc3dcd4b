// jpetazzo/httpenv: a Go program on port 8888 that answers every request with the process
// environment as a JSON object (keys sorted, HTML characters escaped as Go's encoding/json does).
// Models github.com/jpetazzo/httpenv httpenv.go. Leaves out Go's HTTP server details.

import { httpDate } from '../format';
import { processEnvironment, startUserlandProcess } from '../shell';
import type { ImageBehaviour } from '../types';
import { effectiveArgv } from './common';

/** encoding/json string escaping, with Go's default HTML escaping of <, >, &. */
export function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function httpenvBehaviour(): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: [],
    defaultCmd: ['/httpenv'],
    exposedPorts: [8888],
    start(env, ctx) {
      const argv = effectiveArgv(b, env);
      if (argv[0] !== '/httpenv') return startUserlandProcess('busybox', argv, env, ctx);
      const vars = processEnvironment(undefined, env);
      const keys = [...vars.keys()].sort((a, c) => (a < c ? -1 : a > c ? 1 : 0));
      const body = `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(vars.get(k)!)}`).join(',')}}`;
      ctx.log('Starting httpenv listening on port 8888.', 'stdout');
      return {
        listens: [{ port: 8888, protocol: 'TCP' }],
        handleHttp() {
          // net/http sniffs `{"` as text/plain.
          return {
            status: 200,
            headers: { Date: httpDate(ctx.now()), 'Content-Length': String(body.length), 'Content-Type': 'text/plain; charset=utf-8' },
            body,
          };
        },
        stop(signal) {
          // Go re-raises SIGTERM with the default action; as PID 1 that is ignored, so it exit(2)s.
          return signal === 'SIGKILL' ? { exitAfterMs: 0, code: 137 } : { exitAfterMs: 0, code: 2 };
        },
      };
    },
  };
  return b;
}
