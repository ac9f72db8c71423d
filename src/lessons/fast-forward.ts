/**
 * The instructor's fast-forward: brings an instance to step N of a chapter by running the solutions
 * of the steps before it, in order, through the client (as "Show me" does), and returns the
 * progress to save. Fast-forwarded steps are recorded as set by the instructor: the learner did not
 * do them, so an exercise awards them no points and the panel, course page and report say so.
 */
import type { SandboxClient } from '$client/index';
import type { InstanceSnapshot } from '$domain/snapshot';
import { runCheck } from './check';
import { scoreOf } from './context';
import type { Progress, StepProgress } from './progress';
import type { Chapter, Step } from './types';

/** Options of {@link fastForward}. */
export interface FastForwardOptions {
  /** Called before each solution runs: `index` is the step's index, `total` how many run. */
  onProgress?: (progress: { index: number; total: number; step: Step }) => void;
  /** When given, each step's check must pass after its solution, or the fast-forward stops. */
  readSnapshot?: () => Promise<InstanceSnapshot>;
  /** Time source (ms since epoch) for the progress record's times. */
  now?: () => number;
}

/** A fast-forward that stopped: names the step whose solution (or check) failed. */
export class FastForwardError extends Error {
  override name = 'FastForwardError';
  constructor(
    message: string,
    /** Index of the step that failed. */
    readonly stepIndex: number,
  ) {
    super(message);
  }
}

/**
 * Runs the solutions of `chapter.steps[0 .. stepIndex - 1]` in order and returns the chapter's
 * progress with those steps set by the instructor and step `stepIndex` current. `stepIndex` equal to the
 * number of steps runs every solution and returns a finished chapter. Reset the instance first:
 * solutions expect the chapter's start state.
 * @throws {RangeError} when `stepIndex` is not a step of the chapter (or its end)
 * @throws {FastForwardError} naming the step when a solution fails (or its check does not pass)
 */
export async function fastForward(
  chapter: Chapter,
  stepIndex: number,
  client: SandboxClient,
  options: FastForwardOptions = {},
): Promise<Progress> {
  const total = chapter.steps.length;
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex > total) {
    throw new RangeError(`Chapter "${chapter.title}" has steps 1 to ${total}; it cannot be fast-forwarded to step ${stepIndex + 1}.`);
  }
  const now = options.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const done: StepProgress[] = [];
  for (let index = 0; index < stepIndex; index++) {
    const step = chapter.steps[index]!;
    options.onProgress?.({ index, total: stepIndex, step });
    const label = `step ${index + 1} "${step.title}"`;
    try {
      await step.solve({ client });
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw new FastForwardError(`The solution of ${label} failed, so the fast-forward stopped there: ${cause}`, index);
    }
    if (options.readSnapshot) {
      const result = runCheck(step, await options.readSnapshot());
      if (!result.ok) throw new FastForwardError(`After its solution, ${label} is still not done, so the fast-forward stopped there: ${result.reason}`, index);
    }
    done.push({ id: step.id, status: 'setByInstructor', completedAt: new Date(now()).toISOString(), attempts: 0, hintsUsed: 0, solutionShown: true });
  }
  const pending: StepProgress[] = chapter.steps
    .slice(stepIndex)
    .map((s) => ({ id: s.id, status: 'pending', completedAt: null, attempts: 0, hintsUsed: 0, solutionShown: false }));
  const steps = [...done, ...pending];
  const at = new Date(now()).toISOString();
  const { score } = scoreOf(chapter, steps);
  return {
    chapterId: chapter.id,
    currentStep: Math.min(stepIndex, total - 1),
    steps,
    startedAt,
    updatedAt: at,
    finishedAt: stepIndex === total ? at : null,
    ...(score === null ? {} : { score }),
  };
}

