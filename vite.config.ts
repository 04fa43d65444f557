import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      // The Memory view alone, for its end-to-end test until the app mounts it.
      input: {
        main: 'index.html',
        'memory-harness': 'tests/e2e/memory-harness.html',
      },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
});
