// Vite build of the web UI into dist/web/app (served by src/web/server.ts). Everything is bundled:
// no CDN, no remote fonts, so the UI works offline under a strict CSP.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline <script>/<style> (CSP): keep assets as files, never data: modules.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
});
