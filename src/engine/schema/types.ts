// Types for the generated Kubernetes schema document (swagger/OpenAPI v2 `definitions` shape).
// Only the keywords the generator emits are modelled; no x-kubernetes-patch-* extensions.

export interface GroupVersionKind {
  group: string;
  kind: string;
  version: string;
}

export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
  $ref?: string;
  enum?: string[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
}

export interface SchemaDocument {
  swagger: string;
  info: { title: string; version: string };
  definitions: Record<string, SchemaNode>;
}

/** What `kubectl explain` prints on stderr (exit code 1) instead of the explanation. */
export interface ExplainError {
  error: string;
}

export interface KindInfo {
  apiVersion: string;
  kind: string;
  /** Definition key, e.g. `io.k8s.api.core.v1.Pod`. */
  definition: string;
}
