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

/** RFC 4122 version-4 UUID from the seeded RNG. */
export function uuid(rng: Rng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.u32());
  const b = hex(rng.u32());
  const c = hex(rng.u32());
  const d = hex(rng.u32());
  const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
