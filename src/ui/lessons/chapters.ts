/**
 * Registers the course's chapters (`lessons/NN-slug/chapter.ts`) with the lesson engine once, when
 * the lesson UI first loads. A broken chapter file does not stop the sandbox: the lesson UI shows
 * the format error instead of the course.
 */
import { listChapters, registerChapters, type Chapter } from '$lessons/index';

let error: string | null = null;
try {
  registerChapters(import.meta.glob('/lessons/*/chapter.ts', { eager: true }));
} catch (err) {
  error = `The course could not be loaded: ${err instanceof Error ? err.message : String(err)}`;
}

/** Why the chapters could not be registered, or null when they were. */
export const chapterLoadError: string | null = error;

/** The course's chapters and exercises, in course order. */
export function courseChapters(): Chapter[] {
  return listChapters();
}
