import { expect, test } from '@playwright/test';

test('the sandbox loads, shows a heading and is served by the mock service worker', async ({ page }) => {
  await page.goto('/');

  await expect(page.getByRole('heading').first()).toBeVisible();

  // The simulated server answers through MSW's service worker; the page must be under its control.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  });
});
