// Strings of the live graph (labels read by screen readers, badge actions) in English and
// Spanish, merged into i18next next to the app's `graph.*` keys.
// Kubernetes terms (Pod, Running, NotReady) stay in English, as in the course glossary.
import { stringsRegistrar } from '../../i18n/register';

export const graphEn = {
  graph: {
    restarts: 'restarts',
    ready: 'ready',
    expand: 'show every pod',
    collapse: 'Group pods',
    help: 'Tab to the graph, arrows to move, Enter to inspect',
  },
};

export const graphEs: typeof graphEn = {
  graph: {
    restarts: 'reinicios',
    ready: 'listos',
    expand: 'mostrar cada pod',
    collapse: 'Agrupar pods',
    help: 'Tab hasta el gráfico, flechas para moverse, Enter para inspeccionar',
  },
};

export const registerGraphStrings = stringsRegistrar(graphEn, graphEs);
