// The page: skip links, a header (title, virtual clock, time controls, saving, language, theme,
// keyboard help) over the one <main>: the terminal and the YAML editor on the left, the cluster
// graph, Events, failure injection and resource tables on the right; the inspector opens over it.
// Page-wide keys: "Esc, then Tab" leaves the terminal or the editor (lib/page-keys.ts).
// The Labs button opens the labs panel (features/labs) as a column left of the terminal.
// The cluster timeline (features/timeline) sits under the graph. Presenter view
// (features/presenter: header toggle, ?present=1, Escape leaves) shows only the terminal and the
// graph side by side with large fonts, the timeline under the graph, and the demo/labs columns;
// the editor, Events and tool panels stay mounted but hidden (styles.css).
import { Suspense, lazy, useEffect } from 'react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCluster } from './engine';
import { TimeControls } from './features/clock/TimeControls';
import { TerminalPanel } from './features/terminal/TerminalPanel';
import { GraphPanel } from './features/graph/GraphPanel';
import { EventsPanel } from './features/events/EventsPanel';
import { EditorSlot } from './features/editor/EditorSlot';
import { PersistenceBar } from './features/persistence/PersistenceBar';
import { DockerCoinsPanel } from './features/dockercoins/DockerCoinsPanel';
import { FaultsPanel } from './features/faults/FaultsPanel';
import { ResourceTables } from './features/tables/ResourceTables';
import { InspectorPanel } from './features/inspector/InspectorPanel';
import { LabsToggle, useLabsOpen } from './features/labs/labs-toggle';
import { DemosToggle, useDemosOpen } from './features/demos/demos-toggle';
import { PresenterToggle, usePresenterView } from './features/presenter/PresenterToggle';
import { TimelineBar } from './features/timeline/TimelineBar';

// The panel, the lab texts and the Markdown renderer load when the panel first opens.
const LabsPanel = lazy(() => import('./features/labs/LabsPanel').then((m) => ({ default: m.LabsPanel })));
// The demo player and the demo scripts load when the player first opens.
const DemosPanel = lazy(() => import('./features/demos/DemosPanel').then((m) => ({ default: m.DemosPanel })));
import { ThemeToggle } from './features/theme/ThemeToggle';
import { LANGUAGES } from './i18n/resources';
import type { Language } from './i18n/resources';
import { setLanguage } from './i18n/i18n';
import { KeyboardHelp } from './lib/KeyboardHelp';
import { installTabEscape } from './lib/page-keys';

const LANGUAGE_NAMES: Record<Language, string> = { es: 'Español', en: 'English' };

/** The skip link to the terminal focuses xterm's input (the panel itself is not focusable). */
function focusTerminal(e: MouseEvent<HTMLAnchorElement>): void {
  const input = document.querySelector<HTMLElement>('.panel.terminal .xterm-helper-textarea');
  if (!input) return;
  e.preventDefault();
  input.focus();
}

export function App() {
  const { t, i18n } = useTranslation();
  const connected = useCluster((s) => s.connected);
  const error = useCluster((s) => s.error);
  useEffect(() => installTabEscape(document), []);
  const labs = useLabsOpen();
  const demos = useDemosOpen();
  const presenter = usePresenterView();
  const columns = (labs.open ? 1 : 0) + (demos.open ? 1 : 0);
  const mainClass = columns === 0 ? 'app-main' : columns === 1 ? 'app-main with-labs' : 'app-main with-labs with-demos';
  return (
    <div className={presenter ? 'app presenter' : 'app'}>
      <a className="skip-link" href="#main">{t('app.skipMain')}</a>
      <a className="skip-link" href="#main" onClick={focusTerminal}>{t('app.skipTerminal')}</a>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <TimeControls />
        <PersistenceBar />
        <DockerCoinsPanel />
        <LabsToggle open={labs.open} toggle={labs.toggle} />
        <DemosToggle open={demos.open} toggle={demos.toggle} />
        <PresenterToggle on={presenter} />
        {!connected && <span className="status" role="status">{t('app.starting')}</span>}
        {error && <span className="status error" role="alert">{t('errors.engine', { message: error })}</span>}
        <label className="language">
          <select aria-label={t('controls.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>
            ))}
          </select>
        </label>
        <ThemeToggle />
        <KeyboardHelp />
      </header>
      <main className={presenter ? `${mainClass} presenter` : mainClass} id="main" tabIndex={-1}>
        {demos.open && (
          <Suspense fallback={null}>
            <DemosPanel />
          </Suspense>
        )}
        {labs.open && (
          <Suspense fallback={null}>
            <LabsPanel />
          </Suspense>
        )}
        <div className="workspace">
          <TerminalPanel />
          <EditorSlot />
        </div>
        <div className="side">
          <GraphPanel />
          <TimelineBar forceOpen={presenter} />
          <EventsPanel />
          <div className="tools">
            <FaultsPanel />
            <ResourceTables />
          </div>
        </div>
      </main>
      <InspectorPanel />
    </div>
  );
}
