/**
 * Reads need a session: logged out, every view says so and offers the login dialog instead of
 * failing or showing what it read before.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openLoggedIn, waitForServiceWorker } from './support/login';

test('logged out, the login page stands in for the workspace at every address, and logging in there opens the address', async ({ page }) => {
  await openLoggedIn(page, '#/open/keystore');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Keystore' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  const loginPage = page.getByRole('region', { name: 'Log in' });
  await expect(loginPage).toContainText('You are not logged in');
  await expect(page.getByRole('navigation', { name: 'Repository' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Keystore' })).toHaveCount(0);

  for (const route of ['#/open/audit', '#/open/network', '#/open/user/user-trainee', '#/open/screen/screen-company-orders']) {
    await page.goto(`/${route}`);
    await expect(loginPage).toBeVisible();
    await expect(page.getByRole('tabpanel')).toHaveCount(0);
  }

  await loginPage.getByLabel('Login').fill('trainee');
  await loginPage.getByLabel('Password').fill('Training123!');
  await loginPage.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Company Orders' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'Keystore' })).toBeVisible();

  // A session ended behind the page's back (here: by the server) brings the login page at the next read.
  await waitForServiceWorker(page);
  await page.evaluate(async () => {
    const session = sessionStorage.getItem('actionflow-sandbox.session')!;
    await fetch('/sandbox/api/session', { method: 'DELETE', headers: { 'x-sandbox-session': session } });
  });
  await page.goto('/#/open/audit');
  await expect(loginPage).toBeVisible();
});

test('the instructor tools say what a file holds, and refuse a user without design rights with a sentence', async ({ page }) => {
  await openLoggedIn(page, '#/instructor');
  const files = page.getByRole('region', { name: 'Instance file' });

  await expect(files).toContainText('The keystore secrets (but the pepperkey) and the secret keys of HTTP actions are left out');
  let downloading = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Export instance' }).click();
  let file = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
  expect(file.secrets.included).toBe(false);
  expect(file.tables.keystore.find((k: { alias: string }) => k.alias === 'phixflow-api-key')).toMatchObject({ secret: '', generated: true });
  await expect(files.getByRole('status').filter({ hasText: 'exported' })).toContainText('This file leaves the instance\'s secrets out');

  await files.getByLabel('Include the secrets').check();
  await expect(files).toContainText('anyone with it can sign API keys for this instance');
  downloading = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Export instance with secrets' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^actionflow-sandbox-instance-with-secrets-\d{4}-\d{2}-\d{2}\.json$/);
  file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(file.secrets.included).toBe(true);
  expect(file.tables.keystore.find((k: { alias: string }) => k.alias === 'phixflow-api-key').secret).toHaveLength(44);

  // A file the forms would refuse is refused too, naming the table, the row and the field.
  file.tables.users[0].login = 'no spaces allowed';
  await files.getByLabel('Instance file to import').setInputFiles({ name: 'bad-login.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await files.getByRole('button', { name: 'Import instance' }).click();
  await expect(files.getByRole('alert')).toContainText('The file cannot be imported, and the instance was not changed. Table "users", row 1 (id "user-trainee"), field "login": The login "no spaces allowed"');

  // A user without design rights: the page says so first, and the server refuses with a sentence.
  await waitForServiceWorker(page);
  await page.evaluate(async () => {
    const session = sessionStorage.getItem('actionflow-sandbox.session')!;
    const response = await fetch('/sandbox/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': session },
      body: JSON.stringify({ login: 'viewer', firstName: 'Read', surname: 'Only', password: 'Viewer123!', enabled: true }),
    });
    if (!response.ok) throw new Error(await response.text());
  });
  await page.getByRole('banner').getByRole('button', { name: 'Switch user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch user' });
  await dialog.getByLabel('Login').fill('viewer');
  await dialog.getByLabel('Password').fill('Viewer123!');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('current-user')).toContainText('(viewer)');
  await expect(page.getByRole('status').filter({ hasText: 'A session of a user with design rights is needed' })).toContainText('You are logged in as Read Only (viewer), who has none');
  await page.getByRole('button', { name: 'Reset to a fresh instance' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(confirm.getByRole('alert')).toHaveText('The user viewer has no design rights, so they cannot reset the instance.');
});

test('credentials never show in the network log, and repeated failed logins pause with a sentence', async ({ page }) => {
  await openLoggedIn(page, '#/open/console');
  const key = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcGlhZ2VudCJ9.c2lnbmF0dXJlLW9mLXRoZS1rZXktMDEyMzQ1';
  const url = `/phixflow/api/2/companydata?CompanyID=C0001&token=${key}`;
  await page.getByLabel('URL').fill(url);
  await page.getByLabel('Headers').fill(`X-API-Key: ${key}\nX-Note: see ${key}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await page.goto('/#/open/network');
  const row = page.getByRole('grid', { name: 'Network log' }).getByRole('row').filter({ hasText: '/phixflow/api/2/companydata' });
  await row.click();
  const details = page.getByRole('region', { name: /^GET \/phixflow\/api\/2\/companydata/ });
  await expect(details).toContainText('x-api-key: [redacted]');
  await expect(details).toContainText('x-note: see [redacted]');
  await expect(page.getByRole('tabpanel')).not.toContainText(key.split('.')[2]!);
  await expect(page.getByTestId('retention')).toHaveText('Keeps the newest 1,000 calls, dropping the oldest first.');

  // The keystore says the signing key is the instance's own, random one.
  await page.goto('/#/open/keystore');
  await expect(page.getByRole('table', { name: 'Keystore' }).getByRole('row', { name: /phixflow-api-key/ })).toContainText('random, made by this instance');

  await page.getByRole('banner').getByRole('button', { name: 'Switch user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch user' });
  await dialog.getByLabel('Login').fill('trainee');
  for (let i = 0; i < 3; i++) {
    await dialog.getByLabel('Password').fill(`wrong-password-${i}`);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog.getByRole('alert')).toContainText('The login or password is not right');
  }
  await dialog.getByLabel('Password').fill('Training123!');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/^Logging in as trainee is paused after 3 failed attempts in a row: try again in (30|29|28) seconds \(after \d\d:\d\d:\d\d UTC\)\.$/);
});
