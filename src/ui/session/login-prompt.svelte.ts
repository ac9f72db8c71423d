/**
 * A request to open the login dialog from anywhere (a logged-out view's "Log in" button); the
 * session menu owns the dialog and opens it when asked.
 */
class LoginPrompt {
  /** Grows with each request; the session menu opens its dialog when it changes. */
  requested = $state(0);

  /** Asks for the login dialog. */
  open(): void {
    this.requested += 1;
  }
}

export const loginPrompt = new LoginPrompt();
