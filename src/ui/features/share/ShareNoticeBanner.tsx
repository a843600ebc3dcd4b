// Shows the outcome of opening a shared link (share-notice.ts): "Opening…" or a translated error
// with a Dismiss button. Leaves out: auto-hiding.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { shareNotice } from './share-notice';
import { registerShareStrings } from './strings';
import './share.css';

registerShareStrings();

export function ShareNoticeBanner() {
  const { t } = useTranslation();
  const notice = useSyncExternalStore(shareNotice.subscribe, shareNotice.get);
  if (!notice) return null;
  return (
    <span className="share-notice">
      <span className={notice.error ? 'status error' : 'status'} role={notice.error ? 'alert' : 'status'} data-share-notice={notice.error ? 'error' : 'info'}>{notice.message}</span>
      {notice.error && <button type="button" onClick={() => shareNotice.set(null)}>{t('share.dismiss')}</button>}
    </span>
  );
}
