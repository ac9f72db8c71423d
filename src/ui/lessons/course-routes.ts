/**
 * The course's routes. Pages shown instead of the workspace: `#/course` (chapters and progress),
 * `#/instructor`, `#/report` (printable progress report) and the class link `#/start/<chapterId>`.
 * Deep links `#/course/<chapterId>/<stepId>` open a chapter's step in the lesson panel beside the
 * workspace. Pure: no DOM.
 */

/** What a route path (the hash without `#`) means for the course. */
export type CourseRoute =
  | { page: 'course' }
  | { page: 'instructor' }
  | { page: 'report' }
  | { page: 'start'; chapterId: string }
  | { page: 'step'; chapterId: string; stepId?: string };

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The course route `path` names, or null when it names none (a workspace route). */
export function parseCourseRoute(path: string): CourseRoute | null {
  const parts = path.replace(/\/+$/, '').split('/').slice(1);
  const [first, second, third, ...rest] = parts;
  if (rest.length > 0) return null;
  if (first === 'instructor' && second === undefined) return { page: 'instructor' };
  if (first === 'report' && second === undefined) return { page: 'report' };
  if (first === 'start' && second && third === undefined) {
    const chapterId = decoded(second);
    return chapterId ? { page: 'start', chapterId } : null;
  }
  if (first !== 'course') return null;
  if (second === undefined) return { page: 'course' };
  const chapterId = decoded(second);
  if (!chapterId) return null;
  if (third === undefined) return { page: 'step', chapterId };
  const stepId = decoded(third);
  return stepId ? { page: 'step', chapterId, stepId } : null;
}

/** True when `path` is a course page shown in place of the workspace. */
export function isCoursePage(path: string): boolean {
  const route = parseCourseRoute(path);
  return route !== null && route.page !== 'step';
}

/** The path of a chapter's step, e.g. `/course/add-authentication/create-role`. */
export function stepPath(chapterId: string, stepId: string): string {
  return `/course/${encodeURIComponent(chapterId)}/${encodeURIComponent(stepId)}`;
}

/** The class link of a chapter: opened, it offers a fresh instance at the chapter's first step. */
export function startPath(chapterId: string): string {
  return `/start/${encodeURIComponent(chapterId)}`;
}
