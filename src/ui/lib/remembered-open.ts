// Whether a side column (labs, demos) is open, remembered in localStorage under its own key so a
// reload reopens it. Leaves out: syncing two tabs.
import { useState } from 'react';

/** Saves the choice (storage denied: it lasts for this page only). */
export function rememberOpen(key: string, open: boolean): void {
  try {
    window.localStorage.setItem(key, open ? 'on' : 'off');
  } catch {
    // storage denied: the choice lasts for this page only
  }
}

/** Whether the column is open, starting from what was remembered; `toggle` flips and remembers it. */
export function useRememberedOpen(key: string): { open: boolean; toggle(): void } {
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(key) === 'on';
    } catch {
      return false;
    }
  });
  return {
    open,
    toggle: () =>
      setOpen((v) => {
        rememberOpen(key, !v);
        return !v;
      }),
  };
}
