import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The Express API and tile server; override with REDGRID_API_URL when it runs elsewhere. */
const apiServer = process.env.REDGRID_API_URL ?? 'http://127.0.0.1:8080';
const proxy = { '/api': apiServer, '/tiles': apiServer };

export default defineConfig({
  root: clientRoot,
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; one map page loads both anyway.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy,
    fs: { allow: [repoRoot] },
  },
  preview: { proxy },
});
