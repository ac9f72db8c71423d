/** How the lesson UI names a step's status. Pure. */
import { isPassed } from '$lessons/context';
import type { Chapter, StepStatus } from '$lessons/index';

/** Words for each status, shown beside its icon. */
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: 'Not done',
  passed: 'Passed',
  passedWithHelp: 'Passed with help',
  setByInstructor: 'Set by the instructor',
  skipped: 'Skipped',
};

/** True when the step counts as done: passed, with or without help. A skipped step is still open. */
export const isDone = (status: StepStatus): boolean => isPassed(status);

const isPass = (status: StepStatus | undefined) => status !== undefined && isPassed(status);

/**
 * What is left of a chapter, e.g. "3 steps remain (2 skipped)." or "1 task remains.", or null
 * when every step is done.
 */
export function remainingSentence(kind: Chapter['kind'], remaining: number, skipped: number): string | null {
  if (remaining <= 0) return null;
  const noun = kind === 'exercise' ? 'task' : 'step';
  const counted = `${remaining} ${noun}${remaining === 1 ? ' remains' : 's remain'}`;
  return skipped > 0 ? `${counted} (${skipped} skipped).` : `${counted}.`;
}

/**
 * The sentence announced when step `index` of `chapter` went from `before` to `after`: only a
 * step becoming passed is announced, e.g. "Step 3 passed: Create the API user."
 */
export function stepChangeSentence(chapter: Chapter, index: number, before: StepStatus | undefined, after: StepStatus): string | null {
  if (isPass(before) || !isPass(after)) return null;
  const title = chapter.steps[index]?.title ?? '';
  const noun = chapter.kind === 'exercise' ? 'Task' : 'Step';
  if (after === 'setByInstructor') return `${noun} ${index + 1} set by the instructor: ${title}.`;
  return after === 'passed' ? `${noun} ${index + 1} passed: ${title}.` : `${noun} ${index + 1} passed with help: ${title}.`;
}
