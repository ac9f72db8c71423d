import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYSTORE_ALIAS_PATTERN, LOGIN_PATTERN, sameName, URL_ALIAS_PATTERN, utf8Length } from '../../../src/domain/rules';

describe('platform rules', () => {
  it('measures secrets in UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
  });

  it('compares names ignoring case and surrounding spaces', () => {
    expect(sameName(' APIUsers ', 'apiusers')).toBe(true);
    expect(sameName('APIUsers', 'API Users')).toBe(false);
  });

  it('holds the patterns the forms and the server apply', () => {
    expect(LOGIN_PATTERN.test('apiagent')).toBe(true);
    expect(LOGIN_PATTERN.test('a')).toBe(false);
    expect(LOGIN_PATTERN.test('api agent')).toBe(false);
    expect(KEYSTORE_ALIAS_PATTERN.test('phixflow-api-key')).toBe(true);
    expect(KEYSTORE_ALIAS_PATTERN.test('')).toBe(false);
    expect(URL_ALIAS_PATTERN.test('')).toBe(true);
    expect(URL_ALIAS_PATTERN.test('company/data')).toBe(false);
  });
});

/** Every .ts and .svelte file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

describe('one home for platform rules', () => {
  // The aliases and the masked-secret marker are the rules most often copied; each has its one
  // definition in src/domain/rules.ts, and any other module imports it.
  // (Quoted strings only: comments may name them in backticks.)
  const copies = [/['"]phixflow-api-key['"]/, /['"]pepperkey['"]/, /['"]\*{8}['"]/];
  const files = ['src', 'lessons', 'fixtures'].flatMap(sources).filter((f) => !f.endsWith(join('domain', 'rules.ts')));

  it.each(copies.map((c) => [String(c), c] as const))('no module outside rules.ts spells %s', (_, pattern) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
