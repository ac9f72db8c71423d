import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test.beforeEach(async ({ page }) => {
  await openLoggedIn(page);
  await page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'Keystore' }).click();
});

test('the keystore lists aliases with masked secrets, and refuses a short phixflow-api-key with the 32-byte rule', async ({ page }) => {
  const panel = page.getByRole('tabpanel');
  const table = panel.getByRole('table', { name: 'Keystore' });
  const apiKeyRow = table.getByRole('row', { name: /phixflow-api-key/ });
  await expect(apiKeyRow).toContainText('********');
  await expect(apiKeyRow).toContainText('44 bytes');
  await expect(table.getByRole('row', { name: /pepperkey/ })).toBeVisible();

  await apiKeyRow.getByRole('button', { name: 'Edit phixflow-api-key' }).click();
  await expect(panel.getByLabel('Alias', { exact: true })).toHaveValue('phixflow-api-key');
  const secret = panel.getByLabel('Secret', { exact: true });
  await expect(secret).toHaveAttribute('type', 'password');
  await secret.fill('too-short-secret');
  await expect(secret).toHaveAccessibleDescription(/at least 32 bytes long.*16 bytes typed/);

  // Show reveals what is typed.
  await panel.getByRole('button', { name: 'Show' }).click();
  await expect(panel.getByRole('button', { name: 'Show' })).toHaveAttribute('aria-pressed', 'true');
  await expect(secret).toHaveAttribute('type', 'text');

  await panel.getByRole('button', { name: 'Save secret' }).click();
  await expect(secret).toHaveAttribute('aria-invalid', 'true');
  await expect(secret).toHaveAccessibleDescription(/The phixflow-api-key secret must be at least 32 bytes long, but the one given is 16 bytes\./);
  await expect(apiKeyRow).toContainText('44 bytes');

  await secret.fill('a-new-signing-secret-of-forty-bytes-long');
  await panel.getByRole('button', { name: 'Save secret' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The secret of phixflow-api-key was replaced.' })).toBeVisible();
  await expect(apiKeyRow).toContainText('40 bytes');
});

test('an alias is added and deleted after confirmation', async ({ page }) => {
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Add alias' }).click();
  await expect(panel.getByLabel('Alias', { exact: true })).toHaveAccessibleDescription(/Enter the alias/);
  await panel.getByLabel('Alias', { exact: true }).fill('partner-api-token');
  await panel.getByLabel('Secret', { exact: true }).fill('s3cret!');
  await panel.getByRole('button', { name: 'Add alias' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The alias partner-api-token was saved.' })).toBeVisible();
  const row = panel.getByRole('table', { name: 'Keystore' }).getByRole('row', { name: /partner-api-token/ });
  await expect(row).toContainText('7 bytes');
  await expect(page.getByText('s3cret!')).toHaveCount(0);

  await row.getByRole('button', { name: 'Delete partner-api-token' }).click();
  await page.getByRole('alertdialog', { name: 'Delete the alias partner-api-token?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});

test('editing pepperkey warns that users with older passwords can no longer log in', async ({ page }) => {
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('table', { name: 'Keystore' }).getByRole('button', { name: 'Edit pepperkey' }).click();
  await expect(panel.getByLabel('Secret', { exact: true })).toHaveAccessibleDescription(/part of every password hash.*can no longer log in/);
});
