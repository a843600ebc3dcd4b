import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, startServe } from './serve';

describe('npm run serve arguments', () => {
  it('defaults and flags in both forms', () => {
    expect(parseServeArgs([])).toEqual({ port: 8001, seed: 1, speed: 1, host: '127.0.0.1', verbose: false });
    expect(parseServeArgs(['--port', '9000', '--seed=7', '--speed', '0.5', '--kubeconfig', '/tmp/k', '-v'])).toEqual({
      port: 9000,
      seed: 7,
      speed: 0.5,
      host: '127.0.0.1',
      kubeconfig: '/tmp/k',
      verbose: true,
    });
  });

  it('rejects bad values and unknown flags', () => {
    expect(() => parseServeArgs(['--port', 'x'])).toThrow('invalid value "x" for --port');
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('invalid value "70000" for --port');
    expect(() => parseServeArgs(['--speed', '-1'])).toThrow('invalid value "-1" for --speed');
    expect(() => parseServeArgs(['--seed'])).toThrow('flag needs an argument: --seed');
    expect(() => parseServeArgs(['--bogus'])).toThrow('unknown flag: --bogus');
  });

  it('starts, writes the kubeconfig it prints, and closes', async () => {
    const dir = `/tmp/timonel-serve-test-${process.pid}`;
    const served = await startServe({ port: 0, seed: 1, speed: 1, host: '127.0.0.1', verbose: false, kubeconfig: `${dir}/kubeconfig` });
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(served.kubeconfig).toBe(`${dir}/kubeconfig`);
      expect(existsSync(served.kubeconfig)).toBe(true);
      const res = await fetch(`${served.url}/api/v1/nodes`);
      expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(3);
    } finally {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
