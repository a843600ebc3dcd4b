import { describe, it, expect } from 'vitest';
import { sameJson } from './nodes';

describe('sameJson', () => {
  // The handlers used JSON.stringify(a) === JSON.stringify(b); sameJson must agree with it.
  const values: unknown[] = [
    undefined,
    null,
    [],
    {},
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    [{ operator: 'Exists', key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', tolerationSeconds: 300 }],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 301 }],
    [{ key: 'a', value: undefined }],
    [{ key: 'a' }],
    [undefined],
    [null],
    ['a', 'b'],
    ['b', 'a'],
    'a',
    0,
    [[1, 2], { x: [1] }],
    [[1, 2], { x: [2] }],
  ];
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      });
    }
  }
});
