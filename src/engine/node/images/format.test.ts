import { describe, it, expect } from 'vitest';
import { clfTime, httpDate, httpdTime, isoMicros, klogTime, nginxErrorTime, redisTime, requestTarget, unixDate, urlHost, werkzeugTime } from './format';

const T = Date.UTC(2026, 10, 22, 10, 0, 5, 42); // Sun 22 Nov 2026 10:00:05.042 UTC

describe('time formats', () => {
  it('prints every program format', () => {
    expect(nginxErrorTime(T)).toBe('2026/11/22 10:00:05');
    expect(clfTime(T)).toBe('22/Nov/2026:10:00:05 +0000');
    expect(werkzeugTime(T)).toBe('22/Nov/2026 10:00:05');
    expect(redisTime(T)).toBe('22 Nov 2026 10:00:05.042');
    expect(klogTime(T, 7)).toBe('1122 10:00:05.042007');
    expect(isoMicros(T, 7)).toBe('2026-11-22T10:00:05.042007Z');
    expect(httpDate(T)).toBe('Sun, 22 Nov 2026 10:00:05 GMT');
    expect(unixDate(Date.UTC(2026, 10, 2, 9, 8, 7))).toBe('Mon Nov  2 09:08:07 UTC 2026');
    expect(httpdTime(T, 1)).toBe('Sun Nov 22 10:00:05.042001 2026');
  });
  it('extracts request targets and hosts', () => {
    expect(requestTarget('http://10.244.1.5/')).toBe('/');
    expect(requestTarget('http://10.244.1.5')).toBe('/');
    expect(requestTarget('http://rng:80/32?x=1#f')).toBe('/32?x=1');
    expect(requestTarget('/index.html')).toBe('/index.html');
    expect(urlHost('http://rng:80/32')).toBe('rng:80');
  });
});
