/** The project's own source files, for tests that read the code itself (its imports). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every TypeScript module and Svelte component under `dir`, at any depth. */
export function sourceModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceModules(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}
