// The `kubectl` command of Timonel's shell: a client of the simulated Kubernetes REST API, as
// the real kubectl v1.32 is of a real API server. Global flags, sub-command dispatch, cobra's
// error texts (`Error: unknown flag: --foo` + `See 'kubectl get --help' for usage.`), help basics.
// Models kubectl/pkg/cmd/cmd.go and cobra's command lookup and flag errors.
// kubeconfig and contexts: target.ts; help texts: help.ts. Leaves out: plugins, completion.
import type { Command, CommandContext } from '../../interpreter/types';
import type { Invocation, SubCommand } from './command';
import { KubeClient, KubectlError, StatusError, errorText, sanitize } from './client';
import { FlagError, FlagSet, Flags, HelpRequested } from './flags';
import type { FlagDef } from './flags';
import type { KubeHost } from './host';
import { getCommand } from './get';
import { describeCommand } from './describe';
import { applyCommand, createCommand } from './apply';
import { deleteCommand } from './delete';
import { runCommand } from './run';
import { attachCommand } from './attach';
import { rolloutCommand, scaleCommand } from './scale';
import { logsCommand } from './logs';
import { waitCommand } from './wait';
import { apiResourcesCommand, clusterInfoCommand, versionCommand } from './info';
import { execCommand } from './exec/exec';
import { portForwardCommand } from './port-forward';
import { normalizeDryRun } from './dry-run';
import { configCommand } from './config';
import { apiVersionsCommand, explainCommand } from './explain';
import { helpCommand, helpFor, helpPath, helpTexts, optionsText, pathWords } from './help';
import { resolveTarget } from './target';
import type { Target } from './target';
import { ConnectionError, reportConnectionError } from './connection';
import { MUTATING_COMMANDS } from './mutating-commands';

export type { KubeHost } from './host';

/** kubectl's persistent flags (the ones that matter here; the rest are accepted and ignored). */
const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'request-timeout', type: 'string', def: '0' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'as', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
];

const COMMANDS: SubCommand[] = [
  createCommand,
  getCommand,
  runCommand,
  deleteCommand,
  applyCommand,
  describeCommand,
  logsCommand,
  execCommand,
  attachCommand,
  portForwardCommand,
  rolloutCommand,
  scaleCommand,
  waitCommand,
  versionCommand,
  apiResourcesCommand,
  clusterInfoCommand,
  configCommand,
  explainCommand,
  apiVersionsCommand,
  ...MUTATING_COMMANDS,
];

/** Every real kubectl v1.32 command, in registration order (for cobra's "Did you mean this?"). */
const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate',
  'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];

function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

function findCommand(name: string): SubCommand | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

/** The index of the sub-command word, skipping global flags and their values (cobra's stripFlags). */
function commandIndex(argv: string[]): number {
  const valued = new Set<string>();
  for (const d of GLOBAL_FLAGS) {
    if (d.type === 'bool') continue;
    valued.add(`--${d.name}`);
    if (d.short) valued.add(`-${d.short}`);
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return -1;
    if (!a.startsWith('-')) return i;
    if (valued.has(a)) i++;
  }
  return -1;
}

function mainHelp(): string {
  const lines = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', '', 'Commands:'];
  const w = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(w)}${c.short}`);
  lines.push('', 'Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.');
  lines.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}

function commandHelp(c: SubCommand): string {
  const lines = [`${c.short}.`, '', 'Options:'];
  for (const d of c.flags) {
    const head = d.short ? `-${d.short}, --${d.name}` : `    --${d.name}`;
    const def = d.type === 'bool' ? 'false' : d.def !== undefined ? String(d.def) : d.type === 'stringSlice' || d.type === 'stringArray' ? '[]' : "''";
    lines.push(`    ${head}=${def}:`);
    // SIMPLIFICATION: flag descriptions are only shown where a sub-command provides them.
    if (d.usage) lines.push(`\t${d.usage}`, '');
  }
  lines.push('', 'Usage:', `  ${c.usage}`, '', 'Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}

/** A sub-command flag named like a persistent one shadows it (cobra: `set subject --user`). */
function withoutShadowed(flags: Flags, sub: SubCommand): Flags {
  const shadowed = sub.flags.filter((d) => GLOBAL_FLAGS.some((g) => g.name === d.name)).map((d) => d.name);
  if (shadowed.length === 0) return flags;
  const values = new Map(flags.p.values);
  const changed = new Set(flags.p.changed);
  for (const n of shadowed) {
    values.delete(n);
    changed.delete(n);
  }
  return new Flags({ ...flags.p, values, changed });
}

export function createKubectl(host: KubeHost): Command {
  return async (ctx: CommandContext): Promise<number> => {
    const argv = ctx.argv.slice(1);
    const out = (s: string) => ctx.stdout.write(s);
    const err = (s: string) => ctx.stderr.write(s);
    const ci = commandIndex(argv);
    const home = ctx.env.get('HOME') || ctx.fs.home;
    if (ci < 0) {
      if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
        out((await helpFor([], home)) ?? mainHelp());
        return 0;
      }
      // only global flags: the root command parses them (errors as cobra's), then shows its help
      try {
        new FlagSet(GLOBAL_FLAGS).parse(argv);
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        err(`Error: ${e.message}\nSee 'kubectl --help' for usage.\n`);
        return 1;
      }
      if (!argv.includes('--')) {
        out((await helpFor([], home)) ?? mainHelp());
        return 0;
      }
    }
    const name = ci >= 0 ? argv[ci] : '';
    if (name === 'help') return helpCommand(pathWords(argv.slice(ci + 1)), home, out, err);
    if (name === 'options') {
      out(await optionsText(home));
      return 0;
    }
    const sub = findCommand(name);
    if (!sub && (argv.includes('--help') || argv.includes('-h'))) {
      const text = await helpFor(pathWords(argv.slice(ci)), home);
      if (text !== undefined) {
        out(text);
        return 0;
      }
    }
    if (!sub) {
      const sugg = KUBECTL_COMMANDS.filter((c) => levenshtein(name.toLowerCase(), c) <= 2 || c.startsWith(name.toLowerCase()));
      err(`Error: unknown command "${name}" for "kubectl"\n` + (sugg.length ? `\nDid you mean this?\n${sugg.map((c) => `\t${c}\n`).join('')}\n` : ''));
      return 1;
    }
    const rest = [...argv.slice(0, ci), ...argv.slice(ci + 1)];
    const fs = new FlagSet([...GLOBAL_FLAGS.filter((g) => !sub.flags.some((d) => d.name === g.name)), ...sub.flags]);
    let flags: Flags;
    try {
      flags = new Flags(fs.parse(rest));
    } catch (e) {
      if (e instanceof HelpRequested) {
        out((await helpFor([sub.name, ...pathWords(argv.slice(ci + 1))], home)) ?? commandHelp(sub));
        return 0;
      }
      if (e instanceof FlagError) {
        const path = helpPath(await helpTexts(), [sub.name, ...pathWords(argv.slice(ci + 1))]) || sub.name;
        err(`Error: ${e.message}\nSee 'kubectl ${path} --help' for usage.\n`);
        return 1;
      }
      throw e;
    }
    // pflag prints a deprecated flag's notice on stderr as soon as it is parsed.
    if (flags.changed('record') && sub.flags.some((d) => d.name === 'record')) err('Flag --record has been deprecated, --record will be removed in the future\n');
    // RECONSTRUCTED (see the exec/port-forward helper's report): the kubeconfig target wiring.
    let target: Target | undefined;
    try {
      target = sub.local ? undefined : resolveTarget(host, ctx, withoutShadowed(flags, sub));
    } catch (e) {
      if (e instanceof KubectlError) {
        err(sanitize(errorText(e)));
        return e.exitCode;
      }
      throw e;
    }
    normalizeDryRun(flags, host.now(), err);
    const client = new KubeClient(target?.host ?? host);
    client.onWarning = (w) => err(sanitize(`Warning: ${w}\n`));
    const explicit = target ? target.config.namespaceFromFlag : flags.changed('namespace');
    const inv: Invocation = {
      ctx,
      client,
      flags,
      namespace: target ? target.config.namespace : explicit ? flags.str('namespace') : 'default',
      explicitNamespace: explicit,
      server: host.connect ? target?.config.server : undefined,
      out,
      err,
      rawArgs: rest,
    };
    try {
      return await sub.run(inv);
    } catch (e) {
      if (e instanceof ConnectionError) {
        return reportConnectionError(e, { ctx, command: sub.name, args: flags.args, filenames: flags.list('filename'), requestTimeoutMs: target?.requestTimeoutMs ?? 0 });
      }
      if (e instanceof KubectlError || e instanceof StatusError) {
        err(sanitize(errorText(e)));
        return e instanceof KubectlError ? e.exitCode : 1;
      }
      if (e instanceof Error && e.constructor === Error) {
        err(sanitize(`error: ${e.message}\n`));
        return 1;
      }
      throw e;
    }
  };
}
