// UI strings in English and Spanish. Kubernetes terms follow the course glossary: kinds and
// field names stay in English (Pod, Deployment, Node, NotReady); kubectl output is never translated.
// Leaves out: lab texts (they live with each lab).

export const en = {
  app: { title: 'Timonel', starting: 'Starting the cluster…' },
  clock: { label: 'Virtual time' },
  controls: { pause: 'Pause', play: 'Play', speed: 'Speed', step: 'Step', stepTitle: 'Advance the virtual clock by one second', language: 'Language' },
  panels: { terminal: 'Terminal', graph: 'Cluster graph', events: 'Events' },
  graph: { namespace: 'Namespace', allNamespaces: 'All namespaces', unscheduled: 'Not scheduled', notReady: 'NotReady' },
  events: { empty: 'No events yet.' },
  errors: { engine: 'The simulation reported an error: {{message}}' },
};

export type Resources = typeof en;

export const es: Resources = {
  app: { title: 'Timonel', starting: 'Arrancando el clúster…' },
  clock: { label: 'Hora virtual' },
  controls: { pause: 'Pausa', play: 'Reproducir', speed: 'Velocidad', step: 'Avanzar', stepTitle: 'Avanza el reloj virtual un segundo', language: 'Idioma' },
  panels: { terminal: 'Terminal', graph: 'Gráfico del clúster', events: 'Eventos' },
  graph: { namespace: 'Namespace', allNamespaces: 'Todos los namespaces', unscheduled: 'Sin nodo asignado', notReady: 'NotReady' },
  events: { empty: 'Todavía no hay eventos.' },
  errors: { engine: 'La simulación ha informado de un error: {{message}}' },
};

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `?lang=es|en` first, then the browser's languages, then Spanish (the course's language). */
export function detectLanguage(search: string, browser: readonly string[]): Language {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'es' || q === 'en') return q;
  for (const l of browser) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'es';
}
