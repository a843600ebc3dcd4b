import { describe, it, expect } from 'vitest';
import { toolsEn, toolsEs } from './strings';
import { en } from '../../i18n/resources';

const keys = (o: object, p = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));

describe('tool strings', () => {
  it('Spanish has exactly the English keys, translated names, and no clash with the app resources', () => {
    expect(keys(toolsEs)).toEqual(keys(toolsEn));
    expect([toolsEs.persistence.reset, toolsEs.persistence.export, toolsEs.persistence.import, toolsEs.faults.region, toolsEs.faults.deletePod, toolsEs.tables.region]).toEqual(
      ['Reiniciar', 'Exportar', 'Importar', 'Inyección de fallos', 'Borrar pod', 'Recursos'],
    );
    const app = new Set(Object.keys(en));
    expect(Object.keys(toolsEn).filter((k) => app.has(k))).toEqual([]);
  });
});
