import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Cross-origin isolation lets ONNX Runtime run the embedding model on several threads
 * (SharedArrayBuffer). `credentialless` keeps cross-origin images and fetches working: they are
 * sent without cookies instead of being refused.
 */
export const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

export default defineConfig({
  plugins: [
    react(),
    // Installable and offline: the app shell is precached on the first visit; ONNX Runtime's
    // WASM is cached the first time memory loads it (Transformers.js caches model files itself).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'AIOS Workspace',
        short_name: 'AIOS',
        description: 'Durable, auditable AI playbooks for one-person companies.',
        start_url: '/',
        display: 'standalone',
        background_color: '#f7f7fb',
        theme_color: '#4f46e5',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-maskable.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,json}'],
        // The big chunks (canvas, engine worker, layout) belong to the shell; source maps do not.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        globIgnores: ['**/*.map'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // 26 MB, fetched only when memory is first used: not worth every first visit.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('.wasm'),
            handler: 'CacheFirst',
            options: { cacheName: 'aios-wasm', expiration: { maxEntries: 8 } },
          },
        ],
      },
    }),
  ],
  worker: {
    format: 'es',
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  server: { headers: isolation },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: isolation,
  },
});
