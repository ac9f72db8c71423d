import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// `vite build` builds the sandbox alone; `vite build --mode bench` adds the benchmark pages
// (bench.html?suite=<name>, bench-minimal.html) to the same folder. Built apart, so the sandbox's
// chunks are split by its own lazy parts only, not by what it happens to share with a bench page:
// a first visit fetches a dozen files instead of three dozen.
export default defineConfig(({ mode }) => ({
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
    rolldownOptions: {
      input: (mode === 'bench'
        ? { bench: dir('./bench.html'), minimal: dir('./bench-minimal.html') }
        : { main: dir('./index.html') }) as Record<string, string>,
    },
    ...(mode === 'bench' ? { emptyOutDir: false } : {}),
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/lessons/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}));
