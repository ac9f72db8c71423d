/**
 * The boundary rule: the UI reaches the instance only through the client (`$client`) and the lesson
 * engine (`$lessons`), never through `$instance` (nor a relative path into src/instance). Reads
 * every module under src/ui, Svelte components included, and lists each import that breaks it.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { sourceModules } from '../support/source-files';

const ROOT = resolve(__dirname, '../../..');
const UI = join(ROOT, 'src/ui');

/** Every module specifier a file imports or re-exports (static and dynamic). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

it('reads imports of every kind', () => {
  const source = `import a from '$instance/db';\nimport type { B } from "$instance/x";\nexport { c } from '../../instance/y';\nimport './side';\nconst d = import('$instance/z');`;
  expect(importsOf(source)).toEqual(['$instance/db', '$instance/x', '../../instance/y', './side', '$instance/z']);
});

it('no module under src/ui imports $instance', () => {
  const files = sourceModules(UI);
  expect(files.length).toBeGreaterThan(50);
  const breaking: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const intoInstance =
        spec === '$instance' || spec.startsWith('$instance/') || (spec.startsWith('.') && resolve(file, '..', spec).startsWith(join(ROOT, 'src/instance')));
      if (intoInstance) breaking.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  expect(breaking).toEqual([]);
});
