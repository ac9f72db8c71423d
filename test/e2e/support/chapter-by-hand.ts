/**
 * Chapter 3.02 done by hand, one function per step, as a learner does it with the mouse: through
 * the platform's own UI only (Repository tree, tabs, editors, screens, header), finding every
 * element by role and label. Shared by the chapter-by-hand and the whole-page accessibility specs;
 * `onView` lets a caller look at (or run axe over) each view the chapter reaches.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { dragInto } from './drag';
import { STEP_TITLES, currentStep, expectCurrentStep, stepButton } from './lessons';

/** Waits until the lesson panel has seen step `n` done by the learner (not with help) and moved on. */
export async function expectStepPassed(page: Page, n: number): Promise<void> {
  await expect(stepButton(page, n)).toHaveAccessibleName(`${n}. ${STEP_TITLES[n - 1]} Passed`, { timeout: 15_000 });
  if (n < STEP_TITLES.length) await expectCurrentStep(page, n + 1);
}

/** The step "Log in as the API user". */
export const LOGIN_STEP = STEP_TITLES.indexOf('Log in as the API user') + 1;

/**
 * The step "Log in as the API user" turns green live: the client announces the new session once
 * it has stored it, so the lesson checks again with it.
 */
export async function expectLoginStepPassed(page: Page): Promise<void> {
  await expect(stepButton(page, LOGIN_STEP)).toHaveAccessibleName(`${LOGIN_STEP}. ${STEP_TITLES[LOGIN_STEP - 1]} Passed`, { timeout: 15_000 });
}

/** The current step's text names `control` as the learner finds it on screen, before they use it. */
export async function expectTextNames(page: Page, control: string): Promise<void> {
  await expect(currentStep(page), `the step text names "${control}"`).toContainText(control);
}

/** The login page shown in place of the workspace while nobody is logged in. */
export function loginPage(page: Page): Locator {
  return page.getByRole('main').getByRole('region', { name: 'Log in' });
}

/** Log out in the header, then log in as `user` on the login page that takes the workspace's place. */
export async function logOutAndIn(page: Page, user: { login: string; password: string }, onView: OnView = noView): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByTestId('current-user')).toContainText('Not logged in');
  const form = loginPage(page);
  await expect(form.getByLabel('Login')).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Repository' })).toHaveCount(0);
  await form.getByLabel('Login').fill(user.login);
  await form.getByLabel('Password').fill(user.password);
  await onView('login page');
  await form.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('current-user')).toContainText(`(${user.login})`);
  await expect(loginPage(page)).toHaveCount(0);
}

/** Drags `item` into `zone` with the mouse, first scrolling the section holding both into view. */
async function dragIntoSection(page: Page, section: Locator, item: Locator, zone: Locator): Promise<void> {
  await section.scrollIntoViewIfNeeded();
  await item.scrollIntoViewIfNeeded();
  await dragInto(page, item, zone);
}

export const API_USER = { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!' } as const;
export const ROLE = 'GenerateAPIToken';
export const GROUP = 'APIUsers';
/** The learner's own signing key: 44 ASCII characters, so 44 bytes (at least 32 are needed). */
export const SIGNING_KEY = 'my-own-signing-key-for-the-chapter-3.02-test';

/** Called with a short name of each view reached (e.g. "API key dialog"). */
export type OnView = (name: string) => Promise<void>;
const noView: OnView = async () => undefined;

export function repository(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Repository' });
}

/** The workspace's tab panel in front. */
export function tabPanel(page: Page): Locator {
  return page.getByRole('tabpanel');
}

/** Expands a group of the Repository tree (a button with aria-expanded) unless it already is. */
export async function expandGroup(page: Page, name: RegExp): Promise<void> {
  const toggle = repository(page).getByRole('button', { name });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** Opens a Repository item from the list of a tree group, e.g. ("Screens", "Call API"). */
export async function openFromTree(page: Page, group: string, item: string | RegExp): Promise<void> {
  await expandGroup(page, new RegExp(`^${group}`));
  await repository(page).getByRole('list', { name: group, exact: true }).getByRole('link', { name: item }).click();
}

/** Opens the Call API screen, types C0001 and runs its Call API button; waits for the run to end. */
export async function runCallApi(page: Page): Promise<void> {
  await openFromTree(page, 'Screens', 'Call API');
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'Call API', exact: true })).toBeVisible();
  await panel.getByLabel('CompanyID', { exact: true }).fill('C0001');
  const button = panel.getByRole('button', { name: 'Call API', exact: true });
  await button.click();
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await expect(panel.getByRole('status').filter({ hasText: /Running the/ })).toHaveCount(0, { timeout: 15_000 });
}

// --- The steps -----------------------------------------------------------------------------------

/** Step 1: Allow Anonymous Connections off in API Company Data's settings in the designer, Save. */
export async function turnOffAnonymous(page: Page, onView: OnView = noView): Promise<void> {
  await openFromTree(page, 'API Endpoints', 'API Company Data');
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'API Company Data' })).toBeVisible();
  const anonymous = panel.getByRole('switch', { name: 'Allow Anonymous Connections' });
  await expect(anonymous).toBeChecked();
  await anonymous.click();
  await expect(anonymous).not.toBeChecked();
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow API Company Data was saved (version 2).' })).toBeVisible();
  await onView('API Company Data properties, saved');
}

/** Step 2: the Call API screen is refused for lack of a key (401 and the sentence in StatusMessage). */
export async function seeCallRefused(page: Page, onView: OnView = noView): Promise<void> {
  await runCallApi(page);
  const panel = tabPanel(page);
  await expect(panel.getByLabel('Status', { exact: true })).toHaveValue('401');
  await expect(panel.getByLabel('StatusMessage', { exact: true })).toHaveValue(/API Company Data.*no API key/i);
  await expect(panel.getByLabel('CompanyName', { exact: true })).toHaveValue('');
  await expect(panel.getByLabel('Results', { exact: true })).toHaveValue(/missing_api_key/);
  await onView('Call API screen, refused for a missing key');
}

/** Step 3: a new user apiagent (API / Agent / Phixflow123!, enabled). */
export async function createApiUser(page: Page, onView: OnView = noView): Promise<void> {
  await expandGroup(page, /^Users/);
  await repository(page).getByRole('button', { name: 'New user', exact: true }).click();
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'New user' })).toBeVisible();
  await panel.getByLabel('Login').fill(API_USER.login);
  await panel.getByLabel('First Name').fill(API_USER.firstName);
  await panel.getByLabel('Surname').fill(API_USER.surname);
  await panel.getByLabel('Password').fill(API_USER.password);
  await expect(panel.getByRole('switch', { name: 'Enabled' })).toBeChecked();
  await onView('new user form, filled in');
  await expectTextNames(page, 'Create user');
  await panel.getByRole('button', { name: 'Create user' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The user apiagent was created.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'API Agent' })).toHaveAttribute('aria-selected', 'true');
  await onView('user apiagent, created');
}

/** Step 4: a new role GenerateAPIToken, pinned, with Use API Key and Run Actions dragged in. */
export async function createRole(page: Page, onView: OnView = noView): Promise<void> {
  await expandGroup(page, /^Roles/);
  await repository(page).getByRole('button', { name: 'New role' }).click();
  await expect(page.getByRole('tab', { name: 'New role' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Pin tab' }).click();
  await expect(page.getByRole('button', { name: 'Unpin tab' })).toBeVisible();
  const panel = tabPanel(page);
  await panel.getByLabel('Name', { exact: true }).fill(ROLE);
  const privileges = panel.getByRole('group', { name: 'Privileges' });
  const held = privileges.getByRole('list', { name: 'Privileges held' });
  for (const [query, privilege] of [['Use API Key', 'Use API Key'], ['Run Actions', 'Run Actions']] as const) {
    await privileges.getByLabel('Search privileges').fill(query);
    const match = privileges.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: privilege });
    await expect(match).toBeVisible();
    await dragIntoSection(page, privileges, match, held);
    await expect(held.getByRole('listitem', { name: privilege })).toBeVisible();
  }
  // Where in the list a drop lands does not matter.
  await expect(held.getByRole('listitem')).toHaveCount(2);
  await onView('new role with its privileges');
  await expectTextNames(page, 'Create role');
  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The role ${ROLE} was created.` })).toBeVisible();
  await expect(page.getByRole('tab', { name: new RegExp(ROLE) })).toHaveAttribute('aria-selected', 'true');
  await onView('role GenerateAPIToken, created');
}

/** Step 5: a new user group APIUsers with apiagent dragged into its Users. */
export async function createUserGroup(page: Page, onView: OnView = noView): Promise<void> {
  await expandGroup(page, /^User Groups/);
  await repository(page).getByRole('button', { name: 'New user group' }).click();
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'New user group' })).toBeVisible();
  // The pinned role stays open beside it.
  await expect(page.getByRole('tab', { name: new RegExp(ROLE) })).toBeVisible();
  await panel.getByLabel('Name', { exact: true }).fill(GROUP);
  const users = panel.getByRole('group', { name: 'Users' });
  await users.getByLabel('Search users').fill(API_USER.login);
  const held = users.getByRole('list', { name: 'Users held' });
  await dragIntoSection(page, users, users.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: 'API Agent' }), held);
  await expect(held.getByRole('listitem')).toHaveText([/API Agent/]);
  await onView('new user group with apiagent');
  await expectTextNames(page, 'Create user group');
  await panel.getByRole('button', { name: 'Create user group' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was created.` })).toBeVisible();
}

/** Step 6: back on the pinned role's tab, APIUsers dragged into its User Groups, Apply. */
export async function addGroupToRole(page: Page, onView: OnView = noView): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(ROLE) }).click();
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: ROLE })).toBeVisible();
  const groups = panel.getByRole('group', { name: 'User Groups' });
  await groups.getByLabel('Search user groups').fill(GROUP);
  const held = groups.getByRole('list', { name: 'User Groups held' });
  await dragIntoSection(page, groups, groups.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: GROUP }), held);
  await expect(held.getByRole('listitem')).toHaveText([new RegExp(GROUP)]);
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The role ${ROLE} was saved.` })).toBeVisible();
  await onView('role GenerateAPIToken with APIUsers');
}

/** Step 7: the learner's own phixflow-api-key through the Keystore page. */
export async function setSigningKey(page: Page, onView: OnView = noView): Promise<void> {
  await repository(page).getByRole('link', { name: 'Keystore' }).click();
  const panel = tabPanel(page);
  const row = panel.getByRole('table', { name: 'Keystore' }).getByRole('row', { name: /phixflow-api-key/ });
  await row.getByRole('button', { name: 'Edit phixflow-api-key' }).click();
  await expect(panel.getByLabel('Alias', { exact: true })).toHaveValue('phixflow-api-key');
  await panel.getByLabel('Secret', { exact: true }).fill(SIGNING_KEY);
  await onView('keystore, replacing phixflow-api-key');
  await expectTextNames(page, 'Save secret');
  await panel.getByRole('button', { name: 'Save secret' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The secret of phixflow-api-key was replaced.' })).toBeVisible();
  await expect(row).toContainText(`${SIGNING_KEY.length} bytes`);
}

/**
 * Step 8: Generate API Key from apiagent's More options menu, Copy it (the clipboard must be
 * granted), and return it as the dialog's read-only field shows it.
 */
export async function generateApiKey(page: Page, onView: OnView = noView): Promise<string> {
  await openFromTree(page, 'Users', /^API Agent/);
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'API Agent' })).toBeVisible();
  const more = panel.getByRole('button', { name: 'More options' });
  await more.click();
  await expect(page.getByRole('menuitem', { name: 'Generate API Key' })).toBeVisible();
  await onView('More options menu');
  await page.getByRole('menuitem', { name: 'Generate API Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'API key for apiagent' });
  const field = dialog.getByLabel('API key');
  await expect(field).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(field).toHaveAttribute('readonly', '');
  const key = await field.inputValue();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied');
  await onView('API key dialog');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(more).toBeFocused();
  await expect(panel.getByRole('table', { name: 'API keys' }).getByRole('row')).toHaveCount(2);
  return key;
}

/**
 * Step 9: in the designer, the Call API actionflow's HTTP action gets a secret APIKey holding the
 * key (pasted from the clipboard) and an Authorization header reading it; Save; the secret comes
 * back masked.
 */
export async function sendKey(page: Page, key: string, onView: OnView = noView): Promise<void> {
  await openFromTree(page, 'Actionflows', 'Call API');
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: 'Call API', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'HTTP action Call API' }).click();
  const action = panel.getByRole('region', { name: 'HTTP action: Call API' });
  await expectTextNames(page, 'Add secret key');
  await action.getByRole('button', { name: 'Add secret key' }).click();
  await action.getByRole('group', { name: 'Secret key 1' }).getByLabel('Name').fill('APIKey');
  const secretRow = action.getByRole('group', { name: 'Secret key APIKey' });
  await expect(secretRow.getByRole('switch', { name: 'Enabled' })).toBeChecked();
  const secret = secretRow.getByLabel('Secret', { exact: true });
  await secret.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(secret).toHaveValue(key);
  await action.getByRole('button', { name: 'Add header' }).click();
  const header = action.getByRole('group', { name: 'Header 1' });
  await header.getByLabel('Header name').fill('Authorization');
  await header.getByLabel('Header expression').fill('_datasource.APIKey');
  await onView('HTTP action with the secret and the header');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow Call API was saved (version 2).' })).toBeVisible();
  await expect(secret).toHaveValue('********');
}

/** Step 10: Call API as the trainee fails before any request: reading the secret needs Use API Key. */
export async function testAsYourself(page: Page, onView: OnView = noView): Promise<void> {
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');
  await runCallApi(page);
  const panel = tabPanel(page);
  await expect(panel.getByRole('alert').filter({ hasText: 'Use API Key' })).toBeVisible();
  await expect(panel.getByLabel('CompanyName', { exact: true })).toHaveValue('');
  await onView('Call API screen, refused for the trainee');
}

/**
 * Step 11: trainee joins APIUsers, and the screen, run again without logging out, is refused: the
 * session predates the change.
 */
export async function joinApiUsers(page: Page, onView: OnView = noView): Promise<void> {
  await openFromTree(page, 'User Groups', GROUP);
  const panel = tabPanel(page);
  await expect(panel.getByRole('heading', { name: GROUP })).toBeVisible();
  const users = panel.getByRole('group', { name: 'Users' });
  await users.getByLabel('Search users').fill('trainee');
  const held = users.getByRole('list', { name: 'Users held' });
  await dragIntoSection(page, users, users.getByRole('list', { name: 'Matches' }).getByRole('listitem', { name: 'Training User' }), held);
  // Where in the list a drop lands does not matter.
  await expect(held.getByRole('listitem', { name: 'Training User' })).toBeVisible();
  await expect(held.getByRole('listitem')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was saved.` })).toBeVisible();
  await runCallApi(page);
  await expect(tabPanel(page).getByText(/The session of trainee started before their user groups last changed/)).toBeVisible();
  await onView('Call API screen, refused for an outdated session');
}

/** Step 12: log out and in again as trainee, and the screen's call goes through. */
export async function logInAgain(page: Page, onView: OnView = noView): Promise<void> {
  await logOutAndIn(page, { login: 'trainee', password: 'Training123!' }, onView);
  await runCallApi(page);
  await expect(tabPanel(page).getByLabel('Status', { exact: true })).toHaveValue('200');
}

/** Step 13: trainee leaves APIUsers again. */
export async function leaveApiUsers(page: Page, onView: OnView = noView): Promise<void> {
  await openFromTree(page, 'User Groups', GROUP);
  const panel = tabPanel(page);
  const users = panel.getByRole('group', { name: 'Users' });
  await users.getByRole('button', { name: 'Remove Training User' }).click();
  await expect(users.getByRole('list', { name: 'Users held' }).getByRole('listitem')).toHaveText([/API Agent/]);
  await onView('user group APIUsers, trainee removed');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The user group ${GROUP} was saved.` })).toBeVisible();
}

/** Step 14: Log out in the header, then log in as apiagent on the login page. */
export async function logInAsApiAgent(page: Page, onView: OnView = noView): Promise<void> {
  await logOutAndIn(page, API_USER, onView);
  await expect(page.getByTestId('current-user')).toContainText('API Agent (apiagent)');
}

/** Step 15: Call API as apiagent answers 200 with the company; the audit trail names API Agent. */
export async function callSucceeds(page: Page, onView: OnView = noView): Promise<void> {
  await runCallApi(page);
  const panel = tabPanel(page);
  await expect(panel.getByLabel('Status', { exact: true })).toHaveValue('200');
  await expect(panel.getByLabel('CompanyName', { exact: true })).toHaveValue('Northwind Logistics Ltd');
  await expect(panel.getByLabel('Industry', { exact: true })).toHaveValue('Logistics');
  await expect(panel.getByLabel('StatusMessage', { exact: true })).toHaveValue('The call succeeded.');
  await onView('Call API screen, answered 200');

  await repository(page).getByRole('link', { name: 'Audit trail' }).click();
  const trail = page.getByRole('table', { name: 'Audit trail' });
  // Both with apiagent's key: trainee's run of step 12, and this one.
  const call = trail.getByRole('row').filter({ hasText: 'API Company Data' }).filter({ hasText: 'API Agent (apiagent)' });
  await expect(call).toHaveCount(2);
  await expect(call.first().getByRole('cell').nth(4)).toHaveText('success');
  await expect(call.first().getByRole('cell').nth(5)).toHaveText('200');
  await expect(trail.getByRole('row').filter({ hasText: 'Call API' }).filter({ hasText: 'API Agent (apiagent)' })).not.toHaveCount(0);
  // The earlier refusal was run by the system, and the trainee's run stopped at the secret.
  const refused = trail.getByRole('row').filter({ hasText: 'missing_api_key' });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('System (system)');
  await onView('audit trail');
}
