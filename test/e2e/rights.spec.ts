/**
 * Reads need a session: logged out, every view says so and offers the login dialog instead of
 * failing or showing what it read before.
 */
import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test('logged out, the repository and the views say to log in, and logging in from a view shows it', async ({ page }) => {
  await openLoggedIn(page, '#/open/keystore');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Keystore' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await expect(repository.getByRole('status')).toContainText('You are not logged in, so the repository cannot be shown');
  await expect(panel.getByRole('table', { name: 'Keystore' })).toHaveCount(0);
  await expect(panel.getByRole('status').filter({ hasText: 'not logged in' })).toContainText('the keystore cannot be shown');

  for (const [route, what] of [
    ['#/open/audit', 'the audit trail'],
    ['#/open/network', 'the network log'],
    ['#/open/user/user-trainee', 'this item of the repository'],
    ['#/open/screen/screen-company-orders', 'the screen'],
  ] as const) {
    await page.goto(`/${route}`);
    await expect(page.getByRole('tabpanel').getByRole('status').filter({ hasText: 'not logged in' })).toContainText(`${what} cannot be shown`);
  }

  await page.getByRole('tabpanel').getByRole('button', { name: 'Log in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in' });
  await dialog.getByLabel('Login').fill('trainee');
  await dialog.getByLabel('Password').fill('Training123!');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Company Orders' })).toBeVisible();
  await expect(repository.getByRole('link', { name: 'Keystore' })).toBeVisible();
});
