// Resource quantities ("500m", "1Gi", "1e3") parsed and printed like resource.Quantity.
// Values are held exactly as a BigInt count of nano-units (upstream rounds up to 1n and caps
// at 2^63-1), so canonical String() forms, MilliValue() and Value() match upstream.
// Leaves out: arithmetic helpers beyond what the engine needs, the inf.Dec precision above 1n.
// Models apimachinery/pkg/api/resource/quantity.go, amount.go, suffix.go

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Value in milli-units rounded up away from zero (like MilliValue()); a bigint when unsafe. */
  readonly milli: bigint | number;
  /** Exact value in nano-units (upstream's internal precision). Absent: derived from `milli`. */
  readonly nano?: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const MAX_INT64 = 9223372036854775807n;
const MAX_NANO = MAX_INT64 * NANO;

const decimalSuffixExp: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixExp: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalExpSuffix: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const binaryExpSuffix = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUFFIX_CHARS = 'eEinumkKMGTP';
const INT32_MAX = 2147483647;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

interface Split {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** Splits "-1.5Gi" into sign, integer digits, fraction digits and suffix (parseQuantityString). */
function split(str: string): Split | null {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (end === 0) return null;
  if (str[0] === '+') pos++;
  else if (str[0] === '-') {
    positive = false;
    pos++;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  if (num === '') num = '0';
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return null;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpret(suffix: string): Interpreted | null {
  const d = decimalSuffixExp[suffix];
  if (d !== undefined) return { base: 10, exponent: d, format: 'DecimalSI' };
  const b = binarySuffixExp[suffix];
  if (b !== undefined) return { base: 2, exponent: b, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const n = Number(rest);
    if (!Number.isFinite(n) || Math.abs(n) > INT32_MAX) return null;
    return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  return null;
}

function fastPath(p: Split, it: Interpreted): boolean {
  const digits = p.num.length + p.denom.length;
  if (it.base === 10) return digits <= 18 && it.exponent - p.denom.length >= -9;
  if (p.denom.length !== 0) return false;
  if (15 - p.num.length - Math.trunc((it.exponent * 3) / 10) - 1 < 0) return false;
  return BigInt(p.num) << BigInt(it.exponent) <= MAX_INT64;
}

function fromNano(nano: bigint, format: QuantityFormat): Quantity {
  const neg = nano < 0n;
  const abs = neg ? -nano : nano;
  let m = abs / 1_000_000n;
  if (m * 1_000_000n !== abs) m += 1n;
  if (neg) m = -m;
  const milli = m >= BigInt(Number.MIN_SAFE_INTEGER) && m <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(m) : m;
  return { milli, nano, format };
}

// Quantity strings repeat a lot (every pod of a Deployment carries the same ones): memoise.
const CACHE_MAX = 4096;
const parseCache = new Map<string, Quantity | null>();

/** ParseQuantity: null when the string is not a valid quantity. Results are shared: do not mutate. */
export function parseQuantity(s: string): Quantity | null {
  const hit = parseCache.get(s);
  if (hit !== undefined) return hit;
  const q = parseUncached(s);
  if (parseCache.size >= CACHE_MAX) parseCache.clear();
  parseCache.set(s, q ? Object.freeze(q) : null);
  return q;
}

function parseUncached(s: string): Quantity | null {
  const parts = split(s);
  if (!parts) return null;
  const it = interpret(parts.suffix);
  if (!it) return null;
  let mantissa = BigInt(parts.num + parts.denom);
  let scale = -parts.denom.length;
  if (it.base === 10) scale += it.exponent;
  else mantissa <<= BigInt(it.exponent);
  let format = it.format;
  let nano: bigint;
  if (mantissa === 0n) nano = 0n;
  else if (scale >= -9) {
    // Anything above the cap is capped; avoid building astronomically large BigInts.
    nano = scale > 40 ? MAX_NANO : mantissa * pow10(scale + 9);
  } else {
    const div = -9 - scale > 40 ? null : pow10(-9 - scale);
    if (div === null) nano = 1n;
    else {
      nano = mantissa / div;
      if (nano * div !== mantissa) nano += 1n; // round up to the smallest unit
    }
  }
  // Upstream's int64 fast path (few digits, scale >= nano) skips the 2^63-1 cap, e.g. "12E".
  if (nano > MAX_NANO && !fastPath(parts, it)) nano = MAX_NANO;
  if (format === 'BinarySI' && nano > 0n && nano < NANO) format = 'DecimalSI';
  return fromNano(parts.positive ? nano : -nano, format);
}

function nanoOf(q: Quantity): bigint {
  if (q.nano !== undefined) return q.nano;
  return BigInt(q.milli) * 1_000_000n;
}

/** Canonical form as Quantity.String(): "1Gi", "500m", "1536Mi", "1e3", "1200e3". */
export function quantityToString(q: Quantity): string {
  const n = nanoOf(q);
  if (n === 0n) return '0';
  let format = q.format;
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const sign = neg ? '-' : '';
  if (format === 'BinarySI') {
    if (abs < 1024n * NANO || abs % NANO !== 0n) format = 'DecimalSI';
    else {
      let v = abs / NANO;
      let e = 0;
      while (e < 6 && v % 1024n === 0n) {
        v /= 1024n;
        e++;
      }
      return sign + v.toString() + binaryExpSuffix[e];
    }
  }
  let mantissa = abs;
  let exp = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  const r = ((exp % 3) + 3) % 3;
  if (r !== 0) {
    mantissa *= pow10(r);
    exp -= r;
  }
  if (format === 'DecimalExponent') return sign + mantissa.toString() + (exp === 0 ? '' : `e${exp}`);
  if (exp > 18) {
    mantissa *= pow10(exp - 18);
    exp = 18;
  }
  return sign + mantissa.toString() + decimalExpSuffix[exp];
}

/** Canonicalises a quantity string; returns the input unchanged when it does not parse. */
const canonicalCache = new Map<string, string>();
export function canonicalQuantity(s: string): string {
  const hit = canonicalCache.get(s);
  if (hit !== undefined) return hit;
  const q = parseQuantity(s);
  const out = q ? quantityToString(q) : s;
  if (canonicalCache.size >= CACHE_MAX) canonicalCache.clear();
  canonicalCache.set(s, out);
  return out;
}

function scaled(s: string, unit: bigint): number {
  const q = parseQuantity(s);
  if (!q) return 0;
  const n = nanoOf(q);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let v = abs / unit;
  if (v * unit !== abs) v += 1n;
  return Number(neg ? -v : v);
}

/** MilliValue(): "100m" -> 100, "2" -> 2000, rounded up. 0 for an invalid string. */
export function milliValue(s: string): number {
  return scaled(s, 1_000_000n);
}

/** Value(): "1Ki" -> 1024, "1.5" -> 2 (rounded up). 0 for an invalid string. */
export function value(s: string): number {
  return scaled(s, NANO);
}

/** Exact comparison of two valid quantity strings (Quantity.Cmp): -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const x = nanoOf(a);
  const y = nanoOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
