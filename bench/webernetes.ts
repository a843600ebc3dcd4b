// The same rollout scenario on @ngrok/webernetes (the other TypeScript Kubernetes simulator),
// for the side-by-side ratio in P2: a Deployment of N replicas on 20 nodes, from apply to all
// replicas available, in wall-clock milliseconds.
// The package's own types (dist/*.d.ts) for the compiler; the code comes from its TypeScript
// sources through a path the compiler does not follow (they do not pass this repo's strict flags).
import type * as Webernetes from '@ngrok/webernetes';

const SOURCE = '../node_modules/@ngrok/webernetes/src/index.ts';

async function load(): Promise<typeof Webernetes> {
  return (await import(/* @vite-ignore */ SOURCE)) as typeof Webernetes;
}

function pauseImage(w: typeof Webernetes) {
  return class PauseImage extends w.BaseImage {
    static readonly imageName = 'bench';
    static readonly imageVersion = '1.0';
    readonly defaultCommand = ['serve'];
    override async exec(ctx: Webernetes.ProcessContext, argv: readonly string[]): Promise<number> {
      if (argv[0] !== 'serve') return super.exec(ctx, argv);
      return ctx.waitUntilKilled();
    }
  };
}

export async function webernetesDeployment(replicas: number, timeoutMs: number): Promise<number | undefined> {
  const w = await load();
  const cluster = new w.Cluster({ nodes: 20 });
  cluster.registerImage(pauseImage(w));
  await cluster.init();
  const start = performance.now();
  await cluster.apply([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'bench:1.0' }] } },
      },
    },
  ] as const);
  let elapsed: number | undefined;
  for (;;) {
    const d = await cluster.api.appsv1.readNamespacedDeployment({ name: 'web', namespace: 'default' });
    if ((d.status?.availableReplicas ?? 0) >= replicas) {
      elapsed = performance.now() - start;
      break;
    }
    if (performance.now() - start > timeoutMs) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await cluster.close();
  return elapsed;
}

if (process.argv[1]?.endsWith('webernetes.ts')) {
  const n = Number(process.argv[2] ?? 100);
  webernetesDeployment(n, 120_000).then((ms) => {
    console.log(`webernetes: deployment of ${n} replicas available after ${ms === undefined ? 'timeout' : `${Math.round(ms)} ms`}`);
    process.exit(0);
  });
}
