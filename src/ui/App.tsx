// The page: a header (title, virtual clock, time controls, language) over the terminal on the
// left and the cluster graph above the Events panel on the right.
// Leaves out: the YAML editor (lazy, next round) and labs.
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
import { ThemeToggle } from './features/theme/ThemeToggle';
import { LANGUAGES } from './i18n/resources';
import type { Language } from './i18n/resources';
import { setLanguage } from './i18n/i18n';

export function App() {
  const { t, i18n } = useTranslation();
  const connected = useCluster((s) => s.connected);
  const error = useCluster((s) => s.error);
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <TimeControls />
        <PersistenceBar />
        <DockerCoinsPanel />
        {!connected && <span className="status" role="status">{t('app.starting')}</span>}
        {error && <span className="status error" role="alert">{t('errors.engine', { message: error })}</span>}
        <label className="language">
          <select aria-label={t('controls.language')} value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>{l === 'es' ? 'Español' : 'English'}</option>
            ))}
          </select>
        </label>
        <ThemeToggle />
      </header>
      <main className="app-main">
        <div className="workspace">
          <TerminalPanel />
          <EditorSlot />
        </div>
        <div className="side">
          <GraphPanel />
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
