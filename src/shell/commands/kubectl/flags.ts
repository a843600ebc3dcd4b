// Flag parsing as cobra/pflag does it for kubectl: `--flag=value`, `--flag value`, `-n value`,
// `-nvalue`, `-n=value`, combined boolean shorthands (`-it`), flags after positional args,
// `--` ending flags, and pflag's exact error texts (`unknown flag: --foo`, ...).
// Models github.com/spf13/pflag flag.go (parseLongArg, parseShortArg) and its value types.
// Leaves out: deprecated/hidden flags, NoOptDefVal for non-bool flags other than the ones declared.

export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'duration';

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  /** Default value as pflag prints it (`false`, `""`, `[]`, `0s`). */
  def?: string | number | boolean | string[];
  /** Value used when the flag is given without `=value` (pflag NoOptDefVal). */
  noOpt?: string;
  usage?: string;
}

export type FlagValue = string | number | boolean | string[];

export class FlagError extends Error {}

export interface ParsedFlags {
  args: string[];
  /** Number of positional args seen before `--`, or -1 (cobra ArgsLenAtDash). */
  argsLenAtDash: number;
  values: Map<string, FlagValue>;
  changed: Set<string>;
}

/** time.ParseDuration: `1h2m3.5s`, `300ms`, `-1s`; returns milliseconds or null. */
export function parseGoDuration(s: string): number | null {
  if (s === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m) return null;
  const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const part of s.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * unitMs[part[2]];
  }
  return m[1] === '-' ? -total : total;
}

/** Go's strconv.Quote for the ASCII strings flag errors show. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export class FlagSet {
  private readonly byName = new Map<string, FlagDef>();
  private readonly byShort = new Map<string, FlagDef>();
  readonly defs: FlagDef[] = [];

  constructor(defs: FlagDef[]) {
    for (const d of defs) this.add(d);
  }

  add(d: FlagDef): void {
    if (this.byName.has(d.name)) return;
    this.defs.push(d);
    this.byName.set(d.name, d);
    if (d.short) this.byShort.set(d.short, d);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  parse(argv: string[]): ParsedFlags {
    const values = new Map<string, FlagValue>();
    const changed = new Set<string>();
    const args: string[] = [];
    let argsLenAtDash = -1;
    const set = (d: FlagDef, raw: string, label: string) => {
      let v: FlagValue;
      switch (d.type) {
        case 'bool': {
          const b = parseGoBool(raw);
          if (b === null) throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
          v = b;
          break;
        }
        case 'int': {
          if (!/^[-+]?(\d+|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$/.test(raw.replace(/_/g, ''))) {
            throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`);
          }
          v = Number(raw.replace(/_/g, ''));
          break;
        }
        case 'duration': {
          const ms = parseGoDuration(raw);
          if (ms === null) throw new FlagError(`invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: time: invalid duration ${goQuote(raw)}`);
          v = String(ms);
          break;
        }
        case 'stringSlice': {
          const prev = changed.has(d.name) ? (values.get(d.name) as string[]) : [];
          v = raw === '' ? prev : [...prev, ...raw.split(',')];
          break;
        }
        case 'stringArray': {
          const prev = changed.has(d.name) ? (values.get(d.name) as string[]) : [];
          v = [...prev, raw];
          break;
        }
        default:
          v = raw;
      }
      values.set(d.name, v);
      changed.add(d.name);
    };
    const labelOf = (d: FlagDef) => (d.short ? `-${d.short}, --${d.name}` : `--${d.name}`);
    let i = 0;
    while (i < argv.length) {
      const a = argv[i++];
      if (a.length < 2 || a[0] !== '-') {
        args.push(a);
        continue;
      }
      if (a === '--') {
        argsLenAtDash = args.length;
        args.push(...argv.slice(i));
        break;
      }
      if (a[1] === '-') {
        const body = a.slice(2);
        if (body.startsWith('-') || body.startsWith('=')) throw new FlagError(`bad flag syntax: ${a}`);
        const eq = body.indexOf('=');
        const name = eq >= 0 ? body.slice(0, eq) : body;
        const d = this.byName.get(name);
        if (!d) {
          if (name === 'help') throw new HelpRequested();
          throw new FlagError(`unknown flag: --${name}`);
        }
        if (eq >= 0) set(d, body.slice(eq + 1), labelOf(d));
        else if (d.type === 'bool') set(d, 'true', labelOf(d));
        else if (d.noOpt !== undefined) set(d, d.noOpt, labelOf(d));
        else if (i < argv.length) set(d, argv[i++], labelOf(d));
        else throw new FlagError(`flag needs an argument: --${name}`);
        continue;
      }
      // shorthands
      let shorts = a.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0];
        const d = this.byShort.get(c);
        if (!d) {
          if (c === 'h') throw new HelpRequested();
          throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
        }
        if (shorts.length > 2 && shorts[1] === '=') {
          set(d, shorts.slice(2), labelOf(d));
          shorts = '';
        } else if (d.type === 'bool') {
          set(d, 'true', labelOf(d));
          shorts = shorts.slice(1);
        } else if (d.noOpt !== undefined) {
          set(d, d.noOpt, labelOf(d));
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          set(d, shorts.slice(1), labelOf(d));
          shorts = '';
        } else if (i < argv.length) {
          set(d, argv[i++], labelOf(d));
          shorts = '';
        } else throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
      }
    }
    for (const d of this.defs) if (!values.has(d.name)) values.set(d.name, defaultOf(d));
    return { args, argsLenAtDash, values, changed };
  }
}

export class HelpRequested extends Error {}

function defaultOf(d: FlagDef): FlagValue {
  if (d.def !== undefined) return d.type === 'duration' ? String(parseGoDuration(String(d.def)) ?? 0) : d.def;
  switch (d.type) {
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'stringSlice':
    case 'stringArray':
      return [];
    case 'duration':
      return '0';
    default:
      return '';
  }
}

function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/** Typed reads of a parse result. */
export class Flags {
  constructor(readonly p: ParsedFlags) {}
  str(name: string): string {
    return String(this.p.values.get(name) ?? '');
  }
  bool(name: string): boolean {
    return this.p.values.get(name) === true;
  }
  int(name: string): number {
    return Number(this.p.values.get(name) ?? 0);
  }
  /** Duration flags in milliseconds. */
  ms(name: string): number {
    return Number(this.p.values.get(name) ?? 0);
  }
  list(name: string): string[] {
    const v = this.p.values.get(name);
    return Array.isArray(v) ? v : [];
  }
  changed(name: string): boolean {
    return this.p.changed.has(name);
  }
  get args(): string[] {
    return this.p.args;
  }
}
