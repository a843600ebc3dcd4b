import { describe, it, expect } from 'vitest';
import { SPEED_SPAN, addSample, hashRate, parseWebuiJson, webuiJsonUrl } from './rate';
import type { WebuiSample } from './rate';

describe('parseWebuiJson', () => {
  it('reads webui /json bodies', () => {
    expect(parseWebuiJson('{"coins":14,"hashes":"329","now":1795338383.031}')).toEqual({ coins: 14, hashes: 329, now: 1795338383.031 });
    // Before the first worker update redis has no `hashes` key: GET answers null.
    expect(parseWebuiJson('{"coins":0,"hashes":null,"now":12.5}')).toEqual({ coins: 0, hashes: 0, now: 12.5 });
  });
  it('refuses anything else', () => {
    expect(parseWebuiJson('<!DOCTYPE html>')).toBeUndefined();
    expect(parseWebuiJson('null')).toBeUndefined();
    expect(parseWebuiJson('{"coins":1,"hashes":"x","now":1}')).toBeUndefined();
    expect(parseWebuiJson('{"coins":1,"hashes":"1"}')).toBeUndefined();
  });
});

const s = (now: number, hashes: number, coins = 0): WebuiSample => ({ now, hashes, coins });

describe('hashRate', () => {
  it('needs two samples', () => {
    expect(hashRate([])).toBeUndefined();
    expect(hashRate([s(10, 40)])).toBeUndefined();
  });
  it('uses the oldest sample while fewer than SPEED_SPAN + 1 were taken', () => {
    expect(hashRate([s(10, 40), s(12, 48)])).toBe(4);
    expect(hashRate([s(10, 40), s(12, 48), s(14, 60)])).toBe(5);
  });
  it('measures over SPEED_SPAN polls, as the real webui', () => {
    expect(SPEED_SPAN).toBe(5);
    // 6 samples 2 s apart: 3.5 h/s for the first 4 s, then 10 h/s (workers scaled to 10).
    let series: WebuiSample[] = [];
    for (const x of [s(0, 0), s(2, 7), s(4, 14), s(6, 34), s(8, 54), s(10, 74)]) series = addSample(series, x);
    expect(hashRate(series)).toBe(7.4);
    series = addSample(series, s(12, 94));
    expect(series.length).toBe(6);
    expect(hashRate(series)).toBe(8.7);
    series = addSample(series, s(14, 114));
    expect(hashRate(series)).toBe(10);
  });
});

describe('addSample', () => {
  it('keeps SPEED_SPAN + 1 samples', () => {
    let series: WebuiSample[] = [];
    for (let i = 0; i < 20; i++) series = addSample(series, s(i, i * 3));
    expect(series.map((x) => x.now)).toEqual([14, 15, 16, 17, 18, 19]);
  });
  it('ignores a repeated answer and restarts when hashes go down or time goes back', () => {
    const a = [s(1, 10), s(2, 20)];
    expect(addSample(a, s(2, 20))).toEqual(a);
    expect(addSample(a, s(3, 5))).toEqual([s(3, 5)]);
    expect(addSample(a, s(1.5, 30))).toEqual([s(1.5, 30)]);
  });
});

describe('webuiJsonUrl', () => {
  const svc = (name: string, namespace: string, clusterIP: string, port = 80) => ({ metadata: { name, namespace }, spec: { clusterIP, ports: [{ port }] } });
  it('finds the webui Service, default namespace first', () => {
    expect(webuiJsonUrl([])).toBeNull();
    expect(webuiJsonUrl([svc('redis', 'default', '10.96.47.120', 6379)])).toBeNull();
    expect(webuiJsonUrl([svc('webui', 'default', '10.96.99.31')])).toBe('http://10.96.99.31/json');
    expect(webuiJsonUrl([svc('webui', 'coins', '10.96.1.2', 8080), svc('webui', 'default', '10.96.99.31')])).toBe('http://10.96.99.31/json');
    expect(webuiJsonUrl([svc('webui', 'coins', '10.96.1.2', 8080)])).toBe('http://10.96.1.2:8080/json');
    expect(webuiJsonUrl([svc('webui', 'default', 'None')])).toBeNull();
  });
});
