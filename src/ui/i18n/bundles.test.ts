// Every UI string bundle (the app's resources and each feature's strings) in both languages:
// same keys, no empty values, the same {{placeholders}}, and no key defined by two bundles
// (i18next merges them without overwriting, so a clash would silently lose one text).
import { describe, it, expect } from 'vitest';
import { en, es } from './resources';
import { editorEn, editorEs } from '../features/editor/strings';
import { graphEn, graphEs } from '../features/graph/strings';
import { toolsEn, toolsEs } from '../features/persistence/strings';
import { themeEn, themeEs } from '../features/theme/strings';
import { dockercoinsEn, dockercoinsEs } from '../features/dockercoins/strings';
import { demosEn, demosEs } from '../features/demos/strings';
import { timelineEn, timelineEs } from '../features/timeline/strings';
import { presenterEn, presenterEs } from '../features/presenter/strings';

type Tree = { [key: string]: string | Tree };

const BUNDLES: readonly [string, Tree, Tree][] = [
  ['resources', en, es],
  ['editor', { editor: editorEn }, { editor: editorEs }],
  ['graph', graphEn, graphEs],
  ['tools', toolsEn, toolsEs],
  ['theme', themeEn, themeEs],
  ['dockercoins', dockercoinsEn, dockercoinsEs],
  ['demos', demosEn, demosEs],
  ['timeline', timelineEn, timelineEs],
  ['presenter', presenterEn, presenterEs],
];

const leaves = (t: Tree, prefix = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[prefix + k, v]] : leaves(v, `${prefix}${k}.`)));

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

describe('UI string bundles', () => {
  it.each(BUNDLES)('%s: Spanish has exactly the English keys', (_name, enTree, esTree) => {
    expect(leaves(esTree).map(([k]) => k)).toEqual(leaves(enTree).map(([k]) => k));
  });

  it.each(BUNDLES)('%s: no empty or untrimmed values, same placeholders', (_name, enTree, esTree) => {
    const esMap = new Map(leaves(esTree));
    const bad: string[] = [];
    for (const [k, e] of leaves(enTree)) {
      const s = esMap.get(k) ?? '';
      for (const [lang, v] of [['en', e], ['es', s]] as const) if (v.trim() === '' || v !== v.trim()) bad.push(`${lang} ${k}: ${JSON.stringify(v)}`);
      if (placeholders(e) !== placeholders(s)) bad.push(`${k}: placeholders ${placeholders(e)} vs ${placeholders(s)}`);
    }
    expect(bad).toEqual([]);
  });

  it('no key is defined by two bundles', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, enTree] of BUNDLES) {
      for (const [k] of leaves(enTree)) {
        const other = seen.get(k);
        if (other) clashes.push(`${k}: ${other} and ${name}`);
        seen.set(k, name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('the accessible names the issue asks for, in English and in Spanish', () => {
    const names = (r: typeof en, e: typeof editorEn) => [r.panels.terminal, e.label, r.panels.graph, r.panels.events, e.apply, e.dryRun, r.controls.pause, r.controls.play, r.controls.speed];
    expect(names(en, editorEn)).toEqual(['Terminal', 'YAML editor', 'Cluster graph', 'Events', 'Apply', 'Dry run', 'Pause', 'Play', 'Speed']);
    expect(names(es, editorEs)).toEqual(['Terminal', 'Editor YAML', 'Gráfico del clúster', 'Eventos', 'Aplicar', 'Prueba', 'Pausa', 'Reproducir', 'Velocidad']);
  });
});
