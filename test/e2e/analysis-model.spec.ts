import { expect, test } from '@playwright/test';
import { openLoggedIn } from './support/login';

test('an attribute of a table\'s analysis model is edited from the table\'s tab, with its syntax error shown inline and nothing saved', async ({ page }) => {
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^Tables/ }).click();
  await repository.getByRole('link', { name: 'AdditionalCompanies_Processed', exact: true }).click();

  const panel = page.getByRole('tabpanel');
  const model = panel.getByRole('table', { name: 'Analysis model' });
  await expect(model.getByRole('row', { name: /Status/ })).toContainText('None');
  // The key is not computed: it has no Edit.
  await expect(model.getByRole('row', { name: /CompanyID/ }).getByRole('button')).toHaveCount(0);

  await model.getByRole('button', { name: 'Edit the expression of Status' }).click();
  const expression = panel.getByLabel('Expression', { exact: true });
  await expect(expression).toBeFocused();
  await expression.fill('_context.Status +');
  await panel.getByRole('button', { name: 'Save expression' }).click();
  await expect(expression).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByRole('alert').first()).toContainText('The expression of the attribute Status of the table AdditionalCompanies_Processed');
  await page.screenshot({ path: '/tmp/shots/analysis-model-error.png' });
  await expect(model.getByRole('row', { name: /Status/ })).toContainText('None');

  await expression.fill('in.Colour');
  await expression.press('Enter');
  await expect(panel.getByText('uses in.Colour, but the table AdditionalCompanies_Processed has no attribute Colour.')).toBeVisible();

  await expression.fill('_context.Status');
  await panel.getByRole('button', { name: 'Save expression' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The expression of Status was saved.' })).toBeVisible();
  await expect(model.getByRole('row', { name: /Status/ })).toContainText('_context.Status');
  await expect(expression).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots/analysis-model-saved.png' });

  // Another tab of the same browser reads it from the server.
  const second = await page.context().newPage();
  await openLoggedIn(second, '#/open/table/table-additional-companies');
  await expect(second.getByRole('tabpanel').getByRole('table', { name: 'Analysis model' }).getByRole('row', { name: /Status/ })).toContainText('_context.Status');
});
