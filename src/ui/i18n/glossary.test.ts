import { describe, it, expect } from 'vitest';
import { GLOSSARY, glossaryViolations } from './glossary';
import { en, es } from './resources';
import { editorEn, editorEs } from '../features/editor/strings';
import { graphEn, graphEs } from '../features/graph/strings';
import { toolsEn, toolsEs } from '../features/persistence/strings';
import { themeEn, themeEs } from '../features/theme/strings';
import { dockercoinsEn, dockercoinsEs } from '../features/dockercoins/strings';

type Tree = { [key: string]: string | Tree };

/** [key, English, Spanish] for every leaf of a pair of bundles. */
function pairs(a: Tree, b: Tree, prefix = ''): [string, string, string][] {
  return Object.entries(a).flatMap(([k, v]): [string, string, string][] => {
    const other = b[k];
    if (typeof v === 'string') return [[prefix + k, v, typeof other === 'string' ? other : '']];
    return pairs(v, typeof other === 'object' ? other : {}, `${prefix}${k}.`);
  });
}

const BUNDLES: [string, Tree, Tree][] = [
  ['resources', en, es],
  ['editor', { editor: editorEn }, { editor: editorEs }],
  ['graph', graphEn, graphEs],
  ['tools', toolsEn, toolsEs],
  ['theme', themeEn, themeEs],
  ['dockercoins', dockercoinsEn, dockercoinsEs],
];

describe('glossary', () => {
  it('flags a translated kind, a missing term and an avoided form', () => {
    expect(glossaryViolations('Delete pod', 'Borrar cápsula')).toEqual([
      'Pod: «Borrar cápsula» uses «cápsula»; the glossary says Pod (el Pod, los Pods (masculino))',
    ]);
    expect(glossaryViolations('Scale the Deployment', 'Escalar el despliegue')[0]).toBe(
      'Deployment: «Escalar el despliegue» uses «despliegue»; the glossary says Deployment (el Deployment)',
    );
    expect(glossaryViolations('All namespaces', 'Todos los espacios')).toEqual(['Namespace: «Todos los espacios» (for «All namespaces») lacks Namespace / Namespaces / namespace / namespaces']);
    expect(glossaryViolations('Cluster graph', 'Gráfico del cluster')).toEqual([
      'cluster: «Gráfico del cluster» uses «cluster»; the glossary says clúster (el clúster (con tilde))',
    ]);
    expect(glossaryViolations('Uncordon', 'Desacordonar (uncordon)')).toEqual([]);
    expect(glossaryViolations('Stop node', 'Apagar nodo')).toEqual([]);
    expect(glossaryViolations('Close {{file}}', 'Cerrar {{file}}')).toEqual([]);
    expect(glossaryViolations('Open file', 'Abrir fichero')).toEqual(['file: «Abrir fichero» uses «fichero»; the glossary says archivo (el archivo (no «fichero»))']);
    expect(glossaryViolations('Dry run', 'Ejecución en seco')).toEqual(['dry run: «Ejecución en seco» uses «en seco»; the glossary says Prueba (la prueba: `--dry-run=server`, nada se guarda)']);
  });

  it('has one entry per term with Spanish forms', () => {
    const terms = GLOSSARY.map((g) => g.term);
    expect(new Set(terms).size).toBe(terms.length);
    expect(GLOSSARY.every((g) => g.es.length > 0 && g.en.length > 0)).toBe(true);
    expect(terms).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'ReplicaSet', 'Service', 'Namespace', 'Node', 'rollout', 'self-healing', 'dry run', 'file', 'terminal']));
  });

  it.each(BUNDLES)('every Spanish string of %s uses the glossary forms', (_name, enTree, esTree) => {
    const problems = pairs(enTree, esTree).flatMap(([key, e, s]) => glossaryViolations(e, s).map((p) => `${key}: ${p}`));
    expect(problems).toEqual([]);
  });
});
