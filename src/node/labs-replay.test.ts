// CI replay of every lab (issue #7): for each lab and each language, a fresh seeded session runs
// the lab's setup, then step by step checks that the step's check does NOT pass yet, runs the
// step's recorded solution as a student would type it (1 s of virtual time between commands),
// and expects the check to pass within two virtual minutes. It also checks that each step's
// text, in both languages, shows every solution command in a runnable ```sh block, and that
// both languages have the same number of hints.
import { describe, expect, it } from 'vitest';
import { LABS, LANGS, checkOk } from '../labs';
import type { Lab, TypedCommand } from '../labs';
import { createLabView } from '../worker/lab-view';
import { createSession } from '../worker/session';
import type { Session } from '../worker/session';
import { advanceTo, runCommand } from './driver';

/** The lines of every ```sh fenced block of a Markdown text. */
export function runnableCommands(md: string): string[] {
  const out: string[] = [];
  const re = /^```sh[^\n]*\n([\s\S]*?)^```/gm;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    for (const line of m[1].split('\n')) if (line.trim()) out.push(line.trim());
  }
  return out;
}

async function typeLine(session: Session, line: string, log: TypedCommand[]): Promise<void> {
  let output = '';
  const { code } = await runCommand(session, line, { write: (s: string) => void (output += s) }, 5 * 60_000);
  log.push({ line, status: code, output: output.slice(0, 65_536) });
  await advanceTo(session, session.cluster.clock.now() + 1000);
}

async function replay(lab: Lab): Promise<void> {
  const session = createSession({ seed: lab.seed });
  const log: TypedCommand[] = [];
  for (const line of lab.setup ?? []) await typeLine(session, line, []);
  for (const step of lab.steps) {
    const where = `${lab.id} / ${step.id}`;
    expect(checkOk(step.check(createLabView(session, log))), `${where}: passes before its solution`).toBe(false);
    for (const line of step.solution) await typeLine(session, line, log);
    let ok = checkOk(step.check(createLabView(session, log)));
    for (let s = 0; !ok && s < 120; s++) {
      await advanceTo(session, session.cluster.clock.now() + 1000);
      ok = checkOk(step.check(createLabView(session, log)));
    }
    expect(ok, `${where}: fails after its solution\n${log.slice(-step.solution.length).map((c) => `$ ${c.line}\n${c.output}`).join('')}`).toBe(true);
  }
}

describe('runnableCommands', () => {
  it('reads the lines of sh blocks only', () => {
    expect(runnableCommands('Run:\n\n```sh\nkubectl get pods\n\nkubectl get nodes\n```\n\n```yaml\nkind: Pod\n```\n`kubectl x`\n')).toEqual(['kubectl get pods', 'kubectl get nodes']);
  });
});

describe('labs', () => {
  it('are numbered by chapter, in order, with unique ids', () => {
    expect(LABS.map((l) => l.chapter)).toEqual([...LABS.map((l) => l.chapter)].sort((a, b) => a - b));
    expect(new Set(LABS.map((l) => l.id)).size).toBe(LABS.length);
  });
  for (const lab of LABS) {
    describe(lab.id, () => {
      it('has 4–10 steps with texts, titles and hints in both languages, and shows every solution command', () => {
        expect(lab.steps.length).toBeGreaterThanOrEqual(4);
        expect(lab.steps.length).toBeLessThanOrEqual(10);
        expect(new Set(lab.steps.map((s) => s.id)).size).toBe(lab.steps.length);
        for (const step of lab.steps) {
          expect(step.hints.es.length, `${step.id} hints`).toBe(step.hints.en.length);
          expect(step.hints.en.length, `${step.id} hints`).toBeGreaterThan(0);
          expect(step.solution.length, `${step.id} solution`).toBeGreaterThan(0);
          for (const lang of LANGS) {
            expect(step.title[lang].trim(), `${step.id} title ${lang}`).not.toBe('');
            const shown = runnableCommands(step.body[lang]);
            for (const cmd of step.solution) {
              if (cmd.includes('\n')) continue; // heredocs are shown as one block and checked by the replay
              expect(shown, `${lab.id}/${step.id} (${lang}) shows ${cmd}`).toContain(cmd);
            }
          }
        }
      });
      for (const lang of LANGS) {
        it(`replays its solution (${lang})`, async () => {
          await replay(lab);
        }, 120_000);
      }
    });
  }
});
