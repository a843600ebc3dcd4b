// Public API of the Kubernetes schema used by strict decoding, `kubectl explain`, the editor
// and the served OpenAPI. Data comes from src/generated/k8s-schema.json (npm run gen), which is
// built from kubernetes-types 1.30 descriptions plus a short hand table (int64, enums).
import { definitionByName, definitionNameFor, schemaDocument } from './document';
import type { SchemaDocument, SchemaNode } from './types';

export type { ExplainError, GroupVersionKind, KindInfo, SchemaDocument, SchemaNode } from './types';
export { explain } from './explain';
export { strictDecodeErrors, decodeErrorMessage, duplicateFieldErrors } from './strict-decode';
export { jsonSchemaFor } from './json-schema';
export type { JsonSchema } from './json-schema';
export { listKinds, resolveRef } from './document';

/** The top-level definition for a kind (e.g. `io.k8s.api.core.v1.Pod`), or undefined. */
export function definitionFor(apiVersion: string, kind: string): SchemaNode | undefined {
  const name = definitionNameFor(apiVersion, kind);
  return name ? definitionByName(name) : undefined;
}

/** The definition key (`io.k8s.api.apps.v1.Deployment`) for a kind, or undefined. */
export function definitionNameForKind(apiVersion: string, kind: string): string | undefined {
  return definitionNameFor(apiVersion, kind);
}

/** The whole document in swagger 2.0 shape (`definitions` only; paths are the server's job). */
export function openApiV2Document(): SchemaDocument {
  return schemaDocument;
}
