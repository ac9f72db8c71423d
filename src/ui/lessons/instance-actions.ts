/**
 * Resetting the training instance for the course: through the client (so the network log shows
 * it), then logging in as the trainee, as a fresh learner would be.
 */
import { takeSnapshot } from '$instance/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter } from '$lessons/index';
import { FRESH_FIXTURE } from '$domain/fixtures';
import { TRAINING_LOGIN } from '../session/session-start';
import { logIn, startSession } from '../session/session-actions';
import { client, sandbox } from '../state/sandbox.svelte';
import { lessonDb } from './lesson-db';

/**
 * Resets the instance to the chapter's own start state (the fresh training instance without a
 * chapter) and logs the trainee in.
 */
export async function freshInstance(chapter?: Chapter): Promise<void> {
  // A reset needs a designer's session. A page that has none yet (a class link opened in a fresh
  // browser, before start-up logged the trainee in) gets the one start-up would give it; after an
  // explicit log out it gets none, and the server's refusal says to log in.
  if (!(await client.currentSession())) await startSession();
  // The reset ends every session: the trainee logs in afresh after.
  // (A refresh refused meanwhile forgets only the session it asked with, not the new one.)
  await client.resetInstance(chapter?.startFixture ?? FRESH_FIXTURE);
  await logIn(TRAINING_LOGIN.login, TRAINING_LOGIN.password);
  // A refresh started during the reset may land after the login's own; read once more, last.
  await sandbox.refresh();
}

/** Forgets a chapter's saved progress (the chapter then counts as not started). */
export async function clearProgress(chapterId: string): Promise<void> {
  await lessonDb.durable.progress.delete(chapterId);
}

/** Forgets every chapter's saved progress. */
export async function clearAllProgress(): Promise<void> {
  await lessonDb.durable.progress.clear();
}

/** The instance as lesson checks see it now, with this page's session. */
export function currentSnapshot(): Promise<InstanceSnapshot> {
  return takeSnapshot(lessonDb, client.sessionId());
}
