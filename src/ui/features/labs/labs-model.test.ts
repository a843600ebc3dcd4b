import { describe, it, expect } from 'vitest';
import type { Lab } from '../../../labs';
import { labStatus, passedCount, stepStatuses } from './labs-model';

const t = (s: string) => ({ es: s, en: s });
const step = (id: string) => ({ id, title: t(id), body: t(''), check: () => false, hints: { es: [], en: [] }, solution: [] });
const LAB: Lab = { id: 'l', chapter: 1, title: t('L'), summary: t(''), seed: 1, steps: [step('a'), step('b'), step('c')] };

describe('labs model', () => {
  it('passed steps, then the current one, then locked ones', () => {
    expect(stepStatuses(LAB, { completed: [], hints: {}, solutions: [] })).toEqual(['current', 'locked', 'locked']);
    expect(stepStatuses(LAB, { completed: ['a', 'b'], hints: {}, solutions: [] })).toEqual(['passed', 'passed', 'current']);
    expect(stepStatuses(LAB, { completed: ['a', 'b', 'c'], hints: {}, solutions: [] })).toEqual(['passed', 'passed', 'passed']);
  });
  it('lab status and counts ignore steps that no longer exist', () => {
    const p = { completed: ['a', 'gone'], hints: {}, solutions: [] };
    expect(passedCount(LAB, p)).toBe(1);
    expect(labStatus({ active: null, progress: { l: p }, check: null }, LAB)).toBe('started');
    expect(labStatus({ active: 'l', progress: { l: p }, check: null }, LAB)).toBe('active');
    expect(labStatus({ active: null, progress: {}, check: null }, LAB)).toBe('new');
    expect(labStatus({ active: null, progress: { l: { completed: ['c', 'b', 'a'], hints: {}, solutions: [] } }, check: null }, LAB)).toBe('completed');
  });
});
