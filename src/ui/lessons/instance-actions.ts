/**
 * Resetting the training instance for the course: through the client (so the network log shows
 * it), then logging in as the trainee, as a fresh learner would be.
 */
import { takeSnapshot } from '$instance/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter } from '$lessons/index';
import { TRAINING_LOGIN } from '../session/session-start';
import { logIn, startSession } from '../session/session-actions';
import { client, sandbox } from '../state/sandbox.svelte';
import { lessonDb } from './lesson-db';

/** The fixture the simulated server resets to. */
export const FRESH_FIXTURE = 'training-instance';

/**
 * Resets the instance to a fresh training instance and logs the trainee in.
 * @throws when the chapter (if given) starts from a fixture the sandbox cannot reset to
 */
export async function freshInstance(chapter?: Chapter): Promise<void> {
  if (chapter && chapter.startFixture !== FRESH_FIXTURE) {
    throw new Error(`Chapter "${chapter.title}" starts from the fixture "${chapter.startFixture}", which the sandbox cannot reset to yet; the instance was not changed.`);
  }
  // A reset needs a designer's session. A page that has none yet (a class link opened in a fresh
  // browser, before start-up logged the trainee in) gets the one start-up would give it; after an
  // explicit log out it gets none, and the server's refusal says to log in.
  if (!(await client.currentSession())) await startSession();
  // The reset ends every session: the trainee logs in afresh after.
  // (A refresh refused meanwhile forgets only the session it asked with, not the new one.)
  await client.resetInstance();
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
