/**
 * What a first-time learner met in chapter 3.02 (issue 13), each fixed and checked in the browser:
 * skipped steps stay open and the course page says how many remain; starting the exercise offers
 * to keep the instance when its start checks pass (and lists what fails otherwise); Show me shows
 * the values it used; each tab keeps its own session; a login page replaces the workspace after a
 * log out; rights are shown before a save fails; a reset closes the tabs whose item is gone.
 * (The by-hand, keyboard and 1024 × 768 walks cover the session moment, the wording and the layout.)
 */
import { expect, test, type Page } from '@playwright/test';
import { loginPage, repository, tabPanel } from './support/chapter-by-hand';
import { CHAPTER, EXERCISE, currentStep, expectCurrentStep, lessonPanel, showMe, startChapter, stepButton, stepList, waitForSandbox } from './support/lessons';
import { openLoggedIn, waitForServiceWorker } from './support/login';

const API_AGENT = { login: 'apiagent', password: 'Phixflow123!' } as const;

/** Switch user in the header's dialog. */
async function switchUser(page: Page, user: { login: string; password: string }): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Switch user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch user' });
  await dialog.getByLabel('Login').fill(user.login);
  await dialog.getByLabel('Password').fill(user.password);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-user')).toContainText(`(${user.login})`);
}

/** Creates apiagent (no design rights) through the sandbox API with this tab's session. */
async function createApiAgent(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  await page.evaluate(async (user) => {
    const response = await fetch('/sandbox/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' },
      body: JSON.stringify({ ...user, firstName: 'API', surname: 'Agent', enabled: true }),
    });
    if (!response.ok) throw new Error(await response.text());
  }, API_AGENT);
}

test('a skipped step stays open, the course page and the report say how many remain, and the exercise can start on the instance 3.02 left', async ({ page }) => {
  test.setTimeout(120_000);
  await startChapter(page);
  const panel = lessonPanel(page);
  await showMe(page, 1);
  await panel.getByRole('button', { name: 'Skip' }).click();
  await expectCurrentStep(page, 3);
  await expect(stepButton(page, 2)).toContainText('Skipped');
  await expect(stepList(page)).toHaveAccessibleName('Steps (1 of 15 done)');
  await expect(panel.getByTestId('lesson-remaining')).toHaveText('14 steps remain (1 skipped).');
  await showMe(page, 3);
  // Show me says what it used: apiagent's password among them.
  const shown = panel.getByTestId('shown-values');
  await expect(shown).toContainText('What Show me used for step 3');
  await expect(shown.getByLabel('Password')).toHaveValue('Phixflow123!');

  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Course' }).click();
  const chapter = page.getByRole('article', { name: CHAPTER.title });
  await expect(chapter).toContainText('In progress');
  await expect(chapter).toContainText('2 of 15 steps done');
  await expect(chapter).toContainText('13 steps remain (1 skipped).');
  await page.goto('/#/report');
  const reported = page.getByRole('region', { name: `${CHAPTER.title}: progress` });
  await expect(reported).toContainText(/Steps remaining\s*13/);
  await expect(reported).toContainText(/State\s*in progress/);

  // The exercise says what a reset replaces, and offers the instance as it is when its start checks pass.
  await page.goto(`/#/start/${EXERCISE.id}`);
  await expect(page.getByRole('heading', { name: `Start ${EXERCISE.title}?` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'On a fresh instance' })).toContainText(`${CHAPTER.title} (2 of 15 steps done)`);
  const keep = page.getByRole('button', { name: 'Keep my instance and start' });
  await expect(keep).toBeVisible();
  // As apiagent (no design rights) the instance cannot serve, and the page says why; back as trainee it can.
  await switchUser(page, API_AGENT);
  await expect(page.getByTestId('start-check-failures')).toHaveText(/You are logged in as apiagent, who has no design rights/);
  await expect(keep).toHaveCount(0);
  await switchUser(page, { login: 'trainee', password: 'Training123!' });
  await keep.click();
  // Task 1 (close the end point) is already true on this instance: it turns green on arrival.
  await expect(currentStep(page)).toHaveAccessibleName(/^Task 2 of 6:/, { timeout: 15_000 });
  await expect(stepButton(page, 1)).toHaveAccessibleName(/Passed$/);
  // Nothing was reset: the user Show me made in 3.02 is still there.
  await repository(page).getByRole('button', { name: /^Users/ }).click();
  await expect(repository(page).getByRole('list', { name: 'Users', exact: true }).getByRole('link', { name: /API Agent/ })).toBeVisible();

  // The exercise's Show me says what it used, the password included.
  await currentStep(page).getByRole('button', { name: 'Show me' }).click();
  await page.getByRole('alertdialog', { name: 'Show me this task?' }).getByRole('button', { name: 'Show me and lose the point' }).click();
  await expect(stepButton(page, 2)).toContainText('Passed with help');
  await expect(shown).toContainText('What Show me used for task 2');
  await expect(shown.getByLabel('Login')).toHaveValue('reportagent');
  await expect(shown.getByLabel('Password')).toHaveValue('Reporting123!');
});

test('each tab keeps its own session, rights show before a save fails, and a log out shows the login page', async ({ page, context }) => {
  await openLoggedIn(page, '#/open/keystore');
  await createApiAgent(page);

  // A second tab starts as a fresh learner, then switches to apiagent; the first tab stays trainee.
  const other = await context.newPage();
  await other.goto('/#/open/keystore');
  await waitForSandbox(other);
  await expect(other.getByTestId('current-user')).toContainText('(trainee)');
  await switchUser(other, API_AGENT);
  await page.bringToFront();
  await expect(page.getByTestId('current-user')).toContainText('Training User (trainee)');
  await expect(tabPanel(page).getByRole('button', { name: 'Edit phixflow-api-key' })).toBeEnabled();
  await page.reload();
  await waitForSandbox(page);
  await expect(page.getByTestId('current-user')).toContainText('Training User (trainee)');

  // apiagent has no design rights: Edit, Delete and Add alias are shown disabled, with why.
  await other.bringToFront();
  const keystore = tabPanel(other);
  const edit = keystore.getByRole('button', { name: 'Edit phixflow-api-key' });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription(/You are logged in as apiagent, who has no design rights/);
  await expect(keystore.getByRole('button', { name: 'Delete phixflow-api-key' })).toBeDisabled();
  await expect(keystore.getByRole('button', { name: 'Add alias' })).toBeDisabled();

  // Logged out, the login page takes the place of the Repository and the workspace; the lesson panel stays.
  await other.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(loginPage(other)).toBeVisible();
  await expect(loginPage(other).getByLabel('Login')).toBeFocused();
  await expect(other.getByRole('navigation', { name: 'Repository' })).toHaveCount(0);
  await expect(other.getByRole('tabpanel')).toHaveCount(0);
  await expect(lessonPanel(other)).toBeVisible();
  await other.reload();
  await expect(loginPage(other)).toBeVisible({ timeout: 20_000 });

  await page.bringToFront();
  await expect(page.getByTestId('current-user')).toContainText('Training User (trainee)');
});

test('Add alias refuses an alias that exists and offers to edit it; a reset closes the tabs whose item is gone', async ({ page }) => {
  await openLoggedIn(page, '#/open/role');
  const panel = tabPanel(page);
  await panel.getByLabel('Name', { exact: true }).fill('Temporary');
  await panel.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('tab', { name: 'Temporary' })).toBeVisible();
  await page.getByRole('button', { name: 'Pin tab' }).click();

  await repository(page).getByRole('link', { name: 'Keystore' }).click();
  await panel.getByLabel('Alias', { exact: true }).fill('phixflow-api-key');
  await panel.getByLabel('Secret', { exact: true }).fill('a-secret-typed-into-the-add-form-by-mistake');
  await panel.getByRole('button', { name: 'Add alias' }).click();
  await expect(panel.getByLabel('Alias', { exact: true })).toHaveAccessibleDescription(/already has an alias named phixflow-api-key/);
  await expect(panel.getByRole('table', { name: 'Keystore' }).getByRole('row', { name: /phixflow-api-key/ })).toContainText('44 bytes');
  await panel.getByRole('button', { name: 'Edit phixflow-api-key instead' }).click();
  await expect(panel.getByRole('heading', { name: 'Replace the secret of phixflow-api-key' })).toBeVisible();
  await expect(panel.getByLabel('Secret', { exact: true })).toHaveValue('a-secret-typed-into-the-add-form-by-mistake');
  await expect(panel.getByLabel('Secret', { exact: true })).toBeFocused();

  await page.getByRole('banner').getByRole('button', { name: 'Reset instance' }).click();
  await page.getByRole('alertdialog', { name: 'Reset the training instance?' }).getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Closed the tab of the role Temporary: the instance no longer has it.' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('tab', { name: 'Temporary' })).toHaveCount(0);
  // The keystore's tab opened afresh: the unsaved secret of the old instance is gone.
  await expect(page.getByRole('tab', { name: 'Keystore' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabPanel(page).getByRole('heading', { name: 'Add an alias' })).toBeVisible();
  await expect(tabPanel(page).getByLabel('Secret', { exact: true })).toHaveValue('');
});
