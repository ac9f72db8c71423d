import { expect, test, type Page } from '@playwright/test';

const ENDPOINT = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

async function runCallApi(page: Page): Promise<void> {
  await page.goto('/#/open/screen/screen-call-api');
  await expect(page.getByRole('banner')).toContainText('Training User (trainee)', { timeout: 20_000 });
  await page.getByLabel('CompanyID', { exact: true }).fill('C0001');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('200');
}

test('a Call API run shows in the audit trail: the end point as run by the system, the button as the trainee', async ({ page }) => {
  await runCallApi(page);
  await page.goto('/#/open/audit');
  const trail = page.getByRole('table', { name: 'Audit trail' });
  const endpointRow = trail.getByRole('row').filter({ hasText: 'API Company Data' });
  await expect(endpointRow).toHaveCount(1);
  await expect(endpointRow).toContainText('System (system)');
  await expect(endpointRow.getByRole('cell').nth(5)).toHaveText('200');
  await expect(endpointRow).toContainText('success');
  const buttonRow = trail.getByRole('row').filter({ hasText: 'Call API button' });
  await expect(buttonRow).toContainText('Training User (trainee)');
  await expect(page.getByTestId('retention')).toHaveText('Keeps the newest 5,000 entries, dropping the oldest first.');

  // Filters: by who, then by outcome.
  await page.getByLabel('Who').selectOption('system');
  await expect(trail.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Outcome').selectOption('refused');
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByLabel('Who').selectOption('');
  await page.getByLabel('Outcome').selectOption('');

  // A new entry shows without a manual refresh.
  await page.goto('/#/open/console');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await page.goto('/#/open/audit');
  await expect(trail.getByRole('row').filter({ hasText: 'API Company Data' })).toHaveCount(2);
});

test('the network log lists the end point call with its status, and shows its details', async ({ page }) => {
  await runCallApi(page);
  await page.goto('/#/open/network');
  const log = page.getByRole('grid', { name: 'Network log' });
  const row = log.getByRole('row').filter({ hasText: ENDPOINT });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('gridcell').nth(3)).toHaveText('200');

  await row.focus();
  await page.keyboard.press('Enter');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const details = page.getByRole('region', { name: `GET ${ENDPOINT}` });
  await expect(details).toContainText('Response body (JSON)');
  await expect(details).toContainText('"CompanyName": "Northwind Logistics Ltd"');
});

test('the key inspector says a garbage key is invalid, and a logged Authorization leads to it', async ({ page }) => {
  await page.goto('/#/open/console');
  await expect(page.getByRole('banner')).toContainText('Training User (trainee)', { timeout: 20_000 });
  await page.getByLabel('Headers').fill('Authorization: Bearer not-a-real-key');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toBeVisible();

  await page.goto('/#/open/network');
  const row = page.getByRole('grid', { name: 'Network log' }).getByRole('row').filter({ hasText: ENDPOINT });
  await row.click();
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  const keyField = page.getByLabel('API key to inspect');
  await expect(keyField).toBeFocused();
  await expect(page.getByRole('note')).toContainText('redacted');

  await keyField.fill('this-is-not-a-key');
  await page.getByRole('button', { name: 'Inspect key' }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'Signature' });
  await expect(verdict).toContainText('invalid');
});
