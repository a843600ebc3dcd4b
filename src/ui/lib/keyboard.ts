// The page's keyboard model, as pure functions: the time-control shortcuts (Alt+Shift+letter,
// which the shell's line editor and Monaco do not use), the "Esc, then Tab" way out of the two
// widgets that keep Tab for themselves (the terminal completes with it, the editor indents),
// and the rows of the keyboard help. Leaves out: user-defined key bindings.
import type { Speed } from '../../worker/protocol';

/** The subset of a KeyboardEvent the helpers read (so tests need no DOM). */
export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export type TimeAction = 'toggle' | 'step' | 'faster' | 'slower';

/** What the time shortcuts are, as aria-keyshortcuts values (and as the help shows them). */
export const TIME_KEYS: Readonly<Record<TimeAction, string>> = {
  toggle: 'Alt+Shift+P',
  step: 'Alt+Shift+.',
  faster: 'Alt+Shift++',
  slower: 'Alt+Shift+-',
};

/**
 * The time action of a key press, or undefined. Matched on the physical key (`code`) so that
 * macOS's Option characters and other layouts still work; `key` as a fallback for + and -.
 */
export function timeShortcut(e: KeyLike): TimeAction | undefined {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return undefined;
  if (e.code === 'KeyP') return 'toggle';
  if (e.code === 'Period' || e.code === 'NumpadDecimal') return 'step';
  if (e.code === 'Equal' || e.code === 'NumpadAdd' || e.key === '+') return 'faster';
  if (e.code === 'Minus' || e.code === 'NumpadSubtract' || e.key === '-' || e.key === '_') return 'slower';
  return undefined;
}

/** The next speed up or down the protocol's list, staying at the ends. */
export function nextSpeed(speeds: readonly Speed[], current: Speed, direction: 1 | -1): Speed {
  const i = speeds.indexOf(current);
  if (i < 0) return current;
  return speeds[Math.max(0, Math.min(speeds.length - 1, i + direction))] ?? current;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/**
 * "Esc, then Tab": inside a widget that keeps Tab (the terminal, the YAML editor), Escape arms
 * the way out and a Tab or Shift+Tab right after it moves the focus as anywhere else on the
 * page. Any other key (modifiers aside, so Shift+Tab works) disarms it. Escape itself still
 * reaches the widget (it ends a Ctrl-R search, closes Monaco's suggestions).
 */
export class TabEscape {
  private armed = false;

  /** Feeds one keydown; true when this key is a Tab that must leave the widget. */
  key(key: string, inTrap: boolean): boolean {
    if (!inTrap) {
      this.armed = false;
      return false;
    }
    if (MODIFIERS.has(key)) return false;
    if (key === 'Escape') {
      this.armed = true;
      return false;
    }
    const leave = this.armed && key === 'Tab';
    this.armed = false;
    return leave;
  }
}

/** Rows of the keyboard help: the keys (not translated) and the i18n key of what they do. */
export const HELP_ROWS: readonly { keys: string; what: string }[] = [
  { keys: 'Tab / Shift+Tab', what: 'help.move' },
  { keys: 'Esc, Tab / Esc, Shift+Tab', what: 'help.leave' },
  { keys: 'Ctrl+M', what: 'help.editorTab' },
  { keys: TIME_KEYS.toggle, what: 'help.toggle' },
  { keys: TIME_KEYS.step, what: 'help.step' },
  { keys: `${TIME_KEYS.faster} / ${TIME_KEYS.slower}`, what: 'help.speed' },
  { keys: '← → ↑ ↓ / Home / End', what: 'help.graph' },
  { keys: 'Enter', what: 'help.inspect' },
  { keys: 'Esc', what: 'help.closeRow' },
  { keys: 'Ctrl+S', what: 'help.save' },
];
