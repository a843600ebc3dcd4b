import { describe, it, expect } from 'vitest';
import { contrastRatio, relativeLuminance, themeVariables } from './contrast';

// Vitest hands CSS imports over empty (even ?raw), and the UI's tsconfig has no Node types:
// read the stylesheet through Node's fs, typed here.
interface Fs { readFileSync(path: URL, encoding: 'utf8'): string }
const fs = (globalThis as unknown as { process: { getBuiltinModule(id: 'node:fs'): Fs } }).process.getBuiltinModule('node:fs');
const themeCss = fs.readFileSync(new URL('../features/theme/theme.css', import.meta.url), 'utf8');

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2158605, 6);
    // #767676 on white is the classic smallest grey that passes AA (4.54:1); #777777 fails (4.48:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => relativeLuminance('red')).toThrow('not a #rrggbb colour: red');
  });
});

describe('theme palette (theme.css)', () => {
  const themes = themeVariables(themeCss);
  const TEXT = ['--fg', '--muted', '--text-error', '--text-ok', '--text-warn', '--link'];
  /** Non-text colours people must see: the focus ring, pods by state, Service links. */
  const GRAPHIC = ['--focus', '--pod-running', '--pod-notready', '--pod-pending', '--pod-succeeded', '--pod-failed', '--pod-unknown', '--service'];

  it('defines the same variables in light and dark', () => {
    expect([...themes.keys()].sort()).toEqual(['dark', 'light']);
    expect([...(themes.get('dark')?.keys() ?? [])].sort()).toEqual([...(themes.get('light')?.keys() ?? [])].sort());
    expect([...(themes.get('light')?.keys() ?? [])]).toEqual(expect.arrayContaining([...TEXT, ...GRAPHIC, '--bg', '--panel']));
  });

  it.each(['light', 'dark'])('%s: text ≥ 4.5:1 and focus ring, pods, links ≥ 3:1 on the page and on panels', (name) => {
    const v = themes.get(name) ?? new Map<string, string>();
    const get = (k: string) => v.get(k) ?? '#000000';
    const failures: string[] = [];
    for (const surface of ['--bg', '--panel']) {
      for (const [list, min] of [[TEXT, 4.5], [GRAPHIC, 3]] as const) {
        for (const k of list) {
          const r = contrastRatio(get(k), get(surface));
          if (r < min) failures.push(`${k} ${get(k)} on ${surface} ${get(surface)}: ${r.toFixed(2)} < ${min}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('would catch a light-theme regression (the old pending colour)', () => {
    expect(contrastRatio('#e0a100', '#ffffff')).toBeLessThan(3);
  });
});
