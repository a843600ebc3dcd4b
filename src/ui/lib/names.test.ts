import { describe, it, expect } from 'vitest';
import { compareNames, isSimpleName } from './names';

describe('compareNames', () => {
  it('orders every string of up to 4 characters of a, m, z, 0, 9, "-", ".", "/" as localeCompare does', () => {
    const alphabet = ['a', 'm', 'z', '0', '9', '-', '.', '/'];
    let words = [''];
    const all = [''];
    for (let len = 1; len <= 4; len++) {
      words = words.flatMap((w) => alphabet.map((c) => w + c));
      all.push(...words);
    }
    expect(all.length).toBe(4681);
    let differing = 0;
    for (const a of all) {
      for (const b of all) if (Math.sign(compareNames(a, b)) !== Math.sign(a.localeCompare(b))) differing++;
    }
    expect(differing).toBe(0);
  });

  it('falls back to the collator outside that alphabet', () => {
    expect(isSimpleName('default/web-1.x')).toBe(true);
    expect(isSimpleName('Web')).toBe(false);
    expect(Math.sign(compareNames('a', 'B'))).toBe(-1);
    expect(Math.sign(compareNames('B', 'c'))).toBe(-1);
    expect(Math.sign(compareNames('é', 'f'))).toBe(-1);
    expect(compareNames('web-1', 'web-1')).toBe(0);
  });
});
