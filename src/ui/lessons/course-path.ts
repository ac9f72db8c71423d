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

/** A chapter in the course path, with the chapters that build on it (see {@link coursePath}). */
export interface PathNode {
  chapter: Chapter;
  next: PathNode[];
}

/**
 * The course as a path: chapters with no prerequisite (of this course) are its roots, and each
 * other chapter comes after the last of its prerequisites in course order — so a chapter is listed
 * once, after everything it builds on — guided chapters before exercises at each branch.
 */
export function coursePath(all: readonly Chapter[]): PathNode[] {
  const index = new Map(all.map((c, i) => [c.id, i]));
  const parentOf = (c: Chapter): string | null => {
    const known = c.prerequisites.filter((id) => index.has(id));
    return known.length === 0 ? null : known.reduce((a, b) => (index.get(a)! > index.get(b)! ? a : b));
  };
  const childrenOf = new Map<string | null, Chapter[]>();
  for (const c of all) {
    const parent = parentOf(c);
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), c]);
  }
  const build = (parent: string | null, seen: ReadonlySet<string>): PathNode[] => {
    const kids = (childrenOf.get(parent) ?? []).filter((c) => !seen.has(c.id));
    const ordered = [...kids.filter((c) => c.kind === 'chapter'), ...kids.filter((c) => c.kind !== 'chapter')];
    return ordered.map((chapter) => ({ chapter, next: build(chapter.id, new Set([...seen, chapter.id])) }));
  };
  return build(null, new Set());
}

/** The chapters of {@link coursePath} in reading order (depth first): the order the page lists them in. */
export function pathOrder(nodes: readonly PathNode[]): Chapter[] {
  return nodes.flatMap((n) => [n.chapter, ...pathOrder(n.next)]);
}
