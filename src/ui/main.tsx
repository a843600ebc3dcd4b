// Browser entry: i18n, the engine worker (created once), React root.
// Leaves out: service worker / offline caching.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EngineContext, browserEngineSingleton } from './engine';
import { initI18n } from './i18n/i18n';
import './styles.css';

initI18n();
const engine = browserEngineSingleton();
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <EngineContext.Provider value={engine}>
      <App />
    </EngineContext.Provider>
  </StrictMode>,
);
