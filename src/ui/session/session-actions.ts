/**
 * Logging in, out and starting up, through the client; each refreshes the shared state so the header
 * and every view see the new user at once.
 */
import { client, sandbox } from '../state/sandbox.svelte';
import { loggedOutOnPurpose, setLoggedOutOnPurpose, startupAction, TRAINING_LOGIN, type StartupAction } from './session-start';

async function refreshAfterSessionChange(): Promise<void> {
  await sandbox.refresh();
  // A refresh started before the change may have landed last; read once more if it disagrees.
  if ((sandbox.session === null) !== (client.sessionId() === null)) await sandbox.refresh();
}

/** Logs in as `login`; the old session (if any) is replaced only when the login succeeds. */
export async function logIn(login: string, password: string): Promise<void> {
  await client.login({ login, password });
  setLoggedOutOnPurpose(false);
  await refreshAfterSessionChange();
}

/** Logs out and remembers that the learner did so on purpose. */
export async function logOut(): Promise<void> {
  setLoggedOutOnPurpose(true);
  await client.logout();
  await refreshAfterSessionChange();
}

/** What start-up did, and why the automatic login failed if it did. */
export interface StartupResult {
  action: StartupAction;
  error?: string;
}

/**
 * Keeps a live session, logs a fresh learner in as the trainee, or asks (after an explicit log out).
 * The page's first read: a stored session is checked by reading the repository and the session
 * with it, so one round trip both says it is live and shows what it may see.
 */
export async function startSession(): Promise<StartupResult> {
  if (client.sessionId() !== null) {
    await sandbox.refresh();
    if (sandbox.session === null && sandbox.loadError !== null) throw new Error(sandbox.loadError);
  }
  const action = startupAction(sandbox.session !== null && client.sessionId() !== null, loggedOutOnPurpose());
  if (action === 'keep') return { action };
  if (action === 'auto-login') {
    try {
      await client.login({ ...TRAINING_LOGIN });
    } catch (err) {
      await refreshAfterSessionChange();
      const why = err instanceof Error ? err.message : String(err);
      return { action: 'ask', error: `Logging in as ${TRAINING_LOGIN.login} did not work: ${why}` };
    }
  }
  await refreshAfterSessionChange();
  return { action };
}
