import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test('a secret key and an Authorization header are saved; the secret comes back as asterisks', async ({ page }) => {
  test.slow(); // several reloads, each booting the instance and its service worker
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^Actionflows/ }).click();
  await repository.getByRole('list', { name: 'Actionflows' }).getByRole('link', { name: 'Call API' }).click();

  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'HTTP action Call API' }).click();
  const action = panel.getByRole('region', { name: 'HTTP action: Call API' });
  await expect(action.getByLabel('HTTP Method')).toHaveValue('GET');
  await expect(action.getByLabel('URL Template')).toHaveValue(/API%20Company%20Data\/trigger\?CompanyID=\$\{in\.CompanyID\}$/);

  await action.getByRole('button', { name: 'Add secret key' }).click();
  const secretRow = action.getByRole('group', { name: 'Secret key 1' });
  await expect(secretRow.getByRole('switch', { name: 'Enabled' })).toBeChecked();
  await secretRow.getByLabel('Name').fill('APIKey');
  await action.getByRole('group', { name: 'Secret key APIKey' }).getByLabel('Secret', { exact: true }).fill('not-a-real-key.just-for.this-test');

  await action.getByRole('button', { name: 'Add header' }).click();
  const headerRow = action.getByRole('group', { name: 'Header 1' });
  await headerRow.getByLabel('Header name').fill('Authorization');
  await headerRow.getByLabel('Header expression').fill('_datasource.APIKey');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow Call API was saved' })).toBeVisible();

  await page.reload();
  await page.getByRole('tabpanel').getByRole('button', { name: 'HTTP action Call API' }).click();
  const reloaded = page.getByRole('region', { name: 'HTTP action: Call API' });
  const secret = reloaded.getByRole('group', { name: 'Secret key APIKey' }).getByLabel('Secret', { exact: true });
  await expect(secret).toHaveValue('********');
  await expect(secret).toHaveAttribute('type', 'password');
  await expect(reloaded.getByRole('group', { name: 'Header 1' }).getByLabel('Header name')).toHaveValue('Authorization');
  await expect(reloaded.getByRole('group', { name: 'Header 1' }).getByLabel('Header expression')).toHaveValue('_datasource.APIKey');

  // Saving again with the asterisks keeps the saved secret; removing the row deletes it.
  const designer = page.getByRole('tabpanel');
  await designer.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(designer.getByRole('status').filter({ hasText: 'was saved (version 3)' })).toBeVisible();
  await expect(secret).toHaveValue('********');
  await reloaded.getByRole('button', { name: 'Remove secret key APIKey' }).click();
  await designer.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(designer.getByRole('status').filter({ hasText: 'was saved (version 4)' })).toBeVisible();
  await page.reload();
  await page.getByRole('tabpanel').getByRole('button', { name: 'HTTP action Call API' }).click();
  await expect(page.getByRole('group', { name: /^Secret key/ })).toHaveCount(0);
});

test('a header expression that does not parse is shown as a problem next to its field', async ({ page }) => {
  await openLoggedIn(page, '#/open/actionflow/af-call-api');
  // The canvas' HTTP action opens by keyboard too.
  await page.getByRole('tabpanel').getByRole('button', { name: 'HTTP action Call API' }).focus();
  await page.keyboard.press('Enter');
  const action = page.getByRole('region', { name: 'HTTP action: Call API' });
  await action.getByRole('button', { name: 'Add header' }).click();
  const headerRow = action.getByRole('group', { name: 'Header 1' });
  await headerRow.getByLabel('Header name').fill('Authorization');
  await headerRow.getByLabel('Header expression').fill('_datasource.(');
  await expect(headerRow.getByLabel('Header expression')).toHaveAttribute('aria-invalid', 'true');
  await expect(headerRow.getByLabel('Header expression')).toHaveAccessibleDescription(/The header Authorization of the HTTP action Call API: .*has an error at position \d+/);
  await expect(action.getByRole('alert').first()).toBeVisible();
  // It is listed with the actionflow's problems, and its link leads back to the field.
  const problems = page.getByRole('tabpanel').getByRole('region', { name: /^Problems/ });
  await problems.getByRole('link', { name: /The header Authorization/ }).click();
  await expect(headerRow.getByLabel('Header expression')).toBeFocused();
});
