/**
 * Logs the page in as the trainee (or another user) through the sandbox's own API, the way the UI's
 * session code does at start-up, then reloads so the UI picks the session up.
 */
import { expect, type Page } from '@playwright/test';

export const TRAINEE = { login: 'trainee', password: 'Training123!' } as const;

/** Opens `path` (a hash route such as `#/open/keystore`) logged in as `user`. */
export async function openLoggedIn(page: Page, path = '', user: { login: string; password: string } = TRAINEE): Promise<void> {
  await page.goto(`/${path}`);
  // A controlling worker is not enough: on a second visit it controls the page before the app has
  // started MSW, and until then it passes requests on to the preview server (404). The app mounts
  // only after the worker has started, so the session menu showing means the server answers.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 20_000 });
  const already = await page.evaluate(async () => {
    const id = sessionStorage.getItem('actionflow-sandbox.session');
    if (!id) return null;
    const response = await fetch('/sandbox/api/session', { headers: { 'x-sandbox-session': id } });
    if (!response.ok) return null;
    const session = (await response.json()) as { user?: { login?: string } } | null;
    return session?.user?.login ?? null;
  });
  if (already !== user.login) {
    await page.evaluate(async ({ login, password }) => {
      const response = await fetch('/sandbox/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      if (!response.ok) throw new Error(`Logging in as ${login} failed with status ${response.status}: ${await response.text()}`);
      const session = (await response.json()) as { sessionId: string };
      sessionStorage.setItem('actionflow-sandbox.session', session.sessionId);
    }, user);
    await page.reload();
  }
  await expect(page.getByTestId('current-user')).toContainText(`(${user.login})`, { timeout: 20_000 });
}
