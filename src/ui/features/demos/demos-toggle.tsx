// The Demos button of the header and whether the demo player is open (remembered in
// localStorage). Kept apart from DemosPanel so that the player and the demo scripts load only
// when it is first opened (the initial JavaScript budget of issue #5).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registerDemoStrings } from './strings';

registerDemoStrings();

export const DEMOS_PANEL_ID = 'demos-panel';
const OPEN_KEY = 'timonel.demos.open';

function remember(open: boolean): void {
  try {
    window.localStorage.setItem(OPEN_KEY, open ? 'on' : 'off');
  } catch {
    // storage denied: the choice lasts for this page only
  }
}

/** Whether the demo player is open (remembered in localStorage). */
export function useDemosOpen(): { open: boolean; toggle(): void } {
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(OPEN_KEY) === 'on';
    } catch {
      return false;
    }
  });
  return {
    open,
    toggle: () =>
      setOpen((v) => {
        remember(!v);
        return !v;
      }),
  };
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
