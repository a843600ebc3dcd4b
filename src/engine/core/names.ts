// Generated names as Kubernetes makes them: the suffix alphabet of
// apimachinery/pkg/util/rand (no vowels, no confusable characters), generateName's
// 5-character suffix, and the pod-template-hash used by Deployments.
// Models apimachinery/pkg/util/rand/rand.go and pkg/controller/controller_utils.go (ComputeHash)
import type { Rng } from './rng';
import { hashString } from './rng';

export const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_NAME_LENGTH = 58; // 63 - 5, as in names.SimpleNameGenerator

export function randomSuffix(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SUFFIX_ALPHABET[rng.int(SUFFIX_ALPHABET.length)];
  return s;
}

/** generateName → name: base truncated to 58 characters plus 5 random ones. */
export function generateName(rng: Rng, base: string): string {
  const b = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return b + randomSuffix(rng);
}

/** Encodes like rand.SafeEncodeString: each character mapped into the suffix alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SUFFIX_ALPHABET[s.charCodeAt(i) % SUFFIX_ALPHABET.length];
  return out;
}

/** Stable JSON with sorted keys (the stand-in for upstream's DeepHashObject printer). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * The pod-template-hash label value: FNV-32a over the template (plus the collision count),
 * printed as a decimal and safe-encoded, exactly the shape upstream produces
 * (e.g. `7c5ddbdf54`).
 * SIMPLIFICATION: upstream hashes a spew dump of the Go struct; we hash canonical JSON, so the
 * value differs from a real cluster's for the same template, but has the same form and stability.
 */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let input = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount !== null) input += `#${collisionCount}`;
  return safeEncodeString(String(hashString(input)));
}

/** Lower-case hex digits as char codes, and a scratch buffer for one UUID's 36 characters. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const UUID_CODES: number[] = new Array<number>(36).fill(45); // '-' stays at 8, 13, 18, 23

function putHex(x: number, from: number, count: number, at: number): void {
  for (let i = 0; i < count; i++) UUID_CODES[at + i] = HEX_CODES[(x >>> (28 - 4 * (from + i))) & 15];
}

/**
 * RFC 4122 version-4 UUID from the seeded RNG: four 32-bit draws laid out as
 * `aaaaaaaa-bbbb-4bbb-Vccc-ccccdddddddd` (the fifth hex digit of the second draw is skipped,
 * V = 8 | the top two bits of the third draw's first digit).
 * Built from char codes, so the result is one flat string (a `${}` concatenation would keep a
 * rope of ten slices and pieces, ~350 bytes, alive in every object's metadata.uid).
 */
export function uuid(rng: Rng): string {
  const a = rng.u32();
  const b = rng.u32();
  const c = rng.u32();
  const d = rng.u32();
  putHex(a, 0, 8, 0);
  putHex(b, 0, 4, 9);
  UUID_CODES[14] = 52; // '4'
  putHex(b, 5, 3, 15);
  UUID_CODES[19] = HEX_CODES[((c >>> 28) & 0x3) | 0x8];
  putHex(c, 1, 3, 20);
  putHex(c, 4, 4, 24);
  putHex(d, 0, 8, 28);
  return String.fromCharCode.apply(null, UUID_CODES);
}
