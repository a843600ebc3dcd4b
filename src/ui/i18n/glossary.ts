// The course glossary: how the Spanish UI writes Kubernetes terms. Kinds stay in English, as the
// API and kubectl write them and as Spanish-speaking teams say them ("el Pod", "los Deployments",
// "el Namespace", "el rollout"); a few everyday nouns are translated as kubernetes.io/es does
// ("el nodo", "el contenedor", "el clúster", "los eventos"). `glossaryViolations` checks one
// English/Spanish pair of UI strings; resources and each feature's strings are tested with it.
// Leaves out: lab texts (they carry their own wording) and kubectl output (never translated).

export interface GlossaryEntry {
  /** The term as Kubernetes writes it. */
  term: string;
  /** Words that mark the term in an English UI string (whole words, any case). */
  en: string[];
  /** Forms the Spanish UI uses (whole words, exact case). */
  es: string[];
  /** Translations the course does not use (whole words, any case). */
  avoid: string[];
  /** How to use it in a Spanish sentence. */
  note: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'Pod', en: ['pod', 'pods'], es: ['Pod', 'Pods', 'pod', 'pods'], avoid: ['cápsula', 'cápsulas', 'vaina', 'vainas'], note: 'el Pod, los Pods (masculino)' },
  { term: 'Deployment', en: ['deployment', 'deployments'], es: ['Deployment', 'Deployments'], avoid: ['despliegue', 'despliegues', 'implementación', 'implementaciones'], note: 'el Deployment' },
  { term: 'ReplicaSet', en: ['replicaset', 'replicasets'], es: ['ReplicaSet', 'ReplicaSets'], avoid: ['conjunto de réplicas', 'conjuntos de réplicas'], note: 'el ReplicaSet' },
  { term: 'ReplicationController', en: ['replicationcontroller', 'replicationcontrollers'], es: ['ReplicationController', 'ReplicationControllers'], avoid: ['controlador de replicación'], note: 'el ReplicationController' },
  { term: 'DaemonSet', en: ['daemonset', 'daemonsets'], es: ['DaemonSet', 'DaemonSets'], avoid: ['conjunto de demonios'], note: 'el DaemonSet' },
  { term: 'Service', en: ['service', 'services'], es: ['Service', 'Services'], avoid: ['servicio', 'servicios'], note: 'el Service (el objeto; no «servicio»)' },
  { term: 'Endpoints', en: ['endpoints'], es: ['Endpoints'], avoid: ['puntos finales', 'extremos'], note: 'los Endpoints' },
  { term: 'Namespace', en: ['namespace', 'namespaces'], es: ['Namespace', 'Namespaces', 'namespace', 'namespaces'], avoid: ['espacio de nombres', 'espacios de nombres'], note: 'el Namespace' },
  { term: 'Node', en: ['node', 'nodes'], es: ['nodo', 'nodos', 'Nodo', 'Nodos', 'Node', 'Nodes'], avoid: ['nódulo', 'nódulos'], note: 'el nodo (el kind, `Node`)' },
  { term: 'container', en: ['container', 'containers'], es: ['contenedor', 'contenedores', 'Contenedor', 'Contenedores'], avoid: ['container', 'containers'], note: 'el contenedor' },
  { term: 'cluster', en: ['cluster', 'clusters'], es: ['clúster', 'clústeres', 'Clúster', 'Clústeres'], avoid: ['cluster', 'clusters', 'racimo'], note: 'el clúster (con tilde)' },
  { term: 'Event', en: ['event', 'events'], es: ['evento', 'eventos', 'Evento', 'Eventos'], avoid: ['suceso', 'sucesos'], note: 'el evento' },
  { term: 'image', en: ['image', 'images'], es: ['imagen', 'imágenes', 'Imagen', 'Imágenes'], avoid: [], note: 'la imagen' },
  { term: 'label', en: ['label', 'labels'], es: ['etiqueta', 'etiquetas', 'Etiqueta', 'Etiquetas'], avoid: ['rótulo', 'rótulos'], note: 'la etiqueta (label)' },
  { term: 'resource', en: ['resource', 'resources'], es: ['recurso', 'recursos', 'Recurso', 'Recursos'], avoid: [], note: 'el recurso' },
  { term: 'manifest', en: ['manifest', 'manifests'], es: ['manifiesto', 'manifiestos', 'Manifiesto', 'Manifiestos'], avoid: [], note: 'el manifiesto' },
  { term: 'rollout', en: ['rollout', 'rollouts'], es: ['rollout', 'rollouts'], avoid: ['despliegue gradual', 'lanzamiento'], note: 'el rollout' },
  { term: 'self-healing', en: ['self-healing'], es: ['autorreparación'], avoid: ['autocuración', 'auto-curación', 'autosanación'], note: 'la autorreparación' },
  { term: 'restart', en: ['restart', 'restarts'], es: ['reinicio', 'reinicios', 'reiniciar', 'Reiniciar'], avoid: [], note: 'el reinicio (RESTARTS)' },
  { term: 'Ready', en: ['ready'], es: ['listo', 'listos', 'Ready'], avoid: [], note: 'listo; la condición, `Ready`' },
  { term: 'NotReady', en: ['notready'], es: ['NotReady'], avoid: ['no listo'], note: 'NotReady (estado de un nodo)' },
  { term: 'cordon', en: ['cordon'], es: ['cordon'], avoid: [], note: 'acordonar (cordon)' },
  { term: 'uncordon', en: ['uncordon'], es: ['uncordon'], avoid: [], note: 'desacordonar (uncordon)' },
  { term: 'drain', en: ['drain'], es: ['drain'], avoid: [], note: 'vaciar (drain)' },
  { term: 'logs', en: ['logs'], es: ['logs', 'Logs'], avoid: ['bitácora', 'bitácoras'], note: 'los logs' },
  { term: 'dry run', en: ['dry run', 'dry-run'], es: ['Prueba', 'prueba', 'dry run', 'dry-run'], avoid: ['en seco', 'simulacro'], note: 'la prueba: `--dry-run=server`, nada se guarda' },
  { term: 'file', en: ['file', 'files'], es: ['archivo', 'archivos', 'Archivo', 'Archivos'], avoid: ['fichero', 'ficheros'], note: 'el archivo (no «fichero»)' },
  { term: 'terminal', en: ['terminal'], es: ['terminal', 'Terminal'], avoid: ['consola'], note: 'la terminal' },
  { term: 'kubectl', en: ['kubectl'], es: ['kubectl'], avoid: [], note: 'kubectl, en minúsculas' },
];

const wordRe = (word: string, flags: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}-])`, flags);

const has = (text: string, words: readonly string[], caseless: boolean) => words.some((w) => wordRe(w, caseless ? 'iu' : 'u').test(text));

/** What breaks the glossary in one pair of strings (empty when the Spanish follows it). */
export function glossaryViolations(enText: string, esText: string, glossary: readonly GlossaryEntry[] = GLOSSARY): string[] {
  // {{placeholders}} are variable names, not words of the text.
  const en = enText.replace(/\{\{[^}]*\}\}/g, ' ');
  const es = esText.replace(/\{\{[^}]*\}\}/g, ' ');
  const out: string[] = [];
  for (const g of glossary) {
    const avoided = g.avoid.find((w) => has(es, [w], true));
    if (avoided) out.push(`${g.term}: «${esText}» uses «${avoided}»; the glossary says ${g.es[0]} (${g.note})`);
    else if (has(en, g.en, true) && !has(es, g.es, false)) out.push(`${g.term}: «${esText}» (for «${enText}») lacks ${g.es.join(' / ')}`);
  }
  return out;
}
