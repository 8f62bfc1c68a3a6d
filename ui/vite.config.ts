import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The UI imports the Fluent files from src-tauri/i18n (one source of strings), so the dev
// server may read the repository root.
export default defineConfig({
  plugins: [svelte()],
  // Component tests mount Svelte in happy-dom: the browser build of svelte, not the
  // server one (which has no mount). Only under vitest; the app build is unchanged.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    fs: { allow: [repoRoot] },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
