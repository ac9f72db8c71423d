import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLoggedIn } from './support/login';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test.describe('accessibility of the repository views', () => {
  test.beforeEach(async ({ page }) => {
    await openLoggedIn(page);
  });

  test('tree, tabs and the application overview', async ({ page }) => {
    const repository = page.getByRole('navigation', { name: 'Repository' });
    for (const group of [/^Tables/, /^Screens/, /^Actionflows/, /^API Endpoints/, /^Roles/, /^User Groups/, /^Users/]) {
      await repository.getByRole('button', { name: group }).click();
    }
    await page.goto('/#/open/keystore');
    await page.getByRole('button', { name: 'Pin tab' }).click();
    await page.goto('/#/application');
    await expect(page.getByRole('tab')).toHaveCount(2);
    await expectNoViolations(page);
  });

  test('table records', async ({ page }) => {
    await page.goto('/#/open/table/table-orders');
    await expect(page.getByText(/Rows 1–50 of/)).toBeVisible();
    await expectNoViolations(page);
  });

  test('privileges', async ({ page }) => {
    await page.goto('/#/open/privileges');
    await expect(page.getByRole('table', { name: 'Privileges' })).toBeVisible();
    await expectNoViolations(page);
  });

  test('the designer: actionflow settings, canvas and HTTP action properties', async ({ page }) => {
    test.slow(); // axe over the designer, twice
    await page.goto('/#/open/actionflow/af-api-company-data');
    await expect(page.getByRole('switch', { name: 'Allow Anonymous Connections' })).toBeVisible();
    await page.getByLabel('Timeout (ms)').fill('x');
    await expect(page.getByLabel('Timeout (ms)')).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);

    await page.goto('/#/open/actionflow/af-call-api');
    await page.getByRole('button', { name: 'HTTP action Call API' }).click();
    const action = page.getByRole('region', { name: 'HTTP action: Call API' });
    await action.getByRole('button', { name: 'Add header' }).click();
    await action.getByRole('button', { name: 'Add secret key' }).click();
    await page.getByText('Actions and connections as text').click();
    await expectNoViolations(page);
  });

  test('role editor', async ({ page }) => {
    await page.getByRole('navigation', { name: 'Repository' }).getByRole('button', { name: 'New role' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Add Use API Key' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Create role' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  });

  test('user group editor', async ({ page }) => {
    await page.goto('/#/open/userGroup/group-trainers');
    await expect(page.getByRole('list', { name: 'Users held' })).toBeVisible();
    await expectNoViolations(page);
  });

  test('user editor, its menu and the API key dialog', async ({ page }) => {
    await page.goto('/#/open/user');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByLabel('Login')).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);

    await page.goto('/#/open/user/user-trainee');
    await page.getByRole('button', { name: 'More options' }).click();
    await expect(page.getByRole('menuitem', { name: 'Generate API Key' })).toBeVisible();
    await expectNoViolations(page);
    await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
    await expect(page.getByRole('dialog').getByLabel('API key')).toHaveValue(/\./);
    await expectNoViolations(page);
  });

  test('keystore', async ({ page }) => {
    await page.goto('/#/open/keystore');
    await page.getByRole('button', { name: 'Edit phixflow-api-key' }).click();
    await page.getByLabel('Secret', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await expect(page.getByLabel('Secret', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoViolations(page);
  });
});
