/**
 * The course's pages (the course, the instructor tools, the report, a class link's start page) and
 * the chapters they list, with every step's checks and solutions, are chunks of their own: a first
 * visit at the workspace shows none of them, so it does not wait for them. They load when a course
 * page is shown, at boot when the page opens on one, or in the background once the sandbox is
 * usable. The lesson panel loads the chapters when it opens one (lesson-state.svelte.ts).
 */
import type { Component } from 'svelte';
import { lazyViews } from '../workspace/lazy-views';
import { isCoursePage } from './course-routes';

const views = lazyViews<'pages', Component>({}, { pages: () => import('./CoursePages.svelte') });

/** The course pages' view: itself once loaded, else a promise of it (a failed load is tried again). */
export const coursePagesView = (): Component | Promise<Component> => views.get('pages');

/** Loads the course pages in the background. */
export const preloadCoursePages = (): void => views.preload();

/** The course's chapters, registered with the lesson engine when this first resolves (chapters.ts). */
export const loadChapters = () => import('./chapters');

/** True when a page starting at `hash` shows a course page in place of the workspace. */
export function coursePageAtStart(hash: string): boolean {
  return isCoursePage(hash.replace(/^#/, ''));
}
