/**
 * The browser rule editor: Monaco (monaco-languageclient / monaco-vscode-api) and the rules language server
 * (`language/src/main-browser.ts`) in a module Web Worker. `npm run web` builds it and serves `web/dist` on
 * 127.0.0.1; `npm run web:build` only builds.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // Only the page's own files: the samples are imported as text, nothing is read from ../rules at run time.
  publicDir: false,
  resolve: {
    // monaco-vscode-api must exist once: two copies of `vscode` break its service registry.
    dedupe: ['vscode', '@codingame/monaco-vscode-api', '@codingame/monaco-vscode-editor-api'],
  },
  worker: {
    format: 'es',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The main chunk is monaco-vscode-api's services (about 7.8 MB minified); it is one download, cached.
    chunkSizeWarningLimit: 8500,
    reportCompressedSize: false,
    sourcemap: false,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: false,
  },
  server: {
    host: '127.0.0.1',
    fs: {
      // The worker entry and the grammar live in ../language.
      allow: [fileURLToPath(new URL('..', import.meta.url))],
    },
  },
});
