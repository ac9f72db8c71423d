/**
 * The progress report an instructor exports (JSON) or prints: per chapter, where the learner
 * stands, each step's status, time, attempts and hints, and exercise scores.
 */
import { allPassed, isPassed, scoreOf } from './context';
import type { Progress } from './progress';
import type { Chapter, ChapterKind, StepStatus } from './types';

/** One step in the report. */
export interface StepReport {
  id: string;
  title: string;
  status: StepStatus;
  completedAt: string | null;
  attempts: number;
  hintsUsed: number;
}

/** One chapter in the report. */
export interface ChapterReport {
  chapterId: string;
  title: string;
  kind: ChapterKind;
  state: 'not started' | 'in progress' | 'finished';
  startedAt: string | null;
  updatedAt: string | null;
  finishedAt: string | null;
  /** From start to finish (or to the last change while in progress). */
  durationSeconds: number | null;
  currentStep: { index: number; id: string; title: string } | null;
  /** Steps passed, with or without help. */
  stepsDone: number;
  stepsTotal: number;
  /** Steps still open: not done yet, or skipped. The chapter is finished when none remains. */
  stepsRemaining: number;
  totals: { attempts: number; hintsUsed: number; passedWithHelp: number; setByInstructor: number; skipped: number };
  /** Exercises only. */
  score: { points: number; max: number } | null;
  steps: StepReport[];
}

/** The whole report. */
export interface ProgressReport {
  generatedAt: string;
  chapters: ChapterReport[];
  /** Saved progress of chapters not in the course (any more). */
  unknownChapterIds: string[];
}

/**
 * Builds the report of `progresses` for `chapters`, in the chapters' order.
 * @param generatedAt the report's time (defaults to now)
 */
export function progressReport(
  chapters: readonly Chapter[],
  progresses: readonly Progress[],
  generatedAt: Date = new Date(),
): ProgressReport {
  const byChapter = new Map(progresses.map((p) => [p.chapterId, p]));
  const known = new Set(chapters.map((c) => c.id));
  return {
    generatedAt: generatedAt.toISOString(),
    chapters: chapters.map((c) => chapterReport(c, byChapter.get(c.id))),
    unknownChapterIds: progresses.map((p) => p.chapterId).filter((id) => !known.has(id)),
  };
}

function chapterReport(chapter: Chapter, progress: Progress | undefined): ChapterReport {
  const saved = new Map(progress?.steps.map((s) => [s.id, s]));
  const steps: StepReport[] = chapter.steps.map((step) => {
    const s = saved.get(step.id);
    return {
      id: step.id,
      title: step.title,
      status: s?.status ?? 'pending',
      completedAt: s?.completedAt ?? null,
      attempts: s?.attempts ?? 0,
      hintsUsed: s?.hintsUsed ?? 0,
    };
  });
  const count = (status: StepStatus) => steps.filter((s) => s.status === status).length;
  const current = progress ? chapter.steps[Math.min(progress.currentStep, chapter.steps.length - 1)] : undefined;
  const finished = !!progress && allPassed(steps);
  // Progress saved when a skipped step still counted as done may carry a finishing time; it is not finished.
  const finishedAt = finished ? (progress?.finishedAt ?? null) : null;
  const end = finishedAt ?? progress?.updatedAt;
  const done = steps.filter((s) => isPassed(s.status)).length;
  const { score, maxScore } = scoreOf(chapter, steps);
  return {
    chapterId: chapter.id,
    title: chapter.title,
    kind: chapter.kind,
    state: !progress ? 'not started' : finished ? 'finished' : 'in progress',
    startedAt: progress?.startedAt ?? null,
    updatedAt: progress?.updatedAt ?? null,
    finishedAt,
    durationSeconds: progress && end ? Math.max(0, Math.round((Date.parse(end) - Date.parse(progress.startedAt)) / 1000)) : null,
    currentStep: progress && current ? { index: chapter.steps.indexOf(current), id: current.id, title: current.title } : null,
    stepsDone: done,
    stepsTotal: steps.length,
    stepsRemaining: steps.length - done,
    totals: {
      attempts: steps.reduce((sum, s) => sum + s.attempts, 0),
      hintsUsed: steps.reduce((sum, s) => sum + s.hintsUsed, 0),
      passedWithHelp: count('passedWithHelp'),
      setByInstructor: count('setByInstructor'),
      skipped: count('skipped'),
    },
    score: score === null || maxScore === null ? null : { points: score, max: maxScore },
    steps,
  };
}
