// The one Monaco setup module (STACK.md "Monaco + monaco-yaml glue"): slim entry points, the
// two workers via `?worker`, the createWebWorker adapter monaco-yaml 5.5.1 needs on Monaco
// >= 0.56, and monaco-yaml configured with the Kubernetes schema served by the engine worker.
// Only the lazy editor chunk imports this file. Leaves out: other languages, themes beyond vs/vs-dark.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { MonacoYaml, MonacoYamlOptions } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';

export { monaco };

/** Marker owner for errors the API server reported (monaco-yaml uses 'yaml'). */
export const SERVER_MARKER_OWNER = 'timonel-server';

function getWorker(_moduleId: string, label: string): Worker {
  return label === 'yaml' ? new YamlWorker() : new EditorWorker();
}

globalThis.MonacoEnvironment = { getWorker };

/** What monaco-yaml 5.5.1 (monaco-worker-manager 2) passes to createWebWorker. */
interface LegacyWorkerOptions {
  moduleId: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

type CreateWebWorker = typeof monaco.editor.createWebWorker;
const originalCreateWebWorker: CreateWebWorker = monaco.editor.createWebWorker;

/**
 * Glue 2: Monaco >= 0.56 wants `{ worker }`. For the older `{ moduleId, label, createData }`
 * shape, start the worker ourselves and replay monaco-worker-manager's handshake: one message
 * that triggers `initialize`, then the create data.
 */
const adaptedCreateWebWorker = ((opts: Parameters<CreateWebWorker>[0] | LegacyWorkerOptions) => {
  if ('worker' in opts && opts.worker) return originalCreateWebWorker(opts);
  const legacy = opts as LegacyWorkerOptions;
  const worker = getWorker(legacy.moduleId, legacy.label ?? legacy.moduleId);
  worker.postMessage('ignore');
  worker.postMessage(legacy.createData);
  return originalCreateWebWorker({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels });
}) as CreateWebWorker;
monaco.editor.createWebWorker = adaptedCreateWebWorker;

let yaml: MonacoYaml | undefined;

/** Configures (or reconfigures) monaco-yaml with one schema that applies to every model. */
export function configureYamlSchema(schema: Record<string, unknown>): void {
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    format: { enable: true },
    schemas: [{ fileMatch: ['*'], uri: String(schema.$id ?? 'timonel://schemas/kubernetes.json'), schema }],
  };
  if (yaml) void yaml.update(options);
  else yaml = configureMonacoYaml(monaco as unknown as Parameters<typeof configureMonacoYaml>[0], options);
}
