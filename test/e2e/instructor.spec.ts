import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  CHAPTER,
  EXERCISE,
  currentStep,
  expectCurrentStep,
  expectNoViolations,
  lessonPanel,
  showMe,
  startChapter,
  stepButton,
  waitForSandbox,
  watchForText,
} from './support/lessons';

test.describe.configure({ timeout: 90_000 });

async function openInstructor(page: Page): Promise<void> {
  await page.goto('/#/instructor');
  await waitForSandbox(page);
  await expect(page.getByRole('heading', { name: 'Instructor tools' })).toBeVisible();
}

async function anonymousSwitch(page: Page) {
  await page.goto('/#/open/actionflow/af-api-company-data');
  return page.getByRole('tabpanel').getByRole('switch', { name: 'Allow Anonymous Connections' });
}

test('reset to step 5 runs the solutions of steps 1-4 with progress and opens the chapter at step 5', async ({ page }) => {
  await openInstructor(page);
  await page.getByLabel('Chapter', { exact: true }).selectOption({ label: CHAPTER.title });
  await page.getByLabel('Step', { exact: true }).selectOption({ label: '5. Put the API user in a group' });
  await expect(page.getByText('set by the instructor', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Reset to this step' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Reset to step 5 of ${CHAPTER.title}?` });
  await expect(dialog).toContainText('solutions of steps 1 to 4 run in order');
  const progressShown = await watchForText(page, /Running solution \d of 4/);
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();

  await expectCurrentStep(page, 5);
  expect(await progressShown()).toEqual([1, 2, 3, 4].map((n) => `Running solution ${n} of 4`));
  await expect(page).toHaveURL(/#\/course\/add-authentication\/create-user-group$/);
  for (let n = 1; n <= 4; n++) await expect(stepButton(page, n)).toContainText('Set by the instructor');
  await expect(stepButton(page, 5)).toContainText('Not done');

  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^Users/ }).click();
  await expect(repository.getByRole('link', { name: 'API Agent apiagent' })).toBeVisible();
  await repository.getByRole('button', { name: /^Roles/ }).click();
  await expect(repository.getByRole('link', { name: 'GenerateAPIToken' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');

  // The step is checked against that state: step 5 is not done yet.
  await currentStep(page).getByRole('button', { name: 'Check' }).click();
  await expect(currentStep(page).getByTestId('lesson-verdict')).toContainText('There is no user group named APIUsers yet.');

  // The course page and the report say who did steps 1-4.
  await page.goto('/#/course');
  await expect(page.getByRole('article', { name: CHAPTER.title })).toContainText('4 steps set by the instructor.');
  await page.goto('/#/report');
  const report = page.getByRole('region', { name: `${CHAPTER.title}: progress` });
  await expect(report.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: 'Set by the instructor' }) }).getByRole('definition')).toHaveText('4');
  await expect(report.getByRole('row', { name: /^1\. Turn off anonymous access/ })).toContainText('Set by the instructor');
});

test('reset to a chapter\'s start clears its progress and the instance', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await page.getByRole('navigation', { name: 'Course pages' }).getByRole('link', { name: 'Instructor' }).click();
  await page.getByRole('button', { name: "Reset to the chapter's start" }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await expectCurrentStep(page, 1);
  await expect(stepButton(page, 1)).toContainText('Not done');
  await expect(await anonymousSwitch(page)).toBeChecked();
});

test('reset to a fresh instance clears every chapter\'s progress', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await openInstructor(page);
  await page.getByRole('button', { name: 'Reset to a fresh instance' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'reset to a fresh training instance' })).toBeVisible({ timeout: 20_000 });
  await expect(stepButton(page, 1)).toContainText('Not done');
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');
  await expect(await anonymousSwitch(page)).toBeChecked();
});

test('the class link asks first, then starts the chapter on a fresh instance', async ({ page }) => {
  await page.goto(`/#/start/${CHAPTER.id}`);
  await waitForSandbox(page);
  await expect(page.getByRole('heading', { name: `Start ${CHAPTER.title}?` })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/#\/course$/);
  await expect(lessonPanel(page)).toContainText('No chapter is open');

  await startChapter(page);
  await showMe(page, 1);
  await expect(await anonymousSwitch(page)).not.toBeChecked();

  await page.goto(`/#/start/${CHAPTER.id}`);
  await page.getByRole('button', { name: 'Reset and start' }).click();
  await expectCurrentStep(page, 1);
  await expect(page).toHaveURL(/#\/course\/add-authentication\/turn-off-anonymous$/);
  await expect(stepButton(page, 1)).toContainText('Not done');
  await expect(await anonymousSwitch(page)).toBeChecked();

  await page.goto('/#/start/no-such-chapter');
  await expect(page.getByRole('heading', { name: 'Chapter not found' })).toBeVisible();
});

test('the instructor page lists a class link per chapter', async ({ page }) => {
  await openInstructor(page);
  const links = page.getByRole('region', { name: 'Class links' });
  await expect(links.getByRole('link', { name: /#\/start\/add-authentication$/ })).toBeVisible();
  await expect(links.getByRole('link', { name: /#\/start\/exercise-reporting-access$/ })).toBeVisible();
});

test('export then import of an instance file round-trips; a bad file changes nothing', async ({ page }) => {
  await startChapter(page);
  await showMe(page, 1);
  await openInstructor(page);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export instance' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^actionflow-sandbox-instance-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = await download.path();
  const file = JSON.parse(await readFile(exported, 'utf8')) as { format: string; tables: { actionflows: { id: string; api?: { allowAnonymousConnections: boolean } }[] } };
  expect(file.format).toBe('actionflow-sandbox-instance');
  expect(file.tables.actionflows.find((a) => a.id === 'af-api-company-data')?.api?.allowAnonymousConnections).toBe(false);

  await page.getByRole('button', { name: 'Reset to a fresh instance' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'reset to a fresh training instance' })).toBeVisible({ timeout: 20_000 });

  await page.getByLabel('Instance file to import').setInputFiles(exported);
  await page.getByRole('button', { name: 'Import instance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The instance was replaced by the contents of' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');
  await expect(await anonymousSwitch(page)).not.toBeChecked();

  await openInstructor(page);
  await page.getByLabel('Instance file to import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
  await page.getByRole('button', { name: 'Import instance' }).click();
  await expect(page.getByRole('alert')).toContainText('The file cannot be imported, and the instance was not changed.');

  await page.getByLabel('Instance file to import').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') });
  await page.getByRole('button', { name: 'Import instance' }).click();
  await expect(page.getByRole('alert')).toHaveText('The file cannot be imported, and the instance was not changed. It is not valid JSON.');
  await expect(await anonymousSwitch(page)).not.toBeChecked();
});

test('the progress report lists what was done, printable and as JSON', async ({ page }) => {
  await startChapter(page);
  await currentStep(page).getByRole('button', { name: 'Check' }).click();
  await expect(currentStep(page).getByTestId('lesson-verdict')).toContainText('still allows');
  await currentStep(page).getByRole('button', { name: 'Hint' }).click();
  await showMe(page, 1);

  await page.goto('/#/report');
  const report = page.getByRole('article', { name: 'Progress report' });
  const chapter = report.getByRole('region', { name: CHAPTER.title });
  await expect(chapter).toContainText('in progress');
  await expect(chapter).toContainText('1 of 15');
  const row = chapter.getByRole('row', { name: /^1\. Turn off anonymous access/ });
  await expect(row.getByRole('cell')).toHaveText(['Passed with help', /\d/, '1', '1']);
  await expect(chapter.getByRole('row', { name: /^2\. See an anonymous call refused/ }).getByRole('cell')).toHaveText(['Not done', '—', '0', '0']);
  const exercise = report.getByRole('region', { name: EXERCISE.title });
  await expect(exercise).toContainText('not started');
  await expect(exercise).toContainText('0 of 6 points');
  await expect(report.getByRole('button', { name: 'Print' })).toBeVisible();

  // Printed, only the report shows: no header, repository, lesson panel or Print button.
  await page.emulateMedia({ media: 'print' });
  await expect(report.getByRole('heading', { name: 'Progress report' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Repository' })).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toBeHidden();
  await expect(report.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await report.getByRole('link', { name: 'Instructor tools' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^actionflow-sandbox-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    chapters: { chapterId: string; stepsDone: number; steps: { id: string; status: string; attempts: number; hintsUsed: number }[] }[];
  };
  const saved = json.chapters.find((c) => c.chapterId === CHAPTER.id)!;
  expect(saved.stepsDone).toBe(1);
  expect(saved.steps[0]).toMatchObject({ id: 'turn-off-anonymous', status: 'passedWithHelp', attempts: 1, hintsUsed: 1 });
});

test.describe('accessibility', () => {
  test('the instructor page, with a refused import shown', async ({ page }) => {
    await openInstructor(page);
    await page.getByLabel('Instance file to import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
    await page.getByRole('button', { name: 'Import instance' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'section[aria-labelledby="instructor-heading"]');
  });

  test('the progress report', async ({ page }) => {
    await startChapter(page);
    await showMe(page, 1);
    await page.goto('/#/report');
    await expect(page.getByRole('article', { name: 'Progress report' }).getByRole('region', { name: CHAPTER.title })).toBeVisible();
    await expectNoViolations(page, 'article[aria-labelledby="report-heading"]');
  });

  test('the class link page', async ({ page }) => {
    await page.goto(`/#/start/${CHAPTER.id}`);
    await waitForSandbox(page);
    await expect(page.getByRole('button', { name: 'Reset and start' })).toBeVisible();
    await expectNoViolations(page, 'section[aria-labelledby="start-heading"]');
  });
});
