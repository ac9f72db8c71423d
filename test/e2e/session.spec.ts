import { expect, test } from '@playwright/test';

test('a fresh learner is logged in as the trainee; log out, a wrong password, and log in again', async ({ page }) => {
  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header).toContainText('Training User (trainee)', { timeout: 20_000 });

  await header.getByRole('button', { name: 'Log out' }).click();
  await expect(header).toContainText('Not logged in');
  // The login page takes the workspace's place, with focus in its Login field.
  const form = page.getByRole('main').getByRole('region', { name: 'Log in' });
  await expect(form.getByLabel('Login')).toBeFocused();

  // After an explicit log out, a reload asks instead of logging in again.
  await page.reload();
  await expect(form).toBeVisible({ timeout: 20_000 });
  await expect(form).toContainText('trainee');
  await expect(form).toContainText('Training123!');
  await expect(header).toContainText('Not logged in');
  // The header's Log in goes to the page's form.
  await header.getByRole('button', { name: 'Log in' }).click();
  await expect(form.getByLabel('Login')).toBeFocused();

  await form.getByLabel('Login').fill('trainee');
  await form.getByLabel('Password').fill('not-the-password');
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(form.getByRole('alert')).toContainText('The login or password is not right');
  await expect(form.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Password').fill('Training123!');
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(form).toHaveCount(0);
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
