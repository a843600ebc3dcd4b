// A tiny in-memory Redis keyspace answering the commands the course uses (strings, counters,
// hashes), with Redis 7 reply types and error texts. Models redis/src/t_string.c, t_hash.c,
// server.c (command lookup errors). Leaves out expiry, persistence, other types, pub/sub,
// transactions and exact long-double float formatting.

import type { RedisReply } from './types';

type Value = { kind: 'string'; v: string } | { kind: 'hash'; v: Map<string, string> };

const OK: RedisReply = { type: 'status', value: 'OK' };
const WRONGTYPE: RedisReply = { type: 'error', value: 'WRONGTYPE Operation against a key holding the wrong kind of value' };
const NOT_INT: RedisReply = { type: 'error', value: 'ERR value is not an integer or out of range' };
const int = (value: number): RedisReply => ({ type: 'integer', value });
const bulk = (value: string | null): RedisReply => ({ type: 'bulk', value });
const err = (value: string): RedisReply => ({ type: 'error', value });

const INT_RE = /^-?(0|[1-9][0-9]*)$/;
const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

function parseInt64(s: string): bigint | null {
  if (!INT_RE.test(s) || s === '-0') return null;
  const n = BigInt(s);
  return n > MAX || n < MIN ? null : n;
}

function parseFloatStrict(s: string): number | null {
  if (s.trim() !== s || s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?inf$/i.test(s)) return null;
  const n = Number(s.replace(/inf$/i, 'Infinity'));
  return Number.isNaN(n) ? null : n;
}

// SIMPLIFICATION: Redis formats with long doubles ("%.17Lf", trailing zeros trimmed); doubles
// rounded to 15 significant digits give the same text for everyday values (10.5, 0.3).
function formatFloat(n: number): string {
  const r = Number(n.toPrecision(15));
  if (Number.isInteger(r) && Math.abs(r) < 1e21) return r.toFixed(0);
  const s = String(r);
  if (!/e/.test(s)) return s;
  return r.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Arity as in the Redis command table: positive = exact argc, negative = at least -n. */
const ARITY: Record<string, number> = {
  ping: -1, echo: 2, get: 2, set: -3, del: -2, exists: -2, incr: 2, decr: 2, incrby: 3, decrby: 3,
  hset: -4, hget: 3, hlen: 2, hdel: -3, hgetall: 2, hincrby: 4, hincrbyfloat: 4, hexists: 3, hkeys: 2,
  hvals: 2, keys: 2, dbsize: 1, flushall: -1, flushdb: -1, type: 2,
};

export class RedisStore {
  private readonly data = new Map<string, Value>();

  /** Runs one command (name case-insensitive) and returns its RESP reply. */
  command(args: string[]): RedisReply {
    if (args.length === 0) return err('ERR unknown command \'\', with args beginning with: ');
    const name = args[0]!.toLowerCase();
    const arity = ARITY[name];
    if (arity === undefined) {
      const rest = args.slice(1, 21).map((a) => `'${a.slice(0, 128)}' `).join('');
      return err(`ERR unknown command '${args[0]!.slice(0, 128)}', with args beginning with: ${rest}`);
    }
    if ((arity > 0 && args.length !== arity) || (arity < 0 && args.length < -arity)) {
      return err(`ERR wrong number of arguments for '${name}' command`);
    }
    const a = args.slice(1);
    switch (name) {
      case 'ping':
        if (a.length > 1) return err("ERR wrong number of arguments for 'ping' command");
        return a.length === 1 ? bulk(a[0]!) : { type: 'status', value: 'PONG' };
      case 'echo':
        return bulk(a[0]!);
      case 'get': {
        const v = this.data.get(a[0]!);
        if (!v) return bulk(null);
        return v.kind === 'string' ? bulk(v.v) : WRONGTYPE;
      }
      case 'set':
        // SIMPLIFICATION: options (EX, PX, NX, XX, GET, KEEPTTL) are not supported.
        if (a.length !== 2) return err('ERR syntax error');
        this.data.set(a[0]!, { kind: 'string', v: a[1]! });
        return OK;
      case 'del': {
        let n = 0;
        for (const k of a) if (this.data.delete(k)) n++;
        return int(n);
      }
      case 'exists':
        return int(a.filter((k) => this.data.has(k)).length);
      case 'incr':
        return this.incrBy(a[0]!, '1');
      case 'decr':
        return this.incrBy(a[0]!, '-1');
      case 'incrby':
        return this.incrBy(a[0]!, a[1]!);
      case 'decrby': {
        const d = parseInt64(a[1]!);
        if (d === null || d === MIN) return d === MIN ? err('ERR decrement would overflow') : NOT_INT;
        return this.incrBy(a[0]!, String(-d));
      }
      case 'type': {
        const v = this.data.get(a[0]!);
        return { type: 'status', value: v ? v.kind : 'none' };
      }
      case 'keys': {
        const re = globToRegExp(a[0]!);
        return { type: 'array', value: [...this.data.keys()].filter((k) => re.test(k)).map((k) => bulk(k)) };
      }
      case 'dbsize':
        return int(this.data.size);
      case 'flushall':
      case 'flushdb':
        this.data.clear();
        return OK;
      default:
        return this.hashCommand(name, a);
    }
  }

  private hashCommand(name: string, a: string[]): RedisReply {
    const key = a[0]!;
    const v = this.data.get(key);
    if (v && v.kind !== 'hash') return WRONGTYPE;
    const h = v?.v;
    switch (name) {
      case 'hset': {
        if ((a.length - 1) % 2 !== 0) return err("ERR wrong number of arguments for 'hset' command");
        const m = h ?? new Map<string, string>();
        let added = 0;
        for (let i = 1; i < a.length; i += 2) {
          if (!m.has(a[i]!)) added++;
          m.set(a[i]!, a[i + 1]!);
        }
        if (!h) this.data.set(key, { kind: 'hash', v: m });
        return int(added);
      }
      case 'hget':
        return bulk(h?.get(a[1]!) ?? null);
      case 'hexists':
        return int(h?.has(a[1]!) ? 1 : 0);
      case 'hlen':
        return int(h?.size ?? 0);
      case 'hdel': {
        let n = 0;
        for (const f of a.slice(1)) if (h?.delete(f)) n++;
        if (h && h.size === 0) this.data.delete(key);
        return int(n);
      }
      case 'hgetall': {
        const out: RedisReply[] = [];
        for (const [f, val] of h ?? []) out.push(bulk(f), bulk(val));
        return { type: 'array', value: out };
      }
      case 'hkeys':
        return { type: 'array', value: [...(h?.keys() ?? [])].map((f) => bulk(f)) };
      case 'hvals':
        return { type: 'array', value: [...(h?.values() ?? [])].map((f) => bulk(f)) };
      case 'hincrby': {
        const by = parseInt64(a[2]!);
        if (by === null) return NOT_INT;
        const cur = h?.get(a[1]!);
        const base = cur === undefined ? 0n : parseInt64(cur);
        if (base === null) return err('ERR hash value is not an integer');
        const next = base + by;
        if (next > MAX || next < MIN) return err('ERR increment or decrement would overflow');
        this.hashOf(key, h).set(a[1]!, String(next));
        return int(Number(next));
      }
      case 'hincrbyfloat': {
        const by = parseFloatStrict(a[2]!);
        if (by === null) return err('ERR value is not a valid float');
        const cur = h?.get(a[1]!);
        const base = cur === undefined ? 0 : parseFloatStrict(cur);
        if (base === null) return err('ERR hash value is not a float');
        const next = base + by;
        if (!Number.isFinite(next)) return err('ERR increment would produce NaN or Infinity');
        const text = formatFloat(next);
        this.hashOf(key, h).set(a[1]!, text);
        return bulk(text);
      }
      default:
        return err(`ERR unknown command '${name}', with args beginning with: `);
    }
  }

  private hashOf(key: string, h: Map<string, string> | undefined): Map<string, string> {
    if (h) return h;
    const m = new Map<string, string>();
    this.data.set(key, { kind: 'hash', v: m });
    return m;
  }

  private incrBy(key: string, byText: string): RedisReply {
    const by = parseInt64(byText);
    if (by === null) return NOT_INT;
    const v = this.data.get(key);
    if (v && v.kind !== 'string') return WRONGTYPE;
    const cur = v ? parseInt64(v.v) : 0n;
    if (cur === null) return NOT_INT;
    const next = cur + by;
    if (next > MAX || next < MIN) return err('ERR increment or decrement would overflow');
    this.data.set(key, { kind: 'string', v: String(next) });
    return int(Number(next));
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's');
}

/** redis-cli's rendering of a reply (non-tty mode prints raw values; this is the tty form). */
export function formatRedisReply(r: RedisReply, indent = ''): string {
  switch (r.type) {
    case 'status':
      return r.value;
    case 'error':
      return `(error) ${r.value}`;
    case 'integer':
      return `(integer) ${r.value}`;
    case 'bulk':
      return r.value === null ? '(nil)' : JSON.stringify(r.value);
    case 'array':
      if (r.value.length === 0) return '(empty array)';
      return r.value
        .map((x, i) => {
          const prefix = `${i + 1}) `;
          return (i === 0 ? '' : indent) + prefix + formatRedisReply(x, indent + ' '.repeat(prefix.length));
        })
        .join('\n');
  }
}
