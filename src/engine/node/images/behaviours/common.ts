// Helpers shared by image behaviours: the argv the runtime executes (Kubernetes command/args
// over image ENTRYPOINT/CMD), worker pids, and small HTTP helpers.
// Leaves out shell-form ENTRYPOINT/CMD (all images here use exec form).

import type { ContainerEnv, HttpResponse, ImageBehaviour, ProcessContext } from '../types';

/** Models kubernetes/pkg/kubelet/kuberuntime/kuberuntime_container.go (command/args over the image config). */
export function effectiveArgv(b: Pick<ImageBehaviour, 'defaultEntrypoint' | 'defaultCmd'>, env: ContainerEnv): string[] {
  const entry = env.command ?? b.defaultEntrypoint;
  const cmd = env.args ?? (env.command ? [] : b.defaultCmd);
  return [...entry, ...cmd];
}

/** Pids of worker processes started right after PID 1 (nginx prints them); 1 CPU per node by default. */
export function workerPids(ctx: ProcessContext, n: number): number[] {
  const first = 20 + ctx.rng.int(20);
  const pids: number[] = [];
  for (let i = 0; i < n; i++) pids.push(first + i);
  return pids;
}

export function textResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body };
}

export const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Sub-millisecond parts (0-999 µs) that increase within one millisecond, for µs timestamps. */
export function microClock(ctx: ProcessContext): () => number {
  let lastMs = -1;
  let last = 0;
  return () => {
    const now = ctx.now();
    if (now !== lastMs) {
      lastMs = now;
      last = ctx.rng.int(400);
    } else last = Math.min(999, last + 1 + ctx.rng.int(120));
    return last;
  };
}
