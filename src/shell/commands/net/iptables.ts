// iptables / iptables-save v1.8.7 (nf_tables) on a node, read-only: `iptables [-t TABLE] -L
// [CHAIN] [-n]`, `-S [CHAIN]`, `-nL`, and `iptables-save [-t TABLE]`, over the rules kube-proxy
// programmed on this node. Models iptables/xshared.c option parsing and its error texts.
// SIMPLIFICATION: no rule changes (-A/-D/-I/-F answer "Operation not permitted"), no counters,
// no root check (the course always uses sudo).
import type { Command } from '../../interpreter/types';
import type { NodeNetView } from '../../../engine';

type TableName = 'nat' | 'filter';
const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'];

export function createIptables(view: NodeNetView): Command {
  return async (ctx) => {
    let table = 'filter';
    let mode: 'L' | 'S' | undefined;
    let numeric = false;
    let chain: string | undefined;
    const a = ctx.argv.slice(1);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x === '-t' || x === '--table') table = a[++i] ?? '';
      else if (x === '--list') mode = 'L';
      else if (x === '--list-rules') mode = 'S';
      else if (x === '--numeric') numeric = true;
      else if (/^-[LSnv]+$/.test(x)) {
        if (x.includes('L')) mode = 'L';
        if (x.includes('S')) mode = 'S';
        if (x.includes('n')) numeric = true;
        if (/[LS]$/.test(x) && a[i + 1] && !a[i + 1]!.startsWith('-')) chain = a[++i];
      } else if (/^-[ADIRFNXPZ]$/.test(x)) {
        ctx.stderr.write(`iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
        return 4;
      } else if (!x.startsWith('-') && mode && chain === undefined) chain = x;
      else {
        ctx.stderr.write(`iptables v1.8.7 (nf_tables): unknown option "${x}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
        return 2;
      }
    }
    if (!TABLES.includes(table)) {
      ctx.stderr.write(`iptables v1.8.7 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
      return 3;
    }
    if (!mode) {
      ctx.stderr.write("iptables v1.8.7 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n");
      return 2;
    }
    if (table !== 'nat' && table !== 'filter') {
      // mangle/raw/security hold only kube-proxy's and kubelet's canary chains... or nothing.
      const builtins = table === 'raw' ? ['PREROUTING', 'OUTPUT'] : table === 'security' ? ['INPUT', 'FORWARD', 'OUTPUT'] : ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
      if (chain && !builtins.includes(chain)) return noChain(ctx.stderr, chain);
      const cs = chain ? [chain] : builtins;
      ctx.stdout.write(mode === 'S' ? cs.map((c) => `-P ${c} ACCEPT\n`).join('') : cs.map((c) => `Chain ${c} (policy ACCEPT)\ntarget     prot opt source               destination         \n`).join('\n'));
      return 0;
    }
    const out = mode === 'S' ? view.iptablesRules(table as TableName, chain) : view.iptablesList(table as TableName, chain, numeric);
    if (out === undefined) return noChain(ctx.stderr, chain ?? '');
    ctx.stdout.write(out);
    return 0;
  };
}

function noChain(err: { write(s: string): void }, chain: string): number {
  void chain;
  err.write('iptables: No chain/target/match by that name.\n');
  return 1;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) in UTC: `Sun Nov 22 10:00:00 2026`. */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export function createIptablesSave(view: NodeNetView): Command {
  return async (ctx) => {
    const a = ctx.argv.slice(1);
    let tables: TableName[] = ['filter', 'nat'];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '-t' || a[i] === '--table') {
        const t = a[++i] ?? '';
        if (t !== 'nat' && t !== 'filter') {
          ctx.stderr.write(`iptables-save v1.8.7 (nf_tables): Cannot initialize: Table does not exist (do you need to insmod?)\n\n`);
          return 1;
        }
        tables = [t];
      }
    }
    ctx.stdout.write(view.iptablesSave(tables, ctime(ctx.sys.now())));
    return 0;
  };
}
