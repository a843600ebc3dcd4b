import { describe, it, expect } from 'vitest';
import { editorEn, editorEs } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('editor strings', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(Object.keys(editorEs)).toEqual(Object.keys(editorEn));
    for (const k of Object.keys(editorEn) as (keyof typeof editorEn)[]) expect([k, placeholders(editorEs[k])]).toEqual([k, placeholders(editorEn[k])]);
  });

  it('name the editor and its buttons as the issue and the e2e tests expect', () => {
    expect([editorEn.label, editorEn.apply, editorEn.dryRun]).toEqual(['YAML editor', 'Apply', 'Dry run']);
    expect([editorEs.label, editorEs.apply, editorEs.dryRun]).toEqual(['Editor YAML', 'Aplicar', 'Prueba']);
  });
});
