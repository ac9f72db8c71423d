/** How the lesson UI names a step's status. Pure. */
import type { Chapter, StepStatus } from '$lessons/index';

/** Words for each status, shown beside its icon. */
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: 'Not done',
  passed: 'Passed',
  passedWithHelp: 'Passed with help',
  skipped: 'Skipped',
};

/** True when the step counts as done (passed, with or without help, or skipped). */
export const isDone = (status: StepStatus): boolean => status !== 'pending';

const isPass = (status: StepStatus | undefined) => status === 'passed' || status === 'passedWithHelp';

/**
 * The sentence announced when step `index` of `chapter` went from `before` to `after`: only a
 * step becoming passed is announced, e.g. "Step 3 passed: Create the API user."
 */
export function stepChangeSentence(chapter: Chapter, index: number, before: StepStatus | undefined, after: StepStatus): string | null {
  if (isPass(before) || !isPass(after)) return null;
  const title = chapter.steps[index]?.title ?? '';
  const noun = chapter.kind === 'exercise' ? 'Task' : 'Step';
  return after === 'passed' ? `${noun} ${index + 1} passed: ${title}.` : `${noun} ${index + 1} passed with help: ${title}.`;
}
