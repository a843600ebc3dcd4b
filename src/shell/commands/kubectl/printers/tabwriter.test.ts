// Go text/tabwriter behaviour with kubectl's settings (minwidth 6, padding 3, ' ').
import { describe, it, expect } from 'vitest';
import { TabWriter, formatTabbed, runeCount } from './tabwriter';

describe('TabWriter', () => {
  it('pads every column but the trailing cell to max width + 3, at least 6', () => {
    expect(formatTabbed([['NAME', 'AGE'], ['a', '5m']])).toBe('NAME   AGE\na      5m\n');
    expect(formatTabbed([['x', 'y'], ['1', '2']])).toBe('x     y\n1     2\n');
  });
  it('keeps trailing spaces when the last cell is empty', () => {
    expect(formatTabbed([['A', 'B', ''], ['aaaaaaa', 'b', '']])).toBe('A         B     \naaaaaaa   b     \n');
  });
  it('lines with fewer cells end a column block (remembered widths only grow)', () => {
    expect(formatTabbed([['a', 'b', 'c'], ['aaaa', 'b'], ['a', 'bbbbbbbbbb', 'c']])).toBe(
      'a      b     c\naaaa   b\na      bbbbbbbbbb   c\n',
    );
  });
  it('counts runes, not UTF-16 units or bytes', () => {
    expect(runeCount('ñandú')).toBe(5);
    expect(runeCount('😀x')).toBe(2);
    expect(formatTabbed([['😀', 'x'], ['ab', 'y']])).toBe('😀     x\nab    y\n');
  });
  it('remembers widths across flushes until reset', () => {
    const tw = new TabWriter();
    expect(tw.format([['NAME', 'X'], ['longer-name', '1']])).toBe('NAME          X\nlonger-name   1\n');
    expect(tw.format([['a', '2']])).toBe('a             2\n');
    tw.resetWidths();
    expect(tw.format([['a', '2']])).toBe('a     2\n');
  });
});
