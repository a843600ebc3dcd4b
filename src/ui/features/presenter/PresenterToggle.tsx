// The header's "Presenter view" button (aria-pressed) and the page-wide effects of the view:
// <html data-presenter> (larger root font, the layout in styles.css) and Escape leaving it when
// pressed outside the terminal, the editor, dialogs and form fields.
// Leaves out: the browser's own full screen (F11 stays the presenter's choice).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { escapeLeaves, presenterStore, setPresenter, usePresenter } from './presenter-store';
import { registerPresenterStrings } from './strings';

registerPresenterStrings();

/** Keeps <html data-presenter> in step with the store and lets Escape leave the view. */
export function usePresenterView(): boolean {
  const on = usePresenter();
  useEffect(() => {
    document.documentElement.toggleAttribute('data-presenter', on);
  }, [on]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!presenterStore.getState().on) return;
      const target = e.target;
      const closest = target instanceof Element ? (sel: string) => target.closest(sel) : null;
      if (escapeLeaves({ key: e.key, defaultPrevented: e.defaultPrevented, closest })) setPresenter(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return on;
}

export function PresenterToggle({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="presenter-toggle" aria-pressed={on} title={t('presenter.title')} onClick={() => setPresenter(!on)}>
      {t('presenter.toggle')}
    </button>
  );
}
