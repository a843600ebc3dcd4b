// JSON Schema (draft-07) per kind for editor validation and completion (monaco-yaml), derived
// from the generated definitions: unknown fields are flagged (additionalProperties: false, as
// the strict API server does), IntOrString/Quantity accept numbers and strings, apiVersion/kind
// are pinned. Leaves out server-side validation (names, ranges, required-when rules).
import { INT_OR_STRING, QUANTITY, definitionByName, definitionNameFor, refName } from './document';
import type { SchemaNode } from './types';

export type JsonSchema = { [key: string]: unknown };

const OPEN = new Set(['io.k8s.apimachinery.pkg.runtime.RawExtension', 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']);

function convertNode(node: SchemaNode, used: Set<string>, queue: string[]): JsonSchema {
  const out: JsonSchema = {};
  if (node.description !== undefined) out.description = node.description;
  if (node.$ref) {
    const name = refName(node.$ref);
    if (!used.has(name)) {
      used.add(name);
      queue.push(name);
    }
    // draft-07 ignores siblings of $ref, so wrap it to keep the field's own description.
    const ref = { $ref: `#/definitions/${name}` };
    return node.description === undefined ? ref : { ...out, allOf: [ref] };
  }
  if (node.type) out.type = node.type;
  if (node.format) out.format = node.format;
  if (node.enum) out.enum = node.enum;
  if (node.items) out.items = convertNode(node.items, used, queue);
  if (node.additionalProperties) out.additionalProperties = convertNode(node.additionalProperties, used, queue);
  return out;
}

function convertDefinition(name: string, def: SchemaNode, used: Set<string>, queue: string[]): JsonSchema {
  if (name === INT_OR_STRING) return { description: def.description, type: ['integer', 'string'] };
  if (name === QUANTITY) return { description: def.description, type: ['string', 'number'] };
  const out = convertNode(def, used, queue);
  if (def.type === 'object' && !def.additionalProperties) {
    const props: Record<string, JsonSchema> = {};
    for (const [key, p] of Object.entries(def.properties ?? {})) props[key] = convertNode(p, used, queue);
    out.properties = props;
    if (def.required) out.required = def.required;
    if (!OPEN.has(name)) out.additionalProperties = false;
  }
  return out;
}

const cache = new Map<string, JsonSchema>();

/** A self-contained JSON Schema for one kind, or undefined for an unknown kind. Cached. */
export function jsonSchemaFor(apiVersion: string, kind: string): JsonSchema | undefined {
  const key = `${apiVersion}|${kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const root = definitionNameFor(apiVersion, kind);
  if (!root) return undefined;
  const used = new Set([root]);
  const queue = [root];
  const definitions: Record<string, JsonSchema> = {};
  while (queue.length) {
    const name = queue.pop() as string;
    definitions[name] = convertDefinition(name, definitionByName(name) as SchemaNode, used, queue);
  }
  const top = definitions[root] as { properties: Record<string, JsonSchema> };
  top.properties = { ...top.properties, apiVersion: { ...top.properties.apiVersion, enum: [apiVersion] }, kind: { ...top.properties.kind, enum: [kind] } };
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `timonel://schemas/${apiVersion}/${kind}.json`,
    $ref: `#/definitions/${root}`,
    definitions,
  };
  cache.set(key, schema);
  return schema;
}
