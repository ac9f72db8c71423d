import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './support/login';

test('the sandbox loads, shows a heading and is served by the mock service worker', async ({ page }) => {
  await page.goto('/');

  await expect(page.getByRole('heading').first()).toBeVisible();

  // The simulated server answers through MSW's service worker once it has started (its calls are
  // answered in the page until then): a call the page makes itself reaches the server.
  await waitForServiceWorker(page);
  const answer = await page.evaluate(async () => {
    const response = await fetch('/sandbox/api/session');
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  });
  // Sent without the tab's session: the server's own refusal, not the preview server's page.
  expect(answer).toMatchObject({ status: 401, body: { error: { code: 'not_logged_in' } } });
  expect(answer.type).toMatch(/json/);
});
