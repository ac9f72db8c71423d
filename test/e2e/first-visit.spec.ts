// A first visit: the sandbox is usable before the Company Data is in; meanwhile a status line says
// how far it is, and no view counts a table being filled as empty. A download that fails says so,
// and the next visit finishes the seed.
import { expect, test, type Page } from '@playwright/test';
import { waitForSandbox } from './support/lessons';

const COMPANY_DATA = /\/assets\/company-data-[^/]+\.json$/;

const overviewRows = (page: Page, table: string) => page.getByRole('table', { name: 'Tables of Actionflow Advanced' }).getByRole('row', { name: new RegExp(`^${table} `) });

test('the Company Data is told as being added until it is in, then counted', async ({ page, context }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(COMPANY_DATA, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await waitForSandbox(page);
  await expect(page.getByRole('status').filter({ hasText: 'Downloading the Company Data' })).toBeVisible();
  await expect(overviewRows(page, 'Orders').getByRole('cell').last()).toHaveText('Being added…');
  await expect(page.getByRole('main').getByText('The Company Data is still being added to your instance')).toBeVisible();

  // The table's own records in the repository, meanwhile: being added, not "Rows 0–0 of 0".
  await page.getByRole('complementary', { name: 'Repository panel' }).getByRole('button', { name: /^Tables/ }).click();
  await page.getByRole('complementary', { name: 'Repository panel' }).getByRole('link', { name: 'Orders', exact: true }).click();
  const records = page.getByRole('region', { name: 'Records' });
  await expect(records.getByRole('status').filter({ hasText: 'Being added…' })).toBeVisible();
  await expect(records.getByText(/^Rows 0/)).toHaveCount(0);

  // A screen of it, meanwhile: it says the same, not that Orders has no records.
  await page.getByRole('complementary', { name: 'Repository panel' }).getByRole('button', { name: /^Screens/ }).click();
  await page.getByRole('complementary', { name: 'Repository panel' }).getByRole('link', { name: 'Company Orders' }).click();
  await expect(page.getByRole('main').getByText('The Company Data is still being added to your instance')).toBeVisible();
  await expect(page.getByRole('main').getByText('Orders has no records')).toHaveCount(0);
  // Its pager says so too, instead of counting nothing ("Rows 0–0 of 0").
  await expect(page.getByRole('main').getByText('Being added…')).toBeVisible();
  await expect(page.getByRole('main').getByText(/^Rows 0/)).toHaveCount(0);

  release();
  await expect(page.getByRole('status').filter({ hasText: 'The Company Data is ready.' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Orders' }).getByRole('row')).toHaveCount(51);
  await expect(page.getByRole('main').getByText('The Company Data is still being added to your instance')).toHaveCount(0);
  await page.getByRole('complementary', { name: 'Repository panel' }).getByRole('link', { name: 'Overview' }).click();
  await expect(overviewRows(page, 'Orders').getByRole('cell').last()).toHaveText('1,452');
});

test('a Company Data download that fails says so, and the next visit adds it', async ({ page, context }) => {
  await context.route(COMPANY_DATA, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await waitForSandbox(page);
  await expect(page.getByRole('alert').filter({ hasText: 'The Company Data could not be added' })).toContainText('Reload the page to try again.');
  await expect(overviewRows(page, 'Orders').getByRole('cell').last()).toHaveText('Being added…');

  await context.unroute(COMPANY_DATA);
  await page.reload();
  await waitForSandbox(page);
  await expect(overviewRows(page, 'Orders').getByRole('cell').last()).toHaveText('1,452');
  await expect(page.getByRole('alert').filter({ hasText: 'The Company Data could not be added' })).toHaveCount(0);
});
