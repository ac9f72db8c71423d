/**
 * Lesson progress as saved in the instance's `progress` table (one record per chapter), its
 * conversion to and from the lesson machine's context, and reading and writing it.
 */
import type { InstanceDb } from '$instance/db';
import { allPassed, FAILED_CHECKS_BEFORE_HINT, freshContext, freshStep, isOpen, reachedStep, scoreOf, type LessonContext } from './context';
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

const STATUSES: readonly StepStatus[] = ['pending', 'passed', 'passedWithHelp', 'skipped'];

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

/** Saves (replaces) a chapter's progress. */
export async function saveProgress(db: InstanceDb, chapterId: string, progress: Progress): Promise<void> {
  if (progress.chapterId !== chapterId) {
    throw new ProgressError(`Progress of chapter "${progress.chapterId}" cannot be saved as chapter "${chapterId}".`);
  }
  await db.progress.put({ chapterId, value: progress });
}

/**
 * Every saved progress, by chapter id.
 * @throws {ProgressError} when a stored record is damaged
 */
export async function listProgress(db: InstanceDb): Promise<Progress[]> {
  const records = await db.progress.orderBy('chapterId').toArray();
  return records.map((r) => parseProgress(r.value, r.chapterId));
}

