import { describe, it, expect } from 'vitest';
import { parseCronSchedule } from './cron-schedule';

const at = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseCronSchedule errors', () => {
  // Models TestErrors / TestParseScheduleErrors in robfig/cron v3 parser_test.go
  const cases: [string, string][] = [
    ['', 'empty spec string'],
    ['xyz', 'expected exactly 5 fields, found 1: [xyz]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 0 * * *', 'end of range (60) above maximum (59): 60'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/5/5 * * * *', 'too many slashes: */5/5'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every x', 'failed to parse duration @every x: time: invalid duration "x"'],
  ];
  for (const [spec, msg] of cases) {
    it(JSON.stringify(spec), () => {
      expect(parseCronSchedule(spec)).toEqual({ error: msg });
    });
  }
});

describe('CronSchedule.next', () => {
  // Models TestActivation / TestNext in robfig/cron v3 spec_test.go
  const cases: [string, string, string | undefined][] = [
    ['*/1 * * * *', '2026-11-22T09:00:00Z', '2026-11-22T09:01:00.000Z'],
    ['*/1 * * * *', '2026-11-22T09:00:30Z', '2026-11-22T09:01:00.000Z'],
    ['*/5 * * * *', '2026-11-22T09:01:00Z', '2026-11-22T09:05:00.000Z'],
    ['0 0 * * *', '2026-11-22T09:01:00Z', '2026-11-23T00:00:00.000Z'],
    ['@hourly', '2026-11-22T09:01:00Z', '2026-11-22T10:00:00.000Z'],
    ['@daily', '2026-12-31T23:59:00Z', '2027-01-01T00:00:00.000Z'],
    ['@weekly', '2026-11-22T09:00:00Z', '2026-11-29T00:00:00.000Z'],
    ['@monthly', '2026-11-22T09:00:00Z', '2026-12-01T00:00:00.000Z'],
    ['@yearly', '2026-11-22T09:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['30 8 * * mon-fri', '2026-11-21T09:00:00Z', '2026-11-23T08:30:00.000Z'],
    // Day of month and day of week both restricted: either matches.
    ['0 0 1 * sun', '2026-11-22T09:00:00Z', '2026-11-29T00:00:00.000Z'],
    ['0 0 30 2 *', '2026-11-22T09:00:00Z', undefined],
    ['@every 90s', '2026-11-22T09:00:00Z', '2026-11-22T09:01:30.000Z'],
    ['0 12 ? jan,jul *', '2026-11-22T09:00:00Z', '2027-01-01T12:00:00.000Z'],
  ];
  for (const [spec, from, want] of cases) {
    it(`${spec} after ${from}`, () => {
      const p = parseCronSchedule(spec);
      if ('error' in p) throw new Error(p.error);
      expect(iso(p.schedule.next(at(from)))).toBe(want);
    });
  }
});
