// Presenter view at load (URL over the remembered choice) and which Escape presses leave it.
import { describe, it, expect } from 'vitest';
import { escapeLeaves, initialPresenter } from './presenter-store';

describe('presenter view', () => {
  it.each([
    ['?present=1', null, true],
    ['?lang=es&present=1', 'off', true],
    ['?present=0', 'on', false],
    ['?present', null, true],
    ['?lang=en', 'on', true],
    ['?lang=en', 'off', false],
    ['', null, false],
  ] as const)('search %j, stored %j → %j', (search, stored, want) => {
    expect(initialPresenter(search, stored)).toBe(want);
  });

  it('Escape leaves it, except inside the terminal, the editor, dialogs and form fields', () => {
    const inside = (match: boolean) => (sel: string) => (match && sel.includes('.panel.terminal') ? {} : null);
    expect(escapeLeaves({ key: 'Escape', defaultPrevented: false, closest: inside(false) })).toBe(true);
    expect(escapeLeaves({ key: 'Escape', defaultPrevented: false, closest: null })).toBe(true);
    expect(escapeLeaves({ key: 'Escape', defaultPrevented: false, closest: inside(true) })).toBe(false);
    expect(escapeLeaves({ key: 'Escape', defaultPrevented: true, closest: inside(false) })).toBe(false);
    expect(escapeLeaves({ key: 'Enter', defaultPrevented: false, closest: inside(false) })).toBe(false);
  });
});
