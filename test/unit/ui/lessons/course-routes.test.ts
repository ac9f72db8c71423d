import { describe, expect, it } from 'vitest';
import { isCoursePage, parseCourseRoute, startPath, stepPath } from '$ui/lessons/course-routes';

describe('course routes', () => {
  it('names the course pages', () => {
    expect(parseCourseRoute('/course')).toEqual({ page: 'course' });
    expect(parseCourseRoute('/course/')).toEqual({ page: 'course' });
    expect(parseCourseRoute('/instructor')).toEqual({ page: 'instructor' });
    expect(parseCourseRoute('/report')).toEqual({ page: 'report' });
    expect(parseCourseRoute('/start/add-authentication')).toEqual({ page: 'start', chapterId: 'add-authentication' });
  });

  it('names a chapter, or a chapter and a step', () => {
    expect(parseCourseRoute('/course/add-authentication')).toEqual({ page: 'step', chapterId: 'add-authentication' });
    expect(parseCourseRoute('/course/add-authentication/create-role')).toEqual({
      page: 'step',
      chapterId: 'add-authentication',
      stepId: 'create-role',
    });
  });

  it('leaves workspace routes and anything malformed alone', () => {
    for (const path of ['', '/', '/application', '/console', '/open/role/role-1', '/course/a/b/c', '/start', '/start/a/b', '/instructor/x', '/course/%E0%A4%A']) {
      expect(parseCourseRoute(path), path).toBeNull();
    }
  });

  it('shows pages instead of the workspace, but keeps the workspace for a step link', () => {
    expect(isCoursePage('/course')).toBe(true);
    expect(isCoursePage('/instructor')).toBe(true);
    expect(isCoursePage('/report')).toBe(true);
    expect(isCoursePage('/start/add-authentication')).toBe(true);
    expect(isCoursePage('/course/add-authentication/create-role')).toBe(false);
    expect(isCoursePage('/open/keystore')).toBe(false);
  });

  it('builds paths that parse back', () => {
    expect(stepPath('add-authentication', 'create-role')).toBe('/course/add-authentication/create-role');
    expect(parseCourseRoute(stepPath('a b', 'c/d'))).toEqual({ page: 'step', chapterId: 'a b', stepId: 'c/d' });
    expect(parseCourseRoute(startPath('add-authentication'))).toEqual({ page: 'start', chapterId: 'add-authentication' });
  });
});
