// The official redis image (7.x): startup banner, `Ready to accept connections tcp`, an
// in-memory keyspace reachable through RunningProcess.redisCommand, SIGTERM shutdown lines.
// Models redis/src/server.c startup and shutdown logging. Leaves out persistence (the final
// save is only logged), replication, config files and the overcommit warning (the kubelet
// sets vm.overcommit_memory=1 on nodes, so real pods do not print it).

import { redisTime } from '../format';
import { RedisStore } from '../redis-store';
import { startUserlandProcess } from '../shell';
import type { ImageBehaviour } from '../types';
import { basename, effectiveArgv } from './common';

export function redisBehaviour(version: string, alpine: boolean): ImageBehaviour {
  const b: ImageBehaviour = {
    defaultEntrypoint: ['docker-entrypoint.sh'],
    defaultCmd: ['redis-server'],
    workingDir: '/data',
    exposedPorts: [6379],
    imageEnv: { REDIS_VERSION: version },
    start(env, ctx) {
      let argv = effectiveArgv(b, env);
      if (argv[0] === 'docker-entrypoint.sh' || argv[0] === '/usr/local/bin/docker-entrypoint.sh') argv = argv.slice(1);
      if (argv[0] !== undefined && argv[0].startsWith('-')) argv = ['redis-server', ...argv];
      if (argv[0] === undefined || basename(argv[0]) !== 'redis-server') {
        return startUserlandProcess(alpine ? 'busybox' : 'debian', argv, env, ctx, b.imageEnv);
      }
      const store = new RedisStore();
      const c = (msg: string, level = '*'): void => ctx.log(`1:C ${redisTime(ctx.now())} ${level} ${msg}`, 'stdout');
      const m = (msg: string, level = '*'): void => ctx.log(`1:M ${redisTime(ctx.now())} ${level} ${msg}`, 'stdout');
      c('oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
      c(`Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`);
      if (argv.length > 1) c('Configuration loaded');
      else c('Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf', '#');
      let stopped = false;
      const startup = ctx.after(1 + ctx.rng.int(2), () => {
        m('monotonic clock: POSIX clock_gettime');
        m('Running mode=standalone, port=6379.');
        // Redis 7.2 lowered "Server initialized" to notice and named the listener type.
        const v72 = Number(version.split('.')[0]) > 7 || (version.startsWith('7.') && Number(version.split('.')[1]) >= 2);
        m('Server initialized', v72 ? '*' : '#');
        m(v72 ? 'Ready to accept connections tcp' : 'Ready to accept connections');
      });
      return {
        listens: [{ port: 6379, protocol: 'TCP' }],
        redisCommand(args) {
          if (stopped) return { type: 'error', value: 'ERR server is shutting down' };
          return store.command(args);
        },
        stop(signal) {
          startup.cancel();
          if (signal === 'SIGKILL') return { exitAfterMs: 0, code: 137 };
          stopped = true;
          ctx.log(`1:signal-handler (${Math.floor(ctx.now() / 1000)}) Received SIGTERM scheduling shutdown...`, 'stdout');
          m('User requested shutdown...', '#');
          m('Saving the final RDB snapshot before exiting.');
          m('DB saved on disk');
          m('Redis is now ready to exit, bye bye...', '#');
          return { exitAfterMs: 100, code: 0 };
        },
      };
    },
  };
  return b;
}
