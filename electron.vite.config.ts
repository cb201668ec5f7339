import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * One build for every door: out/main/index.js (Electron entry), out/main/cli.js
 * (the `papershelf` CLI and browser-mode server, plain Node),
 * out/main/ingest-worker.js (the thread that writes long syncs), out/preload, and
 * out/renderer (served over IPC by Electron and over HTTP by browser mode).
 */
/** zod's sources carry comments Rollup cannot place; the warning is noise, not a problem. */
const rollupOnWarn: RollupOnWarn = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION') return;
  warn(warning);
};
type RollupOnWarn = (
  warning: { code?: string; message: string },
  warn: (warning: { code?: string; message: string }) => void,
) => void;

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        onwarn: rollupOnWarn,
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The ingest thread's script (src/main/sync/ingest-thread.ts finds it beside these).
          'ingest-worker': resolve(__dirname, 'src/main/sync/ingest-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it can require only 'electron', so zod and the
      // contract are bundled into it.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        onwarn: rollupOnWarn,
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer is also served to browsers,
      // and parsing ~1.2 MB of plain JavaScript delays the first paint.
      minify: 'esbuild',
      // KaTeX's fonts stay files: the CSP allows fonts from 'self' only, not data: URIs.
      assetsInlineLimit: (file: string) => (file.includes('KaTeX_') ? false : undefined),
      rollupOptions: {
        onwarn: rollupOnWarn,
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
