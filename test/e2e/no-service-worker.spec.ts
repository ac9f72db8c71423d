/**
 * A browser that gives the page no service worker (a private window in some browsers, a policy, or
 * here Playwright blocking it): the sandbox still works, its calls answered inside the page by the
 * same simulated server, and it says why they do not show in the developer tools.
 */
import { expect, test } from '@playwright/test';
import { renameTraineeFromConsole } from './support/console';

test.use({ serviceWorkers: 'block' });

test('without a service worker the sandbox works on in the page, and says so', async ({ page }) => {
  await page.goto('/#/open/console');
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Training User (trainee)', { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'could not start' })).toContainText('answering them inside this page');
  expect(await page.evaluate(() => document.documentElement.dataset.simulatedServer)).toBe('in-page-only');

  // A call and a change, through the same server: the console's call, and a rename the header shows.
  const id = await page.evaluate(() => sessionStorage.getItem('actionflow-sandbox.session'));
  await renameTraineeFromConsole(page, id);
  await expect(banner).toContainText('Renamed User (trainee)');

  // The network log shows the calls answered in the page, as it shows the worker's.
  await page.goto('/#/open/network');
  await expect(page.getByText('/sandbox/api/users/user-trainee').first()).toBeVisible();
});
