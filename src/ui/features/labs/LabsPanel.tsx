// The labs panel: the course's labs in order with their progress, and a lab's steps — title,
// text (Markdown, with "Run in terminal" on each command), the live result of the current step's
// check (it turns green when it passes), progressive hints, the recorded solution, reset and
// leave. Progress comes from the worker (labs.progress, lab-host.ts); texts from src/labs in the
// app's language. Starting or resetting a lab reloads the page onto the lab's fresh cluster.
// Leaves out: instructor mode (demo scripts, presenter view).
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LABS } from '../../../labs';
import type { Lab, Lang } from '../../../labs';
import type { LabsState } from '../../../worker/protocol';
import { useEngine } from '../../engine';
import { renderMarkdown } from './markdown';
import type { MarkdownOptions } from './markdown';
import { labStatus, passedCount, progressOf, stepStatuses } from './labs-model';
import { runInTerminal } from './run-in-terminal';
import './labs.css';

export { LABS_PANEL_ID, LabsToggle, useLabsOpen } from './labs-toggle';
import { LABS_PANEL_ID, rememberLabsOpen } from './labs-toggle';

const EMPTY: LabsState = { active: null, progress: {}, check: null };

/** The worker's labs progress, kept current. */
function useLabsState(): LabsState {
  const { client } = useEngine();
  const [state, setState] = useState<LabsState>(EMPTY);
  useEffect(() => {
    let live = true;
    const off = client.on((m) => {
      if (m.type === 'labs.progress') setState(m.state);
    });
    client.request('labs.state', {}).then((s) => live && setState(s), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return state;
}

export function LabsPanel() {
  const { t, i18n } = useTranslation();
  const { client } = useEngine();
  const lang: Lang = i18n.language === 'es' ? 'es' : 'en';
  const state = useLabsState();
  const [viewing, setViewing] = useState<string | null>(null);
  const shown = LABS.find((l) => l.id === (viewing ?? state.active));

  const start = async (lab: Lab, confirmText: string) => {
    if (!window.confirm(confirmText)) return;
    await client.request('labs.start', { lab: lab.id });
    rememberLabsOpen(true);
    window.location.reload();
  };

  return (
    <section className="panel labs" id={LABS_PANEL_ID} aria-label={t('labs.region')}>
      <h2>{t('labs.region')}</h2>
      <div className="labs-body">
        {shown ? (
          <LabView
            lab={shown}
            lang={lang}
            state={state}
            onBack={() => setViewing('')}
            onStart={() => void start(shown, t(state.active === shown.id ? 'labs.resetConfirm' : 'labs.startConfirm', { title: shown.title[lang] }))}
            onLeave={() => void client.request('labs.leave', {}).then(() => setViewing(''), () => undefined)}
            onReveal={(step, hints, solution) => void client.request('labs.reveal', { lab: shown.id, step, ...(hints !== undefined ? { hints } : {}), ...(solution ? { solution } : {}) }).catch(() => undefined)}
          />
        ) : (
          <LabList state={state} lang={lang} onOpen={(id) => setViewing(id)} />
        )}
      </div>
    </section>
  );
}

function LabList({ state, lang, onOpen }: { state: LabsState; lang: Lang; onOpen(id: string): void }) {
  const { t } = useTranslation();
  if (LABS.length === 0) return <p className="labs-empty">{t('labs.none')}</p>;
  return (
    <nav aria-label={t('labs.list')}>
      <ol className="labs-list">
        {LABS.map((lab) => {
          const status = labStatus(state, lab);
          const done = passedCount(lab, progressOf(state, lab.id));
          return (
            <li key={lab.id} data-lab-id={lab.id} data-status={status}>
              <button type="button" className="labs-open" aria-label={t('labs.openLab', { title: lab.title[lang] })} onClick={() => onOpen(lab.id)}>
                <span className="labs-chapter">{t('labs.chapter', { n: lab.chapter })}</span>
                <span className="labs-title">{lab.title[lang]}</span>
              </button>
              <span className="labs-progress">
                {t('labs.progress', { done, total: lab.steps.length })}
                {status === 'active' && <> · {t('labs.inProgress')}</>}
                {status === 'completed' && <> · {t('labs.completedLab')}</>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

interface LabViewProps {
  lab: Lab;
  lang: Lang;
  state: LabsState;
  onBack(): void;
  onStart(): void;
  onLeave(): void;
  onReveal(step: string, hints?: number, solution?: boolean): void;
}

function LabView({ lab, lang, state, onBack, onStart, onLeave, onReveal }: LabViewProps) {
  const { t } = useTranslation();
  const active = state.active === lab.id;
  const progress = progressOf(state, lab.id);
  const statuses = stepStatuses(lab, progress);
  const md: MarkdownOptions = {
    onRun: (line) => void runInTerminal(document, line),
    runLabel: (line) => t('labs.runLine', { line }),
    runText: t('labs.run'),
  };
  const allPassed = statuses.every((s) => s === 'passed');
  return (
    <article className="lab" data-lab-id={lab.id} lang={lang}>
      <div className="lab-head">
        <button type="button" onClick={onBack}>{t('labs.back')}</button>
        <h3>{lab.title[lang]}</h3>
      </div>
      <p className="lab-summary">{lab.summary[lang]}</p>
      <div className="lab-actions">
        <button type="button" onClick={onStart}>{t(active ? 'labs.reset' : 'labs.start')}</button>
        {active && <button type="button" onClick={onLeave}>{t('labs.leave')}</button>}
        <span className="labs-progress" role="status">{t('labs.progress', { done: passedCount(lab, progress), total: lab.steps.length })}</span>
      </div>
      {active && allPassed && <p className="lab-done" role="status">{t('labs.done')}</p>}
      <ol className="lab-steps" aria-label={t('labs.steps')}>
        {lab.steps.map((step, i) => {
          const status = active ? statuses[i] : 'locked';
          const check = active && state.check?.step === step.id ? state.check : null;
          const shownHints = progress.hints[step.id] ?? 0;
          const solution = progress.solutions.includes(step.id);
          const body = renderMarkdown(step.body[lang], md);
          const statusText = status === 'passed' ? t('labs.passed') : status === 'current' ? t('labs.pending') : t('labs.locked');
          return (
            <li key={step.id} className={`lab-step ${status}`} data-step-id={step.id} data-status={status}>
              <h4>
                <span className="lab-step-title">{step.title[lang]}</span>
                <span className="lab-step-status" role={status === 'current' ? 'status' : undefined}>{statusText}</span>
              </h4>
              {status === 'current' && (
                <>
                  <div className="lab-text">{body}</div>
                  {check?.detail && !check.ok && <div className="lab-detail">{renderMarkdown(check.detail[lang], md)}</div>}
                  <StepHelp
                    hints={step.hints[lang]}
                    shown={shownHints}
                    solution={solution ? step.solution : null}
                    md={md}
                    onHint={() => onReveal(step.id, shownHints + 1)}
                    onSolution={() => onReveal(step.id, undefined, true)}
                  />
                </>
              )}
              {status === 'passed' && (
                <details className="lab-review">
                  <summary>{t('labs.review')}</summary>
                  <div className="lab-text">{body}</div>
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </article>
  );
}

interface StepHelpProps {
  hints: readonly string[];
  shown: number;
  solution: readonly string[] | null;
  md: MarkdownOptions;
  onHint(): void;
  onSolution(): void;
}

function StepHelp({ hints, shown, solution, md, onHint, onSolution }: StepHelpProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="lab-help">
      {shown > 0 && (
        <div className="lab-hints" role="group" aria-label={t('labs.hints')}>
          {hints.slice(0, shown).map((h, i) => <div className="lab-hint" key={i}>{renderMarkdown(h, md)}</div>)}
        </div>
      )}
      {solution && (
        <div className="lab-solution" role="group" aria-label={t('labs.solutionTitle')}>
          {renderMarkdown(`\`\`\`sh\n${solution.join('\n')}\n\`\`\`\n`, md)}
        </div>
      )}
      <div className="lab-help-actions">
        {shown < hints.length && <button type="button" onClick={onHint}>{t('labs.hint')}</button>}
        {!solution && <button type="button" onClick={onSolution}>{t('labs.solution')}</button>}
      </div>
    </div>
  );
}
