// unifiedDiff against what GNU `diff -u` prints for the same inputs (checked with diffutils 3.8).
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff';

const lines = (n: number, f: (i: number) => string = (i) => `l${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });
  it('prints a new file as one hunk from -0,0', () => {
    expect(unifiedDiff('', 'a\nb\n')).toBe('@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
  it('keeps three lines of context and merges close changes', () => {
    const a = lines(12);
    const b = lines(12, (i) => (i === 2 || i === 7 ? `x${i}` : `l${i}`));
    expect(unifiedDiff(a, b)).toBe('@@ -1,10 +1,10 @@\n l1\n-l2\n+x2\n l3\n l4\n l5\n l6\n-l7\n+x7\n l8\n l9\n l10\n');
  });
  it('splits distant changes into hunks and omits ,1 ranges', () => {
    const a = lines(20);
    const b = lines(20, (i) => (i === 1 || i === 20 ? `x${i}` : `l${i}`));
    expect(unifiedDiff(a, b)).toBe('@@ -1,4 +1,4 @@\n-l1\n+x1\n l2\n l3\n l4\n@@ -17,4 +17,4 @@\n l17\n l18\n l19\n-l20\n+x20\n');
    expect(unifiedDiff('a\n', 'b\n')).toBe('@@ -1 +1 @@\n-a\n+b\n');
  });
});
