import { describe, it, expect } from 'vitest';
import { indent, wrapString } from './word-wrap';

// Cases in the style of github.com/mitchellh/go-wordwrap wordwrap_test.go; whole explain
// outputs in explain.test.ts cover the widths kubectl uses.
describe('wrapString', () => {
  const cases: [string, number, string][] = [
    ['', 0, ''],
    ['foo', 0, 'foo'],
    ['foobarbaz', 3, 'foobarbaz'],
    ['foo bar baz', 3, 'foo\nbar\nbaz'],
    ['foo bar baz', 4, 'foo\nbar\nbaz'],
    ['foo bar baz', 7, 'foo bar\nbaz'],
    ['foo bar   baz', 7, 'foo bar\nbaz'],
    ['foo   bar baz', 7, 'foo\nbar baz'],
    ['foo bar\nbaz', 4, 'foo\nbar\nbaz'],
    ['foo bar  \nbaz', 7, 'foo bar\nbaz'], // trailing spaces past the limit are dropped
    ['foo\nbar  ', 4, 'foo\nbar'],
    ['foo\nbar ', 4, 'foo\nbar '],
    ['ab cd\u00a0ef', 5, 'ab\ncd\u00a0ef'],
    ['aaa\u00e9 bbb', 4, 'aaa\u00e9\nbbb'],
  ];
  for (const [input, lim, want] of cases) {
    it(`${JSON.stringify(input)} at ${lim}`, () => expect(wrapString(input, lim)).toBe(want));
  }
});

describe('indent', () => {
  it('pads every line, including an empty last one', () => {
    expect(indent(4, 'a\nb\n')).toBe('    a\n    b\n    ');
  });
});
