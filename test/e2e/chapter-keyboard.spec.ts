/**
 * Chapter 3.02 done with the keyboard only: no mouse, no programmatic focus. Focus moves with Tab,
 * Shift+Tab and the arrow keys; Enter and Space press; text is typed into the focused field. Each
 * control is asserted to have focus before it is used, so a control the keyboard cannot reach, or
 * focus lost after a dialog, fails the test where it happens. Drags use svelte-dnd-action's
 * keyboard support: Space picks a match up, Shift+Tab carries it into the section, Space drops it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { API_USER, GROUP, ROLE, SIGNING_KEY, expectStepPassed, expectLoginStepPassed, loginPage, repository, tabPanel } from './support/chapter-by-hand';
import { activate, pressUntilFocused, shiftTabTo, tabTo, typeInto } from './support/keyboard';
import { CHAPTER, expectCurrentStep, stepList, waitForSandbox } from './support/lessons';

/** A group's toggle in the Repository tree. */
const treeGroup = (page: Page, name: string) => repository(page).getByRole('button', { name: new RegExp(`^${name}`) });
/** An item link in a group's list of the Repository tree. */
const treeItem = (page: Page, group: string, item: string | RegExp) =>
  repository(page).getByRole('list', { name: group, exact: true }).getByRole('link', { name: item });

/**
 * Moves focus to a tree group's toggle — back with Shift+Tab from the workspace, or forward with
 * Tab from the header — and expands it with Enter unless it already is.
 */
async function expandByKeyboard(page: Page, group: string, key: 'Tab' | 'Shift+Tab'): Promise<void> {
  const toggle = treeGroup(page, group);
  await pressUntilFocused(page, toggle, key);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** Opens a tree item: to its group (expanded), forward to the item, Enter. */
async function openFromTree(page: Page, group: string, item: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Shift+Tab'): Promise<void> {
  await expandByKeyboard(page, group, key);
  await activate(page, treeItem(page, group, item));
}

/**
 * Drags a match into the section's held list with the keyboard: Space picks it up, Shift+Tab
 * carries it into the held list (the drop zone takes focus during a drag), Space drops it.
 */
async function dragByKeyboard(page: Page, section: Locator, heldName: string, name: string): Promise<void> {
  const match = section.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name });
  await tabTo(page, match);
  await page.keyboard.press('Space');
  const held = section.getByRole('list', { name: heldName });
  await shiftTabTo(page, held.getByRole('listitem', { name }), 20);
  await page.keyboard.press('Space');
  // Dropped, it stays in the list and keeps focus (the drag library alone would drop focus on the page).
  await expect(held.getByRole('listitem', { name })).toBeFocused();
}

/** Runs the Call API screen (already in front, focus in the tree or before it) with CompanyID C0001. */
async function runCallApi(page: Page): Promise<void> {
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'Call API' })).toBeVisible();
  await typeInto(page, panel.getByLabel('CompanyID', { exact: true }), 'C0001');
  const button = panel.getByRole('button', { name: 'Call API', exact: true });
  await activate(page, button);
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await expect(panel.getByRole('status').filter({ hasText: /Running the/ })).toHaveCount(0, { timeout: 15_000 });
}

test('chapter 3.02 with the keyboard only', async ({ page, context }) => {
  // Hundreds of key presses, each followed by a look at where focus is, on a loaded two-core machine.
  test.setTimeout(600_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const panel = tabPanel(page);
  const passed = (n: number) => expectStepPassed(page, n);

  await test.step('start the chapter from its class link', async () => {
    await page.goto(`/#/start/${CHAPTER.id}`);
    await waitForSandbox(page);
    await activate(page, page.getByRole('button', { name: 'Reset and start' }));
    await expectCurrentStep(page, 1);
    await expect(page.getByTestId('current-user')).toContainText('(trainee)');
  });

  await test.step('1. Turn off anonymous access', async () => {
    // Focus starts at the top of the page: Tab forward into the Repository.
    await openFromTree(page, 'API Endpoints', 'API Company Data', 'Tab');
    await expect(panel.getByRole('heading', { name: 'API Company Data' })).toBeVisible();
    const anonymous = panel.getByRole('switch', { name: 'Allow Anonymous Connections' });
    await tabTo(page, anonymous);
    await page.keyboard.press('Space');
    await expect(anonymous).not.toBeChecked();
    // Save is in the designer's toolbar, above the settings: back with Shift+Tab (or Ctrl+S).
    await activate(page, panel.getByRole('button', { name: 'Save', exact: true }), 'Shift+Tab');
    await expect(panel.getByRole('status').filter({ hasText: 'The actionflow API Company Data was saved (version 2).' })).toBeVisible();
    await passed(1);
  });

  await test.step('2. See an anonymous call refused', async () => {
    await openFromTree(page, 'Screens', 'Call API');
    await runCallApi(page);
    await expect(panel.getByLabel('Status', { exact: true })).toHaveValue('401');
    await expect(panel.getByLabel('StatusMessage', { exact: true })).toHaveValue(/no API key/i);
    await passed(2);
  });

  await test.step('3. Create the API user', async () => {
    await activate(page, repository(page).getByRole('button', { name: 'New user', exact: true }), 'Shift+Tab');
    await expect(panel.getByRole('heading', { name: 'New user' })).toBeVisible();
    await typeInto(page, panel.getByLabel('Login'), API_USER.login);
    await typeInto(page, panel.getByLabel('First Name'), API_USER.firstName);
    await typeInto(page, panel.getByLabel('Surname'), API_USER.surname);
    await typeInto(page, panel.getByLabel('Password'), API_USER.password);
    await tabTo(page, panel.getByRole('switch', { name: 'Enabled' }));
    await expect(panel.getByRole('switch', { name: 'Enabled' })).toBeChecked();
    await activate(page, panel.getByRole('button', { name: 'Create user' }));
    await expect(panel.getByRole('status').filter({ hasText: 'The user apiagent was created.' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'API Agent' })).toHaveAttribute('aria-selected', 'true');
    await passed(3);
  });

  await test.step('4. Create a role with Use API Key and Run Actions (dragged in by keyboard)', async () => {
    await activate(page, repository(page).getByRole('button', { name: 'New role' }), 'Shift+Tab');
    await expect(page.getByRole('tab', { name: 'New role' })).toHaveAttribute('aria-selected', 'true');
    await activate(page, page.getByRole('button', { name: 'Pin tab' }));
    await expect(page.getByRole('button', { name: 'Unpin tab' })).toBeFocused();
    await typeInto(page, panel.getByLabel('Name', { exact: true }), ROLE);
    const privileges = panel.getByRole('group', { name: 'Privileges' });
    for (const privilege of ['Use API Key', 'Run Actions']) {
      // The search box comes after the held list: Tab forward from the name or the last drop.
      await typeInto(page, privileges.getByLabel('Search privileges'), privilege);
      await dragByKeyboard(page, privileges, 'Privileges held', privilege);
    }
    await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveCount(2);
    await activate(page, panel.getByRole('button', { name: 'Create role' }));
    await expect(panel.getByRole('status').filter({ hasText: `The role ${ROLE} was created.` })).toBeVisible();
    await passed(4);
  });

  await test.step('5. Put the API user in a group (with its Add button)', async () => {
    await activate(page, repository(page).getByRole('button', { name: 'New user group' }), 'Shift+Tab');
    await expect(panel.getByRole('heading', { name: 'New user group' })).toBeVisible();
    await typeInto(page, panel.getByLabel('Name', { exact: true }), GROUP);
    const users = panel.getByRole('group', { name: 'Users' });
    const search = users.getByLabel('Search users');
    await typeInto(page, search, API_USER.login);
    await activate(page, users.getByRole('button', { name: 'Add API Agent' }));
    await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/]);
    // The only match went with its Add button: focus goes back to the search box, not the page.
    await expect(search).toBeFocused();
    await activate(page, panel.getByRole('button', { name: 'Create user group' }));
    await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was created.` })).toBeVisible();
    await passed(5);
  });

  await test.step('6. Give the group the role, back on the pinned tab', async () => {
    // Tab into the tab list (focus lands on the tab in front), arrow to the pinned role, Enter.
    await shiftTabTo(page, page.getByRole('tab', { selected: true }));
    const roleTab = page.getByRole('tab', { name: new RegExp(ROLE) });
    await pressUntilFocused(page, roleTab, 'ArrowLeft', 5);
    await page.keyboard.press('Enter');
    await expect(roleTab).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByRole('heading', { name: ROLE })).toBeVisible();
    const groups = panel.getByRole('group', { name: 'User Groups' });
    await typeInto(page, groups.getByLabel('Search user groups'), GROUP);
    await dragByKeyboard(page, groups, 'User Groups held', GROUP);
    await activate(page, panel.getByRole('button', { name: 'Apply' }));
    await expect(panel.getByRole('status').filter({ hasText: `The role ${ROLE} was saved.` })).toBeVisible();
    await passed(6);
  });

  await test.step('7. Set your own signing key in the Keystore', async () => {
    await activate(page, repository(page).getByRole('link', { name: 'Keystore' }), 'Shift+Tab');
    await activate(page, panel.getByRole('button', { name: 'Edit phixflow-api-key' }));
    await expect(panel.getByLabel('Alias', { exact: true })).toHaveValue('phixflow-api-key');
    await typeInto(page, panel.getByLabel('Secret', { exact: true }), SIGNING_KEY);
    await activate(page, panel.getByRole('button', { name: 'Save secret' }));
    await expect(panel.getByRole('status').filter({ hasText: 'The secret of phixflow-api-key was replaced.' })).toBeVisible();
    await passed(7);
  });

  await test.step('8. Generate the API key from the More options menu and copy it', async () => {
    await openFromTree(page, 'Users', /^API Agent/);
    await expect(panel.getByRole('heading', { name: 'API Agent' })).toBeVisible();
    const more = panel.getByRole('button', { name: 'More options' });
    await activate(page, more);
    const item = page.getByRole('menuitem', { name: 'Generate API Key' });
    await expect(item).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'API key for apiagent' });
    await expect(dialog.getByLabel('API key')).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await activate(page, dialog.getByRole('button', { name: 'Copy' }), 'Tab');
    await expect(dialog.getByRole('status')).toHaveText('Copied');
    await activate(page, dialog.getByRole('button', { name: 'Done' }));
    await expect(dialog).toBeHidden();
    await expect(more).toBeFocused();
    await passed(8);
  });

  await test.step('9. Send the key from Call API: a secret pasted from the clipboard and a header', async () => {
    await openFromTree(page, 'Actionflows', 'Call API');
    await expect(panel.getByRole('heading', { name: 'Call API', exact: true })).toBeVisible();
    await activate(page, panel.getByRole('button', { name: 'HTTP action Call API' }));
    const action = panel.getByRole('region', { name: 'HTTP action: Call API' });
    await activate(page, action.getByRole('button', { name: 'Add secret key' }));
    // The new row is named "Secret key 1" until its Name is typed, then "Secret key APIKey".
    await typeInto(page, action.getByRole('group', { name: /^Secret key / }).getByLabel('Name'), 'APIKey', 'Shift+Tab');
    const secretRow = action.getByRole('group', { name: 'Secret key APIKey' });
    await tabTo(page, secretRow.getByRole('switch', { name: 'Enabled' }));
    await expect(secretRow.getByRole('switch', { name: 'Enabled' })).toBeChecked();
    const secret = secretRow.getByLabel('Secret', { exact: true });
    await tabTo(page, secret);
    await page.keyboard.press('ControlOrMeta+V');
    await expect(secret).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await activate(page, action.getByRole('button', { name: 'Add header' }), 'Shift+Tab');
    const header = action.getByRole('group', { name: 'Header 1' });
    await typeInto(page, header.getByLabel('Header name'), 'Authorization', 'Shift+Tab');
    await typeInto(page, header.getByLabel('Header expression'), '_datasource.APIKey');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(panel.getByRole('status').filter({ hasText: 'The actionflow Call API was saved (version 2).' })).toBeVisible();
    await expect(secret).toHaveValue('********');
    await passed(9);
  });

  await test.step('10. Test as yourself: refused for lack of Use API Key', async () => {
    await openFromTree(page, 'Screens', 'Call API');
    await runCallApi(page);
    await expect(panel.getByRole('alert').filter({ hasText: 'Use API Key' })).toBeVisible();
    await passed(10);
  });

  /** Log out in the header; the login page takes the workspace's place with focus in its Login field. */
  async function logOutAndInByKeyboard(user: { login: string; password: string }) {
    const header = page.getByRole('banner');
    await activate(page, header.getByRole('button', { name: 'Log out' }), 'Shift+Tab');
    await expect(page.getByTestId('current-user')).toContainText('Not logged in');
    const form = loginPage(page);
    await expect(form.getByLabel('Login')).toBeFocused();
    await page.keyboard.type(user.login);
    await typeInto(page, form.getByLabel('Password'), user.password);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-user')).toContainText(`(${user.login})`);
  }

  await test.step('11. Join APIUsers (with its Add button): refused, the session predates the change', async () => {
    await openFromTree(page, 'User Groups', GROUP);
    await expect(panel.getByRole('heading', { name: GROUP })).toBeVisible();
    const users = panel.getByRole('group', { name: 'Users' });
    await typeInto(page, users.getByLabel('Search users'), 'trainee');
    await activate(page, users.getByRole('button', { name: 'Add Training User' }));
    await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem', { name: 'Training User' })).toBeVisible();
    await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveCount(2);
    await activate(page, panel.getByRole('button', { name: 'Apply' }));
    await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was saved.` })).toBeVisible();
    await openFromTree(page, 'Screens', 'Call API');
    await runCallApi(page);
    await expect(panel.getByText(/The session of trainee started before their user groups last changed/)).toBeVisible();
    await passed(11);
  });

  await test.step('12. Log out and in again on the login page: the call goes through', async () => {
    await logOutAndInByKeyboard({ login: 'trainee', password: 'Training123!' });
    // From the header, Tab forward into the Repository.
    await openFromTree(page, 'Screens', 'Call API', 'Tab');
    await runCallApi(page);
    await expect(panel.getByLabel('Status', { exact: true })).toHaveValue('200');
    await passed(12);
  });

  await test.step('13. Take yourself out of APIUsers (with its Remove button)', async () => {
    await openFromTree(page, 'User Groups', GROUP);
    const users = panel.getByRole('group', { name: 'Users' });
    await activate(page, users.getByRole('button', { name: 'Remove Training User' }));
    await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/]);
    await activate(page, panel.getByRole('button', { name: 'Apply' }));
    await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was saved.` })).toBeVisible();
    await passed(13);
  });

  await test.step('14. Log out and log in as apiagent', async () => {
    await logOutAndInByKeyboard(API_USER);
    await expect(page.getByTestId('current-user')).toContainText('API Agent (apiagent)');
    await expectLoginStepPassed(page);
  });

  await test.step('15. See the call succeed, and the audit trail name API Agent', async () => {
    await openFromTree(page, 'Screens', 'Call API', 'Tab');
    await runCallApi(page);
    await expect(panel.getByLabel('Status', { exact: true })).toHaveValue('200');
    await expect(panel.getByLabel('CompanyName', { exact: true })).toHaveValue('Northwind Logistics Ltd');
    await expect(panel.getByLabel('Industry', { exact: true })).toHaveValue('Logistics');
    await activate(page, repository(page).getByRole('link', { name: 'Audit trail' }), 'Shift+Tab');
    const call = page
      .getByRole('table', { name: 'Audit trail' })
      .getByRole('row')
      .filter({ hasText: 'API Company Data' })
      .filter({ hasText: 'API Agent (apiagent)' });
    await expect(call).toHaveCount(2);
    await expect(call.first().getByRole('cell').nth(5)).toHaveText('200');
    await passed(14);
    await passed(15);
  });

  await expect(stepList(page)).toHaveAccessibleName('Steps (15 of 15 done)');
});

test('controls that take themselves away leave focus beside them, not on the page', async ({ page }) => {
  test.setTimeout(180_000); // long Tab walks on a loaded two-core machine
  const focused = page.locator(':focus');
  await page.goto('/#/open/role');
  await waitForSandbox(page);
  const panel = tabPanel(page);

  await test.step('a role’s Add and Remove buttons', async () => {
    const privileges = panel.getByRole('group', { name: 'Privileges' });
    await tabTo(page, privileges.getByLabel('Search privileges'));
    await activate(page, privileges.getByRole('button', { name: 'Add Use API Key' }));
    await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveText([/^Use API Key/]);
    // The match went away: focus is on the Add button of the match now in its place.
    await expect(focused).toHaveAccessibleName(/^Add /);
    await activate(page, privileges.getByRole('button', { name: 'Remove Use API Key' }), 'Shift+Tab');
    await expect(privileges.getByRole('list', { name: 'Privileges held' }).getByRole('listitem')).toHaveCount(0);
    await expect(privileges.getByLabel('Search privileges')).toBeFocused();
  });

  await test.step('an HTTP action’s Remove header, Remove secret key and Close action properties', async () => {
    await page.goto('/#/open/actionflow/af-call-api');
    const node = panel.getByRole('button', { name: 'HTTP action Call API' });
    await activate(page, node);
    const action = panel.getByRole('region', { name: 'HTTP action: Call API' });
    for (const [add, remove] of [['Add header', 'Remove header 1'], ['Add secret key', 'Remove secret key 1']] as const) {
      const addButton = action.getByRole('button', { name: add });
      await activate(page, addButton);
      await activate(page, action.getByRole('button', { name: remove }), 'Shift+Tab');
      await expect(action.getByRole('button', { name: remove })).toHaveCount(0);
      await expect(addButton).toBeFocused();
    }
    await activate(page, action.getByRole('button', { name: 'Close action properties' }), 'Shift+Tab');
    await expect(action).toHaveCount(0);
    await expect(node).toBeFocused();
  });

  await test.step('the keystore’s Cancel', async () => {
    await page.goto('/#/open/keystore');
    const edit = panel.getByRole('button', { name: 'Edit phixflow-database-user' });
    await activate(page, edit);
    await expect(panel.getByLabel('Alias', { exact: true })).toHaveValue('phixflow-database-user');
    await activate(page, panel.getByRole('button', { name: 'Cancel' }));
    await expect(panel.getByLabel('Alias', { exact: true })).toHaveValue('');
    await expect(edit).toBeFocused();
  });

  await test.step('closing a tab, with its Close button and with Delete', async () => {
    await activate(page, page.getByRole('button', { name: 'Pin tab' }), 'Shift+Tab');
    await page.goto('/#/open/audit');
    await activate(page, page.getByRole('button', { name: 'Close tab Audit trail' }));
    const keystoreTab = page.getByRole('tab', { name: /Keystore/ });
    await expect(keystoreTab).toHaveAttribute('aria-selected', 'true');
    await expect(keystoreTab).toBeFocused();
    await page.goto('/#/open/network');
    await tabTo(page, page.getByRole('tab', { name: 'Network log' }));
    await page.keyboard.press('Delete');
    await expect(page.getByRole('tab', { name: 'Network log' })).toHaveCount(0);
    await expect(keystoreTab).toBeFocused();
  });
});
