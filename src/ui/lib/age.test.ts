import { describe, it, expect } from 'vitest';
import { ageSince, humanDuration } from './age';

// Cases from staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration).
describe('humanDuration', () => {
  const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h, y = 365 * d;
  it.each([
    [1 * s, '1s'], [70 * s, '70s'], [190 * s, '3m10s'], [70 * m, '70m'], [47 * h, '47h'],
    [49 * h, '2d1h'], [(8 * 24 + 2) * h, '8d'], [367 * d, '367d'], [365 * 2 * d + 25 * d, '2y25d'], [365 * 8 * d + 10 * d, '8y'],
    [-2 * s, '<invalid>'], [-500, '0s'], [3 * h, '3h'], [3 * h + 5 * m, '3h5m'], [8 * m, '8m'], [2 * y, '2y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
  it('ageSince parses RFC 3339 and reports missing timestamps', () => {
    expect(ageSince('2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1, 0, 5, 30))).toBe('5m30s');
    expect(ageSince(undefined, 0)).toBe('<unknown>');
  });
});
