// Opening a shared link at load, with the browser replaced by fakes: the hash is cleared before
// anything else (so the reload cannot loop), corrupt/truncated/oversized links and files the
// worker refuses are reported and import nothing, a declined confirm imports nothing, and other
// hashes are left alone. Also: both languages have the same share strings.
import { describe, it, expect } from 'vitest';
import { openShared } from './open-shared';
import type { OpenSharedDeps } from './open-shared';
import { encodeScenario } from './scenario-link';
import { shareEn, shareEs } from './strings';
import { toolsEn } from '../persistence/strings';
import { en } from '../../i18n/resources';

function fakes(hash: string, opts: { confirm?: boolean; importError?: string; maxBytes?: number } = {}) {
  const log: string[] = [];
  const deps: OpenSharedDeps = {
    hash,
    clearHash: () => log.push('clearHash'),
    confirm: (m) => {
      log.push(`confirm ${m}`);
      return opts.confirm ?? true;
    },
    importJson: (json) => {
      log.push(`import ${json.length}`);
      return opts.importError ? Promise.reject(new Error(opts.importError)) : Promise.resolve({ ok: true });
    },
    reload: () => log.push('reload'),
    t: (k, o) => (o ? `${k} ${JSON.stringify(o)}` : k),
    notify: (n) => log.push(n ? `notify ${n.error ? 'error' : 'info'} ${n.message}` : 'notify clear'),
    maxBytes: opts.maxBytes,
  };
  return { deps, log };
}

const file = JSON.stringify({ format: 'timonel-playground', version: 1, cluster: {} });

describe('openShared', () => {
  it('clears the hash, confirms, imports, then reloads', async () => {
    const data = await encodeScenario(file);
    const { deps, log } = fakes(`#scenario=${data}`);
    expect(await openShared(deps)).toBe('opened');
    expect(log).toEqual(['clearHash', 'confirm share.openConfirm', 'notify info share.opening', `import ${file.length}`, 'reload']);
  });

  it('imports nothing when the user declines', async () => {
    const { deps, log } = fakes(`#scenario=${await encodeScenario(file)}`, { confirm: false });
    expect(await openShared(deps)).toBe('declined');
    expect(log).toEqual(['clearHash', 'confirm share.openConfirm']);
  });

  it('ignores other hashes', async () => {
    for (const hash of ['', '#', '#labs', '#scenarios=abc']) {
      const { deps, log } = fakes(hash);
      expect(await openShared(deps)).toBe('none');
      expect(log).toEqual([]);
    }
  });

  it('reports corrupt, truncated, foreign and oversized links without asking or importing', async () => {
    const data = await encodeScenario(file);
    const cases: [string, string, number | undefined, string][] = [
      ['#scenario=%%%', 'corrupt', undefined, 'notify error share.openCorrupt'],
      [`#scenario=${data.slice(0, data.length - 6)}`, 'corrupt', undefined, 'notify error share.openCorrupt'],
      [`#scenario=${await encodeScenario('{"format":"other"}')}`, 'corrupt', undefined, 'notify error share.openCorrupt'],
      [`#scenario=${await encodeScenario('not json')}`, 'corrupt', undefined, 'notify error share.openCorrupt'],
      [`#scenario=${await encodeScenario(' '.repeat(3 * 1024 * 1024))}`, 'tooLarge', 2 * 1024 * 1024, 'notify error share.openTooLarge {"max":2}'],
    ];
    for (const [hash, outcome, maxBytes, notice] of cases) {
      const { deps, log } = fakes(hash, { maxBytes });
      expect(await openShared(deps)).toBe(outcome);
      expect(log).toEqual(['clearHash', notice]);
    }
  });

  it('reports a file the worker refuses, and does not reload', async () => {
    const { deps, log } = fakes(`#scenario=${await encodeScenario(file)}`, { importError: 'invalid playground file: the cluster snapshot is malformed' });
    expect(await openShared(deps)).toBe('invalid');
    expect(log).toEqual([
      'clearHash',
      'confirm share.openConfirm',
      'notify info share.opening',
      `import ${file.length}`,
      'notify error share.openInvalid {"message":"invalid playground file: the cluster snapshot is malformed"}',
    ]);
  });
});

describe('share strings', () => {
  it('Spanish has exactly the English keys and no clash with other resources', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(shareEs)).toEqual(keys(shareEn));
    expect([shareEs.share.button, shareEs.share.openConfirm]).toEqual(['Compartir enlace', '¿Abrir el escenario compartido? Reemplaza tu entorno actual.']);
    const taken = new Set([...Object.keys(en), ...Object.keys(toolsEn)]);
    expect(Object.keys(shareEn).filter((k) => taken.has(k))).toEqual([]);
  });
});
