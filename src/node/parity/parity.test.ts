// The parity suite: the real kubectl (over HTTP, `npm run serve`'s server) and the in-browser
// kubectl run the course's commands against identical clusters; outputs must match after
// normalising ages. Known differences are listed in DIFFERENCES.md and expected to differ
// (so fixing one fails here until the entry is removed). Skips when no kubectl is installed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../engine';
import { explain } from '../../engine/schema';
import { createApiHttpServer, listen } from '../http/server';
import { writeKubeconfig } from '../http/kubeconfig';
import { CASES } from './cases';
import { findKubectl, normalise } from './harness';
import { runParity } from './run';
import type { ParityResult } from './run';

const search = findKubectl();
const kubectl = search.path;
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

  it('refuses a kubectl older than v1.32 (Debian kubernetes-client is v1.20) with a clear reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timonel-old-kubectl-'));
    try {
      const old = join(dir, 'kubectl');
      writeFileSync(old, `#!/bin/sh\necho '{"clientVersion":{"major":"1","minor":"20","gitVersion":"v1.20.15"}}'\n`, { mode: 0o755 });
      expect(findKubectl([old, join(dir, 'missing')])).toEqual({
        why: `no kubectl v1.32 or newer (${old} is v1.20.15); set $KUBECTL to one (Debian's kubernetes-client is v1.20, too old for this suite)`,
      });
      expect(findKubectl([join(dir, 'missing')]).why).toBe(
        "no kubectl v1.32 or newer (none at $KUBECTL or /usr/bin/kubectl); set $KUBECTL to one (Debian's kubernetes-client is v1.20, too old for this suite)",
      );
      writeFileSync(old, `#!/bin/sh\necho '{"clientVersion":{"major":"1","minor":"33","gitVersion":"v1.33.1"}}'\n`, { mode: 0o755 });
      expect(findKubectl([old])).toEqual({ path: old, why: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every known difference in DIFFERENCES.md', () => {
    const missing = [...new Set(CASES.flatMap((c) => (c.differs ? [c.differs] : [])))].filter((k) => !differences.includes(`### ${k}\n`));
    expect(missing).toEqual([]);
  });
});

if (!kubectl) {
  describe('parity: real kubectl vs in-browser kubectl', () => {
    it.skip(`skipped: ${search.why}`, () => {});
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

/** `kubectl explain` of the real kubectl reads the served /openapi/v3; the engine's explain() must print the same. */
const EXPLAIN: [arg: string, apiVersion: string, kind: string, path: string[]][] = [
  ['pods', 'v1', 'Pod', []],
  ['pods.spec.containers.ports', 'v1', 'Pod', ['spec', 'containers', 'ports']],
  ['deployments.spec.strategy', 'apps/v1', 'Deployment', ['spec', 'strategy']],
  ['svc.spec.type', 'v1', 'Service', ['spec', 'type']],
  ['cm', 'v1', 'ConfigMap', []],
];

describe.skipIf(!kubectl)(`explain: engine explain() vs the real kubectl over /openapi/v3${kubectl ? '' : ` (skipped: ${search.why})`}`, () => {
  const cluster = createCluster({ seed: 1, bootstrap: false, nodes: [] });
  const server = createApiHttpServer((req) => cluster.request(req));
  const dir = mkdtempSync(join(tmpdir(), 'timonel-explain-'));
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    const port = await listen(server, 0);
    env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: writeKubeconfig(join(dir, '.kube', 'config'), `http://127.0.0.1:${port}`) };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });
  for (const [arg, apiVersion, kind, path] of EXPLAIN) {
    it(`kubectl explain ${arg}`, async () => {
      const real = await new Promise<string>((resolve, reject) =>
        execFile(kubectl ?? 'kubectl', ['explain', arg], { env }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      );
      expect(explain(apiVersion, kind, path)).toBe(real);
    });
  }
});
