// Tab completion for the playground terminal: kubectl verbs and sub-commands, flags (from
// kubectl v1.32's own help texts), resource types (discovery, as `kubectl api-resources -o name`
// lists them) and object names from the live cluster (`kubectl get TYPE -o name`, run through a
// kubectl that follows the kubeconfig's current context). Everything else goes to the shell.
// Models kubectl/pkg/cmd/util/completion.go (ResourceTypeAndNameCompletionFunc, PodResourceNameCompletionFunc).
// SIMPLIFICATION: `-l`, `--context`, `--field-selector` and `TYPE1,TYPE2` arguments are not completed.
import { HELP_TEXTS } from '../shell/commands/kubectl/help-texts';

/** Runs `kubectl ARGS` (stdout only, errors swallowed) in a private shell. */
export type KubectlRunner = (args: string[]) => Promise<string>;

interface FlagInfo {
  long: string;
  short?: string;
  takesValue: boolean;
}

/** Output formats `-o` accepts, as kubectl's help lists them. */
const OUTPUT_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json',
  'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml',
];

/** Verbs whose first argument is a pod name (PodResourceNameCompletionFunc). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);
/** Verbs whose arguments are node names. */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain', 'top node']);
/** Verbs that take `TYPE NAME...` or `TYPE/NAME`. */
const TYPE_VERBS = new Set([
  'get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'autoscale', 'expose', 'wait', 'taint',
  'rollout history', 'rollout pause', 'rollout restart', 'rollout resume', 'rollout status', 'rollout undo',
  'set env', 'set image', 'set resources', 'set selector', 'set serviceaccount', 'set subject', 'explain', 'events',
]);
/** Verbs restricted to some resource types (RolloutCompletion, scale's types). */
const TYPES_FOR: Record<string, string[]> = {
  rollout: ['daemonsets.apps', 'deployments.apps', 'statefulsets.apps'],
  scale: ['deployments.apps', 'replicasets.apps', 'replicationcontrollers', 'statefulsets.apps'],
};

/** The flags one help text documents (`-o, --output='':`, `--all=false:`). */
export function flagsOf(help: string): FlagInfo[] {
  const out: FlagInfo[] = [];
  for (const m of help.matchAll(/^ {4}(?:-([A-Za-z0-9]), )?--([a-z0-9][a-z0-9-]*)=(.*):$/gm)) {
    const def = m[3];
    out.push({ long: m[2], short: m[1], takesValue: def !== 'false' && def !== 'true' });
  }
  return out;
}

const helpKeys = Object.keys(HELP_TEXTS).filter((k) => k !== '' && !k.startsWith('__'));

/** Sub-commands one word below `path` (`''` = the root). */
export function subcommandsOf(path: string): string[] {
  const depth = path === '' ? 0 : path.split(' ').length;
  const prefix = path === '' ? '' : path + ' ';
  const names = helpKeys.filter((k) => k.startsWith(prefix) && k.split(' ').length === depth + 1).map((k) => k.slice(prefix.length));
  if (path === '') names.push('help');
  return [...new Set(names)].sort();
}

export class KubectlCompleter {
  private readonly flagCache = new Map<string, FlagInfo[]>();
  private types: Promise<string[]> | undefined;

  constructor(private readonly run: KubectlRunner) {}

  /** Forgets the cached discovery (another cluster, new CRDs). */
  invalidate(): void {
    this.types = undefined;
  }

  private flags(path: string): FlagInfo[] {
    let f = this.flagCache.get(path);
    if (!f) {
      f = [...flagsOf(HELP_TEXTS[path] ?? ''), ...flagsOf(HELP_TEXTS.options ?? '')];
      this.flagCache.set(path, f);
    }
    return f;
  }

  /** Resource types as `kubectl api-resources -o name --verbs=get` lists them (cached). */
  resourceTypes(): Promise<string[]> {
    const p = (this.types ??= this.run(['api-resources', '-o', 'name', '--verbs=get']).then((o) => lines(o)));
    p.then((t) => {
      if (t.length === 0 && this.types === p) this.types = undefined; // the server was unreachable: ask again next time
    }, () => undefined);
    return p;
  }

  /**
   * Candidates for `current`, the word under the cursor, after the words `words` of a kubectl
   * command line (`words[0]` is `kubectl`). null: not ours (file names, for `-f`).
   */
  async complete(words: string[], current: string): Promise<string[] | null> {
    let path = '';
    const positionals: string[] = [];
    let namespace: string | undefined;
    let pending: FlagInfo | undefined;
    const find = (p: string, name: string, short: boolean) => this.flags(p).find((f) => (short ? f.short === name : f.long === name));
    for (const w of words.slice(1)) {
      if (pending) {
        if (pending.long === 'namespace') namespace = w;
        pending = undefined;
        continue;
      }
      if (w.startsWith('--') && w.length > 2) {
        const eq = w.indexOf('=');
        const f = find(path, eq < 0 ? w.slice(2) : w.slice(2, eq), false);
        if (f?.long === 'namespace' && eq >= 0) namespace = w.slice(eq + 1);
        if (f?.takesValue && eq < 0) pending = f;
        continue;
      }
      if (w.startsWith('-') && w.length > 1) {
        const f = find(path, w[1], true);
        if (f?.takesValue) {
          if (w.length > 2) {
            if (f.long === 'namespace') namespace = w.slice(2).replace(/^=/, '');
          } else pending = f;
        }
        continue;
      }
      const deeper = path === '' ? w : `${path} ${w}`;
      if (positionals.length === 0 && Object.prototype.hasOwnProperty.call(HELP_TEXTS, deeper)) path = deeper;
      else positionals.push(w);
    }
    if (pending) return this.flagValues(pending, '', current);
    if (current.startsWith('-')) {
      const eq = current.indexOf('=');
      if (eq > 0 && current.startsWith('--')) {
        const f = find(path, current.slice(2, eq), false);
        return f ? this.flagValues(f, current.slice(0, eq + 1), current.slice(eq + 1)) : [];
      }
      const all = this.flags(path);
      const cands = [
        ...(current.startsWith('--') ? [] : all.filter((f) => f.short).map((f) => `-${f.short}`)),
        ...all.map((f) => `--${f.long}`),
      ];
      return [...new Set(cands)].filter((c) => c.startsWith(current)).sort();
    }
    if (path === 'help') return positionals.length === 0 ? filter(subcommandsOf(''), current) : [];
    const subs = positionals.length === 0 ? subcommandsOf(path) : [];
    const args = await this.argumentCandidates(path, positionals, current, namespace);
    return filter([...subs, ...args], current);
  }

  private async flagValues(f: FlagInfo, prefix: string, current: string): Promise<string[] | null> {
    switch (f.long) {
      case 'namespace':
        return filter(await this.names('namespaces', undefined), current).map((n) => prefix + n);
      case 'output':
        return filter(OUTPUT_FORMATS, current).map((n) => prefix + n);
      case 'filename':
      case 'kubeconfig':
        return prefix ? [] : null;
      default:
        return [];
    }
  }

  private async argumentCandidates(path: string, positionals: string[], current: string, ns: string | undefined): Promise<string[]> {
    const verb = path.split(' ')[0];
    if (POD_VERBS.has(path)) return positionals.length === 0 ? this.names('pods', ns) : [];
    if (NODE_VERBS.has(path)) return this.names('nodes', undefined);
    if (!TYPE_VERBS.has(path)) return [];
    if (path === 'explain') return positionals.length === 0 ? this.resourceTypes() : [];
    const allowed = TYPES_FOR[verb];
    const slash = current.indexOf('/');
    if (slash > 0) {
      // TYPE/NAME: names of that type, with the type as typed.
      const type = current.slice(0, slash);
      return (await this.names(type, ns)).map((n) => `${type}/${n}`);
    }
    if (positionals.length === 0) {
      const types = await this.resourceTypes();
      return allowed ? types.filter((t) => allowed.includes(t)) : types;
    }
    if (positionals[0].includes('/')) return [];
    const seen = new Set(positionals.slice(1));
    return (await this.names(positionals[0], ns)).filter((n) => !seen.has(n));
  }

  /** Names of the objects of TYPE (in namespace `ns`, else the context's), from the live cluster. */
  private async names(type: string, ns: string | undefined): Promise<string[]> {
    if (!/^[a-z0-9.-]+$/i.test(type)) return [];
    const out = await this.run(['get', type, '-o', 'name', ...(ns ? ['--namespace', ns] : [])]);
    return lines(out).map((l) => l.slice(l.indexOf('/') + 1));
  }
}

function lines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

function filter(items: string[], prefix: string): string[] {
  return [...new Set(items.filter((s) => s.startsWith(prefix)))];
}

/** The words of the command the cursor is in (after the last `|`, `;`, `&&`, `||`, `$(`). */
export function commandWords(line: string, cursor: number): { words: string[]; current: string } {
  const before = line.slice(0, cursor);
  const seg = before.split(/\|\||&&|[|;]|\$\(/).pop() ?? '';
  const m = /(\S*)$/.exec(seg);
  const current = m ? m[1] : '';
  const words = seg.slice(0, seg.length - current.length).trim().split(/\s+/).filter((w) => w !== '');
  return { words: words.map(unquote), current };
}

function unquote(w: string): string {
  return w.replace(/^(['"])(.*)\1$/, '$2');
}
