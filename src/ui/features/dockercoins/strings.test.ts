import { describe, it, expect } from 'vitest';
import { dockercoinsEn, dockercoinsEs } from './strings';
import { en } from '../../i18n/resources';
import { toolsEn } from '../persistence/strings';

const keys = (o: object, p = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));

describe('DockerCoins strings', () => {
  it('Spanish has exactly the English keys, is translated, and clashes with no other bundle', () => {
    expect(keys(dockercoinsEs)).toEqual(keys(dockercoinsEn));
    expect([dockercoinsEs.dockercoins.speed, dockercoinsEs.dockercoins.coins]).toEqual(['~{{speed}} hashes/segundo', 'Monedas: {{coins}}']);
    const taken = new Set([...Object.keys(en), ...Object.keys(toolsEn)]);
    expect(Object.keys(dockercoinsEn).filter((k) => taken.has(k))).toEqual([]);
  });
});
