import { describe, it, expect } from 'vitest';
import { HELP_ROWS, TIME_KEYS, TabEscape, nextSpeed, timeShortcut } from './keyboard';
import type { KeyLike } from './keyboard';
import { SPEEDS } from '../../worker/protocol';
import { en, es } from '../i18n/resources';

const press = (code: string, key: string, mods: Partial<KeyLike> = { altKey: true, shiftKey: true }): KeyLike => ({
  code, key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods,
});

describe('timeShortcut', () => {
  it.each([
    ['KeyP', 'P', 'toggle'],
    ['KeyP', 'Π', 'toggle'], // macOS Option+Shift+P types a character; the physical key decides
    ['Period', '>', 'step'],
    ['Equal', '+', 'faster'],
    ['BracketRight', '+', 'faster'], // Spanish layout: + is not on the Equal key
    ['NumpadAdd', '+', 'faster'],
    ['Minus', '_', 'slower'],
    ['Slash', '_', 'slower'],
  ] as const)('Alt+Shift %s (%s) → %s', (code, key, want) => {
    expect(timeShortcut(press(code, key))).toBe(want);
  });

  it('ignores what the shell and the editor use: plain letters, Ctrl/Alt alone, Ctrl+Alt (AltGr)', () => {
    expect(timeShortcut(press('KeyP', 'p', {}))).toBeUndefined();
    expect(timeShortcut(press('KeyP', 'P', { shiftKey: true }))).toBeUndefined();
    expect(timeShortcut(press('KeyP', 'p', { altKey: true }))).toBeUndefined(); // Alt-p: readline meta key
    expect(timeShortcut(press('KeyP', 'p', { ctrlKey: true }))).toBeUndefined(); // Ctrl-P: previous history line
    expect(timeShortcut(press('KeyP', 'P', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeUndefined();
    expect(timeShortcut(press('KeyQ', 'Q'))).toBeUndefined();
  });
});

describe('nextSpeed', () => {
  it('walks the protocol speeds and stops at both ends', () => {
    expect(nextSpeed(SPEEDS, 1, 1)).toBe(2);
    expect(nextSpeed(SPEEDS, 1, -1)).toBe(0.5);
    expect(nextSpeed(SPEEDS, 0.5, -1)).toBe(0.5);
    expect(nextSpeed(SPEEDS, 20, 1)).toBe(20);
    expect(nextSpeed(SPEEDS, 5, 1)).toBe(10);
  });
});

describe('TabEscape', () => {
  it('lets Tab and Shift+Tab leave right after Escape, and only then', () => {
    const t = new TabEscape();
    expect(t.key('Tab', true)).toBe(false); // plain Tab completes
    expect(t.key('Escape', true)).toBe(false);
    expect(t.key('Tab', true)).toBe(true);
    expect(t.key('Tab', true)).toBe(false); // disarmed again
    expect(t.key('Escape', true)).toBe(false);
    expect(t.key('Shift', true)).toBe(false); // Shift+Tab: the Shift keydown comes first
    expect(t.key('Tab', true)).toBe(true);
  });

  it('is disarmed by any other key and outside the widget', () => {
    const t = new TabEscape();
    t.key('Escape', true);
    expect(t.key('a', true)).toBe(false);
    expect(t.key('Tab', true)).toBe(false);
    t.key('Escape', true);
    expect(t.key('Tab', false)).toBe(false);
    expect(t.key('Tab', true)).toBe(false);
  });
});

describe('HELP_ROWS', () => {
  it('lists the time shortcuts and has a text in both languages for every row', () => {
    expect(HELP_ROWS.map((r) => r.keys)).toEqual(expect.arrayContaining([TIME_KEYS.toggle, TIME_KEYS.step, 'Alt+Shift++ / Alt+Shift+-']));
    const lookup = (tree: object, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], tree);
    for (const r of HELP_ROWS) {
      expect([r.what, typeof lookup(en, r.what)]).toEqual([r.what, 'string']);
      expect([r.what, typeof lookup(es, r.what)]).toEqual([r.what, 'string']);
    }
  });
});
