import { expect, test } from '@playwright/test';
import { dragInto } from './support/drag';
import { openLoggedIn, waitForServiceWorker } from './support/login';

test('a new user group is named, gets users by button and by drag, and keeps them after a reload', async ({ page }) => {
  test.slow(); // several reloads, each booting the instance and its service worker
  await openLoggedIn(page);
  // A second user to drag in.
  await waitForServiceWorker(page);
  await page.evaluate(async () => {
    const response = await fetch('/sandbox/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' },
      body: JSON.stringify({ login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true }),
    });
    if (!response.ok) throw new Error(await response.text());
  });

  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: 'New user group' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Create user group' }).click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/Enter a name for the user group/);

  await panel.getByLabel('Name', { exact: true }).fill('Trainers');
  await panel.getByRole('button', { name: 'Create user group' }).click();
  await expect(panel.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/already exists/);

  await panel.getByLabel('Name', { exact: true }).fill('APIUsers');
  const users = panel.getByRole('group', { name: 'Users' });
  await users.getByLabel('Search users').fill('apiagent');
  await dragInto(page, users.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: 'API Agent' }), users.getByRole('list', { name: 'Users held' }));
  await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/]);
  await users.getByLabel('Search users').fill('');
  await users.getByRole('button', { name: 'Add Training User' }).click();
  await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/, /Training User/]);
  await panel.getByRole('button', { name: 'Create user group' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The user group APIUsers was created.' })).toBeVisible();

  await page.reload();
  const held = page.getByRole('tabpanel').getByRole('list', { name: 'Users held' });
  await expect(held.getByRole('listitem')).toHaveText([/API Agent/, /Training User/]);
  await page.getByRole('tabpanel').getByRole('button', { name: 'Remove Training User' }).click();
  await page.getByRole('tabpanel').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('tabpanel').getByRole('status').filter({ hasText: 'was saved' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tabpanel').getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/]);
});
