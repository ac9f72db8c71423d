import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The modules main.ts imports at once, without awaiting them (the server and the UI): the page
 * would otherwise ask for them only once main.js has been downloaded and run. The build fails if
 * main.ts stops importing one of them. */
const BOOT_IMPORTS = ['src/server/browser.ts', 'src/ui/App.svelte'];

/**
 * Adds a modulepreload link to index.html for every chunk of {@link BOOT_IMPORTS} and their static
 * imports, so they download alongside main.js (as the chunks of a static import would) instead of a
 * round trip after it; main.js still runs first and opens the database while they arrive.
 */
function preloadBootChunks(): Plugin {
  let base = '/';
  return {
    name: 'preload-boot-chunks',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { path, bundle, chunk: entry }) {
        // The sandbox's page only (the bench pages are built from the same config).
        if (path !== '/index.html' || !bundle || !entry) return;
        const chunks = Object.values(bundle as OutputBundle).filter((c): c is OutputChunk => c.type === 'chunk');
        const boot = BOOT_IMPORTS.map((m) => {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(m));
          if (!chunk || !entry.dynamicImports.includes(chunk.fileName)) throw new Error(`preload-boot-chunks: main.ts does not import ${m}; update BOOT_IMPORTS`);
          return chunk;
        });
        const already = new Set([entry.fileName, ...entry.imports]);
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const files = new Set<string>();
        const visit = (c: OutputChunk) => {
          if (already.has(c.fileName) || files.has(c.fileName)) return;
          files.add(c.fileName);
          for (const name of c.imports) visit(byName.get(name)!);
        };
        boot.forEach(visit);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// `vite build` builds the sandbox alone; `vite build --mode bench` adds the benchmark pages
// (bench.html?suite=<name>, bench-minimal.html) to the same folder. Built apart, so the sandbox's
// chunks are split by its own lazy parts only, not by what it happens to share with a bench page:
// a first visit fetches a dozen files instead of three dozen.
export default defineConfig(({ mode }) => ({
  plugins: [svelte(), preloadBootChunks()],
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
      // The TypeScript layers below the UI run nothing when imported (no module is imported for
      // its effects), so a module that imports one name from an index (`$lessons/index`) does not
      // bring the rest with it: start-up does not load the lesson machine, nor xstate with it.
      treeshake: { moduleSideEffects: [{ test: /\/src\/(domain|lessons|client|instance|server)\//, sideEffects: false }] },
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
