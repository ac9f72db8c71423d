import { describe, expect, it } from 'vitest';
import { coursePageAtStart } from '../../../../src/ui/lessons/course-view';

describe('coursePageAtStart', () => {
  it('is true for the course, the instructor tools, the report and a class link', () => {
    for (const hash of ['#/course', '#/instructor', '#/report', '#/start/add-authentication']) expect(coursePageAtStart(hash), hash).toBe(true);
  });

  it('is false for the workspace and for a chapter, which shows in the lesson panel', () => {
    for (const hash of ['', '#/', '#/open/keystore', '#/course/add-authentication', '#/course/add-authentication/create-role', '#/nowhere']) {
      expect(coursePageAtStart(hash), hash).toBe(false);
    }
  });
});
