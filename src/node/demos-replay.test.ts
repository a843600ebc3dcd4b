// CI replay of every instructor demo (src/labs/demos): for each demo, a fresh session plays every
// step as the player does — the fault (if any) through the failure tools, the manifest written
// to the shell's filesystem, then the step's one command line — waits the step's pause in virtual
// time, and expects each command's exit status (0 unless the step says otherwise) and, at the
// end, the state the demo promises (new image everywhere, pods moved off the failed node, ...).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAUSE, DEMOS, demoCommand } from '../labs/demos';
import type { Demo } from '../labs/demos';
import { LANGS } from '../labs';
import type { Deployment, KObject, Node, Pod } from '../engine';
import { createSession } from '../worker/session';
import type { Session } from '../worker/session';
import { injectFault } from '../worker/tools';
import { advanceTo, runCommand } from './driver';

interface Played {
  session: Session;
  /** Each step's command and what it printed. */
  outputs: string[];
}

async function play(demo: Demo, seed: number): Promise<Played> {
  const session = createSession({ seed });
  const { clock } = session.cluster;
  const outputs: string[] = [];
  for (const [i, step] of demo.steps.entries()) {
    if (step.fault) expect(injectFault(session, step.fault).ok, `${demo.id} step ${i + 1}: fault`).toBe(true);
    if (step.apply) session.shell.fs.writeFile(session.shell.fs.resolve(step.apply.file, session.shell.cwd), step.apply.yaml);
    const line = demoCommand(step);
    let output = '';
    const { code, interrupted } = await runCommand(session, line, { write: (s: string) => void (output += s) }, 5 * 60_000);
    outputs.push(output);
    expect(interrupted, `${demo.id} step ${i + 1} hung: ${line}\n${output}`).toBe(false);
    expect(code, `${demo.id} step ${i + 1}: ${line}\n${output}`).toBe(step.expectStatus ?? 0);
    await advanceTo(session, clock.now() + 1000 + (step.pause ?? DEFAULT_PAUSE) * 1000);
  }
  return { session, outputs };
}

const list = <T extends KObject>(s: Session, path: string): T[] => ((s.cluster.request({ method: 'GET', path }).body as { items?: T[] }).items ?? []);
const pods = (s: Session, app: string): Pod[] => list<Pod>(s, '/api/v1/namespaces/default/pods').filter((p) => p.metadata?.labels?.app === app);
const live = (ps: Pod[]): Pod[] => ps.filter((p) => !p.metadata?.deletionTimestamp);
const running = (p: Pod): boolean => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const image = (p: Pod): string | undefined => p.spec?.containers[0]?.image;
const deployment = (s: Session, name: string): Deployment | undefined => {
  const res = s.cluster.request({ method: 'GET', path: `/apis/apps/v1/namespaces/default/deployments/${name}` });
  return res.status === 200 ? (res.body as Deployment) : undefined;
};
const node = (s: Session, name: string): Node => s.cluster.request({ method: 'GET', path: `/api/v1/nodes/${name}` }).body as Node;
const ready = (n: Node): string | undefined => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;

/** What each demo promises at its end. */
const FINAL: Record<string, (p: Played) => void> = {
  'rolling-update': ({ session, outputs }) => {
    const web = live(pods(session, 'web'));
    expect(web.length).toBe(4);
    expect(web.every(running)).toBe(true);
    expect(web.map(image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(outputs[5]).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE\nweb-\w+ +4 +4 +4 +\S+\nweb-\w+ +0 +0 +0 +\S+\n$/);
  },
  rollback: ({ session, outputs }) => {
    const web = live(pods(session, 'web'));
    expect(web.length).toBe(4);
    expect(web.every(running)).toBe(true);
    expect(new Set(web.map(image))).toEqual(new Set(['nginx:1.27']));
    expect(outputs[4]).toContain('error: timed out waiting for the condition');
    expect(outputs[5]).toMatch(/ImagePullBackOff|ErrImagePull/);
    // The note says revision 2 became revision 4.
    expect(outputs[7]).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n\n');
  },
  canary: ({ session, outputs }) => {
    // `uniq -c` lines: a count per Server header; 20 requests split between both versions.
    const counts = (o: string): Map<string, number> => new Map(o.split('\n').filter(Boolean).map((l) => {
      const m = /^ +(\d+) Server: (nginx\/[\d.]+)\r$/.exec(l);
      expect(m, l).not.toBeNull();
      return [m?.[2] ?? '', Number(m?.[1])];
    }));
    const split = counts(outputs[4]);
    expect([...split.keys()].map((v) => v.slice(0, 11)).sort()).toEqual(['nginx/1.26.', 'nginx/1.27.']);
    expect([...split.values()].reduce((a, b) => a + b)).toBe(20);
    expect(deployment(session, 'shop-canary')).toBeUndefined();
    const shop = live(pods(session, 'shop'));
    expect(shop.length).toBe(3);
    expect(new Set(shop.map(image))).toEqual(new Set(['nginx:1.27']));
    const after = counts(outputs[7]);
    expect([...after.values()]).toEqual([20]);
    expect([...after.keys()][0]).toMatch(/^nginx\/1\.27\./);
  },
  'self-healing': ({ session, outputs }) => {
    const hello = live(pods(session, 'hello'));
    expect(hello.length).toBe(3);
    expect(hello.every(running)).toBe(true);
    const first = outputs[2].split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(first.length).toBe(3);
    for (const p of hello) expect(first).not.toContain(p.metadata?.name);
    expect(outputs[7].match(/SuccessfulCreate/g)?.length).toBe(7);
  },
  'node-failure': ({ session, outputs }) => {
    expect(outputs[3]).toBe('node/node2 condition met\n');
    expect(outputs[6]).toMatch(/TaintManagerEviction/);
    expect(ready(node(session, 'node2'))).toBe('True');
    const web = live(pods(session, 'web'));
    expect(web.length).toBe(6);
    expect(web.every(running)).toBe(true);
    expect(web.filter((p) => p.spec?.nodeName === 'node2')).toEqual([]);
    // No pod left behind on node2 once it came back.
    expect(pods(session, 'web').filter((p) => p.spec?.nodeName === 'node2')).toEqual([]);
  },
  'dockercoins-scaling': ({ session, outputs }) => {
    expect(deployment(session, 'worker')?.status?.availableReplicas).toBe(20);
    const rate = (o: string): number => Number(/^hashes\/s: (\d+)\n$/.exec(o)?.[1] ?? NaN);
    const [one, ten, twenty] = [rate(outputs[4]), rate(outputs[6]), rate(outputs[8])];
    expect(one).toBeGreaterThan(0);
    expect(ten).toBeGreaterThanOrEqual(2 * one);
    // Saturated: 20 workers do not double the rate of 10.
    expect(twenty).toBeLessThan(2 * ten);
  },
};

describe('demos', () => {
  it('have unique ids, 5–12 steps, and texts in both languages', () => {
    expect(new Set(DEMOS.map((d) => d.id)).size).toBe(DEMOS.length);
    expect(DEMOS.map((d) => d.id).sort()).toEqual(Object.keys(FINAL).sort());
    for (const demo of DEMOS) {
      expect(demo.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(demo.steps.length, demo.id).toBeGreaterThanOrEqual(5);
      expect(demo.steps.length, demo.id).toBeLessThanOrEqual(12);
      for (const lang of LANGS) {
        expect(demo.title[lang].trim(), `${demo.id} title ${lang}`).not.toBe('');
        expect(demo.summary[lang].trim(), `${demo.id} summary ${lang}`).not.toBe('');
      }
      for (const [i, step] of demo.steps.entries()) {
        for (const lang of LANGS) expect(step.note[lang].trim(), `${demo.id} step ${i + 1} note ${lang}`).not.toBe('');
        // Exactly one command per step: a command line, or an apply (which types `kubectl apply -f FILE`).
        expect(Boolean(step.run) !== Boolean(step.apply), `${demo.id} step ${i + 1}: run xor apply`).toBe(true);
        expect(demoCommand(step)).not.toMatch(/\n/);
        if (step.apply) expect(step.apply.file).toMatch(/^[\w.-]+\.ya?ml$/);
      }
    }
  });
  for (const demo of DEMOS) {
    for (const seed of [1, 7]) {
      it(`${demo.id} plays to its end state (seed ${seed})`, async () => {
        FINAL[demo.id](await play(demo, seed));
      }, 120_000);
    }
  }
});

describe('demoCommand', () => {
  it('types `kubectl apply -f FILE` for an apply, the line otherwise', () => {
    expect(demoCommand({ note: { es: 'x', en: 'x' }, apply: { file: 'a.yaml', yaml: 'kind: Pod\n' } })).toBe('kubectl apply -f a.yaml');
    expect(demoCommand({ note: { es: 'x', en: 'x' }, run: 'kubectl get pods' })).toBe('kubectl get pods');
  });
});
