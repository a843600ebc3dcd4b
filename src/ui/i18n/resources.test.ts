import { describe, it, expect } from 'vitest';
import { detectLanguage, en, es } from './resources';

describe('detectLanguage', () => {
  it.each([
    ['?lang=es', ['en-US'], 'es'],
    ['?lang=en', ['es-ES'], 'en'],
    ['?lang=fr', ['en-GB', 'es'], 'en'],
    ['', ['fr-FR', 'es-MX'], 'es'],
    ['', ['de'], 'es'],
  ])('%s %j → %s', (search, browser, want) => {
    expect(detectLanguage(search, browser)).toBe(want);
  });
});

describe('resources', () => {
  const keys = (o: object, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
  it('Spanish has exactly the English keys and the required accessible names', () => {
    expect(keys(es)).toEqual(keys(en));
    expect([es.controls.pause, es.controls.play, es.controls.speed, es.panels.terminal, es.panels.graph, es.panels.events]).toEqual(
      ['Pausa', 'Reproducir', 'Velocidad', 'Terminal', 'Gráfico del clúster', 'Eventos'],
    );
  });
});
