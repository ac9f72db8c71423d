/**
 * Whether the current instance can serve as a chapter's start, so that the learner may keep going
 * on it instead of resetting: every start check of the chapter must pass. Pure.
 */
import type { InstanceSnapshot } from '$domain/snapshot';
import { runCheck } from './check';
import type { Chapter } from './types';

/** The verdict on one instance: it can serve as the start, or the sentences saying why not. */
export type StartVerdict =
  | { canKeep: true }
  | { canKeep: false; reasons: string[] };

/**
 * Runs the start checks of `chapter` on `snapshot`. A chapter without start checks cannot be
 * started on the current instance; a broken check counts as failing, with a sentence naming it.
 */
export function startVerdict(chapter: Chapter, snapshot: InstanceSnapshot): StartVerdict {
  const checks = chapter.startChecks ?? [];
  if (checks.length === 0) {
    return { canKeep: false, reasons: [`${chapter.title} always starts on a fresh instance: it has no start checks to say whether yours would do.`] };
  }
  const reasons = checks.flatMap((startCheck) => {
    const result = runCheck(startCheck, snapshot, `the start check "${startCheck.title}" of ${chapter.title}`);
    return result.ok ? [] : [result.reason];
  });
  return reasons.length === 0 ? { canKeep: true } : { canKeep: false, reasons };
}
