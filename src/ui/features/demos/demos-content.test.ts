// The demo texts as the player shows them: titles, summaries and notes follow the course
// glossary in Spanish, and the player's saved place parses defensively.
import { describe, expect, it } from 'vitest';
import { DEMOS } from '../../../labs/demos';
import { glossaryViolations } from '../../i18n/glossary';
import { loadSaved } from './DemosPanel';

describe('demo texts', () => {
  it('follow the glossary in Spanish', () => {
    const bad: string[] = [];
    for (const d of DEMOS) {
      for (const pair of [d.title, d.summary, ...d.steps.map((s) => s.note)]) bad.push(...glossaryViolations(pair.en.replace(/`[^`]*`/g, ' '), pair.es.replace(/`[^`]*`/g, ' ')));
    }
    expect(bad).toEqual([]);
  });
});

describe('loadSaved', () => {
  it('reads the saved demo and cursor, and falls back on anything else', () => {
    expect(loadSaved('{"demo":"canary","cursor":3}')).toEqual({ demo: 'canary', cursor: 3 });
    expect(loadSaved(null)).toEqual({ demo: null, cursor: 0 });
    expect(loadSaved('{not json')).toEqual({ demo: null, cursor: 0 });
    expect(loadSaved('{"demo":7,"cursor":"x"}')).toEqual({ demo: null, cursor: 0 });
  });
});
