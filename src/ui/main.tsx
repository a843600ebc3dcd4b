// Browser entry: i18n, the engine worker (created once), React root; a shared scenario link
// (`#scenario=`, features/share) is opened once the engine is connected.
// Leaves out: service worker / offline caching.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EngineContext, browserEngineSingleton } from './engine';
import { initI18n } from './i18n/i18n';
import { openSharedOnLoad } from './features/share/open-shared';
import './styles.css';

initI18n();
const engine = browserEngineSingleton();
// Requests wait in the worker until its saved playground has booted; the import then reloads the page.
void openSharedOnLoad((json) => engine.client.request('playground.import', { json }));
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <EngineContext.Provider value={engine}>
      <App />
    </EngineContext.Provider>
  </StrictMode>,
);
