import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './support/login';
import {
  CHAPTER,
  EXERCISE,
  STEP_TITLES,
  currentStep,
  expectCurrentStep,
  expectNoViolations,
  lessonPanel,
  showMe,
  startChapter,
  stepButton,
  stepList,
  waitForSandbox,
  watchForText,
} from './support/lessons';

test.describe.configure({ timeout: 60_000 });

test('a step turns green live when the learner does it in the platform UI', async ({ page }) => {
  await startChapter(page);
  const panel = lessonPanel(page);
  await expect(panel.getByRole('heading', { name: CHAPTER.title })).toBeVisible();
  await expect(stepButton(page, 1)).toHaveAccessibleName(/^1\. Turn off anonymous access Not done$/);
  await expect(currentStep(page)).toContainText('Allow Anonymous Connections');

  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^API Endpoints/ }).click();
  await repository.getByRole('link', { name: 'API Company Data' }).click();
  const tab = page.getByRole('tabpanel');
  await tab.getByRole('switch', { name: 'Allow Anonymous Connections' }).click();
  await tab.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(stepButton(page, 1)).toHaveAccessibleName(/^1\. Turn off anonymous access Passed$/);
  await expect(page.getByTestId('lesson-announcer')).toHaveText('Step 1 passed: Turn off anonymous access.');
  await expectCurrentStep(page, 2);
  await expect(stepList(page)).toHaveAccessibleName('Steps (1 of 15 done)');
});

test('Check on a step not done shows the reason and a link to what it is about', async ({ page }) => {
  await startChapter(page);
  await lessonPanel(page).getByRole('button', { name: 'Check' }).click();
  const verdict = currentStep(page).getByTestId('lesson-verdict');
  await expect(verdict).toContainText('API Company Data still allows anonymous connections.');
  await verdict.getByRole('link', { name: 'Open API Company Data' }).click();
  await expect(page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' })).toBeChecked();
  await expect(stepButton(page, 1)).toContainText('Not done');

  // With the end point's tab open, Check outlines the very control the reason is about.
  await lessonPanel(page).getByRole('button', { name: 'Check' }).click();
  const control = page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' });
  await expect(control.locator('xpath=ancestor::*[@data-focus][1]')).toHaveClass(/lesson-focus/);
});

test('a check about a kind of item outlines its group in the Repository tree', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await showMe(page, 2);
  await expectCurrentStep(page, 3);
  await lessonPanel(page).getByRole('button', { name: 'Check' }).click();
  await expect(currentStep(page).getByTestId('lesson-verdict')).toContainText('There is no user with the login apiagent yet.');
  const users = page.getByRole('navigation', { name: 'Repository' }).getByRole('button', { name: /^Users/ });
  await expect(users.locator('xpath=ancestor::*[@data-focus][1]')).toHaveClass(/lesson-focus/);
});

test('hints come one at a time, general first, and the last one disables the button', async ({ page }) => {
  await startChapter(page);
  const step = currentStep(page);
  await step.getByRole('button', { name: 'Hint' }).click();
  const hints = step.getByRole('list', { name: 'Hints' }).getByRole('listitem');
  await expect(hints).toHaveText(["The setting lives in the end point actionflow's own properties."]);
  await step.getByRole('button', { name: 'Next hint' }).click();
  await step.getByRole('button', { name: 'Next hint' }).click();
  await expect(hints).toHaveCount(3);
  await expect(hints.last()).toContainText('Switch Allow Anonymous Connections off');
  await expect(step.getByRole('button', { name: 'Next hint' })).toBeDisabled();
});

test('three failed checks offer a hint', async ({ page }) => {
  await startChapter(page);
  const step = currentStep(page);
  for (let i = 0; i < 3; i++) {
    await step.getByRole('button', { name: 'Check' }).click();
    await expect(step.getByRole('button', { name: 'Check' })).toBeEnabled();
  }
  await expect(step.getByRole('status').filter({ hasText: 'Stuck? A hint is ready' })).toBeVisible();
});

test('Show me completes the step with help, showing progress while it runs', async ({ page }) => {
  await startChapter(page);
  // The run is quick; a watcher notes whether its progress was ever shown.
  const progressShown = await watchForText(page, /Running the solution of step \d+/);
  await showMe(page, 1);
  expect((await progressShown())[0]).toBe('Running the solution of step 1');
  await expect(stepButton(page, 1)).toHaveAccessibleName(/^1\. Turn off anonymous access Passed with help$/);
  await expect(page.getByTestId('lesson-announcer')).toHaveText('Step 1 passed with help: Turn off anonymous access.');
  await expectCurrentStep(page, 2);
  // The instance really changed: the end point no longer allows anonymous connections.
  await page.goto('/#/open/actionflow/af-api-company-data');
  await expect(page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' })).not.toBeChecked();
});

test('a reload mid-chapter resumes at the same step with the earlier steps done', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await showMe(page, 2);
  await expectCurrentStep(page, 3);
  await expect(page).toHaveURL(/#\/course\/add-authentication\/create-api-user$/);
  await page.reload();
  await waitForSandbox(page);
  await expectCurrentStep(page, 3);
  await expect(stepButton(page, 1)).toContainText('Passed with help');
  await expect(stepButton(page, 2)).toContainText('Passed with help');
  await expect(stepButton(page, 3)).toContainText('Not done');

  // Reloading from a workspace route brings the chapter back too.
  await page.goto('/#/open/keystore');
  await page.reload();
  await waitForSandbox(page);
  await expectCurrentStep(page, 3);
});

test('deep links open a reached step, fall back to the furthest reached, and follow back/forward', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await showMe(page, 2);

  await page.goto(`/#/course/${CHAPTER.id}/turn-off-anonymous`);
  await expectCurrentStep(page, 1);
  await expect(currentStep(page)).toContainText('This step is done.');

  await page.goto(`/#/course/${CHAPTER.id}/send-key`);
  await expectCurrentStep(page, 3);
  await expect(page).toHaveURL(/#\/course\/add-authentication\/create-api-user$/);

  await page.goBack();
  await expectCurrentStep(page, 1);
  await page.goForward();
  await expectCurrentStep(page, 3);

  await page.reload();
  await waitForSandbox(page);
  await expectCurrentStep(page, 3);
});

test('Back, Skip and the step list move between steps', async ({ page }) => {
  await startChapter(page);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: 'Skip' }).click();
  await expectCurrentStep(page, 2);
  await expect(stepButton(page, 1)).toContainText('Skipped');
  await panel.getByRole('button', { name: 'Back' }).click();
  await expectCurrentStep(page, 1);
  await expect(stepButton(page, 3)).toBeDisabled();
  await stepButton(page, 2).click();
  await expectCurrentStep(page, 2);
  await expect(stepButton(page, 2)).toHaveAttribute('aria-current', 'step');
});

test('the panel collapses and expands, and remembers it', async ({ page }) => {
  await startChapter(page);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: 'Hide lesson' }).click();
  await expect(stepList(page)).toBeHidden();
  await page.reload();
  await waitForSandbox(page);
  await expect(panel.getByRole('button', { name: 'Show lesson' })).toHaveAttribute('aria-expanded', 'false');
  await panel.getByRole('button', { name: 'Show lesson' }).click();
  await expect(stepList(page)).toBeVisible();
});

test('Restart chapter asks, then resets the instance and every step', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await lessonPanel(page).getByRole('button', { name: 'Restart chapter' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Restart ${CHAPTER.title}?` });
  await dialog.getByRole('button', { name: 'Reset and restart' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expectCurrentStep(page, 1);
  await expect(stepButton(page, 1)).toContainText('Not done');
  await page.goto('/#/open/actionflow/af-api-company-data');
  await expect(page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' })).toBeChecked();
});

test('the course page shows progress and continues where the learner is', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Course' }).click();
  const chapter = page.getByRole('article', { name: CHAPTER.title });
  await expect(chapter.getByRole('progressbar', { name: `${CHAPTER.title}: steps done` })).toHaveAttribute('value', '1');
  await expect(chapter).toContainText('1 of 15 steps done');
  await expect(chapter).toContainText('In progress');
  const exercise = page.getByRole('article', { name: EXERCISE.title });
  await expect(exercise).toContainText('Not started');
  await expect(exercise).toContainText('Score: 0 of 6 points');
  await chapter.getByRole('link', { name: `Continue ${CHAPTER.title}` }).click();
  await expectCurrentStep(page, 2);
  await expect(page.getByRole('tabpanel').or(page.getByText('Nothing open'))).toBeVisible();
});

test('an exercise shows tasks and checks only, and Show me costs the point after a warning', async ({ page }) => {
  await startChapter(page, EXERCISE);
  const step = currentStep(page);
  await expect(step).toHaveAccessibleName(/^Task 1 of 6: Close the end point$/);
  await expect(lessonPanel(page).getByTestId('exercise-score')).toHaveText('Score: 0 of 6 points');
  await expect(step.getByRole('button', { name: 'Hint' })).toHaveCount(0);

  await step.getByRole('button', { name: 'Show me' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Show me this task?' });
  await expect(dialog).toContainText('scores no points');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(stepButton(page, 1)).toContainText('Not done');

  await step.getByRole('button', { name: 'Show me' }).click();
  await dialog.getByRole('button', { name: 'Show me and lose the point' }).click();
  await expect(stepButton(page, 1)).toContainText('Passed with help');
  await expect(page.getByTestId('lesson-announcer')).toHaveText('Task 1 passed with help: Close the end point.');
  await expect(lessonPanel(page).getByTestId('exercise-score')).toHaveText('Score: 0 of 6 points');

  // Task 2 done by the learner scores its point.
  await waitForServiceWorker(page);
  await page.evaluate(async () => {
    const session = sessionStorage.getItem('actionflow-sandbox.session') ?? '';
    const response = await fetch('/sandbox/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-session': session },
      body: JSON.stringify({ login: 'reportagent', firstName: 'Reporting', surname: 'System', password: 'Reporting123!', enabled: true }),
    });
    if (!response.ok) throw new Error(await response.text());
  });
  await expect(stepButton(page, 2)).toContainText('Passed', { timeout: 10_000 });
  await expect(lessonPanel(page).getByTestId('exercise-score')).toHaveText('Score: 1 of 6 points');
});

test('the whole chapter with Show me: every step green, and the audit trail shows a call run by API Agent', async ({ page }) => {
  test.setTimeout(120_000);
  await startChapter(page);
  for (let n = 1; n <= STEP_TITLES.length; n++) await showMe(page, n);
  for (let n = 1; n <= STEP_TITLES.length; n++) {
    await expect(stepButton(page, n)).toHaveAccessibleName(`${n}. ${STEP_TITLES[n - 1]} Passed with help`);
  }
  await expect(stepList(page)).toHaveAccessibleName('Steps (15 of 15 done)');
  await expect(page.getByTestId('lesson-announcer')).toContainText('Chapter finished: every step is done.');
  await expect(page.getByTestId('current-user')).toContainText('(apiagent)');

  await page.getByRole('navigation', { name: 'Repository' }).getByRole('link', { name: 'Audit trail' }).click();
  const trail = page.getByRole('table', { name: 'Audit trail' });
  const apiAgentRun = trail.getByRole('row').filter({ hasText: 'API Agent (apiagent)' }).filter({ hasText: 'API Company Data' });
  await expect(apiAgentRun.first()).toContainText('200');
});

test.describe('accessibility', () => {
  test('the lesson panel, with a verdict and hints shown', async ({ page }) => {
    await startChapter(page);
    await expectNoViolations(page, 'aside[aria-label="Lesson"]');
    const step = currentStep(page);
    await step.getByRole('button', { name: 'Check' }).click();
    await step.getByRole('button', { name: 'Hint' }).click();
    await expect(step.getByTestId('lesson-verdict')).toContainText('still allows');
    await showMe(page, 1);
    await expectNoViolations(page, 'aside[aria-label="Lesson"]');
  });

  test('the course page', async ({ page }) => {
    await page.goto('/#/course');
    await waitForSandbox(page);
    await expect(page.getByRole('article', { name: CHAPTER.title })).toBeVisible();
    await expectNoViolations(page, 'section[aria-labelledby="course-heading"]');
  });

  test('the panel is usable by keyboard', async ({ page }) => {
    await startChapter(page);
    const check = currentStep(page).getByRole('button', { name: 'Check' });
    await check.focus();
    await page.keyboard.press('Enter');
    await expect(currentStep(page).getByTestId('lesson-verdict')).toContainText('still allows');
    await page.keyboard.press('Tab');
    await expect(currentStep(page).getByRole('button', { name: 'Hint' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(currentStep(page).getByRole('button', { name: 'Show me' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expectCurrentStep(page, 2);
  });
});
