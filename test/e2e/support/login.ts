/**
 * Logs the page in as the trainee (or another user) through the sandbox's own API, the way the UI's
 * session code does at start-up, then reloads so the UI picks the session up.
 */
import { expect, type Page } from '@playwright/test';

/**
 * Waits until the simulated server answers through MSW's service worker, as `<html
 * data-simulated-server>` says: a controlling worker is not enough (on a second visit it controls
 * the page before the app has started MSW, and until then it passes requests on to the preview
 * server), and the sandbox shows before the worker has started.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.simulatedServer === 'service-worker', undefined, { timeout: 20_000 });
}

export const TRAINEE = { login: 'trainee', password: 'Training123!' } as const;

/** Opens `path` (a hash route such as `#/open/keystore`) logged in as `user`. */
export async function openLoggedIn(page: Page, path = '', user: { login: string; password: string } = TRAINEE): Promise<void> {
  await page.goto(`/${path}`);
  // The page's own fetch below needs the service worker: the UI shows before it has started (its
  // calls are answered in the page until then).
  await waitForServiceWorker(page);
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
