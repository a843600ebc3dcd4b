// The Labs button of the header and whether the panel is open (remembered in localStorage). Kept
// apart from LabsPanel so that the panel, the lab texts and the Markdown renderer load only when
// the panel is first opened (the initial JavaScript budget of issue #5).
import { useTranslation } from 'react-i18next';
import { rememberOpen, useRememberedOpen } from '../../lib/remembered-open';
import { registerLabStrings } from './strings';

registerLabStrings();

export const LABS_PANEL_ID = 'labs-panel';
const OPEN_KEY = 'timonel.labs.open';

export function rememberLabsOpen(open: boolean): void {
  rememberOpen(OPEN_KEY, open);
}

/** Whether the labs column is open (remembered in localStorage). */
export function useLabsOpen(): { open: boolean; toggle(): void } {
  return useRememberedOpen(OPEN_KEY);
}

/** The header button that opens and closes the labs panel. */
export function LabsToggle({ open, toggle }: { open: boolean; toggle(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="labs-toggle" aria-expanded={open} aria-controls={open ? LABS_PANEL_ID : undefined} onClick={toggle}>
      {t('labs.open')}
    </button>
  );
}

