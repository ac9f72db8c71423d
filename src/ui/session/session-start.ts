/**
 * What the sandbox does about logging in when it starts: a fresh learner is logged in as the trainee
 * at once; a learner who logged out on purpose sees the login page instead. The "logged out on
 * purpose" flag lives in the tab's sessionStorage, beside the tab's session: a reload remembers it,
 * a new tab starts as a fresh learner would. Pure apart from the storage it is given.
 */

/** The training instance's own login, shown as a hint on the login form. */
export const TRAINING_LOGIN = { login: 'trainee', password: 'Training123!' } as const;

/** sessionStorage key of the "logged out on purpose" flag. */
export const LOGGED_OUT_KEY = 'actionflow-sandbox.loggedOut';

export type StartupAction = 'keep' | 'auto-login' | 'ask';

/**
 * What to do at start-up.
 * @param hasSession whether the client's session is still valid.
 * @param loggedOutOnPurpose whether the learner logged out explicitly in this browser.
 */
export function startupAction(hasSession: boolean, loggedOutOnPurpose: boolean): StartupAction {
  if (hasSession) return 'keep';
  return loggedOutOnPurpose ? 'ask' : 'auto-login';
}

/** Where the flag is kept: the tab's sessionStorage when the page has one (and allows it). */
export interface FlagStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): FlagStore | null {
  try {
    return typeof globalThis.sessionStorage === 'undefined' ? null : globalThis.sessionStorage;
  } catch {
    return null;
  }
}

/** Whether the learner logged out on purpose. */
export function loggedOutOnPurpose(store: FlagStore | null = storage()): boolean {
  try {
    return store?.getItem(LOGGED_OUT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Records (or clears, after a login) that the learner logged out on purpose. */
export function setLoggedOutOnPurpose(value: boolean, store: FlagStore | null = storage()): void {
  try {
    if (value) store?.setItem(LOGGED_OUT_KEY, '1');
    else store?.removeItem(LOGGED_OUT_KEY);
  } catch {
    // Blocked storage only means the next start logs the trainee in again.
  }
}
