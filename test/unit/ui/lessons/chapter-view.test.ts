import { describe, expect, it } from 'vitest';
import { chapterShownAtStart } from '../../../../src/ui/lessons/chapter-view';

describe('chapterShownAtStart', () => {
  it('is true for an address that names a chapter, with or without its step', () => {
    expect(chapterShownAtStart('#/course/add-authentication', null)).toBe(true);
    expect(chapterShownAtStart('#/course/add-authentication/create-role', null)).toBe(true);
  });

  it('is true when a chapter was open at the last visit, whatever the address', () => {
    expect(chapterShownAtStart('', 'add-authentication')).toBe(true);
    expect(chapterShownAtStart('#/open/keystore', 'add-authentication')).toBe(true);
  });

  it('is false for the workspace, the course pages and a class link with nothing remembered', () => {
    for (const hash of ['', '#/', '#/open/keystore', '#/course', '#/instructor', '#/report', '#/start/add-authentication']) {
      expect(chapterShownAtStart(hash, null)).toBe(false);
    }
  });
});
