// Page-wide keyboard plumbing, listening in the capture phase so it runs before xterm.js and
// Monaco see the key: the "Esc, then Tab" way out of the terminal and the YAML editor (both keep
// Tab: completion, indentation). Leaves out: focus cycling between panels with F6.
import { TabEscape } from './keyboard';

/** The widgets that keep Tab for themselves. */
export const KEY_TRAPS = '.xterm, .monaco-editor';

export function inKeyTrap(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(KEY_TRAPS) !== null;
}

/**
 * After Escape inside the terminal or the editor, the next Tab / Shift+Tab is kept from the widget
 * (stopPropagation) and left to the browser, which moves the focus as anywhere else.
 */
export function installTabEscape(doc: Document): () => void {
  const state = new TabEscape();
  const onKey = (e: KeyboardEvent) => {
    if (state.key(e.key, inKeyTrap(e.target)) && !e.ctrlKey && !e.altKey && !e.metaKey) e.stopPropagation();
  };
  doc.addEventListener('keydown', onKey, true);
  return () => doc.removeEventListener('keydown', onKey, true);
}
