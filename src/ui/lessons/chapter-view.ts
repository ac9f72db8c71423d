/**
 * What an open chapter needs are chunks of their own: its view (its steps and the current step,
 * with the Markdown renderer and sanitizer it needs) and its lesson machine (with xstate). A first
 * visit opens no chapter, so it does not wait for them. They load when a chapter opens, at boot
 * when the page is about to show one (its address names a chapter, or a chapter was open at the
 * last visit), or in the background once the sandbox is usable.
 */
import type { Component } from 'svelte';
import type { Chapter } from '$lessons/index';
import { lazyViews } from '../workspace/lazy-views';
import { parseCourseRoute } from './course-routes';

type ChapterView = Component<{ chapter: Chapter }>;
type CreateLessonActor = typeof import('./lesson-machine').default;

/** Where the lesson panel remembers the chapter it had open (its id), across reloads. */
export const OPEN_CHAPTER_KEY = 'actionflow-sandbox.lesson.chapter';

const views = lazyViews<'chapter', ChapterView>({}, { chapter: () => import('./LessonChapter.svelte') });
const machines = lazyViews<'machine', CreateLessonActor>({}, { machine: () => import('./lesson-machine') });

/** The chapter view: itself once loaded, else a promise of it (a failed load is tried again). */
export const chapterView = (): ChapterView | Promise<ChapterView> => views.get('chapter');

/** What makes a chapter's lesson machine: itself once loaded, else a promise of it (a failed load is tried again). */
export const lessonMachine = (): CreateLessonActor | Promise<CreateLessonActor> => machines.get('machine');

/** Loads the chapter view and the lesson machine in the background. */
export const preloadChapterView = (): void => {
  views.preload();
  machines.preload();
};

/** The chapter the panel had open at the last visit (its id), if storage can be read. */
export function rememberedChapter(): string | null {
  try {
    return globalThis.localStorage?.getItem(OPEN_CHAPTER_KEY) ?? null;
  } catch {
    return null;
  }
}

/** True when a page starting at `hash` shows a chapter in its lesson panel at once: the address
 * names a chapter (`#/course/<id>[/<step>]`), or `remembered` (the chapter open at the last visit) is set. */
export function chapterShownAtStart(hash: string, remembered: string | null): boolean {
  return parseCourseRoute(hash.replace(/^#/, ''))?.page === 'step' || Boolean(remembered);
}
