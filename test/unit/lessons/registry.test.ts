import { afterEach, describe, expect, it } from 'vitest';
import { getChapter, listChapters, registerChapters } from '$lessons/registry';
import { fakeChapter } from './fake-chapter';

const chapter = (id: string, prerequisites: string[] = []) => ({ ...fakeChapter({ roles: new Set() }), id, prerequisites });

afterEach(() => registerChapters({}));

describe('the chapter registry', () => {
  it('is empty until chapters are registered', () => {
    expect(listChapters()).toEqual([]);
    expect(getChapter('setting-up-an-api-end-point')).toBeUndefined();
  });

  it('registers chapter modules in file order, by default export or as they are', () => {
    registerChapters({
      'lessons/02-add-authentication/chapter.ts': { default: chapter('add-authentication', ['api-end-point']) },
      'lessons/01-api-end-point/chapter.ts': chapter('api-end-point'),
    });
    expect(listChapters().map((c) => c.id)).toEqual(['api-end-point', 'add-authentication']);
    expect(getChapter('add-authentication')!.prerequisites).toEqual(['api-end-point']);
  });

  it('names the file of a broken chapter, and keeps the chapters it had', () => {
    registerChapters({ 'lessons/01-api-end-point/chapter.ts': chapter('api-end-point') });
    expect(() => registerChapters({ 'lessons/02-x/chapter.ts': { ...chapter('x'), steps: [] } })).toThrow(
      'lessons/02-x/chapter.ts: steps must have at least one step.',
    );
    expect(listChapters().map((c) => c.id)).toEqual(['api-end-point']);
  });

  it('refuses the same id in two files, and prerequisites that are not chapters', () => {
    expect(() => registerChapters({ 'lessons/01-a/chapter.ts': chapter('a'), 'lessons/02-a/chapter.ts': chapter('a') })).toThrow(
      'lessons/02-a/chapter.ts: id "a" is already the id of the chapter in lessons/01-a/chapter.ts.',
    );
    expect(() => registerChapters({ 'lessons/01-a/chapter.ts': chapter('a', ['missing']) })).toThrow(
      'lessons/01-a/chapter.ts: prerequisites[0] names "missing", which is not a chapter of the course.',
    );
  });
});
