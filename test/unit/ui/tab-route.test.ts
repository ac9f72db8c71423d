import { describe, expect, it } from 'vitest';
import { parseTabPath, tabHref, tabKey, tabPath, TAB_KINDS } from '../../../src/ui/workspace/tab-route';

describe('tab routes', () => {
  it('round-trips every kind, with and without an id', () => {
    for (const kind of TAB_KINDS) {
      expect(parseTabPath(tabPath({ kind }))).toEqual({ kind });
      expect(parseTabPath(tabPath({ kind, id: 'a b/c%' }))).toEqual({ kind, id: 'a b/c%' });
    }
  });

  it('writes ids encoded', () => {
    expect(tabHref({ kind: 'role', id: 'role 1' })).toBe('#/open/role/role%201');
    expect(tabHref({ kind: 'keystore' })).toBe('#/open/keystore');
  });

  it('keeps the older routes and the first visit', () => {
    expect(parseTabPath('')).toEqual({ kind: 'application' });
    expect(parseTabPath('/application')).toEqual({ kind: 'application' });
    expect(parseTabPath('/console')).toEqual({ kind: 'console' });
  });

  it('names no tab for #/, unknown kinds or broken ids', () => {
    expect(parseTabPath('/')).toBeNull();
    expect(parseTabPath('/open/nothing/1')).toBeNull();
    expect(parseTabPath('/open/role/%E0%A4%A')).toBeNull();
    expect(parseTabPath('/elsewhere')).toBeNull();
  });

  it('keys one tab per kind and id', () => {
    expect(tabKey({ kind: 'role' })).toBe('role');
    expect(tabKey({ kind: 'role', id: 'r1' })).toBe('role:r1');
  });
});
