/**
 * The course as a path: which chapters a chapter opens (those naming it as a prerequisite, guided
 * chapters before exercises), and which of a chapter's prerequisites are still to do. Pure.
 */
import type { Chapter, ChapterReport } from '$lessons/index';

/** The chapters that name `chapter` as a prerequisite, in course order, guided chapters first. */
export function nextChapters(chapter: Chapter, all: readonly Chapter[]): Chapter[] {
  const next = all.filter((c) => c.prerequisites.includes(chapter.id));
  return [...next.filter((c) => c.kind === 'chapter'), ...next.filter((c) => c.kind !== 'chapter')];
}

/** The prerequisites of `chapter` that the learner has not finished, by the progress report. */
export function unfinishedPrerequisites(chapter: Chapter, reports: readonly ChapterReport[]): string[] {
  return chapter.prerequisites.filter((id) => reports.find((r) => r.chapterId === id)?.state !== 'finished');
}
