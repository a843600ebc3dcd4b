// Table tests modelled on apimachinery/pkg/util/duration/duration_test.go.
import { describe, it, expect } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('humanDuration', () => {
  const cases: Array<[number, string]> = [
    [1 * s, '1s'],
    [70 * s, '70s'],
    [119 * s + 999, '119s'],
    [120 * s, '2m'],
    [190 * s, '3m10s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [70 * m, '70m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 25 * m, '3h25m'],
    [8 * h + 5 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [(7 * 24 + 23) * h, '7d23h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [365 * 3 * 24 * h, '3y'],
    [(365 * 8 * 24 + 2) * h, '8y'],
    [-1500, '0s'],
    [-1 * s, '0s'],
    [-2 * s, '<invalid>'],
  ];
  for (const [d, want] of cases) {
    it(`${d}ms -> ${want}`, () => expect(humanDuration(d)).toBe(want));
  }
});

describe('shortHumanDuration', () => {
  const cases: Array<[number, string]> = [
    [1 * s, '1s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [70 * m, '1h'],
    [23 * h + 59 * m, '23h'],
    [49 * h, '2d'],
    [364 * 24 * h, '364d'],
    [(365 * 2 * 24 + 25) * h, '2y'],
    [-1 * s, '0s'],
    [-3 * s, '<invalid>'],
  ];
  for (const [d, want] of cases) {
    it(`${d}ms -> ${want}`, () => expect(shortHumanDuration(d)).toBe(want));
  }
});

describe('translateTimestampSince', () => {
  const now = Date.UTC(2026, 10, 22, 10, 5, 30);
  it('formats elapsed time since an RFC 3339 timestamp', () => {
    expect(translateTimestampSince('2026-11-22T10:00:00Z', now)).toBe('5m30s');
    expect(translateTimestampSince('2026-11-20T10:00:00Z', now)).toBe('2d');
  });
  it('returns <unknown> for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
  });
});
