// Whether the page is in presenter view (instructor mode): `?present=1` (or `?present=0`) in the
// URL decides at load, otherwise the last choice remembered in localStorage. A vanilla store so
// that App, the terminal (font size) and the keys read one value. Leaves out: per-tab memory.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const PRESENTER_KEY = 'timonel.presenter';

/** Terminal font size (px) in presenter view and out of it. */
export const TERMINAL_FONT = { normal: 14, presenter: 20 } as const;

/** Presenter view at load: the URL's `present` parameter wins over the remembered choice. */
export function initialPresenter(search: string, stored: string | null): boolean {
  const p = new URLSearchParams(search).get('present');
  if (p !== null) return p === '1' || p === 'true' || p === 'on' || p === '';
  return stored === 'on';
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

function atLoad(): boolean {
  if (typeof window === 'undefined') return false;
  let stored: string | null = null;
  try {
    stored = storage()?.getItem(PRESENTER_KEY) ?? null;
  } catch {
    stored = null;
  }
  return initialPresenter(window.location.search, stored);
}

export const presenterStore = createStore<{ on: boolean }>()(() => ({ on: atLoad() }));

export function setPresenter(on: boolean): void {
  presenterStore.setState({ on });
  try {
    storage()?.setItem(PRESENTER_KEY, on ? 'on' : 'off');
  } catch {
    // storage full or denied: the choice lasts for this page only
  }
}

export function usePresenter(): boolean {
  return useStore(presenterStore, (s) => s.on);
}

/** Whether Escape pressed on `target` leaves presenter view (not inside a widget that uses Escape itself). */
export function escapeLeaves(e: { key: string; defaultPrevented: boolean; closest: ((sel: string) => unknown) | null }): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented) return false;
  return !e.closest?.('.panel.terminal, .panel.editor, dialog, [role="dialog"], input, select, textarea, [contenteditable="true"]');
}
