// `npx tsx scripts/gen-proto-table.ts [KUBECTL]`: writes src/node/http/proto-table.ts, the
// field numbers and types of the Kubernetes protobuf messages, read from the gzipped
// FileDescriptorProtos that Go's protobuf registry embeds in the kubectl binary (v1.32).
// Only the API groups the simulated server serves (plus meta, runtime, intstr, resource).
// Models google/protobuf/descriptor.proto (FileDescriptorProto, DescriptorProto, FieldDescriptorProto)
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { text, WireReader } from '../src/node/http/proto-wire';

const PACKAGES = new Set([
  'k8s.io.api.core.v1',
  'k8s.io.api.apps.v1',
  'k8s.io.api.batch.v1',
  'k8s.io.api.autoscaling.v1',
  'k8s.io.api.autoscaling.v2',
  'k8s.io.api.networking.v1',
  'k8s.io.api.policy.v1',
  'k8s.io.api.rbac.v1',
  'k8s.io.api.coordination.v1',
  'k8s.io.api.discovery.v1',
  'k8s.io.api.events.v1',
  'k8s.io.api.scheduling.v1',
  'k8s.io.api.storage.v1',
  'k8s.io.api.authentication.v1',
  'k8s.io.api.authorization.v1',
  'k8s.io.apimachinery.pkg.apis.meta.v1',
  'k8s.io.apimachinery.pkg.runtime',
  'k8s.io.apimachinery.pkg.runtime.schema',
  'k8s.io.apimachinery.pkg.util.intstr',
  'k8s.io.apimachinery.pkg.api.resource',
]);

const SCALARS: Record<number, string> = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32', 8: 'bool',
  9: 'string', 12: 'bytes', 13: 'uint32', 14: 'enum', 15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};

interface Field {
  name: string;
  num: number;
  type: string;
  repeated: boolean;
}
interface Message {
  name: string;
  fields: Field[];
  mapEntry: boolean;
}

function parseField(b: Uint8Array): Field {
  const f: Field = { name: '', num: 0, type: '', repeated: false };
  let typeCode = 0;
  let typeName = '';
  for (const w of WireReader.fields(b)) {
    if (w.num === 1 && w.bytes) f.name = text(w.bytes);
    else if (w.num === 3) f.num = Number(w.int);
    else if (w.num === 4) f.repeated = Number(w.int) === 3;
    else if (w.num === 5) typeCode = Number(w.int);
    else if (w.num === 6 && w.bytes) typeName = text(w.bytes).replace(/^\./, '');
  }
  f.type = typeCode === 11 ? typeName : SCALARS[typeCode] ?? `unknown${typeCode}`;
  return f;
}

function parseMessage(b: Uint8Array, prefix: string, out: Message[]): void {
  const m: Message = { name: '', fields: [], mapEntry: false };
  const nested: Uint8Array[] = [];
  for (const w of WireReader.fields(b)) {
    if (w.num === 1 && w.bytes) m.name = `${prefix}.${text(w.bytes)}`;
    else if (w.num === 2 && w.bytes) m.fields.push(parseField(w.bytes));
    else if (w.num === 3 && w.bytes) nested.push(w.bytes);
    else if (w.num === 7 && w.bytes) for (const o of WireReader.fields(w.bytes)) if (o.num === 7 && o.int) m.mapEntry = true;
  }
  out.push(m);
  for (const n of nested) parseMessage(n, m.name, out);
}

function descriptors(binary: Buffer): Message[] {
  const magic = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
  const messages: Message[] = [];
  const seen = new Set<string>();
  for (let i = binary.indexOf(magic); i >= 0; i = binary.indexOf(magic, i + 1)) {
    let out: Buffer;
    try {
      out = gunzipSync(binary.subarray(i, i + 400_000), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      continue;
    }
    if (out[0] !== 10) continue;
    let pkg = '';
    let file = '';
    const msgs: Uint8Array[] = [];
    try {
      for (const w of WireReader.fields(out)) {
        if (w.num === 1 && w.bytes) file = text(w.bytes);
        else if (w.num === 2 && w.bytes) pkg = text(w.bytes);
        else if (w.num === 4 && w.bytes) msgs.push(w.bytes);
      }
    } catch {
      continue;
    }
    if (!file.endsWith('.proto') || !PACKAGES.has(pkg) || seen.has(pkg)) continue;
    seen.add(pkg);
    for (const m of msgs) parseMessage(m, pkg, messages);
  }
  const missing = [...PACKAGES].filter((p) => !seen.has(p));
  if (missing.length) throw new Error(`descriptors not found for: ${missing.join(', ')}`);
  return messages;
}

function main(): void {
  const kubectl = process.argv[2] ?? process.env.KUBECTL ?? '/usr/bin/kubectl';
  const messages = descriptors(readFileSync(kubectl));
  const byName = new Map(messages.map((m) => [m.name, m]));
  const typeOf = (f: Field): string => {
    const entry = byName.get(f.type);
    if (entry?.mapEntry) {
      const k = entry.fields.find((x) => x.num === 1);
      const v = entry.fields.find((x) => x.num === 2);
      return `map:${k?.type}:${v?.type}`;
    }
    return f.type;
  };
  const lines: string[] = [];
  for (const m of messages.filter((x) => !x.mapEntry).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const fields = m.fields.map((f) => `[${f.num},${JSON.stringify(f.name)},${JSON.stringify(typeOf(f))},${f.repeated && !typeOf(f).startsWith('map:') ? 1 : 0}]`);
    lines.push(`  ${JSON.stringify(m.name)}: [${fields.join(',')}],`);
  }
  const src = [
    '// GENERATED by scripts/gen-proto-table.ts from the protobuf descriptors embedded in kubectl',
    '// v1.32 — do not edit. Per message: [field number, JSON name, type, repeated]; a type is a',
    '// scalar, a message name, or `map:<key>:<value>`. Read by protobuf.ts to decode request bodies.',
    'export type ProtoFieldDef = readonly [number, string, string, 0 | 1];',
    'export const PROTO_MESSAGES: Readonly<Record<string, readonly ProtoFieldDef[]>> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
  writeFileSync(new URL('../src/node/http/proto-table.ts', import.meta.url), src);
  process.stdout.write(`proto-table.ts: ${lines.length} messages\n`);
}

main();
