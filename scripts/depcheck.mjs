// Dependency check (DESIGN.md §2): every import between top folders of src/ must be an
// arrow allowed by the layer table. Fails CI on any other arrow.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

// layer -> layers it may import at runtime; 'engine-index' means only src/engine/index.ts.
const allowed = {
  shared: [],
  engine: ['shared', 'generated'],
  shell: ['shared', 'engine-index'],
  labs: ['shared', 'engine-types', 'shell-types'],
  worker: ['shared', 'engine', 'shell', 'labs'],
  ui: ['shared', 'worker-types', 'engine-types', 'labs'],
  node: ['shared', 'engine', 'shell', 'labs', 'worker'],
  generated: [],
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const importRe = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
const problems = [];
for (const file of walk(src)) {
  const from = relative(src, file).split(sep)[0];
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[3] ?? m[4];
    const typeOnly = Boolean(m[2]);
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec);
    const rel = relative(src, target);
    if (rel.startsWith('..')) { problems.push(`${relative(root, file)}: imports outside src: ${spec}`); continue; }
    const to = rel.split(sep)[0];
    if (to === from) continue;
    const ok = allowed[from] ?? [];
    const pass =
      ok.includes(to) ||
      (to === 'engine' && ok.includes('engine-index') && (rel === 'engine/index' || rel === 'engine/index.ts' || rel === 'engine')) ||
      (typeOnly && ok.includes(`${to}-types`)) ||
      (to === 'engine' && ok.includes('engine-index') && typeOnly) ||
      // DESIGN.md §2: the UI talks to the worker through its host (the client side of the protocol).
      (from === 'ui' && (rel === 'worker/host' || rel === 'worker/protocol'));
    if (!pass) problems.push(`${relative(root, file)}: ${from} -> ${to} (${spec})${typeOnly ? ' [type]' : ''}`);
  }
}
if (problems.length) {
  console.error('Layer violations (DESIGN.md §2):\n' + problems.join('\n'));
  process.exit(1);
}
console.log('depcheck: layers ok');
