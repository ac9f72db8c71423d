/**
 * The lesson machine's context and the pure functions that change it. The machine (machine.ts)
 * only wires these to events; each takes the context and returns a new one.
 */
import type { Chapter, ChapterKind, CheckResult, ShownValue, StepStatus } from './types';

/** How many failed checks on one step before a hint is offered. */
export const FAILED_CHECKS_BEFORE_HINT = 3;
/** How long (ms) a learner may stay on one step before a hint is offered. */
export const STUCK_MS_BEFORE_HINT = 120_000;

/** Where the learner stands on one step. */
export interface StepState {
  id: string;
  status: StepStatus;
  /** ISO time the step was passed; null while pending or when skipped. */
  completedAt: string | null;
  /** Failed explicit checks. */
  attempts: number;
  /** How many of the step's hints are revealed (the first `hintsShown`). */
  hintsShown: number;
  /** "Show me" ran its solution: a later pass counts as passed with help. */
  solutionShown: boolean;
}

/** The lesson machine's context: everything a lesson panel shows, and what progress saves. */
export interface LessonContext {
  chapterId: string;
  kind: ChapterKind;
  /** Index of the step shown. */
  currentStep: number;
  steps: StepState[];
  /** The verdict shown under the step: set by "Check" and "Show me", cleared on moving. */
  lastResult: CheckResult | null;
  /**
   * The values the last "Show me" chose (a password, a key), with the step it ran for; kept while
   * the learner moves on, replaced by the next "Show me". Never saved.
   */
  lastSolution: { stepIndex: number; values: ShownValue[] } | null;
  /** True after enough failed checks, or long enough on the current step: the UI offers a hint. */
  hintOffered: boolean;
  /** Injected-clock time (ms) the learner arrived at the current step. */
  stepEnteredAt: number;
  startedAt: string;
  updatedAt: string;
  /** ISO time every step was passed (with or without help); null until then. A skipped step is still open. */
  finishedAt: string | null;
  /** Exercises only: points of steps passed without help, out of `maxScore`. */
  score: number | null;
  maxScore: number | null;
  /** Bumped by every change worth saving; the persistence region saves up to it. */
  revision: number;
  savedRevision: number;
  savingRevision: number;
  /** The last save's failure, as a sentence; null once a save succeeds. */
  saveError: string | null;
}

/** A step nobody has touched. */
export function freshStep(id: string): StepState {
  return { id, status: 'pending', completedAt: null, attempts: 0, hintsShown: 0, solutionShown: false };
}

/** Pending or skipped: the step can still be checked, hinted and shown. */
export function isOpen(status: StepStatus): boolean {
  return status === 'pending' || status === 'skipped';
}

/** Passed, with or without help, or set by the instructor: the step is done. A skipped step is not. */
export function isPassed(status: StepStatus): boolean {
  return status === 'passed' || status === 'passedWithHelp' || status === 'setByInstructor';
}

/** Every step passed (with or without help): the chapter is finished. Skipped steps keep it open. */
export function allPassed(steps: readonly Pick<StepState, 'status'>[]): boolean {
  return steps.every((s) => isPassed(s.status));
}

/** The furthest step the learner may go to: the first pending one (the last step once none is). */
export function reachedStep(steps: readonly StepState[]): number {
  const first = steps.findIndex((s) => s.status === 'pending');
  return first === -1 ? steps.length - 1 : first;
}

/** Points of steps passed without help, and the most there are; null for guided chapters. */
export function scoreOf(
  chapter: Chapter,
  steps: readonly Pick<StepState, 'status'>[],
): { score: number | null; maxScore: number | null } {
  if (chapter.kind !== 'exercise') return { score: null, maxScore: null };
  let score = 0;
  let maxScore = 0;
  chapter.steps.forEach((step, i) => {
    const points = step.points ?? 1;
    maxScore += points;
    if (steps[i]?.status === 'passed') score += points;
  });
  return { score, maxScore };
}

/** The context of a chapter not started yet. */
export function freshContext(chapter: Chapter, now: number): LessonContext {
  const at = new Date(now).toISOString();
  const steps = chapter.steps.map((s) => freshStep(s.id));
  return {
    chapterId: chapter.id,
    kind: chapter.kind,
    currentStep: 0,
    steps,
    lastResult: null,
    lastSolution: null,
    hintOffered: false,
    stepEnteredAt: now,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    ...scoreOf(chapter, steps),
    // Revision 1 so that a chapter just opened is saved as started.
    revision: 1,
    savedRevision: 0,
    savingRevision: 0,
    saveError: null,
  };
}

/** Marks a change worth saving. */
export function touched(ctx: LessonContext, chapter: Chapter, now: number): LessonContext {
  return { ...ctx, ...scoreOf(chapter, ctx.steps), updatedAt: new Date(now).toISOString(), revision: ctx.revision + 1 };
}

function withStep(ctx: LessonContext, change: (step: StepState) => StepState): LessonContext {
  return { ...ctx, steps: ctx.steps.map((s, i) => (i === ctx.currentStep ? change(s) : s)) };
}

function offersHint(step: StepState | undefined, enteredAt: number, now: number): boolean {
  if (!step || !isOpen(step.status)) return false;
  return step.attempts >= FAILED_CHECKS_BEFORE_HINT || now - enteredAt >= STUCK_MS_BEFORE_HINT;
}

/** Shows step `index`: clears the verdict and restarts the "time stuck" clock. */
export function movedTo(ctx: LessonContext, index: number, now: number): LessonContext {
  return {
    ...ctx,
    currentStep: index,
    lastResult: null,
    stepEnteredAt: now,
    hintOffered: offersHint(ctx.steps[index], now, now),
  };
}

/**
 * The step to go on to from the current one: the first pending step; when none is left, the next
 * skipped one after the current step (round to the start); -1 when no other step is open.
 */
export function nextOpenStep(steps: readonly Pick<StepState, 'status'>[], current: number): number {
  const pending = steps.findIndex((s) => s.status === 'pending');
  if (pending !== -1) return pending;
  for (let offset = 1; offset < steps.length; offset++) {
    const i = (current + offset) % steps.length;
    if (steps[i]!.status === 'skipped') return i;
  }
  return -1;
}

/** After the current step is done or skipped: the next open step, or stay when none is left. */
function movedOn(ctx: LessonContext, now: number): LessonContext {
  const next = nextOpenStep(ctx.steps, ctx.currentStep);
  return next === -1 || next === ctx.currentStep ? ctx : movedTo(ctx, next, now);
}

/** The current step passed (with help if "Show me" ran for it); moves on. */
export function stepPassed(ctx: LessonContext, chapter: Chapter, now: number): LessonContext {
  const passed = withStep(ctx, (s) => ({
    ...s,
    status: s.solutionShown ? 'passedWithHelp' : 'passed',
    completedAt: new Date(now).toISOString(),
  }));
  return touched(movedOn({ ...passed, lastResult: { ok: true } }, now), chapter, now);
}

/** An explicit check failed: one more attempt, and the reason shown. */
export function checkFailed(ctx: LessonContext, chapter: Chapter, result: CheckResult, now: number): LessonContext {
  const next = withStep(ctx, (s) => ({ ...s, attempts: s.attempts + 1 }));
  const hintOffered = ctx.hintOffered || offersHint(next.steps[ctx.currentStep], ctx.stepEnteredAt, now);
  return touched({ ...next, lastResult: result, hintOffered }, chapter, now);
}

/**
 * The current step is skipped (if still pending) and the learner moves on to the next open step;
 * on a passed step, to the next step.
 */
export function stepSkipped(ctx: LessonContext, chapter: Chapter, now: number): LessonContext {
  const step = ctx.steps[ctx.currentStep];
  if (step && isOpen(step.status)) {
    const skipped = withStep(ctx, (s) => ({ ...s, status: 'skipped' as const }));
    return touched(movedOn(skipped, now), chapter, now);
  }
  return touched(movedTo(ctx, ctx.currentStep + 1, now), chapter, now);
}

/** The next hint of the current step is revealed. */
export function hintRevealed(ctx: LessonContext, chapter: Chapter, now: number): LessonContext {
  return touched(withStep(ctx, (s) => ({ ...s, hintsShown: s.hintsShown + 1 })), chapter, now);
}

/** "Show me" ran the current step's solution. */
export function solutionShown(ctx: LessonContext): LessonContext {
  return withStep(ctx, (s) => ({ ...s, solutionShown: true }));
}

function isShownValue(value: unknown): value is ShownValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.label === 'string' && v.label.trim() !== '' && typeof v.value === 'string' && (v.secret === undefined || typeof v.secret === 'boolean');
}

/** Keeps what the current step's solution resolved to, when it is a list of values to show. */
export function solutionValuesKept(ctx: LessonContext, output: unknown): LessonContext {
  const values = Array.isArray(output) ? output.filter(isShownValue).map((v) => ({ ...v })) : [];
  return { ...ctx, lastSolution: values.length > 0 ? { stepIndex: ctx.currentStep, values } : null };
}

/** True when `ctx` offers a hint at time `now` and did not before. */
export function becameStuck(ctx: LessonContext, now: number): boolean {
  return !ctx.hintOffered && offersHint(ctx.steps[ctx.currentStep], ctx.stepEnteredAt, now);
}

/** Back to the first step with nothing done; the chapter counts as started again now. */
export function restarted(ctx: LessonContext, chapter: Chapter, now: number): LessonContext {
  const fresh = freshContext(chapter, now);
  return touched(
    { ...fresh, revision: ctx.revision, savedRevision: ctx.savedRevision, savingRevision: ctx.savingRevision, saveError: ctx.saveError },
    chapter,
    now,
  );
}
