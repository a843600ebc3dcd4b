// UI strings in English and Spanish. Kubernetes terms follow the course glossary: kinds and
// field names stay in English (Pod, Deployment, Node, NotReady); kubectl output is never translated.
// Leaves out: lab texts (they live with each lab).

export const en = {
  app: { title: 'Timonel', starting: 'Starting the cluster…', skipMain: 'Skip to main content', skipTerminal: 'Skip to the terminal' },
  clock: { label: 'Virtual time' },
  controls: { pause: 'Pause', play: 'Play', speed: 'Speed', step: 'Step', stepTitle: 'Advance the virtual clock by one second', language: 'Language', time: 'Virtual time controls', paused: 'Paused', playingAt: 'Playing at {{speed}}×', stepped: 'Advanced one second' },
  panels: { terminal: 'Terminal', graph: 'Cluster graph', events: 'Events' },
  terminal: { screenReader: 'Screen reader mode', screenReaderTitle: 'Lets screen readers read the terminal output as it arrives' },
  graph: { namespace: 'Namespace', allNamespaces: 'All namespaces', unscheduled: 'Not scheduled', notReady: 'NotReady' },
  events: { empty: 'No events yet.' },
  errors: { engine: 'The simulation reported an error: {{message}}' },
  help: {
    open: 'Keyboard shortcuts',
    close: 'Close',
    keys: 'Keys',
    action: 'Action',
    move: 'Move between controls and panels',
    leave: 'Leave the terminal or the YAML editor (Tab alone completes or indents)',
    editorTab: 'In the YAML editor: Tab moves the focus instead of indenting, on and off (Ctrl+Shift+M on macOS)',
    toggle: 'Pause or play the virtual clock',
    step: 'Advance the virtual clock by one second',
    speed: 'Faster / slower',
    graph: 'In the cluster graph: move between objects',
    inspect: 'Open the inspector on the focused object',
    closeRow: 'Close the inspector or this dialog',
    save: 'In the YAML editor: save the file',
  },
};

export type Resources = typeof en;

export const es: Resources = {
  app: { title: 'Timonel', starting: 'Arrancando el clúster…', skipMain: 'Saltar al contenido principal', skipTerminal: 'Ir a la terminal' },
  clock: { label: 'Hora virtual' },
  controls: { pause: 'Pausa', play: 'Reproducir', speed: 'Velocidad', step: 'Avanzar', stepTitle: 'Avanza el reloj virtual un segundo', language: 'Idioma', time: 'Control de la hora virtual', paused: 'En pausa', playingAt: 'Reproduciendo a {{speed}}×', stepped: 'Avanzado un segundo' },
  panels: { terminal: 'Terminal', graph: 'Gráfico del clúster', events: 'Eventos' },
  terminal: { screenReader: 'Modo lector de pantalla', screenReaderTitle: 'Permite a los lectores de pantalla leer la salida de la terminal según llega' },
  graph: { namespace: 'Namespace', allNamespaces: 'Todos los namespaces', unscheduled: 'Sin nodo asignado', notReady: 'NotReady' },
  events: { empty: 'Todavía no hay eventos.' },
  errors: { engine: 'La simulación ha informado de un error: {{message}}' },
  help: {
    open: 'Atajos de teclado',
    close: 'Cerrar',
    keys: 'Teclas',
    action: 'Acción',
    move: 'Moverse entre controles y paneles',
    leave: 'Salir de la terminal o del editor YAML (Tab solo completa o sangra)',
    editorTab: 'En el editor YAML: Tab mueve el foco en vez de sangrar, activar y desactivar (Ctrl+Shift+M en macOS)',
    toggle: 'Pausar o reanudar el reloj virtual',
    step: 'Avanzar el reloj virtual un segundo',
    speed: 'Más rápido / más lento',
    graph: 'En el gráfico del clúster: moverse entre objetos',
    inspect: 'Abrir el inspector del objeto que tiene el foco',
    closeRow: 'Cerrar el inspector o este diálogo',
    save: 'En el editor YAML: guardar el archivo',
  },
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
