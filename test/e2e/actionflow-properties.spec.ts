import { expect, test } from '@playwright/test';
import { openLoggedIn, waitForServiceWorker } from './support/login';

test('turning off Allow Anonymous Connections is saved and makes an anonymous call get 401', async ({ page }) => {
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^API Endpoints/ }).click();
  await repository.getByRole('link', { name: 'API Company Data' }).click();

  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'API Company Data' })).toBeVisible();
  await expect(panel.getByLabel('URL', { exact: true })).toHaveValue(
    /^http:\/\/127\.0\.0\.1:\d+\/phixflow\/api\/1\/action\/Actionflow%20Advanced\/API%20Company%20Data\/trigger$/,
  );
  await expect(panel.getByLabel('API Mode')).toHaveValue('synchronous');
  await expect(panel.getByLabel('Timeout (ms)')).toHaveValue('60000');

  const anonymous = panel.getByRole('switch', { name: 'Allow Anonymous Connections' });
  await expect(anonymous).toBeChecked();
  await anonymous.click();
  await expect(anonymous).not.toBeChecked();
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow API Company Data was saved' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' })).not.toBeChecked();

  await page.goto('/#/console');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('401');
  await expect(page.getByTestId('response-body')).toContainText('missing_api_key');
});

test('a refused value is shown next to its field, and Copy copies the URL', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLoggedIn(page, '#/open/actionflow/af-api-company-data');
  const panel = page.getByRole('tabpanel');

  const timeout = panel.getByLabel('Timeout (ms)');
  await timeout.fill('soon');
  await expect(timeout).toHaveAttribute('aria-invalid', 'true');
  await expect(timeout).toHaveAccessibleDescription(/whole number of milliseconds/);
  // Saving while a field holds text it cannot use is refused, and nothing is sent.
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('whole number of milliseconds');

  await timeout.fill('500');
  const alias = panel.getByLabel('URL Alias');
  await alias.fill('company data');
  await expect(alias).toHaveAccessibleDescription(/letters, digits, underscores and hyphens/);

  await alias.fill('companydata');
  await panel.getByLabel('API Mode').selectOption({ label: 'Poll for result (Asynchronous)' });
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow API Company Data was saved' })).toBeVisible();
  await waitForServiceWorker(page);
  const stored = await page.evaluate(async () => {
    const response = await fetch('/sandbox/api/actionflows/af-api-company-data', { headers: { 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' } });
    return ((await response.json()) as { actionflow: { api: { timeoutMs: number; apiMode: string; urlAlias: string } } }).actionflow.api;
  });
  expect(stored).toMatchObject({ timeoutMs: 500, apiMode: 'asynchronous', urlAlias: 'companydata' });

  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/phixflow\/api\/1\/action\/Actionflow%20Advanced\/API%20Company%20Data\/trigger$/);
});

test('the designer shows the actions and their connections, on the canvas and as text', async ({ page }) => {
  await openLoggedIn(page, '#/open/actionflow/af-api-company-data');
  const panel = page.getByRole('tabpanel');
  const canvas = panel.getByRole('application', { name: 'Canvas of API Company Data' });
  await expect(canvas).toBeVisible();
  for (const name of ['Input action Input', 'View action Find Company', 'View action Find Orders', 'Output action Output', 'Output action Company Not Found']) {
    await expect(canvas.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await panel.getByText('Actions and connections as text').click();
  await expect(panel.getByRole('list', { name: 'Connections' }).getByRole('listitem')).toHaveText([
    /^Input \(out\) → Find Company, mapped: CompanyID/,
    /^Find Company \(out\) → Find Orders, mapped: CompanyID/,
    /^Find Company \(empty\) → Company Not Found, mapped/,
    /^Find Orders \(out\) → Output \(lookup\), mapped/,
  ]);
});
