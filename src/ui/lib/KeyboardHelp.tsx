// The "Keyboard shortcuts" button of the header and its modal dialog (a native <dialog>: it
// keeps the focus inside while open, closes with Esc, and gives the focus back to the button).
// The rows come from lib/keyboard.ts, so the help and the handlers cannot drift apart.
// Leaves out: remapping keys.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_ROWS } from './keyboard';

export function KeyboardHelp() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button type="button" ref={opener} className="help-open" aria-haspopup="dialog" aria-label={t('help.open')} title={t('help.open')} onClick={() => dialog.current?.showModal()}>
        <span aria-hidden="true">⌨</span>
      </button>
      <dialog
        ref={dialog}
        className="help-dialog"
        aria-labelledby="help-title"
        onClose={() => opener.current?.focus()}
        onKeyDown={(e) => {
          // Esc belongs to this dialog: the inspector behind it stays open.
          if (e.key === 'Escape') e.stopPropagation();
        }}
        onClick={(e) => {
          if (e.target === dialog.current) close(); // a click on the backdrop
        }}
      >
        <h2 id="help-title">{t('help.open')}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t('help.keys')}</th><th scope="col">{t('help.action')}</th></tr>
          </thead>
          <tbody>
            {HELP_ROWS.map((r) => (
              <tr key={r.what} data-help={r.what}>
                <td><kbd>{r.keys}</kbd></td>
                <td>{t(r.what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="help-actions">
          <button type="button" onClick={close}>{t('help.close')}</button>
        </div>
      </dialog>
    </>
  );
}
