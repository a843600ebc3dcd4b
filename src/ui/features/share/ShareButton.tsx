// The "Share link" button: exports the playground (cluster, time, shell, labs' progress), packs it
// into a `#scenario=` link (scenario-link.ts), copies it to the clipboard and says how long it is.
// When the clipboard is refused the link stays in a read-only, selected field to copy by hand;
// a link longer than browsers accept is not offered (use Export for a file).
// Leaves out: URL shorteners and QR codes.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../../engine';
import { MAX_LINK_LENGTH, encodeScenario, scenarioLink } from './scenario-link';
import { registerShareStrings } from './strings';
import './share.css';

registerShareStrings();

type ShareState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; link: string; copied: boolean }
  | { kind: 'tooLong'; length: number }
  | { kind: 'failed'; message: string };

export function ShareButton() {
  const { t } = useTranslation();
  const { client } = useEngine();
  const [state, setState] = useState<ShareState>({ kind: 'idle' });
  const field = useRef<HTMLInputElement>(null);

  const host = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // The outcome is shown even if the menu holding the button was closed meanwhile.
    if (state.kind !== 'idle' && state.kind !== 'busy') {
      const menu = host.current?.closest('details');
      if (menu && !menu.open) menu.open = true;
    }
    if (state.kind === 'done') field.current?.select();
  }, [state]);

  const share = async () => {
    setState({ kind: 'busy' });
    try {
      const { json } = await client.request('playground.export', {});
      const link = scenarioLink(window.location, await encodeScenario(json));
      if (link.length > MAX_LINK_LENGTH) {
        setState({ kind: 'tooLong', length: link.length });
        return;
      }
      const copied = await navigator.clipboard.writeText(link).then(() => true, () => false);
      setState({ kind: 'done', link, copied });
    } catch (e) {
      setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  let status: string | null = null;
  if (state.kind === 'busy') status = t('share.creating');
  else if (state.kind === 'done') status = t(state.copied ? 'share.copied' : 'share.copyFailed', { length: state.link.length });
  else if (state.kind === 'tooLong') status = t('share.tooLong', { length: state.length, max: MAX_LINK_LENGTH });
  else if (state.kind === 'failed') status = t('share.failed', { message: state.message });
  const isError = state.kind === 'tooLong' || state.kind === 'failed' || (state.kind === 'done' && !state.copied);

  return (
    <span className="share-link" ref={host}>
      <button type="button" onClick={() => void share()} disabled={state.kind === 'busy'}>{t('share.button')}</button>
      {state.kind === 'done' && (
        <input
          ref={field}
          className="share-link-field"
          type="text"
          readOnly
          value={state.link}
          aria-label={t('share.field')}
          data-length={state.link.length}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      {status && <span className={isError ? 'status error' : 'status'} role={isError ? 'alert' : 'status'} data-share-state={state.kind}>{status}</span>}
    </span>
  );
}
