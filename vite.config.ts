// Vite config: React, module workers (the engine runs in src/worker/engine-worker.ts),
// ES2022 output. Monaco's aliases and lazy chunks come with the editor (next round).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // Monaco + monaco-yaml glue (STACK.md): monaco-yaml's worker imports a path the exports map no
  // longer resolves; pre-bundle what the dev server would otherwise discover mid-test.
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: 'monaco-editor/' }] },
  optimizeDeps: { include: ['js-yaml', 'monaco-yaml/yaml.worker.js'] },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
});
