import { describe, it, expect } from 'vitest';
import { Rng } from './rng';
import { uuid, generateName, computePodTemplateHash, SUFFIX_ALPHABET } from './names';

/** The straightforward formatting uuid() replaced: hex words sliced into the RFC 4122 layout. */
function referenceUuid(rng: Rng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.u32());
  const b = hex(rng.u32());
  const c = hex(rng.u32());
  const d = hex(rng.u32());
  const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

describe('uuid', () => {
  it('is the RFC 4122 v4 layout of four seeded draws, identical to the sliced-hex formatting', () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const x = new Rng(seed);
      const y = new Rng(seed);
      for (let i = 0; i < 2000; i++) expect(uuid(x)).toBe(referenceUuid(y));
    }
  });

  it('has the version and variant digits in place', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) expect(uuid(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives the first UUID of seed 1', () => {
    expect(uuid(new Rng(1))).toBe('9190299e-c101-4b27-a3af-522f7d71fb05');
  });
});

describe('generateName', () => {
  it('appends five characters of the suffix alphabet and truncates the base to 58', () => {
    const n = generateName(new Rng(3), 'x'.repeat(70));
    expect(n).toHaveLength(63);
    expect(n.slice(0, 58)).toBe('x'.repeat(58));
    for (const ch of n.slice(58)) expect(SUFFIX_ALPHABET).toContain(ch);
  });
});

describe('computePodTemplateHash', () => {
  it('is stable and depends on the collision count', () => {
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(computePodTemplateHash(t)).toBe(computePodTemplateHash(JSON.parse(JSON.stringify(t))));
    expect(computePodTemplateHash(t, 1)).not.toBe(computePodTemplateHash(t));
  });
});
