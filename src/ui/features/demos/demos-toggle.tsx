// The Demos button of the header and whether the demo player is open (remembered in
// localStorage). Kept apart from DemosPanel so that the player and the demo scripts load only
// when it is first opened (the initial JavaScript budget of issue #5).
import { useTranslation } from 'react-i18next';
import { useRememberedOpen } from '../../lib/remembered-open';
import { registerDemoStrings } from './strings';

registerDemoStrings();

export const DEMOS_PANEL_ID = 'demos-panel';
const OPEN_KEY = 'timonel.demos.open';

/** Whether the demos column is open (remembered in localStorage). */
export function useDemosOpen(): { open: boolean; toggle(): void } {
  return useRememberedOpen(OPEN_KEY);
}

/** The header button that opens and closes the demo player. */
export function DemosToggle({ open, toggle }: { open: boolean; toggle(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="demos-toggle" aria-expanded={open} aria-controls={open ? DEMOS_PANEL_ID : undefined} onClick={toggle}>
      {t('demos.open')}
    </button>
  );
}
