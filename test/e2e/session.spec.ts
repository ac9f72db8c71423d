import { expect, test } from '@playwright/test';

test('a fresh learner is logged in as the trainee; log out, a wrong password, and log in again', async ({ page }) => {
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header).toContainText('Training User (trainee)', { timeout: 20_000 });

  await header.getByRole('button', { name: 'Log out' }).click();
  await expect(header).toContainText('Not logged in');
  await expect(header.getByRole('button', { name: 'Log in' })).toBeFocused();

  // After an explicit log out, a reload asks instead of logging in again.
  await page.reload();
  const dialog = page.getByRole('dialog', { name: 'Log in' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText('trainee');
  await expect(dialog).toContainText('Training123!');
  await expect(header).toContainText('Not logged in');

  await dialog.getByLabel('Login').fill('trainee');
  await dialog.getByLabel('Password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The login or password is not right');
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Password').fill('Training123!');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(header).toContainText('Training User (trainee)');

  // The login is remembered: a reload keeps the session.
  await page.reload();
  await expect(header).toContainText('Training User (trainee)', { timeout: 20_000 });
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('Switch user opens the login dialog and Cancel keeps the current user', async ({ page }) => {
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header).toContainText('Training User (trainee)', { timeout: 20_000 });
  await header.getByRole('button', { name: 'Switch user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch user' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Login')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(header).toContainText('Training User (trainee)');
});
