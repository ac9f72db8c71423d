/**
 * Resetting the training instance for the course: through the lesson runtime (which asks the
 * server, so the network log shows it, and changes the progress in the same transaction), then
 * logging in as the trainee, as a fresh learner would be.
 */
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter } from '$lessons/index';
import { FRESH_FIXTURE } from '$domain/fixtures';
import { TRAINING_LOGIN } from '../session/session-start';
import { logIn, startSession } from '../session/session-actions';
import { client, lessons, sandbox } from '../state/sandbox.svelte';

/** A reset needs a designer's session: a page with none yet gets the one start-up would give it. */
export async function ensureSession(): Promise<void> {
  // A class link opened in a fresh browser, before start-up logged the trainee in; after an
  // explicit log out it gets none, and the server's refusal says to log in.
  if (!(await client.currentSession())) await startSession();
}

/** After a reset (which ends every session): the trainee logs in afresh and the page reads again. */
export async function afterReset(): Promise<void> {
  await logIn(TRAINING_LOGIN.login, TRAINING_LOGIN.password);
  // A refresh started during the reset may land after the login's own; read once more, last.
  await sandbox.refresh();
}

/**
 * Resets the instance to the chapter's own start state (the fresh training instance without a
 * chapter), forgetting in the same transaction the progress of `clear` ('all', or the chapters
 * named), and logs the trainee in.
 */
export async function freshInstance(clear: 'all' | readonly string[], chapter?: Chapter): Promise<void> {
  await ensureSession();
  await sandbox.replace(() => lessons.resetInstance(clear, chapter?.startFixture ?? FRESH_FIXTURE));
  await afterReset();
}

/** Forgets a chapter's saved progress (the chapter then counts as not started). */
export function clearProgress(chapterId: string): Promise<void> {
  return lessons.clearProgress(chapterId);
}

/** The instance as lesson checks see it now, with this page's session (read whole). */
export function currentSnapshot(): Promise<InstanceSnapshot> {
  return lessons.fullSnapshot();
}
