// The demo player (instructor mode): a column left of the terminal with the ready-made demos
// (src/labs/demos); a chosen demo shows its steps, the current one highlighted with its note and
// its command or manifest as text, and plays them into the terminal — Run (this step), Previous,
// Auto (the rest, with each step's pause in virtual time), Restart, and "Start on a fresh
// cluster". The graph and the time controls stay live. Model: demo-player.ts.
// Leaves out: undo ("Previous" moves the cursor only) and opening manifests in the editor.
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEMOS, demoCommand } from '../../../labs/demos';
import type { Demo, DemoStep } from '../../../labs/demos';
import type { Lang } from '../../../labs/types';
import { useCluster, useEngine } from '../../engine';
import { runInTerminal } from '../labs/run-in-terminal';
import { editQueue } from '../editor/editor-pushes';
import { DemoPlayer } from './demo-player';
import type { PlayerState, StepOutcome } from './demo-player';
import { DEMOS_PANEL_ID } from './demos-toggle';
import './demos.css';

const PLAYER_KEY = 'timonel.demos.player';

/** The demo and cursor saved by the player (or by "Start on a fresh cluster" before the reload). */
export function loadSaved(raw: string | null): { demo: string | null; cursor: number } {
  try {
    const v = JSON.parse(raw ?? 'null') as { demo?: unknown; cursor?: unknown } | null;
    return { demo: typeof v?.demo === 'string' ? v.demo : null, cursor: typeof v?.cursor === 'number' ? v.cursor : 0 };
  } catch {
    return { demo: null, cursor: 0 };
  }
}

function save(demo: string | null, cursor: number): void {
  try {
    window.localStorage.setItem(PLAYER_KEY, JSON.stringify({ demo, cursor }));
  } catch {
    // storage denied: the player forgets its place on reload
  }
}

function readSaved(): { demo: string | null; cursor: number } {
  try {
    return loadSaved(window.localStorage.getItem(PLAYER_KEY));
  } catch {
    return { demo: null, cursor: 0 };
  }
}

/** One player per mounted panel, wired to the terminal, the worker and the cluster's clock. */
function usePlayer(): DemoPlayer {
  const { client, store } = useEngine();
  const player = useMemo(
    () =>
      new DemoPlayer(
        DEMOS,
        {
          now: () => store.getState().clock?.now ?? null,
          type: (line) => runInTerminal(document, line),
          busy: () => document.querySelector('.panel.terminal')?.getAttribute('data-busy') === 'true',
          writeFile: async (path, content) => {
            const written = await client.request('fs.write', { path, content });
            // The audience sees the manifest in the YAML editor too (a tab nobody waits on).
            editQueue.push({ session: null, file: { path: written.path, content }, command: 'demo' });
          },
          fault: (f) => client.request('fault', f),
          save,
        },
        readSaved(),
      ),
    [client, store],
  );
  useEffect(() => {
    const offShell = client.on((m) => {
      if (m.type === 'shell.complete' && !m.more) player.commandComplete(m.status);
    });
    const offClock = store.subscribe((s, prev) => {
      if (s.clock && s.clock.now !== prev.clock?.now) player.tick(s.clock.now);
    });
    // Typing in the terminal stops auto mode (pastes from the player are not key presses).
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest('.panel.terminal')) player.userTyped();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      offShell();
      offClock();
      document.removeEventListener('keydown', onKey, true);
      player.detach();
    };
  }, [client, store, player]);
  return player;
}

export function DemosPanel() {
  const { t, i18n } = useTranslation();
  const { client } = useEngine();
  const lang: Lang = i18n.language === 'es' ? 'es' : 'en';
  const player = usePlayer();
  const state = useSyncExternalStore(player.subscribe, player.getState);
  const demo = player.current();

  const fresh = async (d: Demo) => {
    if (!window.confirm(t('demos.freshConfirm', { title: d.title[lang] }))) return;
    save(d.id, 0);
    await client.request('playground.reset', {});
    window.location.reload();
  };

  return (
    <section className="panel demos" id={DEMOS_PANEL_ID} aria-label={t('demos.region')}>
      <div className="panel-head">
        <h2>{t('demos.region')}</h2>
      </div>
      <div className="demos-body">
        {demo ? (
          <DemoView demo={demo} lang={lang} state={state} player={player} onFresh={() => void fresh(demo)} />
        ) : (
          <nav aria-label={t('demos.list')}>
            <ul className="demos-list">
              {DEMOS.map((d) => (
                <li key={d.id} data-demo-id={d.id}>
                  <button type="button" className="demos-open" aria-label={t('demos.openDemo', { title: d.title[lang] })} onClick={() => player.select(d.id)}>
                    {d.title[lang]}
                  </button>
                  <p className="demos-summary" lang={lang}>{inlineCode(d.summary[lang])}</p>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </section>
  );
}

interface DemoViewProps {
  demo: Demo;
  lang: Lang;
  state: PlayerState;
  player: DemoPlayer;
  onFresh(): void;
}

function DemoView({ demo, lang, state, player, onFresh }: DemoViewProps) {
  const { t } = useTranslation();
  const total = demo.steps.length;
  const over = state.cursor >= total;
  const busy = state.running !== null;
  const now = useClockNow(state.waitUntil !== null);
  const clockPlaying = useCluster((s) => s.clock?.playing ?? false);
  const current = useRef<HTMLLIElement>(null);
  // Braces: scrollIntoView returns a Promise in recent Chromium, and an effect may return only a cleanup function.
  useEffect(() => {
    void current.current?.scrollIntoView?.({ block: 'nearest' });
  }, [state.cursor]);
  return (
    <article className="demo" data-demo-id={demo.id} lang={lang}>
      <div className="demo-head">
        <button type="button" onClick={() => player.select(null)} disabled={busy}>{t('demos.back')}</button>
        <h3>{demo.title[lang]}</h3>
      </div>
      <p className="demos-summary">{inlineCode(demo.summary[lang])}</p>
      <div className="demo-controls" role="group" aria-label={t('demos.controls')}>
        <button type="button" onClick={() => player.previous()} disabled={busy || state.cursor === 0}>{t('demos.previous')}</button>
        <button type="button" className="demo-run" onClick={() => player.run()} disabled={busy || over}>{busy ? t('demos.running') : t('demos.run')}</button>
        <button type="button" aria-pressed={state.auto} onClick={() => player.toggleAuto()} disabled={!state.auto && over}>{t('demos.auto')}</button>
        <button type="button" onClick={() => player.restart()} disabled={busy}>{t('demos.restart')}</button>
        <button type="button" onClick={onFresh}>{t('demos.fresh')}</button>
      </div>
      <p className="demo-position" role="status">
        {over ? t('demos.finished') : t('demos.stepOf', { n: state.cursor + 1, total })}
        {state.waitUntil !== null && now !== null && <> · {t('demos.autoWait', { seconds: Math.max(0, Math.ceil((state.waitUntil - now) / 1000)) })}</>}
        {state.waitUntil !== null && !clockPlaying && <> · {t('demos.autoPaused')}</>}
      </p>
      {state.note && <pre className="demo-output">{state.note}</pre>}
      <details className="demo-help">
        <summary>{t('demos.helpTitle')}</summary>
        <p>{t('demos.help')}</p>
      </details>
      <ol className="demo-steps" aria-label={t('demos.steps')}>
        {demo.steps.map((step, i) => {
          const here = i === state.cursor;
          const outcome = state.outcomes[i];
          return (
            <li
              key={i}
              ref={here ? current : undefined}
              className={`demo-step${here ? ' current' : ''}${state.running === i ? ' running' : ''}${outcome ? ` ${outcomeClass(outcome)}` : ''}`}
              data-step={i + 1}
              aria-current={here ? 'step' : undefined}
            >
              <button type="button" className="demo-step-go" aria-label={t('demos.goTo', { n: i + 1 })} onClick={() => player.goTo(i)} disabled={busy}>
                {i + 1}
              </button>
              <div className="demo-step-body">
                <p className="demo-note">{inlineCode(step.note[lang])}</p>
                {here || outcome ? <StepDetail step={step} outcome={outcome} full={here} /> : <code className="demo-command-short">{demoCommand(step)}</code>}
              </div>
            </li>
          );
        })}
      </ol>
    </article>
  );
}

function StepDetail({ step, outcome, full }: { step: DemoStep; outcome: StepOutcome | undefined; full: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {full && step.fault && <p className="demo-fault">{t(step.fault.action === 'stopNode' ? 'demos.stopNode' : 'demos.startNode', { node: step.fault.node })}</p>}
      {full && step.apply && (
        <figure className="demo-manifest">
          <figcaption>{t('demos.manifest', { file: step.apply.file })}</figcaption>
          <pre>{step.apply.yaml}</pre>
        </figure>
      )}
      <pre className="demo-command" aria-label={t('demos.command')}>{`$ ${demoCommand(step)}`}</pre>
      {full && step.expectStatus !== undefined && step.expectStatus !== 0 && <p className="demo-expect">{t('demos.expectsFailure', { status: step.expectStatus })}</p>}
      {outcome && <p className="demo-outcome">{outcomeText(outcome, step, t)}</p>}
    </>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function outcomeText(o: StepOutcome, step: DemoStep, t: T): string {
  if (o.kind === 'done') return o.expected ? t('demos.exitOk', { status: o.status }) : t('demos.exitUnexpected', { status: o.status, expected: step.expectStatus ?? 0 });
  if (o.reason === 'noTerminal') return t('demos.noTerminal');
  if (o.reason === 'busy') return t('demos.terminalBusy');
  return t(o.reason === 'write' ? 'demos.writeFailed' : 'demos.faultFailed', { detail: o.detail.trim() });
}

const outcomeClass = (o: StepOutcome): string => (o.kind === 'done' && o.expected ? 'played' : 'failed');

/** A note's `inline code` as <code> elements; everything stays text. */
function inlineCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** The cluster's clock, re-read while auto mode counts down (null otherwise or before connect). */
function useClockNow(counting: boolean): number | null {
  const { store } = useEngine();
  const seconds = useSyncExternalStore(store.subscribe, () => (counting ? Math.floor((store.getState().clock?.now ?? 0) / 1000) : -1));
  return seconds < 0 ? null : seconds * 1000;
}
