/**
 * The course's chapters, validated once at start-up. The app registers the chapter files
 * `lessons/NN-slug/chapter.ts` (found with `import.meta.glob`, eager); until then the registry is empty.
 */
import { LessonFormatError, validateChapter } from './schema';
import type { Chapter } from './types';

let chapters: Chapter[] = [];

/**
 * Replaces the registered chapters with those of `modules` (file path → the file's module or its
 * chapter), in file order so `01-…` comes before `02-…`. Each is validated; ids must be unique
 * across files and prerequisites must name registered chapters.
 * @throws {LessonFormatError} naming the file and field of the first broken chapter
 */
export function registerChapters(modules: Record<string, unknown>): Chapter[] {
  const files = Object.keys(modules).sort();
  const next: Chapter[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const chapter = validateChapter(chapterOf(modules[file]), file);
    const other = fileOf.get(chapter.id);
    if (other) throw new LessonFormatError(file, [`${file}: id "${chapter.id}" is already the id of the chapter in ${other}.`]);
    fileOf.set(chapter.id, file);
    next.push(chapter);
  }
  for (const chapter of next) {
    chapter.prerequisites.forEach((id, i) => {
      if (fileOf.has(id)) return;
      const file = fileOf.get(chapter.id)!;
      throw new LessonFormatError(file, [`${file}: prerequisites[${i}] names "${id}", which is not a chapter of the course.`]);
    });
  }
  chapters = next;
  return listChapters();
}

// A module namespace from import.meta.glob holds the chapter as its default export.
function chapterOf(module: unknown): unknown {
  if (typeof module === 'object' && module !== null && 'default' in module) return module.default;
  return module;
}

/** The registered chapter with this id, if any. */
export function getChapter(id: string): Chapter | undefined {
  return chapters.find((c) => c.id === id);
}

/** Every registered chapter, in course order. */
export function listChapters(): Chapter[] {
  return [...chapters];
}
