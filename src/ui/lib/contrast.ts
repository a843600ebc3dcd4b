// WCAG 2.x colour contrast (relative luminance and contrast ratio of sRGB colours) and a reader
// for the custom properties of the theme stylesheet, so a test can check the palette of both
// themes. Leaves out: alpha, named colours and rgb()/hsl() syntax (the palette is #rrggbb).

/** Relative luminance of a #rgb or #rrggbb colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`not a #rrggbb colour: ${hex}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The custom properties of each `[data-theme='NAME']` rule of a stylesheet. */
export function themeVariables(css: string): Map<string, Map<string, string>> {
  const themes = new Map<string, Map<string, string>>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const rule of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = rule[1] ?? '';
    const body = rule[2] ?? '';
    for (const t of selector.matchAll(/\[data-theme=['"]?([\w-]+)['"]?\]/g)) {
      const name = t[1] ?? '';
      const vars = themes.get(name) ?? new Map<string, string>();
      for (const d of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);?/g)) vars.set(d[1] ?? '', (d[2] ?? '').trim());
      themes.set(name, vars);
    }
  }
  return themes;
}
