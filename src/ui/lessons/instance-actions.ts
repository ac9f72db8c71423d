/**
 * Resetting the training instance for the course: through the client (so the network log shows
 * it), then logging in as the trainee, as a fresh learner would be.
 */
import { takeSnapshot } from '$instance/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter } from '$lessons/index';
import { TRAINING_LOGIN } from '../session/session-start';
import { logIn } from '../session/session-actions';
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
  // Log out first: a session id the reset makes stale would be answered 401 to a refresh running
  // meanwhile, and the client then forgets whatever session it holds by then (the new one too).
  await client.logout().catch(() => undefined);
  await client.resetInstance();
  await logIn(TRAINING_LOGIN.login, TRAINING_LOGIN.password);
  // A refresh started during the reset may land after the login's own; read once more, last.
  await sandbox.refresh();
}

/** Forgets a chapter's saved progress (the chapter then counts as not started). */
export async function clearProgress(chapterId: string): Promise<void> {
  await lessonDb.progress.delete(chapterId);
}

/** Forgets every chapter's saved progress. */
export async function clearAllProgress(): Promise<void> {
  await lessonDb.progress.clear();
}

/** The instance as lesson checks see it now, with this page's session. */
export function currentSnapshot(): Promise<InstanceSnapshot> {
  return takeSnapshot(lessonDb, client.sessionId());
}
