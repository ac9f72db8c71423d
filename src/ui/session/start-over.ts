/**
 * The way back for a learner whom no designer login lets in any more (the pepperkey changed, every
 * designer disabled): resets need a designer's session, so instead the page asks the boot to delete
 * this browser's instance and seed a fresh one, as clearing the site's data would. Only a click in
 * the page can ask (no request to the simulated server can), so no actionflow can trigger it.
 */

/** localStorage key of the request, read and cleared by src/main.ts at the next start. */
export const START_OVER_KEY = 'actionflow-sandbox.startOver';

/** Asks for a fresh instance at the next start, and restarts the page. */
export function startOver(): void {
  try {
    localStorage.setItem(START_OVER_KEY, '1');
  } catch {
    throw new Error("The browser does not let the sandbox keep a note for its next start, so it cannot start over; clear this site's data in the browser's settings instead.");
  }
  location.reload();
}
