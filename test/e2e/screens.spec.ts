import { expect, test, type Page } from '@playwright/test';
import { expectNothingClipped } from './support/layout';
import { waitForServiceWorker } from './support/login';

/** Opens a screen tab once the start-up login (as the trainee) has shown in the header. */
async function openScreen(page: Page, screenId: string): Promise<void> {
  await page.goto(`/#/open/screen/${screenId}`);
  await expect(page.getByRole('banner')).toContainText('Training User (trainee)', { timeout: 20_000 });
}

test('Call API runs the actionflow with the typed CompanyID and fills the fields', async ({ page }) => {
  await openScreen(page, 'screen-call-api');
  const companyId = page.getByLabel('CompanyID', { exact: true });
  await companyId.fill('C0001');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();

  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('200');
  await expect(page.getByLabel('CompanyName', { exact: true })).toHaveValue('Northwind Logistics Ltd');
  await expect(page.getByLabel('Industry', { exact: true })).toHaveValue('Logistics');
  await expect(page.getByLabel('StatusMessage', { exact: true })).toHaveValue('The call succeeded.');
  await expect(page.getByLabel('Results', { exact: true })).toHaveValue(/"CompanyID":\s*"C0001"/);
  await expect(page.getByRole('status').filter({ hasText: 'Call API actionflow finished' })).toBeVisible();
});

test('Call API with an unknown CompanyID shows the end point’s refusal in the fields', async ({ page }) => {
  await openScreen(page, 'screen-call-api');
  await page.getByLabel('CompanyID', { exact: true }).fill('C9999');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('404');
  await expect(page.getByLabel('StatusMessage', { exact: true })).toHaveValue(/no company with CompanyID C9999/);
});

test('Call API with a secret key, run by the trainee (no Use API Key), shows the missing-privilege sentence', async ({ page }) => {
  await openScreen(page, 'screen-call-api');
  // Set-up through the sandbox API, as the HTTP action editor would save it.
  await waitForServiceWorker(page);
  const status = await page.evaluate(async () => {
    const response = await fetch('/sandbox/api/actionflows/af-call-api/nodes/call-api', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' },
      body: JSON.stringify({
        name: 'Call API',
        method: 'GET',
        urlTemplate: '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=${in.CompanyID}',
        headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
        secretKeys: [{ id: 'secret-1', name: 'APIKey', enabled: true, secret: 'a-key-the-trainee-may-not-use' }],
      }),
    });
    return response.status;
  });
  expect(status).toBe(200);

  await page.getByLabel('CompanyID', { exact: true }).fill('C0001');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();
  // The refusal takes the actionflow's error path: the screen's own fields say what happened.
  await expect(page.getByLabel('StatusMessage', { exact: true })).toHaveValue(/needs the Use API Key privilege/);
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('0');
  await expect(page.getByRole('alert').filter({ hasText: 'did not send its call' })).toBeVisible();
  await expect(page.getByLabel('CompanyName', { exact: true })).toHaveValue('');
});

test('Company Orders: an order chosen by keyboard shows its order lines; the grid pages by 50', async ({ page }) => {
  await openScreen(page, 'screen-company-orders');
  const orders = page.getByRole('grid', { name: 'Orders' });
  await expect(page.getByText('Rows 1–50 of 1,452')).toBeVisible();
  await expect(page.getByText('Choose a row in Orders to see its OrderLines.')).toBeVisible();

  const rows = orders.getByRole('row');
  await rows.nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(3)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.nth(3)).toHaveAttribute('aria-selected', 'true');
  const orderId = (await rows.nth(3).getByRole('gridcell').first().textContent())?.trim() ?? '';
  expect(orderId).toMatch(/^O\d{5}$/);

  const lines = page.getByRole('table', { name: 'OrderLines' });
  await expect(lines).toBeVisible();
  const lineRows = lines.getByRole('row');
  await expect(lineRows.nth(1)).toBeVisible();
  const count = await lineRows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 1; i < count; i++) await expect(lineRows.nth(i).getByRole('cell').nth(1)).toHaveText(orderId);

  // Space chooses too, and a new order replaces the lines.
  await rows.nth(3).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(3)).toHaveAttribute('aria-selected', 'false');

  await page.getByRole('button', { name: 'Next' }).first().click();
  await expect(page.getByText('Rows 51–100 of 1,452')).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).first().click();
  await expect(page.getByText('Rows 1–50 of 1,452')).toBeVisible();
});

test('an Import button with no actionflow attached says so', async ({ page }) => {
  await openScreen(page, 'screen-company-approval-review');
  await expect(page.getByRole('table', { name: 'Companies' })).toBeVisible();
  await expect(page.getByText('Rows 1–50 of 240')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'no actionflow attached' })).toBeVisible();
});

test.describe('at 1024 × 768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('Company Orders: the Orders grid scrolls in its own box, none of it under the lesson panel', async ({ page }) => {
    await openScreen(page, 'screen-company-orders');
    const orders = page.getByRole('grid', { name: 'Orders' });
    await expect(orders.getByRole('row')).toHaveCount(51, { timeout: 20_000 });
    await expectNothingClipped(page, 'Company Orders');
    const total = orders.getByRole('columnheader', { name: 'Total' });
    await total.scrollIntoViewIfNeeded();
    const panel = await page.getByRole('complementary', { name: 'Lesson' }).boundingBox();
    expect((await total.boundingBox())!.x + (await total.boundingBox())!.width).toBeLessThanOrEqual(panel!.x);
  });
});
