/**
 * What a screen says about a run in progress: which action runs, how long its sleep has left on the
 * sandbox clock. Pure, so the wording is tested without a browser.
 */
import type { RunningRun } from '$domain/runs';

/** Whole seconds from `now` to `until` (rounded up, never below 0). */
export function secondsLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
}

/** "1 second", "20 seconds". */
export function secondsText(seconds: number): string {
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/**
 * The sentence beside a running run: the actionflow, the action running, the time a sleep has left.
 * @param now the sandbox clock's time now (ms), which fast-forwarding moves.
 */
export function progressText(run: RunningRun, now: number): string {
  const action = run.actionName ? `, at the action ${run.actionName}` : '';
  const left = run.sleepingUntil ? `: about ${secondsText(secondsLeft(run.sleepingUntil, now))} left` : '';
  return `${run.actionflowName} is running${action}${left}.`;
}

/** The runs of this page started from `screenId`'s buttons. */
export function runsOfScreen(runs: readonly RunningRun[], screenId: string): RunningRun[] {
  return runs.filter((r) => r.origin.kind === 'button' && r.origin.screenId === screenId);
}
