// The parity suite: the real kubectl (over HTTP, `npm run serve`'s server) and the in-browser
// kubectl run the course's commands against identical clusters; outputs must match after
// normalising ages. Known differences are listed in DIFFERENCES.md and expected to differ
// (so fixing one fails here until the entry is removed). Skips when no kubectl is installed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './cases';
import { findKubectl, normalise } from './harness';
import { runParity } from './run';
import type { ParityResult } from './run';

const kubectl = findKubectl();
const differences = readFileSync(new URL('./DIFFERENCES.md', import.meta.url), 'utf8');

describe('parity harness', () => {
  it('normalises the server URL, the client version and client-side ages only', () => {
    const text = [
      'Client Version: v1.32.4-dispatcher',
      'Server: http://127.0.0.1:4321 (AGE 5m stays)',
      'Events:',
      '  Type    Reason     Age    From               Message',
      '  Normal  Scheduled  5h24m  default-scheduler  Successfully assigned default/solo to node2',
      'Volumes: 10s',
      '',
    ].join('\n');
    expect(normalise(text, 'http://127.0.0.1:4321')).toBe(
      [
        'Client Version: <client>',
        'Server: <server> (AGE 5m stays)',
        'Events:',
        '  Type  Reason  Age  From  Message',
        '  Normal  Scheduled  <age>  default-scheduler  Successfully assigned default/solo to node2',
        'Volumes: 10s',
        '',
      ].join('\n'),
    );
  });

  it('lists every known difference in DIFFERENCES.md', () => {
    const missing = [...new Set(CASES.flatMap((c) => (c.differs ? [c.differs] : [])))].filter((k) => !differences.includes(`### ${k}\n`));
    expect(missing).toEqual([]);
  });
});

if (!kubectl) {
  describe('parity: real kubectl vs in-browser kubectl', () => {
    it.skip('skipped: no kubectl binary found ($KUBECTL or /usr/bin/kubectl); install one (Debian: kubernetes-client) to run it', () => {});
  });
} else {
  const bin = kubectl;
  describe('parity: real kubectl vs in-browser kubectl', () => {
    let results: ParityResult[] = [];
    beforeAll(async () => {
      results = await runParity(bin);
    }, 60_000);
    CASES.forEach((c, i) => {
      const check = () => {
        const r = results[i];
        expect(r.case.command).toBe(c.command);
        expect(r.browserText).toBe(r.realText);
        expect(r.browser.code).toBe(r.real.code);
      };
      if (c.differs) it.fails(`${c.command} (known difference: ${c.differs})`, check);
      else it(c.command, check);
    });
  });
}
