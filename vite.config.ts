import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: {
      $domain: dir('./src/domain'),
      $instance: dir('./src/instance'),
      $server: dir('./src/server'),
      $client: dir('./src/client'),
      $ui: dir('./src/ui'),
      $lessons: dir('./src/lessons'),
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // Two pages: the sandbox, and the benchmark page bench/run.ts opens (bench.html?suite=<name>).
    rolldownOptions: { input: { main: dir('./index.html'), bench: dir('./bench.html'), minimal: dir('./bench-minimal.html') } },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/lessons/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
