/**
 * Lesson progress as saved in the instance's `progress` table (one record per chapter), its
 * conversion to and from the lesson machine's context, and reading and writing it.
 */
import type { InstanceDb } from '$instance/db';
import { allPassed, FAILED_CHECKS_BEFORE_HINT, freshContext, freshStep, isOpen, isPassed, reachedStep, scoreOf, type LessonContext } from './context';
import { getChapter } from './registry';
import { isQuotaError, storageFullSentence } from '$instance/storage';
import { KEBAB_CASE } from './schema';
import type { Chapter, StepStatus } from './types';

/** One step's saved progress. */
export interface StepProgress {
  id: string;
  status: StepStatus;
  /** ISO time the step was passed; null while pending or when skipped. */
  completedAt: string | null;
  /** Failed explicit checks. */
  attempts: number;
  hintsUsed: number;
  /** "Show me" ran for this step. */
  solutionShown: boolean;
}

/** One chapter's saved progress. */
export interface Progress {
  chapterId: string;
  /** Index of the step shown when last saved. */
  currentStep: number;
  steps: StepProgress[];
  startedAt: string;
  updatedAt: string;
  /** ISO time every step was passed (with or without help); null until then. */
  finishedAt: string | null;
  /** Exercises only: points of steps passed without help. */
  score?: number;
}

/** Thrown when a saved progress record does not have the shape of {@link Progress}. */
export class ProgressError extends Error {
  override name = 'ProgressError';
}

const STATUSES: readonly StepStatus[] = ['pending', 'passed', 'passedWithHelp', 'setByInstructor', 'skipped'];

/** The part of a machine context that is saved. */
export function progressFromContext(ctx: LessonContext): Progress {
  return {
    chapterId: ctx.chapterId,
    currentStep: ctx.currentStep,
    steps: ctx.steps.map(({ hintsShown, ...s }) => ({ ...s, hintsUsed: hintsShown })),
    startedAt: ctx.startedAt,
    updatedAt: ctx.updatedAt,
    finishedAt: ctx.finishedAt,
    ...(ctx.score === null ? {} : { score: ctx.score }),
  };
}

/**
 * A machine context restored from saved progress. Steps are matched by id, so a chapter edited
 * since (steps added, removed or reordered) keeps what still applies; new steps start pending.
 * Without progress, the context of a chapter not started yet.
 */
export function contextFromProgress(chapter: Chapter, progress: Progress | null | undefined, now: number): LessonContext {
  const fresh = freshContext(chapter, now);
  if (!progress) return fresh;
  const saved = new Map(progress.steps.map((s) => [s.id, s]));
  const steps = chapter.steps.map((step) => {
    const s = saved.get(step.id);
    if (!s) return freshStep(step.id);
    const { hintsUsed, ...rest } = s;
    return { ...rest, hintsShown: Math.min(hintsUsed, step.hints.length) };
  });
  const currentStep = Math.max(0, Math.min(progress.currentStep, reachedStep(steps)));
  const current = steps[currentStep];
  return {
    ...fresh,
    currentStep,
    steps,
    hintOffered: current !== undefined && isOpen(current.status) && current.attempts >= FAILED_CHECKS_BEFORE_HINT,
    startedAt: progress.startedAt,
    updatedAt: progress.updatedAt,
    // Progress saved when a skipped step still counted as done may say finished; it is not.
    finishedAt: allPassed(steps) ? progress.finishedAt : null,
    ...scoreOf(chapter, steps),
    // Already saved: nothing to write until something changes.
    revision: 0,
  };
}

/**
 * Checks that a stored value is a chapter's progress.
 * @throws {ProgressError} naming the chapter and the broken field
 */
export function parseProgress(value: unknown, chapterId: string): Progress {
  const broken = (field: string, rule: string) =>
    new ProgressError(`The saved progress of chapter "${chapterId}" is damaged: ${field} ${rule}.`);
  const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (typeof value !== 'object' || value === null) throw broken('the record', 'must be an object');
  const p = value as Record<string, unknown>;
  if (p.chapterId !== chapterId) throw broken('chapterId', `must be "${chapterId}"`);
  if (!isCount(p.currentStep)) throw broken('currentStep', 'must be a step index');
  if (!isTime(p.startedAt)) throw broken('startedAt', 'must be an ISO time');
  if (!isTime(p.updatedAt)) throw broken('updatedAt', 'must be an ISO time');
  if (p.finishedAt !== null && !isTime(p.finishedAt)) throw broken('finishedAt', 'must be an ISO time or null');
  if (p.score !== undefined && !isCount(p.score)) throw broken('score', 'must be a whole number');
  if (!Array.isArray(p.steps)) throw broken('steps', 'must be a list');
  p.steps.forEach((step: unknown, i) => {
    const s = (typeof step === 'object' && step !== null ? step : {}) as Record<string, unknown>;
    const at = `steps[${i}]`;
    if (typeof s.id !== 'string' || !KEBAB_CASE.test(s.id)) throw broken(`${at}.id`, 'must be a step id');
    if (!STATUSES.includes(s.status as StepStatus)) throw broken(`${at}.status`, `must be one of ${STATUSES.join(', ')}`);
    if (s.completedAt !== null && !isTime(s.completedAt)) throw broken(`${at}.completedAt`, 'must be an ISO time or null');
    if (!isCount(s.attempts)) throw broken(`${at}.attempts`, 'must be a whole number');
    if (!isCount(s.hintsUsed)) throw broken(`${at}.hintsUsed`, 'must be a whole number');
    if (typeof s.solutionShown !== 'boolean') throw broken(`${at}.solutionShown`, 'must be true or false');
  });
  return value as Progress;
}

/**
 * A chapter's saved progress, or null when it was never started.
 * @throws {ProgressError} when the stored record is damaged
 */
export async function loadProgress(db: InstanceDb, chapterId: string): Promise<Progress | null> {
  const record = await db.progress.get(chapterId);
  return record ? parseProgress(record.value, chapterId) : null;
}

/**
 * Saves a chapter's progress, merged with what is stored (another tab of the instance may have
 * saved since): in one transaction, so two tabs never lose each other's facts. Resolves to what
 * is stored now.
 */
export async function saveProgress(db: InstanceDb, chapterId: string, progress: Progress, onMerged?: (merged: Progress) => void): Promise<Progress> {
  if (progress.chapterId !== chapterId) {
    throw new ProgressError(`Progress of chapter "${progress.chapterId}" cannot be saved as chapter "${chapterId}".`);
  }
  try {
    // Durably: progress the learner saw saved must survive a crash.
    const target = db.durable;
    return await target.transaction('rw', target.progress, async () => {
      const record = await target.progress.get(chapterId);
      let stored: Progress | null = null;
      try {
        stored = record ? parseProgress(record.value, chapterId) : null;
      } catch {
        // A damaged record is replaced by what this tab knows.
      }
      const merged = stored ? mergeProgress(stored, progress) : progress;
      await target.progress.put({ chapterId, value: merged });
      // Before the commit, so that the change feed's news of it finds it known.
      onMerged?.(merged);
      return merged;
    });
  } catch (err) {
    if (isQuotaError(err)) throw new ProgressError(storageFullSentence('your progress'));
    throw err;
  }
}

const passedFirst = (a: StepProgress, b: StepProgress): StepProgress => {
  if (!isPassed(a.status)) return b;
  if (!isPassed(b.status)) return a;
  return (a.completedAt ?? '') <= (b.completedAt ?? '') ? a : b;
};

/**
 * Two tabs' progress of one chapter, merged so that neither's facts are lost: a step passed in
 * either stays passed (the first pass counts; with help if either ran "Show me"), attempts and
 * hints are the most either saw. Progress of another run of the chapter (restarted, or reset by the
 * instructor: another `startedAt`) is not merged: the later run wins whole. The current step is
 * the incoming tab's.
 */
export function mergeProgress(stored: Progress, incoming: Progress): Progress {
  if (stored.startedAt !== incoming.startedAt) return stored.startedAt > incoming.startedAt ? stored : incoming;
  const before = new Map(stored.steps.map((s) => [s.id, s]));
  const steps = incoming.steps.map((mine) => {
    const theirs = before.get(mine.id);
    if (!theirs) return mine;
    const pass = isPassed(mine.status) || isPassed(theirs.status) ? passedFirst(theirs, mine) : mine;
    const solutionShown = mine.solutionShown || theirs.solutionShown;
    // "Show me" ran in one tab and the other tab's live check saw the result first: with help still.
    const status = pass.status === 'passed' && solutionShown ? 'passedWithHelp' : pass.status;
    return {
      id: mine.id,
      status,
      completedAt: pass.completedAt,
      attempts: Math.max(mine.attempts, theirs.attempts),
      hintsUsed: Math.max(mine.hintsUsed, theirs.hintsUsed),
      solutionShown,
    };
  });
  const known = new Set(incoming.steps.map((s) => s.id));
  for (const s of stored.steps) if (!known.has(s.id)) steps.push(s);
  const updatedAt = stored.updatedAt > incoming.updatedAt ? stored.updatedAt : incoming.updatedAt;
  const ends = [stored.finishedAt, incoming.finishedAt].filter((t): t is string => t !== null).sort();
  const finishedAt = allPassed(steps) ? (ends[0] ?? updatedAt) : null;
  const chapter = getChapter(incoming.chapterId);
  const score = chapter ? scoreOf(chapter, steps).score : (incoming.score ?? null);
  return {
    chapterId: incoming.chapterId,
    currentStep: incoming.currentStep,
    steps,
    startedAt: incoming.startedAt,
    updatedAt,
    finishedAt,
    ...(score === null ? {} : { score }),
  };
}

/**
 * Every saved progress, by chapter id.
 * @throws {ProgressError} when a stored record is damaged
 */
export async function listProgress(db: InstanceDb): Promise<Progress[]> {
  const records = await db.progress.orderBy('chapterId').toArray();
  return records.map((r) => parseProgress(r.value, r.chapterId));
}

