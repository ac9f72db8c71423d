import { expect, test, type Page } from '@playwright/test';
import { renameTraineeFromConsole } from './support/console';
import { waitForServiceWorker } from './support/login';

const COMPANY_DATA = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

async function openConsole(page: Page): Promise<void> {
  await page.goto('/#/open/console');
  await expect(page.getByRole('banner')).toContainText('Training User (trainee)', { timeout: 20_000 });
}

/** The session id the page's client sends (test set-up only: it goes into a console header). */
const sessionId = (page: Page) => page.evaluate(() => sessionStorage.getItem('actionflow-sandbox.session'));

test('GET API Company Data for C0001 answers 200 with the company, from the service worker', async ({ page }) => {
  await openConsole(page);
  // The sandbox shows before its worker has started (its calls answered in the page until then).
  await waitForServiceWorker(page);
  await page.getByLabel('Method').selectOption('GET');
  await page.getByLabel('URL').fill(COMPANY_DATA);
  const answered = page.waitForResponse((response) => response.url().endsWith(COMPANY_DATA));
  await page.getByRole('button', { name: 'Send' }).click();
  const response = await answered;
  expect(response.fromServiceWorker()).toBe(true);
  expect(response.status()).toBe(200);

  await expect(page.getByTestId('response-status')).toHaveText('200');
  const body = page.getByLabel('Response body');
  await expect(body).toContainText('"CompanyID": "C0001"');
  await expect(body).toContainText('"CompanyName": "Northwind Logistics Ltd"');
});

test('a change made through the API survives a reload, and Reset instance restores the fresh instance', async ({ page }) => {
  await openConsole(page);
  const header = page.getByRole('banner');
  const id = await sessionId(page);
  expect(id).toBeTruthy();

  await renameTraineeFromConsole(page, id);

  await page.reload();
  await expect(header).toContainText('Renamed User (trainee)', { timeout: 20_000 });

  await header.getByRole('button', { name: 'Reset instance' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reset the training instance?' });
  await confirm.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'reset to a fresh training instance' })).toBeVisible();

  // The reset ended every session; the fresh instance starts as a fresh learner, with the trainee's original name.
  await expect(header).toContainText('Training User (trainee)', { timeout: 20_000 });

  // And the fresh instance still answers the end point.
  await page.getByLabel('Method').selectOption('GET');
  await page.getByLabel('URL').fill(COMPANY_DATA);
  await page.getByLabel('Headers').fill('');
  await page.getByLabel('Body').fill('');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200');
});
