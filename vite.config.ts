// Vite config: React, module workers (the engine runs in src/worker/engine-worker.ts),
// ES2022 output. Monaco's aliases and lazy chunks come with the editor (next round).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
});
