/**
 * MSW is imported by name only. Importing 'msw' on demand keeps every export of MSW's index in the
 * build (the GraphQL handlers with the GraphQL parser, WebSocket, SSE: ~200 kB never run here), in
 * the chunk a first visit loads; `src/server/in-page.ts` is how on-demand code gets `getResponse`.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { sourceModules } from '../support/source-files';

const ROOT = resolve(__dirname, '../../..');

const DYNAMIC_MSW = /\bimport\s*\(\s*['"]msw(?:\/[^'"]*)?['"]\s*\)/;

it('finds a dynamic import of MSW', () => {
  expect(DYNAMIC_MSW.test(`const { getResponse } = await import('msw');`)).toBe(true);
  expect(DYNAMIC_MSW.test(`import { getResponse } from 'msw';`)).toBe(false);
});

it('no module under src or bench imports MSW dynamically', () => {
  const files = [...sourceModules(join(ROOT, 'src')), ...sourceModules(join(ROOT, 'bench'))];
  const found = files.filter((file) => DYNAMIC_MSW.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
  expect(found).toEqual([]);
});
