import { expect, test, type Page } from '@playwright/test';
import { activate } from './support/keyboard';
import { expectNoViolations } from './support/lessons';
import { openLoggedIn, waitForServiceWorker } from './support/login';

/** Creates an item through the sandbox's own API as the logged-in trainee; resolves to its id. */
async function create(page: Page, path: string, body: Record<string, unknown>): Promise<string> {
  await waitForServiceWorker(page);
  return page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(`/sandbox/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path} failed with status ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    { path, body },
  );
}

/** The apiagent user in the APIUsers group, which the role GenerateAPIToken holds. */
async function createApiAgent(page: Page): Promise<{ userId: string; groupId: string; roleId: string }> {
  const userId = await create(page, '/users', { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true });
  const groupId = await create(page, '/user-groups', { name: 'APIUsers', userIds: [userId] });
  const roleId = await create(page, '/roles', { applicationId: 'app-actionflow-advanced', name: 'GenerateAPIToken', privileges: ['Use API Key'], userGroupIds: [groupId] });
  return { userId, groupId, roleId };
}

const repository = (page: Page) => page.getByRole('navigation', { name: 'Repository' });

/** The items of a Repository tree group, expanding it first. */
async function treeList(page: Page, group: string) {
  const toggle = repository(page).getByRole('button', { name: group, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return repository(page).getByRole('list', { name: group, exact: true });
}

test('a role is deleted by keyboard once confirmed: gone from the tree, its tab closed, focus on the Roles group', async ({ page }) => {
  await openLoggedIn(page, '#/open/role/role-designers');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'Designers' })).toBeVisible();

  await activate(page, panel.getByRole('button', { name: 'Delete role' }));
  const dialog = page.getByRole('alertdialog', { name: 'Delete the role Designers?' });
  await expect(dialog).toContainText('The role Designers is removed from Actionflow Advanced. The users of its user group Trainers stop getting its privileges');
  await activate(page, dialog.getByRole('button', { name: 'Delete role' }));

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'The role Designers was deleted.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Designers' })).toHaveCount(0);
  await expect(page).not.toHaveURL(/role-designers/);
  await expect(repository(page).getByRole('button', { name: 'Roles', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(repository(page).getByRole('list', { name: 'Roles', exact: true })).toContainText('No roles');
});

test('with the Roles group out of sight, focus goes to the empty workspace once the last tab closes', async ({ page }) => {
  await openLoggedIn(page, '#/open/role/role-designers');
  await repository(page).getByRole('button', { name: 'Actionflow Advanced', exact: true }).click();
  await expect(repository(page).getByRole('button', { name: 'Roles', exact: true })).toBeHidden();
  await page.getByRole('tabpanel').getByRole('button', { name: 'Delete role' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete role' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing open' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'The role Designers was deleted.' })).toBeVisible();

  // Dismiss goes away with the notice; focus moves to the main area, not to the page body.
  await page.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The role Designers was deleted.' })).toHaveCount(0);
  await expect(page.getByRole('main')).toBeFocused();
});

test('cancelling leaves the role, its tab and its tree entry, and gives focus back to Delete role', async ({ page }) => {
  await openLoggedIn(page, '#/open/role/role-designers');
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Delete role' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the role Designers?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Delete role' })).toBeFocused();

  // Escape cancels too.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('tab', { name: 'Designers' })).toHaveAttribute('aria-selected', 'true');
  await expect((await treeList(page, 'Roles')).getByRole('link', { name: 'Designers' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Designers' })).toBeVisible();
});

test('a user group a role holds is deleted, and the role no longer lists it', async ({ page }) => {
  await openLoggedIn(page);
  const { roleId, groupId } = await createApiAgent(page);
  // The role's tab stays open, pinned, while the group is deleted in another.
  await page.goto(`/#/open/role/${roleId}`);
  const roleGroups = page.getByRole('tabpanel', { name: 'GenerateAPIToken' }).getByRole('list', { name: 'User Groups held' });
  await expect(roleGroups.getByRole('listitem')).toHaveText([/APIUsers/]);
  await page.getByRole('button', { name: 'Pin tab' }).click();

  await (await treeList(page, 'User Groups')).getByRole('link', { name: 'APIUsers' }).click();
  await expect(page).toHaveURL(new RegExp(`#/open/userGroup/${groupId}$`));
  const panel = page.getByRole('tabpanel', { name: 'APIUsers' });
  await panel.getByRole('button', { name: 'Delete user group' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the user group APIUsers?' });
  await expect(dialog).toContainText('APIUsers is removed from every role that holds it: GenerateAPIToken.');
  await dialog.getByRole('button', { name: 'Delete user group' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'The user group APIUsers was deleted.' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText([/GenerateAPIToken/]);
  await expect(repository(page).getByRole('button', { name: 'User Groups', exact: true })).toBeFocused();
  await expect(repository(page).getByRole('list', { name: 'User Groups', exact: true }).getByRole('link')).toHaveText(['Trainers']);

  await page.getByRole('tab', { name: 'GenerateAPIToken' }).click();
  await expect(roleGroups.getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('list', { name: 'User Groups held' }).getByRole('listitem')).toHaveCount(0);
});

test('a role being edited loses a user group deleted meanwhile, keeps the edits, and applies', async ({ page }) => {
  await openLoggedIn(page);
  const { roleId, groupId } = await createApiAgent(page);
  await page.goto(`/#/open/role/${roleId}`);
  const panel = page.getByRole('tabpanel', { name: 'GenerateAPIToken' });
  const roleGroups = panel.getByRole('list', { name: 'User Groups held' });
  await expect(roleGroups.getByRole('listitem')).toHaveText([/APIUsers/]);
  await panel.getByLabel('Description').fill('Callers of the API, being edited');

  // Deleted elsewhere (another tab, or the instructor) while the edit is not applied yet.
  await waitForServiceWorker(page);
  await page.evaluate(async (id) => {
    const response = await fetch(`/sandbox/api/user-groups/${id}`, {
      method: 'DELETE',
      headers: { 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' },
    });
    if (!response.ok) throw new Error(`DELETE failed with status ${response.status}`);
  }, groupId);

  await expect(roleGroups.getByRole('listitem')).toHaveCount(0);
  await expect(panel.getByLabel('Description')).toHaveValue('Callers of the API, being edited');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The role GenerateAPIToken was saved.' })).toBeVisible();
});

test('a user is deleted from the More options menu: gone from the tree and from their group', async ({ page }) => {
  await openLoggedIn(page);
  const { userId } = await createApiAgent(page);
  await page.goto(`/#/open/user/${userId}`);
  const panel = page.getByRole('tabpanel', { name: 'API Agent' });
  await expect(panel.getByRole('heading', { name: 'API Agent' })).toBeVisible();

  await activate(page, panel.getByRole('button', { name: 'More options' }));
  await page.getByRole('menuitem', { name: 'Delete user' }).press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Delete the user apiagent?' });
  await expect(dialog).toContainText('their API keys stop working, they are logged out and they are removed from their user group APIUsers');
  // The dialog takes focus itself, so a screen reader reads its title and description first.
  await expect(dialog).toBeFocused();
  await activate(page, dialog.getByRole('button', { name: 'Delete user' }));

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'The user apiagent was deleted.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'API Agent' })).toHaveCount(0);
  await expect(repository(page).getByRole('button', { name: 'Users', exact: true })).toBeFocused();
  await expect((await treeList(page, 'Users')).getByRole('link')).toHaveText([/Training User/]);

  await (await treeList(page, 'User Groups')).getByRole('link', { name: 'APIUsers' }).click();
  await expect(page.getByRole('tabpanel', { name: 'APIUsers' }).getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveCount(0);
});

test('the user logged in cannot delete themself: the server says why and nothing changes', async ({ page }) => {
  await openLoggedIn(page, '#/open/user/user-trainee');
  const panel = page.getByRole('tabpanel', { name: 'Training User' });
  const more = panel.getByRole('button', { name: 'More options' });
  await more.click();
  await page.getByRole('menuitem', { name: 'Delete user' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the user trainee?' });
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The user trainee is the one logged in, and cannot delete themself; log in as another designer first.');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(more).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Training User' })).toHaveAttribute('aria-selected', 'true');
  await expect((await treeList(page, 'Users')).getByRole('link', { name: /Training User/ })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');
});

test('axe finds no violations in the confirmation dialog, before and after a refusal', async ({ page }) => {
  await openLoggedIn(page, '#/open/user/user-trainee');
  await page.getByRole('tabpanel').getByRole('button', { name: 'More options' }).click();
  await page.getByRole('menuitem', { name: 'Delete user' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the user trainee?' });
  await expect(dialog).toBeFocused();
  await expectNoViolations(page, '[role="alertdialog"]');
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, '[role="alertdialog"]');
  await page.keyboard.press('Escape');

  await page.goto('/#/open/role/role-designers');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Delete role' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expectNoViolations(page, 'body');
});
