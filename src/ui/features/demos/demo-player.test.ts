import { describe, expect, it } from 'vitest';
import type { Demo, DemoFault } from '../../../labs/demos/types';
import { DEMOS } from '../../../labs/demos';
import { DemoPlayer } from './demo-player';
import type { PlayerEffects } from './demo-player';

const N = { es: 'nota', en: 'note' };
const DEMO: Demo = {
  id: 'd',
  title: N,
  summary: N,
  steps: [
    { note: N, apply: { file: 'a.yaml', yaml: 'kind: Pod\n' } },
    { note: N, run: 'kubectl get pods', pause: 5 },
    { note: N, fault: { action: 'stopNode', node: 'node2' }, run: 'kubectl get nodes', expectStatus: 1 },
    { note: N, run: 'echo end' },
  ],
};

interface Fake extends PlayerEffects {
  typed: string[];
  files: [string, string][];
  faults: DemoFault[];
  saved: [string | null, number][];
  clock: number;
  terminal: boolean;
  isBusy: boolean;
  faultOk: boolean;
}

function fake(): Fake {
  const f: Fake = {
    typed: [],
    files: [],
    faults: [],
    saved: [],
    clock: 1000,
    terminal: true,
    isBusy: false,
    faultOk: true,
    now: () => f.clock,
    busy: () => f.isBusy,
    type: (line) => {
      if (!f.terminal) return false;
      f.typed.push(line);
      return true;
    },
    writeFile: async (path, content) => void f.files.push([path, content]),
    fault: async (x) => {
      f.faults.push(x);
      return { ok: f.faultOk, output: f.faultOk ? '' : 'Error from server (NotFound): nodes "node2" not found\n' };
    },
    save: (demo, cursor) => void f.saved.push([demo, cursor]),
  };
  return f;
}

const settle = () => new Promise<void>((r) => setTimeout(r, 0));

describe('DemoPlayer', () => {
  it('plays step by step: an apply writes the file then types kubectl apply; the cursor moves when the command completes', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx);
    p.select('d');
    expect(p.getState()).toMatchObject({ demo: 'd', cursor: 0, running: null });
    p.run();
    await settle();
    expect(fx.files).toEqual([['a.yaml', 'kind: Pod\n']]);
    expect(fx.typed).toEqual(['kubectl apply -f a.yaml']);
    expect(p.getState()).toMatchObject({ cursor: 0, running: 0 });
    p.run(); // ignored while a step runs
    await settle();
    expect(fx.typed.length).toBe(1);
    p.commandComplete(0);
    expect(p.getState()).toMatchObject({ cursor: 1, running: null, outcomes: { 0: { kind: 'done', status: 0, expected: true } } });
    expect(fx.saved.at(-1)).toEqual(['d', 1]);
    // A completion nobody typed through the player (the user's own command) changes nothing.
    p.commandComplete(0);
    expect(p.getState().cursor).toBe(1);
  });

  it('injects the fault before typing the command, and an expected failure status counts as expected', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 2 });
    p.run();
    await settle();
    expect(fx.faults).toEqual([{ action: 'stopNode', node: 'node2' }]);
    expect(fx.typed).toEqual(['kubectl get nodes']);
    p.commandComplete(1);
    expect(p.getState().outcomes[2]).toEqual({ kind: 'done', status: 1, expected: true });
  });

  it('stops at a failed fault without typing anything', async () => {
    const fx = fake();
    fx.faultOk = false;
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 2 });
    p.run();
    await settle();
    expect(fx.typed).toEqual([]);
    expect(p.getState()).toMatchObject({ running: null, cursor: 2, outcomes: { 2: { kind: 'failed', reason: 'fault', detail: 'Error from server (NotFound): nodes "node2" not found\n' } } });
  });

  it('reports a missing terminal', async () => {
    const fx = fake();
    fx.terminal = false;
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 1 });
    p.toggleAuto();
    await settle();
    expect(p.getState()).toMatchObject({ running: null, auto: false, outcomes: { 1: { kind: 'failed', reason: 'noTerminal', detail: '' } } });
  });

  it('does nothing while the terminal is busy (a command running or a half-typed line), and says so', async () => {
    const fx = fake();
    fx.isBusy = true;
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 1 });
    p.toggleAuto();
    await settle();
    expect(fx.typed).toEqual([]);
    expect(fx.files).toEqual([]);
    expect(fx.faults).toEqual([]);
    expect(p.getState()).toMatchObject({ running: null, auto: false, cursor: 1, outcomes: { 1: { kind: 'failed', reason: 'busy', detail: '' } } });
    // Once the terminal is free the same step runs.
    fx.isBusy = false;
    p.run();
    await settle();
    expect(fx.typed).toHaveLength(1);
  });

  it('auto mode waits each step\'s pause in virtual time, then runs the next, and stops at the end', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 1 });
    p.toggleAuto();
    await settle();
    expect(fx.typed).toEqual(['kubectl get pods']);
    fx.clock = 10_000;
    p.commandComplete(0);
    expect(p.getState()).toMatchObject({ auto: true, cursor: 2, waitUntil: 15_000 });
    p.tick(14_999);
    await settle();
    expect(fx.typed.length).toBe(1);
    p.tick(15_000);
    await settle();
    expect(fx.typed).toEqual(['kubectl get pods', 'kubectl get nodes']);
    fx.clock = 20_000;
    p.commandComplete(1); // expected (expectStatus 1); default pause of 2 s
    expect(p.getState()).toMatchObject({ auto: true, cursor: 3, waitUntil: 22_000 });
    p.tick(22_000);
    await settle();
    p.commandComplete(0);
    expect(p.getState()).toMatchObject({ auto: false, cursor: 4, running: null, waitUntil: null });
  });

  it('auto mode stops on an unexpected exit status, when the user types, and on toggle', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 1 });
    p.toggleAuto();
    await settle();
    p.commandComplete(2);
    expect(p.getState()).toMatchObject({ auto: false, cursor: 2, waitUntil: null, outcomes: { 1: { kind: 'done', status: 2, expected: false } } });

    p.toggleAuto();
    await settle();
    p.userTyped();
    expect(p.getState()).toMatchObject({ auto: false, running: 2 });
    p.commandComplete(1);
    expect(p.getState()).toMatchObject({ auto: false, cursor: 3, waitUntil: null });

    p.toggleAuto();
    await settle();
    p.commandComplete(0);
    expect(p.getState().auto).toBe(false); // the end
    p.goTo(1);
    p.toggleAuto();
    await settle();
    p.commandComplete(0);
    expect(p.getState()).toMatchObject({ auto: true, waitUntil: 1000 + 5000 });
    p.toggleAuto();
    expect(p.getState()).toMatchObject({ auto: false, waitUntil: null });
    p.tick(1_000_000);
    await settle();
    expect(p.getState().running).toBeNull();
  });

  it('previous and goTo move the cursor only; restart forgets outcomes; select goes back to the list', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 3 });
    p.previous();
    expect(p.getState().cursor).toBe(2);
    p.goTo(99);
    expect(p.getState().cursor).toBe(4);
    p.previous();
    p.run();
    await settle();
    p.commandComplete(0);
    expect(Object.keys(p.getState().outcomes)).toEqual(['3']);
    p.restart();
    expect(p.getState()).toMatchObject({ demo: 'd', cursor: 0, outcomes: {} });
    expect(fx.typed).toEqual(['echo end']);
    p.select(null);
    expect(p.getState()).toMatchObject({ demo: null, cursor: 0 });
    expect(fx.saved.at(-1)).toEqual([null, 0]);
  });

  it('a step still writing its file when the demo restarts is dropped', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 0 });
    p.run();
    p.restart();
    await settle();
    expect(fx.typed).toEqual([]);
    expect(p.getState()).toMatchObject({ running: null, cursor: 0 });
  });

  it('a step still writing its file when the panel goes away types nothing later', async () => {
    const fx = fake();
    const p = new DemoPlayer([DEMO], fx, { demo: 'd', cursor: 0 });
    p.toggleAuto();
    p.detach();
    await settle();
    expect(fx.typed).toEqual([]);
    expect(p.getState()).toMatchObject({ running: null, auto: false, cursor: 0 });
    p.commandComplete(0);
    expect(p.getState().cursor).toBe(0);
  });

  it('reopens a saved demo and clamps its cursor; ignores an unknown id', () => {
    expect(new DemoPlayer([DEMO], fake(), { demo: 'd', cursor: 42 }).getState()).toMatchObject({ demo: 'd', cursor: 4 });
    expect(new DemoPlayer([DEMO], fake(), { demo: 'gone', cursor: 2 }).getState()).toMatchObject({ demo: null, cursor: 0 });
  });

  it('notifies subscribers', () => {
    const p = new DemoPlayer(DEMOS, fake());
    let calls = 0;
    const off = p.subscribe(() => calls++);
    p.select('self-healing');
    off();
    p.select('canary');
    expect(calls).toBe(1);
  });
});
