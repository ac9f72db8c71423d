import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test('a table shows its attributes and its records 50 a page', async ({ page }) => {
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^Tables/ }).click();
  await repository.getByRole('link', { name: 'Companies', exact: true }).click();

  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Attributes' }).getByRole('rowheader')).toHaveText([
    'CompanyID', 'CompanyName', 'Industry', 'Status', 'Country', 'City', 'Employees', 'OnboardedDate',
  ]);
  await expect(panel.getByText('Rows 1–50 of 240')).toBeVisible();
  const grid = panel.getByRole('table', { name: /^Records of Companies/ });
  await expect(grid.getByRole('row')).toHaveCount(51);
  await expect(grid.getByRole('row').nth(1)).toContainText('C0001');
  await expect(panel.getByRole('button', { name: 'Previous' })).toBeDisabled();

  await panel.getByRole('button', { name: 'Next' }).click();
  await expect(panel.getByText('Rows 51–100 of 240')).toBeVisible();
  await expect(grid.getByRole('row').nth(1)).toContainText('C0051');
  for (let i = 0; i < 3; i++) await panel.getByRole('button', { name: 'Next' }).click();
  await expect(panel.getByText('Rows 201–240 of 240')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Next' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Previous' }).click();
  await expect(panel.getByText('Rows 151–200 of 240')).toBeVisible();
});

test('the Privileges tab lists the catalogue with what each allows', async ({ page }) => {
  await openLoggedIn(page, '#/open/privileges');
  const catalogue = page.getByRole('tabpanel').getByRole('table', { name: 'Privileges' });
  await expect(catalogue.getByRole('row', { name: /Use API Key/ })).toContainText('Call API end points with an API key');
  await expect(catalogue.getByRole('row', { name: /Run Actions/ })).toContainText('Designers');
});
