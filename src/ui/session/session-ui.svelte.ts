/**
 * What the shell needs to know about the session beside who is logged in: whether start-up is
 * still deciding (keep the session, log the trainee in, or ask), and why an automatic login failed.
 */
import { sandbox } from '../state/sandbox.svelte';

class SessionUi {
  /** Start-up has not decided yet whether anyone is logged in. */
  starting = $state(true);
  #started!: () => void;
  /** Settles once start-up has decided (kept the session, logged the trainee in, or asks). */
  readonly started = new Promise<void>((resolve) => (this.#started = resolve));

  /** Start-up has decided: the login page or the workspace may show. */
  finishStarting(): void {
    this.starting = false;
    this.#started();
  }
  /** Why the automatic login at start-up failed, shown on the login page. */
  startNotice = $state<string | null>(null);

  /** Nobody is logged in (and start-up is over): the workspace gives way to the login page. */
  get loggedOut(): boolean {
    return !this.starting && sandbox.session === null;
  }
}

export const sessionUi = new SessionUi();

/** Prefix of the login page's field ids. */
export const LOGIN_PAGE_ID_PREFIX = 'login-page';

/** The login page's Login field, when the page is shown. */
export function loginPageField(): HTMLElement | null {
  return document.getElementById(`${LOGIN_PAGE_ID_PREFIX}-login`);
}
