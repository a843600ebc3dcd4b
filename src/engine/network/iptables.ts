// A netfilter table as kube-proxy programs it: chains of rules with the matches and targets
// kube-proxy uses (comment, tcp/udp/sctp, statistic, recent, addrtype, mark; DNAT, MARK,
// MASQUERADE, REJECT, DROP, jumps), printed as `iptables-save`, `iptables -S` and `iptables -L`
// (v1.8.7) print them, and evaluated for one new connection with the seeded RNG.
// Models iptables/iptables-save, iptables.c (print_firewall, print_header) and the
// libxt_{comment,tcp,statistic,recent,addrtype,mark,DNAT,MARK,MASQUERADE,REJECT} printers.
// SIMPLIFICATION: no counters ([0:0]), no interfaces, no conntrack state beyond `recent`.

export type Match =
  | { m: 'comment'; text: string }
  | { m: 'tcp' | 'udp' | 'sctp'; dport?: number }
  | { m: 'statistic'; probability: string }
  | { m: 'recent'; op: 'rcheck'; seconds: number; reap: boolean; name: string }
  | { m: 'recent'; op: 'set'; name: string }
  | { m: 'addrtype'; src?: 'LOCAL'; dst?: 'LOCAL' }
  | { m: 'mark'; neg: boolean; value: string }
  | { m: 'conntrack'; ctstate: string; neg?: boolean };

export type Target =
  | { j: 'DNAT'; to: string }
  | { j: 'MARK'; op: 'or' | 'xor'; value: string }
  | { j: 'MASQUERADE'; randomFully: boolean }
  | { j: 'REJECT' }
  | { j: string };

export interface Rule {
  src?: string;
  srcNeg?: boolean;
  dst?: string;
  dstNeg?: boolean;
  proto?: 'tcp' | 'udp' | 'sctp';
  matches: Match[];
  target?: Target;
}

export const BUILTIN_CHAINS: Record<'nat' | 'filter', string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export class Table {
  readonly chains = new Map<string, Rule[]>();
  constructor(readonly name: 'nat' | 'filter') {
    for (const c of BUILTIN_CHAINS[name]) this.chains.set(c, []);
  }

  chain(name: string): Rule[] {
    let c = this.chains.get(name);
    if (!c) this.chains.set(name, (c = []));
    return c;
  }

  append(chain: string, rule: Rule): void {
    this.chain(chain).push(rule);
  }

  isBuiltin(name: string): boolean {
    return BUILTIN_CHAINS[this.name].includes(name);
  }

  /** Built-in chains in kernel order, then user chains sorted (as iptables-save lists them). */
  chainOrder(): string[] {
    const builtins = BUILTIN_CHAINS[this.name];
    const user = [...this.chains.keys()].filter((c) => !builtins.includes(c)).sort();
    return [...builtins, ...user];
  }

  references(name: string): number {
    let n = 0;
    for (const rules of this.chains.values()) for (const r of rules) if (r.target?.j === name) n++;
    return n;
  }
}

// ------------------------------------------------------------------------------- printing

/** libxt_statistic keeps the probability as a 31-bit fraction and prints it with %.11f. */
export function statisticProbability(written: string): number {
  return Math.round(0x80000000 * Number(written)) / 0x80000000;
}

/** xtables_save_string: quote unless the value is only [A-Za-z0-9_-]. */
function saveString(v: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(v)) return v;
  return `"${v.replace(/(["\\'])/g, '\\$1')}"`;
}

const withMask = (cidr: string): string => (cidr.includes('/') ? cidr : `${cidr}/32`);

/** One rule as iptables-save / iptables -S print it, without the leading `-A CHAIN`. */
export function saveRule(r: Rule): string {
  let s = '';
  if (r.src) s += `${r.srcNeg ? ' !' : ''} -s ${withMask(r.src)}`;
  if (r.dst) s += `${r.dstNeg ? ' !' : ''} -d ${withMask(r.dst)}`;
  if (r.proto) s += ` -p ${r.proto}`;
  for (const m of r.matches) {
    switch (m.m) {
      case 'comment':
        s += ` -m comment --comment ${saveString(m.text)}`;
        break;
      case 'tcp':
      case 'udp':
      case 'sctp':
        s += ` -m ${m.m}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`;
        break;
      case 'statistic':
        s += ` -m statistic --mode random --probability ${statisticProbability(m.probability).toFixed(11)}`;
        break;
      case 'recent':
        s +=
          m.op === 'rcheck'
            ? ` -m recent --rcheck --seconds ${m.seconds}${m.reap ? ' --reap' : ''} --name ${m.name} --mask 255.255.255.255 --rsource`
            : ` -m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`;
        break;
      case 'addrtype':
        s += ` -m addrtype${m.src ? ` --src-type ${m.src}` : ''}${m.dst ? ` --dst-type ${m.dst}` : ''}`;
        break;
      case 'mark':
        s += ` -m mark${m.neg ? ' !' : ''} --mark ${m.value}`;
        break;
      case 'conntrack':
        s += ` -m conntrack${m.neg ? ' !' : ''} --ctstate ${m.ctstate}`;
        break;
    }
  }
  const t = r.target;
  if (t) {
    s += ` -j ${t.j}`;
    if ('to' in t) s += ` --to-destination ${t.to}`;
    else if ('op' in t) s += ` --set-xmark ${t.value}/${t.op === 'or' ? t.value : '0x0'}`;
    else if ('randomFully' in t && t.randomFully) s += ' --random-fully';
    else if (t.j === 'REJECT') s += ' --reject-with icmp-port-unreachable';
  }
  return s;
}

/** `iptables-save -t TABLE` output for the given tables. `at` is the ctime-formatted date. */
export function iptablesSave(tables: Table[], at: string): string {
  let out = '';
  for (const t of tables) {
    out += `# Generated by iptables-save v1.8.7 on ${at}\n*${t.name}\n`;
    const order = t.chainOrder();
    for (const c of order) out += t.isBuiltin(c) ? `:${c} ACCEPT [0:0]\n` : `:${c} - [0:0]\n`;
    for (const c of order) for (const r of t.chains.get(c) ?? []) out += `-A ${c}${saveRule(r)}\n`;
    out += `COMMIT\n# Completed on ${at}\n`;
  }
  return out;
}

/** `iptables -t TABLE -S [CHAIN]`. Returns undefined when the chain does not exist. */
export function iptablesRules(t: Table, chain?: string): string | undefined {
  if (chain !== undefined && !t.chains.has(chain)) return undefined;
  const order = chain !== undefined ? [chain] : t.chainOrder();
  let out = '';
  for (const c of order) out += t.isBuiltin(c) ? `-P ${c} ACCEPT\n` : `-N ${c}\n`;
  for (const c of order) for (const r of t.chains.get(c) ?? []) out += `-A ${c}${saveRule(r)}\n`;
  return out;
}

/** Port names from Ubuntu's /etc/services for the ports the playground uses. */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 6379: 'redis', 8080: 'http-alt' };

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function listAddr(cidr: string | undefined, numeric: boolean): string {
  if (!cidr) return numeric ? '0.0.0.0/0' : 'anywhere';
  const [ip, bits] = cidr.split('/');
  return bits === undefined || bits === '32' ? ip : `${ip}/${bits}`;
}

function listRule(r: Rule, numeric: boolean): string {
  const target = r.target?.j ?? '';
  let s = `${pad(target, 9)} ${' '}${pad(r.proto ?? 'all', 5)}-- `;
  s += `${r.srcNeg ? '!' : ' '}${pad(listAddr(r.src, numeric), 19)} `;
  s += `${r.dstNeg ? '!' : ' '}${pad(listAddr(r.dst, numeric), 19)} `;
  for (const m of r.matches) {
    switch (m.m) {
      case 'comment':
        s += ` /* ${m.text} */`;
        break;
      case 'tcp':
      case 'udp':
      case 'sctp':
        s += ` ${m.m}`;
        if (m.dport !== undefined) s += ` dpt:${numeric ? m.dport : (SERVICES[m.dport] ?? m.dport)}`;
        break;
      case 'statistic':
        s += ` statistic mode random probability ${statisticProbability(m.probability).toFixed(11)}`;
        break;
      case 'recent':
        s += m.op === 'rcheck' ? ` recent: CHECK seconds: ${m.seconds}${m.reap ? ' reap' : ''} name: ${m.name} side: source mask: 255.255.255.255` : ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`;
        break;
      case 'addrtype':
        s += ` ADDRTYPE match${m.src ? ` src-type ${m.src}` : ''}${m.dst ? ` dst-type ${m.dst}` : ''}`;
        break;
      case 'mark':
        s += ` mark match${m.neg ? ' !' : ''} ${m.value}`;
        break;
      case 'conntrack':
        s += ` ctstate${m.neg ? ' !' : ''} ${m.ctstate}`;
        break;
    }
  }
  const t = r.target;
  if (t) {
    if ('to' in t) s += ` to:${t.to}`;
    else if ('op' in t) s += ` MARK ${t.op} ${t.value}`;
    else if ('randomFully' in t && t.randomFully) s += ' random-fully';
    else if (t.j === 'REJECT') s += ' reject-with icmp-port-unreachable';
  }
  return s;
}

/** `iptables -t TABLE -L [CHAIN] [-n]`. Returns undefined when the chain does not exist. */
export function iptablesList(t: Table, chain: string | undefined, numeric: boolean): string | undefined {
  if (chain !== undefined && !t.chains.has(chain)) return undefined;
  const order = chain !== undefined ? [chain] : t.chainOrder();
  const blocks: string[] = [];
  for (const c of order) {
    let b = t.isBuiltin(c) ? `Chain ${c} (policy ACCEPT)\n` : `Chain ${c} (${t.references(c)} references)\n`;
    b += 'target     prot opt source               destination         \n';
    for (const r of t.chains.get(c) ?? []) b += listRule(r, numeric) + '\n';
    blocks.push(b);
  }
  return blocks.join('\n');
}

// ----------------------------------------------------------------------------- evaluation

export interface Packet {
  src: string;
  dst: string;
  proto: 'tcp' | 'udp' | 'sctp';
  dport: number;
}

export interface EvalEnv {
  /** addrtype LOCAL: an address of this node. */
  isLocal(ip: string): boolean;
  random(): number;
  now(): number;
  /** `recent` lists: name → source IP → last seen (ms). */
  recent: Map<string, Map<string, number>>;
}

export type Verdict =
  | { kind: 'dnat'; ip: string; port: number; rules: string[] }
  | { kind: 'reject'; rules: string[] }
  | { kind: 'drop'; rules: string[] }
  | { kind: 'accept'; rules: string[] };

const cidrCache = new Map<string, { base: number; mask: number } | null>();

/** A CIDR as base and mask, parsed once (rules test the same few CIDRs for every packet). */
function parseCidr(cidr: string): { base: number; mask: number } | null {
  let c = cidrCache.get(cidr);
  if (c !== undefined) return c;
  const slash = cidr.indexOf('/');
  const bits = slash < 0 ? 32 : Number(cidr.slice(slash + 1));
  const base = toInt(slash < 0 ? cidr : cidr.slice(0, slash));
  const mask = bits === 0 ? 0 : bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  c = base === undefined || !(bits >= 0 && bits <= 32) ? null : { base: (base & mask) >>> 0, mask };
  if (cidrCache.size > 10_000) cidrCache.clear();
  cidrCache.set(cidr, c);
  return c;
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr);
  const a = toInt(ip);
  if (!c || a === undefined) return false;
  return ((a & c.mask) >>> 0) === c.base;
}

/** Dotted quad → 32-bit number; undefined for anything else. */
function toInt(ip: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const ch = ip.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || part > 255) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (ch >= 48 && ch <= 57) {
      part = part * 10 + (ch - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

function matches(r: Rule, p: Packet, env: EvalEnv, pendingSets: string[]): boolean {
  if (r.src && ipInCidr(p.src, r.src) === Boolean(r.srcNeg)) return false;
  if (r.dst && ipInCidr(p.dst, r.dst) === Boolean(r.dstNeg)) return false;
  if (r.proto && r.proto !== p.proto) return false;
  for (const m of r.matches) {
    switch (m.m) {
      case 'tcp':
      case 'udp':
      case 'sctp':
        if (m.dport !== undefined && m.dport !== p.dport) return false;
        break;
      case 'statistic':
        if (!(env.random() < statisticProbability(m.probability))) return false;
        break;
      case 'recent': {
        if (m.op === 'set') {
          pendingSets.push(m.name);
          break;
        }
        const seen = env.recent.get(m.name)?.get(p.src);
        if (seen === undefined || env.now() - seen > m.seconds * 1000) {
          if (m.reap && seen !== undefined) env.recent.get(m.name)?.delete(p.src);
          return false;
        }
        break;
      }
      case 'addrtype':
        if (m.dst && !env.isLocal(p.dst)) return false;
        if (m.src && !env.isLocal(p.src)) return false;
        break;
      case 'conntrack':
        // Every connection evaluated here is a new one.
        if (m.ctstate.split(',').includes('NEW') === Boolean(m.neg)) return false;
        break;
      case 'mark': {
        // New connections evaluated here carry no mark yet.
        const [value, mask] = m.value.split('/').map((x) => parseInt(x, 16));
        if (((0 & (mask ?? 0xffffffff)) === value) === m.neg) return false;
        break;
      }
      case 'comment':
        break;
    }
  }
  return true;
}

/** Walks `chain` for a new connection; the first terminal target decides. */
export function evaluate(t: Table, chain: string, p: Packet, env: EvalEnv): Verdict {
  const trail: string[] = [];
  const walk = (name: string, depth: number): Verdict | undefined => {
    if (depth > 32) return undefined;
    const rules = t.chains.get(name) ?? [];
    for (const r of rules) {
      const sets: string[] = [];
      if (!matches(r, p, env, sets)) continue;
      for (const s of sets) {
        let m = env.recent.get(s);
        if (!m) env.recent.set(s, (m = new Map()));
        m.set(p.src, env.now());
      }
      const tj = r.target;
      if (!tj) continue;
      switch (tj.j) {
        case 'DNAT': {
          trail.push(name);
          const to = (tj as { to: string }).to;
          const i = to.lastIndexOf(':');
          return { kind: 'dnat', ip: to.slice(0, i), port: Number(to.slice(i + 1)), rules: trail };
        }
        case 'REJECT':
          trail.push(name);
          return { kind: 'reject', rules: trail };
        case 'DROP':
          trail.push(name);
          return { kind: 'drop', rules: trail };
        case 'ACCEPT':
          return { kind: 'accept', rules: trail };
        case 'RETURN':
          return undefined;
        case 'MARK':
        case 'MASQUERADE':
          continue;
        default: {
          if (!t.chains.has(tj.j)) continue;
          trail.push(name);
          const v = walk(tj.j, depth + 1);
          if (v) return v;
          trail.pop();
        }
      }
    }
    return undefined;
  };
  return walk(chain, 0) ?? { kind: 'accept', rules: [] };
}
