import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Axe takes several seconds a run on the CI's two cores; each test runs it once or twice.
test.describe.configure({ timeout: 60_000 });

/** Axe over one part of the page; the test fails listing every violation found. */
async function expectNoViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found).toEqual([]);
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`/#${path}`);
  await expect(page.getByRole('banner')).toContainText('Training User (trainee)', { timeout: 20_000 });
}

test('the Call API screen, before and after a run', async ({ page }) => {
  await open(page, '/open/screen/screen-call-api');
  const screen = 'section[aria-labelledby="screen-heading-screen-call-api"]';
  await expect(page.getByLabel('CompanyID', { exact: true })).toBeVisible();
  await expectNoViolations(page, screen);
  await page.getByLabel('CompanyID', { exact: true }).fill('C0001');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('200');
  await expectNoViolations(page, screen);
});

test('the Company Orders screen with an order chosen', async ({ page }) => {
  await open(page, '/open/screen/screen-company-orders');
  const orders = page.getByRole('grid', { name: 'Orders' });
  await orders.getByRole('row').nth(1).click();
  await expect(page.getByRole('table', { name: 'OrderLines' })).toBeVisible();
  // Settled: a first visit's Company Data all in (the grid reads again when it is).
  await expect(page.getByText('The Company Data is still being added')).toHaveCount(0);
  await expectNoViolations(page, 'section[aria-labelledby="screen-heading-screen-company-orders"]');
});

for (const [id, name] of [
  ['screen-company-approval-review', 'Company Approval Review'],
  ['screen-company-management', 'Company Management'],
] as const) {
  test(`the ${name} screen, after Import`, async ({ page }) => {
    await open(page, `/open/screen/${id}`);
    const screen = page.getByRole('region', { name });
    await expect(screen.getByRole('table', { name: 'Companies' })).toBeVisible();
    await screen.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(screen.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `section[aria-labelledby="screen-heading-${id}"]`);
  });
}

test('the session menu, the Switch user dialog and the login page', async ({ page }) => {
  await open(page, '/open/application');
  await expectNoViolations(page, '[role="group"][aria-label="Session"]');
  await page.getByRole('banner').getByRole('button', { name: 'Switch user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch user' });
  await dialog.getByLabel('Login').fill('trainee');
  await dialog.getByLabel('Password').fill('wrong-password');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner')).toContainText('Not logged in');
  await expectNoViolations(page, '[role="group"][aria-label="Session"]');
  const form = page.getByRole('main').getByRole('region', { name: 'Log in' });
  await form.getByLabel('Login').fill('trainee');
  await form.getByLabel('Password').fill('wrong-password');
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, 'main');
});

test('the audit trail and the network log with a request and a key inspected', async ({ page }) => {
  await open(page, '/open/screen/screen-call-api');
  await page.getByLabel('CompanyID', { exact: true }).fill('C0001');
  await page.getByRole('button', { name: 'Call API', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('200');

  await page.goto('/#/open/audit');
  await expect(page.getByRole('table', { name: 'Audit trail' }).getByRole('row').nth(1)).toBeVisible();
  await expectNoViolations(page, 'section[aria-labelledby="audit-heading"]');

  await page.goto('/#/open/network');
  const log = page.getByRole('grid', { name: 'Network log' });
  await log.getByRole('row').nth(1).click();
  await page.getByLabel('API key to inspect').fill('garbage');
  await page.getByRole('button', { name: 'Inspect key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signature' })).toBeVisible();
  await expectNoViolations(page, 'section[aria-labelledby="network-heading"]');
});
