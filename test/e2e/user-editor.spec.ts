import { expect, test } from '@playwright/test';
import { openLoggedIn, waitForServiceWorker } from './support/login';

test('a new user is checked field by field, created, and given an API key shown once', async ({ page, context }) => {
  test.slow(); // several reloads, each booting the instance and its service worker
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: 'New user', exact: true }).click();
  const panel = page.getByRole('tabpanel');

  // Required fields are checked before anything is sent.
  await panel.getByRole('button', { name: 'Create user' }).click();
  await expect(panel.getByLabel('Login')).toHaveAccessibleDescription(/Enter a login/);
  await expect(panel.getByLabel('First Name')).toHaveAccessibleDescription(/Enter the first name/);
  await expect(panel.getByLabel('Surname')).toHaveAccessibleDescription(/Enter the surname/);
  await expect(panel.getByLabel('Password')).toHaveAccessibleDescription(/at least 8 characters/);
  await expect(panel.getByLabel('Login')).toHaveAttribute('aria-invalid', 'true');

  await panel.getByLabel('Login').fill('apiagent');
  await panel.getByLabel('First Name').fill('API');
  await panel.getByLabel('Surname').fill('Agent');
  await panel.getByLabel('Password').fill('short');
  await panel.getByRole('button', { name: 'Create user' }).click();
  await expect(panel.getByLabel('Password')).toHaveAccessibleDescription(/at least 8 characters long/);

  await panel.getByLabel('Password').fill('Phixflow123!');
  await expect(panel.getByRole('switch', { name: 'Enabled' })).toBeChecked();
  await panel.getByRole('button', { name: 'Create user' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The user apiagent was created.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'API Agent' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByLabel('Password')).toHaveValue('');

  // Generate API Key from the 3-dot menu: shown once, with Copy.
  await panel.getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'API key for apiagent' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('will not be shown again');
  const keyField = dialog.getByLabel('API key');
  await expect(keyField).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(keyField).toHaveAttribute('readonly', '');
  const key = await keyField.inputValue();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('button', { name: 'More options' })).toBeFocused();
  // The key is not in the page any more, only its record.
  expect(await page.content()).not.toContain(key);
  const keys = panel.getByRole('table', { name: 'API keys' });
  await expect(keys.getByRole('row')).toHaveCount(2);
  await expect(keys.getByRole('row').nth(1)).toContainText('Active');

  // Revoking asks first.
  await keys.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alertdialog', { name: 'Revoke this API key?' }).getByRole('button', { name: 'Revoke key' }).click();
  await expect(keys.getByRole('row').nth(1)).not.toContainText('Active');
  await expect(keys.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});

test('a server refusal shows next to its field, and an empty password on edit keeps the old one', async ({ page }) => {
  await openLoggedIn(page, '#/open/user/user-trainee');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByLabel('Login')).toHaveValue('trainee');
  await expect(panel.getByLabel('Password')).toHaveValue('');
  await expect(panel.getByLabel('Password')).toHaveAccessibleDescription(/Leave empty to keep the current password/);

  // The server checks what the form does not: its sentence shows next to the field it names.
  await panel.getByLabel('First Name').fill('T'.repeat(101));
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByLabel('First Name')).toHaveAccessibleDescription('The first name of the user trainee must be at most 100 characters.');
  await expect(panel.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();

  await panel.getByLabel('First Name').fill('Training');
  await panel.getByLabel('Surname').fill('Person');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The user trainee was saved.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Training Person' })).toBeVisible();

  // The password was kept: logging in again with it still works.
  await waitForServiceWorker(page);
  const status = await page.evaluate(async () => {
    const response = await fetch('/sandbox/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'trainee', password: 'Training123!' }),
    });
    return response.status;
  });
  expect(status).toBe(201);
});

test('the More options menu works by keyboard', async ({ page }) => {
  await openLoggedIn(page, '#/open/user/user-trainee');
  const more = page.getByRole('tabpanel').getByRole('button', { name: 'More options' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Generate API Key' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'API key for trainee' });
  await expect(dialog.getByLabel('API key')).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(more).toBeFocused();
});
