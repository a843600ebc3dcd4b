// The shape shared by kubectl sub-commands: flags, the parsed invocation (namespace, client,
// output streams) and helpers for waiting on watch events while honouring Ctrl-C.
// Models kubectl's Complete → Validate → Run split loosely: each sub-command parses its flags,
// checks them and runs against the REST client.
import type { CommandContext } from '../../interpreter/types';
import type { KubeClient } from './client';
import type { FlagDef, Flags } from './flags';

export interface Invocation {
  ctx: CommandContext;
  client: KubeClient;
  flags: Flags;
  /** Effective namespace (`-n` or the context's default). */
  namespace: string;
  /** Whether `-n/--namespace` was given explicitly. */
  explicitNamespace: boolean;
  out(s: string): void;
  err(s: string): void;
  /** argv after the sub-command, as typed. */
  rawArgs: string[];
  /** The API server URL of the kubeconfig context in use (`https://10.0.0.11:6443`). */
  server?: string;
}

export interface SubCommand {
  name: string;
  aliases?: string[];
  /** One-line description for `kubectl --help`. */
  short: string;
  usage: string;
  flags: FlagDef[];
  /** Runs without an API server (config, help): kubeconfig errors are not raised for it. */
  local?: boolean;
  run(inv: Invocation): Promise<number>;
}

/** Resolves when `register` calls its `done` callback or the user interrupts; returns true if interrupted. */
export function waitUntil(ctx: CommandContext, register: (done: () => void) => () => void): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const state: { finished: boolean; cleanup?: () => void; unsubAbort?: () => void } = { finished: false };
    const finish = (interrupted: boolean) => {
      if (state.finished) return;
      state.finished = true;
      state.cleanup?.();
      state.unsubAbort?.();
      resolve(interrupted);
    };
    if (ctx.interrupt.aborted) {
      finish(true);
      return;
    }
    state.unsubAbort = ctx.interrupt.onAbort(() => finish(true));
    const cleanup = register(() => finish(false));
    if (state.finished) cleanup();
    else state.cleanup = cleanup;
  });
}

/** Output flags shared by get-like commands. */
export const OUTPUT_FLAG: FlagDef = { name: 'output', short: 'o', type: 'string' };
export const DRY_RUN_FLAG: FlagDef = { name: 'dry-run', type: 'string', def: 'none', noOpt: 'unchanged' };

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy */
export function dryRunOf(flags: Flags): DryRun {
  const v = flags.str('dry-run');
  if (v === 'client' || v === 'server' || v === 'none') return v;
  if (v === '' || v === 'unchanged') return 'none';
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export const dryRunSuffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');
