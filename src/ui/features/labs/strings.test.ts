import { describe, it, expect } from 'vitest';
import { labsEn, labsEs } from './strings';
import { en } from '../../i18n/resources';
import { toolsEn } from '../persistence/strings';
import { graphEn } from '../graph/strings';
import { themeEn } from '../theme/strings';
import { dockercoinsEn } from '../dockercoins/strings';

const leaves = (o: object, p = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]): [string, string][] => (typeof v === 'object' ? leaves(v as object, `${p}${k}.`) : [[`${p}${k}`, String(v)]]));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

describe('labs strings', () => {
  it('Spanish has exactly the English keys and placeholders, no empty values, and the region names', () => {
    const es = new Map(leaves(labsEs));
    expect([...es.keys()]).toEqual(leaves(labsEn).map(([k]) => k));
    for (const [k, v] of leaves(labsEn)) {
      expect(v.trim(), k).not.toBe('');
      expect(es.get(k)?.trim(), k).not.toBe('');
      expect(placeholders(es.get(k) ?? ''), k).toBe(placeholders(v));
    }
    expect([labsEn.labs.region, labsEs.labs.region, labsEn.labs.runLine, labsEs.labs.runLine]).toEqual(['Labs', 'Laboratorios', 'Run in terminal: {{line}}', 'Ejecutar en la terminal: {{line}}']);
  });
  it('adds a top-level key no other bundle uses', () => {
    for (const other of [en, toolsEn, graphEn, themeEn, dockercoinsEn]) expect(Object.keys(other)).not.toContain('labs');
  });
});
