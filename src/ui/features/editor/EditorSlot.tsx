// The YAML editor's place on the page: a labelled region that stays small until the user opens
// the editor, then loads Monaco and the panel as a lazy chunk (React.lazy), so the initial
// JavaScript keeps the terminal fast. A worker push (`vi FILE`, `kubectl edit`) opens it too:
// the push waits in editQueue until the panel has loaded and takes it. Opened from its button,
// the region itself takes the focus (the button goes away), so Tab continues into the editor.
import { Component, Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureEditorStrings } from './strings';
import { useEngine } from '../../engine';
import { editQueue } from './editor-pushes';
import './editor.css';

const EditorPanel = lazy(() => import('./EditorPanel'));

class ChunkBoundary extends Component<{ render: (message: string) => ReactNode; children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { message: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.message === null ? this.props.children : this.props.render(this.state.message);
  }
}

export function EditorSlot() {
  const { t, i18n } = useTranslation();
  ensureEditorStrings(i18n);
  const [open, setOpen] = useState(false);
  const region = useRef<HTMLElement>(null);
  const focusRegion = useRef(false);
  const { client } = useEngine();
  useEffect(() => {
    if (!open || !focusRegion.current) return;
    focusRegion.current = false;
    region.current?.focus();
  }, [open]);
  // Any push opens the editor (the demo player's manifests too).
  useEffect(() => editQueue.watch(() => setOpen(true)), []);
  useEffect(
    () =>
      client.on((msg) => {
        if (msg.type !== 'editor.open') return;
        editQueue.push({ session: msg.session, file: msg.file, command: msg.command });
        setOpen(true);
      }),
    [client],
  );
  return (
    <section ref={region} tabIndex={-1} className={`panel editor ${open ? 'open' : 'closed'}`} aria-label={t('editor.label')}>
      {open ? (
        <ChunkBoundary render={(message) => <p className="editor-note error" role="alert">{t('editor.failed', { message })}</p>}>
          <Suspense fallback={<p className="editor-note" role="status">{t('editor.loading')}</p>}>
            <EditorPanel />
          </Suspense>
        </ChunkBoundary>
      ) : (
        <div className="panel-head">
          <h2>{t('editor.label')}</h2>
          <button
            type="button"
            onClick={() => {
              focusRegion.current = true;
              setOpen(true);
            }}
          >
            {t('editor.open')}
          </button>
        </div>
      )}
    </section>
  );
}
