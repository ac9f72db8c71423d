/**
 * The open chapter's view (its steps and the current step, with the Markdown renderer and
 * sanitizer it needs) is a chunk of its own: a first visit opens no chapter, so it does not wait
 * for it. It loads when a chapter opens, or in the background once the sandbox is usable.
 */
import type { Component } from 'svelte';
import type { Chapter } from '$lessons/index';
import { lazyViews } from '../workspace/lazy-views';

type ChapterView = Component<{ chapter: Chapter }>;

const views = lazyViews<'chapter', ChapterView>({}, { chapter: () => import('./LessonChapter.svelte') });

/** The chapter view: itself once loaded, else a promise of it (a failed load is tried again). */
export const chapterView = (): ChapterView | Promise<ChapterView> => views.get('chapter');

/** Loads the chapter view in the background. */
export const preloadChapterView = (): void => views.preload();
