/**
 * Two tabs of one instance (two pages of one browser context; issue 14 item 12, issue 15): a step
 * turns green live in tab A after the change is made in tab B; a user created in tab A appears in
 * tab B's repository tree; a hint taken in tab B keeps the steps tab A passed, and tab B's panel
 * shows them too.
 */
import { expect, test, type Page } from '@playwright/test';
import { expandGroup, repository } from './support/chapter-by-hand';
import { currentStep, expectCurrentStep, showMe, startChapter, stepButton, waitForSandbox } from './support/lessons';

/** A second tab of the same browser (its own session, the same instance), on the sandbox. */
async function secondTab(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await other.goto('/');
  await waitForSandbox(other);
  return other;
}

test('a step turns green live in one tab when the change is made in another', async ({ page }) => {
  await startChapter(page);
  await expect(stepButton(page, 1)).toHaveAccessibleName(/^1\. Turn off anonymous access Not done$/);

  const other = await secondTab(page);
  await repository(other).getByRole('button', { name: /^API Endpoints/ }).click();
  await repository(other).getByRole('link', { name: 'API Company Data' }).click();
  const tab = other.getByRole('tabpanel');
  await tab.getByRole('switch', { name: 'Allow Anonymous Connections' }).click();
  await tab.getByRole('button', { name: 'Save', exact: true }).click();

  // Tab A did nothing: its panel heard the change from the instance itself.
  await expect(stepButton(page, 1)).toHaveAccessibleName(/^1\. Turn off anonymous access Passed$/);
  await expectCurrentStep(page, 2);
  // The switch in tab A's own view of the end point follows too.
  await repository(page).getByRole('button', { name: /^API Endpoints/ }).click();
  await repository(page).getByRole('link', { name: 'API Company Data' }).click();
  await expect(page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' })).not.toBeChecked();
});

test('a user created in one tab appears in the other tab\'s repository tree', async ({ page }) => {
  await page.goto('/');
  await waitForSandbox(page);
  const other = await secondTab(page);
  await expandGroup(other, /^Users/);
  const users = repository(other).getByRole('list', { name: 'Users', exact: true });
  await expect(users.getByRole('link', { name: /apiagent/ })).toHaveCount(0);

  await expandGroup(page, /^Users/);
  await repository(page).getByRole('button', { name: 'New user', exact: true }).click();
  const form = page.getByRole('tabpanel');
  await form.getByLabel('Login').fill('apiagent');
  await form.getByLabel('First Name').fill('API');
  await form.getByLabel('Surname').fill('Agent');
  await form.getByLabel('Password').fill('Phixflow123!');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'The user apiagent was created.' })).toBeVisible();

  await expect(users.getByRole('link', { name: /apiagent/ })).toBeVisible();
});

test('a hint taken in one tab keeps the steps the other tab passed, and both panels show them', async ({ page }) => {
  await startChapter(page);
  const other = await secondTab(page);
  // Tab B opens the same chapter (the panel remembers it) at step 1.
  await other.goto('/#/course/add-authentication/turn-off-anonymous-access');
  await expect(currentStep(other)).toHaveAccessibleName(/^Step 1 of 15:/, { timeout: 15_000 });

  await showMe(page, 1);
  await showMe(page, 2);
  await expectCurrentStep(page, 3);

  // Tab B follows: steps 1 and 2 are done there too, without a reload.
  await expect(stepButton(other, 1)).toContainText('Passed with help');
  await expect(stepButton(other, 2)).toContainText('Passed with help');
  await stepButton(other, 3).click();
  await expectCurrentStep(other, 3);
  await currentStep(other).getByRole('button', { name: 'Hint' }).click();
  await expect(currentStep(other).getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);

  // What tab A saved is still there after tab B's save: reloading tab A shows it.
  await page.reload();
  await waitForSandbox(page);
  await expect(stepButton(page, 1)).toContainText('Passed with help');
  await expect(stepButton(page, 2)).toContainText('Passed with help');
  await expectCurrentStep(page, 3);
});
