/** Runs a step's check safely: a broken check becomes a failure that names the step, never a crash. */
import type { InstanceSnapshot } from '$domain/snapshot';
import type { CheckResult, Step } from './types';

/**
 * The step's verdict on `snapshot`. A check that throws, or returns something that is not a
 * {@link CheckResult}, yields `{ ok: false }` with a sentence naming the step.
 * @param what how the sentence names the check's owner (`step "<title>"` by default)
 */
export function runCheck(step: Pick<Step, 'title' | 'check'>, snapshot: InstanceSnapshot, what = `step "${step.title}"`): CheckResult {
  let result: unknown;
  try {
    result = step.check(snapshot);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `The check of ${what} could not run: ${cause}` };
  }
  if (isCheckResult(result)) return result;
  return { ok: false, reason: `The check of ${what} gave no verdict (it must return { ok: true } or { ok: false, reason }).` };
}

function isCheckResult(value: unknown): value is CheckResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  if (result.ok === true) return true;
  return (
    result.ok === false &&
    typeof result.reason === 'string' &&
    result.reason.trim() !== '' &&
    (result.focus === undefined || typeof result.focus === 'string')
  );
}
