// Generates src/generated/k8s-schema.json: Kubernetes definitions shaped like the API server's
// swagger (OpenAPI v2) `definitions`, read from the kubernetes-types declaration files with the
// TypeScript parser (no type checker). Adds by hand what those files lose: int32/int64 formats,
// IntOrString, Quantity/Time formats and the enums upstream marks with +enum.
// Leaves out x-kubernetes-patch-* / list-type extensions and the "Possible enum values" text.
// Models kubernetes/api/openapi-spec/swagger.json (definitions section).
import ts from 'typescript';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Schema {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  $ref?: string;
  enum?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string }[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');
const outFile = join(root, 'src/generated/k8s-schema.json');

/** kubernetes-types module (relative to its root, no extension) → OpenAPI definition prefix. */
const modules: Record<string, string> = {
  'core/v1': 'io.k8s.api.core.v1',
  'apps/v1': 'io.k8s.api.apps.v1',
  'batch/v1': 'io.k8s.api.batch.v1',
  'discovery/v1': 'io.k8s.api.discovery.v1',
  'coordination/v1': 'io.k8s.api.coordination.v1',
  'networking/v1': 'io.k8s.api.networking.v1',
  'autoscaling/v1': 'io.k8s.api.autoscaling.v1',
  'admissionregistration/v1': 'io.k8s.api.admissionregistration.v1',
  'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  'authentication/v1': 'io.k8s.api.authentication.v1',
  'authorization/v1': 'io.k8s.api.authorization.v1',
  'certificates/v1': 'io.k8s.api.certificates.v1',
  'events/v1': 'io.k8s.api.events.v1',
  'flowcontrol/v1': 'io.k8s.api.flowcontrol.v1',
  'node/v1': 'io.k8s.api.node.v1',
  'policy/v1': 'io.k8s.api.policy.v1',
  'rbac/v1': 'io.k8s.api.rbac.v1',
  'scheduling/v1': 'io.k8s.api.scheduling.v1',
  'storage/v1': 'io.k8s.api.storage.v1',
  'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
  'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
};
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Number fields that are int64 in the Go types (everything else in these groups is int32).
 *  Source: staging/src/k8s.io/api/{core,apps,batch,autoscaling}/v1/types.go and
 *  apimachinery/pkg/apis/meta/v1/types.go (no float fields exist in these groups). */
const int64Fields = new Set([
  'generation', 'observedGeneration', 'deletionGracePeriodSeconds', 'remainingItemCount',
  'gracePeriodSeconds', 'activeDeadlineSeconds', 'terminationGracePeriodSeconds', 'runAsUser',
  'runAsGroup', 'fsGroup', 'supplementalGroups', 'tolerationSeconds', 'expirationSeconds',
  'sizeBytes', 'startingDeadlineSeconds', 'seconds', 'revision',
]);

/** Enums that the v1.32 OpenAPI lists (fields whose Go type carries `+enum`), values sorted as
 *  upstream emits them. Source: staging/src/k8s.io/api/{core,apps,batch}/v1/types.go. */
const enums: Record<string, string[]> = {
  'io.k8s.api.core.v1.Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'io.k8s.api.core.v1.PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'io.k8s.api.core.v1.PodStatus.phase': ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
  'io.k8s.api.core.v1.ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'io.k8s.api.core.v1.ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'io.k8s.api.core.v1.ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'io.k8s.api.core.v1.ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'io.k8s.api.core.v1.ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'io.k8s.api.core.v1.Toleration.operator': ['Equal', 'Exists'],
  'io.k8s.api.core.v1.Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'io.k8s.api.core.v1.Taint.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'io.k8s.api.apps.v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
};

/** Definitions for the TS aliases / synthetic types, as the real swagger has them. */
const aliasFormats: Record<string, string | undefined> = { Time: 'date-time', MicroTime: 'date-time', Quantity: undefined };

const definitions: Record<string, Schema> = {};

function jsDocText(node: ts.Node, text: string): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const last = ranges.filter((r) => text.startsWith('/**', r.pos)).pop();
  if (!last) return undefined;
  const body = text.slice(last.pos + 3, last.end - 2);
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  if (lines.length > 1) {
    if (lines[0].trim() === '') lines.shift();
    if (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    return lines.join('\n');
  }
  return body.trim();
}

function convert(fileKey: string, defName: string, prop: string, node: ts.TypeNode, imports: Map<string, string>): Schema {
  if (node.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(node)) return { type: 'string' };
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
  if (node.kind === ts.SyntaxKind.NumberKeyword) {
    return { type: 'integer', format: int64Fields.has(prop) ? 'int64' : 'int32' };
  }
  if (ts.isUnionTypeNode(node)) return { $ref: `#/definitions/${INT_OR_STRING}` }; // number | string
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: convert(fileKey, defName, prop, node.elementType, imports) };
  if (ts.isTypeLiteralNode(node)) {
    const sig = node.members.find(ts.isIndexSignatureDeclaration);
    if (sig) return { type: 'object', additionalProperties: convert(fileKey, defName, prop, sig.type, imports) };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.length === 1) {
      return { type: 'array', items: convert(fileKey, defName, prop, node.typeArguments[0], imports) };
    }
    const mod = imports.get(name) ?? fileKey;
    const prefix = modules[mod];
    if (!prefix) throw new Error(`${defName}.${prop}: ${name} comes from unmapped module ${mod}`);
    return { $ref: `#/definitions/${prefix}.${name}` };
  }
  throw new Error(`${defName}.${prop}: unsupported type ${ts.SyntaxKind[node.kind]}`);
}

function loadModule(fileKey: string): void {
  const file = join(typesDir, `${fileKey}.d.ts`);
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const prefix = modules[fileKey];
  const imports = new Map<string, string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const target = join(dirname(fileKey), st.moduleSpecifier.text).replace(/\\/g, '/');
      const named = st.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, target);
    }
  }
  for (const st of sf.statements) {
    if (ts.isTypeAliasDeclaration(st) && st.name.text in aliasFormats) {
      const def: Schema = { description: jsDocText(st, text), type: 'string' };
      const format = aliasFormats[st.name.text];
      if (format) def.format = format;
      definitions[`${prefix}.${st.name.text}`] = def;
    }
    // apiextensions' JSONSchemaPropsOr* unions: the real swagger has them as description-only definitions.
    if (ts.isTypeAliasDeclaration(st) && st.name.text.startsWith('JSONSchemaPropsOr')) {
      definitions[`${prefix}.${st.name.text}`] = { description: jsDocText(st, text) };
    }
    if (!ts.isInterfaceDeclaration(st)) continue;
    const defName = `${prefix}.${st.name.text}`;
    const def: Schema = { description: jsDocText(st, text), type: 'object' };
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    let apiVersion: string | undefined;
    let kind: string | undefined;
    for (const m of st.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(sf);
      const lit = ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
      if (name === 'apiVersion') apiVersion = lit;
      if (name === 'kind') kind = lit;
      const schema = convert(fileKey, defName, name, m.type, imports);
      const description = jsDocText(m, text);
      const enumValues = enums[`${defName}.${name}`];
      // Key order as in the real swagger: $ref/description first, then the type facets.
      const p: Schema = { ...(description === undefined ? {} : { description }), ...schema };
      if (enumValues) p.enum = enumValues;
      properties[name] = p;
      if (!m.questionToken) required.push(name);
    }
    if (Object.keys(properties).length) def.properties = properties;
    if (required.length) def.required = required.sort();
    if (apiVersion && kind) {
      const slash = apiVersion.indexOf('/');
      def['x-kubernetes-group-version-kind'] = [
        slash < 0
          ? { group: '', kind, version: apiVersion }
          : { group: apiVersion.slice(0, slash), kind, version: apiVersion.slice(slash + 1) },
      ];
    }
    definitions[defName] = def;
  }
}

const started = process.hrtime.bigint();
for (const key of Object.keys(modules)) loadModule(key);
definitions[INT_OR_STRING] = {
  description:
    'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
  type: 'string',
  format: 'int-or-string',
};
// meta/v1 Status is served by every group; kubernetes-types types its apiVersion as plain string.
definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Status']['x-kubernetes-group-version-kind'] = [{ group: '', kind: 'Status', version: 'v1' }];
for (const key of Object.keys(enums)) {
  const dot = key.lastIndexOf('.');
  if (!definitions[key.slice(0, dot)]?.properties?.[key.slice(dot + 1)]) throw new Error(`enum table: no field ${key}`);
}
// Every $ref must resolve.
const text = JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, definitions });
for (const m of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) {
  if (!definitions[m[1]]) throw new Error(`dangling $ref ${m[1]}`);
}
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`gen-schemas: ${Object.keys(definitions).length} definitions, ${(text.length / 1024).toFixed(0)} KB in ${ms.toFixed(0)} ms -> ${outFile}`);
