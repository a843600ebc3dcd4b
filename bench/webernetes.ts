// The same rollout scenario on @ngrok/webernetes (the other TypeScript Kubernetes simulator),
// for the side-by-side ratio in P2: a Deployment of N replicas on 20 nodes, from apply to all
// replicas available, in wall-clock milliseconds.
import { BaseImage, Cluster } from '../node_modules/@ngrok/webernetes/src/index.ts';
import type { ProcessContext } from '../node_modules/@ngrok/webernetes/src/index.ts';

class PauseImage extends BaseImage {
  static readonly imageName = 'bench';
  static readonly imageVersion = '1.0';
  readonly defaultCommand = ['serve'];
  override async exec(ctx: ProcessContext, argv: readonly string[]): Promise<number> {
    if (argv[0] !== 'serve') return super.exec(ctx, argv);
    return ctx.waitUntilKilled();
  }
}

export async function webernetesDeployment(replicas: number, timeoutMs: number): Promise<number | undefined> {
  const cluster = new Cluster({ nodes: 20 });
  cluster.registerImage(PauseImage);
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
