// Header controls for the saved playground: the save status (the worker saves to IndexedDB every
// few seconds and when the page is hidden), Reset to a fresh cluster, Export and Import of the
// whole playground as a JSON file (with the labs' progress), Share link (features/share) and the
// outcome of opening a shared link. Reset and Import reload the page onto the new state.
// Reset, Export, Import and Share link sit in a "Playground" disclosure menu so that the header
// stays on one line at 1280 px (Esc or a click elsewhere closes it).
// Leaves out: several named saves.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../../engine';
import { formatClock } from '../clock/TimeControls';
import { ShareButton } from '../share/ShareButton';
import { ShareNoticeBanner } from '../share/ShareNoticeBanner';
import { MAX_IMPORT } from '../../../worker/protocol';
import { registerToolStrings } from './strings';
import '../inspector/tools.css';

registerToolStrings();

export function PersistenceBar() {
  const { t } = useTranslation();
  const { client } = useEngine();
  const [saved, setSaved] = useState<{ now: number; restored: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);

  // A click outside the open menu closes it.
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const m = menu.current;
      if (m?.open && e.target instanceof Node && !m.contains(e.target)) m.open = false;
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);

  useEffect(() => {
    const off = client.on((m) => {
      if (m.type === 'persisted') setSaved({ now: m.now, restored: m.restored });
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void client.request('playground.save', {}).catch(() => {});
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      off();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
    };
  }, [client]);

  const reset = async () => {
    if (!window.confirm(t('persistence.resetConfirm'))) return;
    await client.request('playground.reset', {});
    window.location.reload();
  };

  const exportFile = async () => {
    const { json } = await client.request('playground.export', {});
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'timonel-playground.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importFile = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    if (file.current) file.current.value = '';
    if (f.size > MAX_IMPORT) {
      setError(t('persistence.importFailed', { message: t('persistence.tooLarge', { max: Math.round(MAX_IMPORT / (1024 * 1024)) }) }));
      return;
    }
    try {
      await client.request('playground.import', { json: await f.text() });
      window.location.reload();
    } catch (e) {
      setError(t('persistence.importFailed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const status = saved ? `${t('persistence.saved')} ${formatClock(saved.now).slice(11)}` : t('persistence.notSaved');
  return (
    <div className="persistence-bar" role="group" aria-label={t('persistence.region')}>
      <span className="saved" role="status" data-saved-now={saved?.now ?? ''} data-restored={saved ? String(saved.restored) : ''}>{status}</span>
      <details
        className="header-menu"
        ref={menu}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !menu.current?.open) return;
          menu.current.open = false;
          menu.current.querySelector('summary')?.focus();
        }}
      >
        <summary>{t('persistence.menu')}</summary>
        <div className="header-menu-panel">
          <button type="button" onClick={() => void reset()}>{t('persistence.reset')}</button>
          <button type="button" onClick={() => void exportFile()}>{t('persistence.export')}</button>
          <button type="button" onClick={() => file.current?.click()}>{t('persistence.import')}</button>
          <ShareButton />
        </div>
      </details>
      <input ref={file} className="visually-hidden" type="file" accept="application/json,.json" tabIndex={-1} aria-hidden="true" onChange={(e) => void importFile(e.target.files?.[0])} />
      {error && <span className="status error" role="alert">{error}</span>}
      <ShareNoticeBanner />
    </div>
  );
}
