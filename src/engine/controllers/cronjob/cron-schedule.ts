// Standard cron schedules as the CronJob API parses them: five fields (minute hour
// day-of-month month day-of-week) with ranges, steps, lists, names and `?`, plus the
// descriptors @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly and @every <d>,
// with the parser's error texts. Times are UTC milliseconds.
// Models github.com/robfig/cron/v3 parser.go (ParseStandard) and spec.go (Next).
// SIMPLIFICATION: TZ=/CRON_TZ= prefixes are accepted but every schedule runs in UTC.

export interface CronSchedule {
  /** The first activation strictly after `t` (ms), or undefined when there is none within five years. */
  next(t: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed field: the set values, and whether it was `*` or `?` (robfig's star bit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

class CronError extends Error {}

function parseUint(expr: string): number {
  // strconv.Atoi accepts an optional sign.
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const n = names?.[expr.toLowerCase()];
  return n !== undefined ? n : parseUint(expr);
}

function parseRange(expr: string, r: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1]);
    if (single) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) into.values.add(i);
  if (star) into.star = true;
}

function parseField(text: string, r: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, r, f);
  return f;
}

const all = (r: Bounds): Field => {
  const values = new Set<number>();
  for (let i = r.min; i <= r.max; i++) values.add(i);
  return { values, star: true };
};
const only = (...v: number[]): Field => ({ values: new Set(v), star: false });

const FIVE_YEARS_MS = 5 * 366 * 24 * 3600 * 1000;

class SpecSchedule implements CronSchedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
  ) {}

  private dayMatches(d: Date): boolean {
    const domMatch = this.dom.values.has(d.getUTCDate());
    const dowMatch = this.dow.values.has(d.getUTCDay());
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  next(t: number): number | undefined {
    // The next whole minute strictly after t (the seconds field of a standard spec is 0).
    let cur = Math.floor(t / 60000) * 60000 + 60000;
    const limit = t + FIVE_YEARS_MS;
    while (cur <= limit) {
      const d = new Date(cur);
      if (!this.month.values.has(d.getUTCMonth() + 1)) {
        cur = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        continue;
      }
      if (!this.dayMatches(d)) {
        cur = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
        continue;
      }
      if (!this.hour.values.has(d.getUTCHours())) {
        cur = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
        continue;
      }
      if (!this.minute.values.has(d.getUTCMinutes())) {
        cur += 60000;
        continue;
      }
      return cur;
    }
    return undefined;
  }
}

class EverySchedule implements CronSchedule {
  constructor(private readonly delayMs: number) {}
  next(t: number): number {
    // ConstantDelaySchedule: t + delay, rounded down to the second.
    return Math.floor((t + this.delayMs) / 1000) * 1000;
  }
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's time.ParseDuration, for @every. */
function parseGoDuration(s: string): number {
  const bad = () => new CronError(`time: invalid duration ${JSON.stringify(s)}`);
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let i = 0;
  let total = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1;
    i = 1;
  }
  if (i >= s.length) throw bad();
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) {
      if (/^\d/.test(s.slice(i)) && !/[a-zµ]/.test(s.slice(i))) throw new CronError(`time: missing unit in duration ${JSON.stringify(s)}`);
      throw bad();
    }
    total += Number(m[1]) * UNIT_MS[m[2]];
    i = re.lastIndex;
  }
  return sign * total;
}

function parseDescriptor(spec: string): CronSchedule {
  switch (spec) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(only(0), only(0), only(1), only(1), all(DOW));
    case '@monthly':
      return new SpecSchedule(only(0), only(0), only(1), all(MONTHS), all(DOW));
    case '@weekly':
      return new SpecSchedule(only(0), only(0), all(DOM), all(MONTHS), only(0));
    case '@daily':
    case '@midnight':
      return new SpecSchedule(only(0), only(0), all(DOM), all(MONTHS), all(DOW));
    case '@hourly':
      return new SpecSchedule(only(0), all(HOURS), all(DOM), all(MONTHS), all(DOW));
    default:
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    let ms: number;
    try {
      ms = parseGoDuration(spec.slice(every.length));
    } catch (e) {
      throw new CronError(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    // ConstantDelaySchedule: at least one second, whole seconds.
    return new EverySchedule(Math.max(1000, Math.floor(ms / 1000) * 1000));
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

/** cron.ParseStandard: the schedule, or the parser's error message. */
export function parseCronSchedule(spec: string): { schedule: CronSchedule } | { error: string } {
  try {
    return { schedule: parseStandard(spec) };
  } catch (e) {
    if (e instanceof CronError) return { error: e.message };
    throw e;
  }
}

function parseStandard(input: string): CronSchedule {
  let spec = input;
  if (spec.length === 0) throw new CronError('empty spec string');
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const tz = spec.slice(eq + 1, i < 0 ? undefined : i);
    if (!isKnownZone(tz)) throw new CronError(`provided bad location ${tz}: unknown time zone ${tz}`);
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec);
  const fields = spec.split(/\s+/).filter((x) => x !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const minute = parseField(fields[0], MINUTES);
  const hour = parseField(fields[1], HOURS);
  const dom = parseField(fields[2], DOM);
  const month = parseField(fields[3], MONTHS);
  const dow = parseField(fields[4], DOW);
  return new SpecSchedule(minute, hour, dom, month, dow);
}

/** Whether Go's time.LoadLocation would know the zone (the runtime's IANA database stands in for Go's). */
export function isKnownZone(tz: string): boolean {
  if (tz === 'UTC' || tz === '' || tz === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
