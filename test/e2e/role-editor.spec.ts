import { expect, test } from '@playwright/test';
import { dragInto } from './support/drag';
import { openLoggedIn } from './support/login';

test.beforeEach(async ({ page }) => {
  await openLoggedIn(page);
});

test('a new role needs a name, and its privileges and user groups are saved', async ({ page }) => {
  test.slow(); // several reloads, each booting the instance and its service worker
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: 'New role' }).click();
  await expect(page.getByRole('tab', { name: 'New role' })).toHaveAttribute('aria-selected', 'true');
  // Pinned, as the chapter asks, so it stays open while another item is opened.
  await page.getByRole('button', { name: 'Pin tab' }).click();

  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/Enter a name for the role/);

  await panel.getByLabel('Name', { exact: true }).fill('Designers');
  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/already has a role named Designers/);

  await panel.getByLabel('Name', { exact: true }).fill('GenerateAPIToken');
  const privileges = panel.getByRole('group', { name: 'Privileges' });
  await privileges.getByLabel('Search privileges').fill('api key');
  await expect(privileges.getByRole('list', { name: 'Matches' }).getByRole('listitem')).toHaveCount(1);
  await privileges.getByRole('button', { name: 'Add Use API Key' }).click();
  await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Use API Key/]);
  await expect(privileges.getByRole('button', { name: 'Add Use API Key' })).toHaveCount(0);

  const groups = panel.getByRole('group', { name: 'User Groups' });
  await groups.getByLabel('Search user groups').fill('train');
  await groups.getByRole('button', { name: 'Add Trainers' }).click();

  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The role GenerateAPIToken was created.' })).toBeVisible();
  await expect(page).toHaveURL(/#\/open\/role\/[\w-]+$/);
  await expect(page.getByRole('tab', { name: /GenerateAPIToken/ })).toBeVisible();
  await repository.getByRole('button', { name: /^Roles/ }).click();
  await expect(repository.getByRole('list', { name: 'Roles' }).getByRole('link', { name: 'GenerateAPIToken' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText([/GenerateAPIToken/]);

  await page.reload();
  const reloaded = page.getByRole('tabpanel');
  await expect(reloaded.getByLabel('Name', { exact: true })).toHaveValue('GenerateAPIToken');
  await expect(reloaded.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Use API Key/]);
  await expect(reloaded.getByRole('list', { name: 'User Groups held' }).getByRole('listitem')).toHaveText([/Trainers/]);

  // Removing takes it out again.
  await reloaded.getByRole('button', { name: 'Remove Use API Key' }).click();
  await reloaded.getByRole('button', { name: 'Apply' }).click();
  await expect(reloaded.getByRole('status').filter({ hasText: 'was saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveCount(0);
});

test('a privilege dragged from the search results into the role is saved', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Repository' }).getByRole('button', { name: 'New role' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Name', { exact: true }).fill('GenerateAPIToken');
  const privileges = panel.getByRole('group', { name: 'Privileges' });
  await privileges.getByLabel('Search privileges').fill('Use API');
  const match = privileges.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: 'Use API Key' });
  await dragInto(page, match, privileges.getByRole('list', { name: 'Privileges held' }));
  await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Use API Key/]);

  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'was created' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Use API Key/]);
});

test('a privilege can be dragged in with the keyboard', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Repository' }).getByRole('button', { name: 'New role' }).click();
  const privileges = page.getByRole('tabpanel').getByRole('group', { name: 'Privileges' });
  await privileges.getByLabel('Search privileges').fill('Run Actions');
  await privileges.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: 'Run Actions' }).focus();
  await page.keyboard.press('Space');
  await privileges.getByRole('list', { name: 'Privileges held' }).focus();
  await page.keyboard.press('Space');
  await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Run Actions/]);
});
