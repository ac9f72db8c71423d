/**
 * The import chapter in the browser: ImportCompanies built by hand in the designer with the lesson
 * panel seeing each step done; then, from step 9, the import's progress (time left on the sandbox
 * clock, Stop, fast-forward), the second run refused with a warning on the other screen of the same
 * workspace and in a second tab of the browser, axe on the screens while the import runs, and the
 * companies imported once.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { actionBox, save } from './support/designer';
import { currentStep, expectNoViolations, lessonPanel, startChapter, stepButton, waitForSandbox } from './support/lessons';
import { openLoggedIn, waitForServiceWorker } from './support/login';

const CHAPTER = { id: 'stop-multiple-processes', title: 'Stop Multiple Processes Running While Performing Data Import' } as const;
const TOTAL = 11;
const BUSY = /Warning: The actionflow ImportCompanies did not run: its exclusion group Import is taken by ImportCompanies, which is still running\./;

test.describe.configure({ timeout: 180_000 });

const panel = (page: Page) => page.getByRole('tabpanel');

async function expectAtStep(page: Page, n: number): Promise<void> {
  await expect(currentStep(page)).toHaveAccessibleName(new RegExp(`^Step ${n} of ${TOTAL}:`), { timeout: 15_000 });
}

async function passed(page: Page, n: number, title: string): Promise<void> {
  await expect(stepButton(page, n)).toHaveAccessibleName(`${n}. ${title} Passed`, { timeout: 15_000 });
  if (n < TOTAL) await expectAtStep(page, n + 1);
}

/** Adds an action from the toolbar with the keyboard's dialog, connected from `from` ("Input (out)"). */
async function addAction(page: Page, kind: string, name: string, from: string, table?: string): Promise<void> {
  await panel(page).getByRole('button', { name: `Add ${kind} action`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^New / });
  // The table first: choosing one names the action after it.
  if (table) await dialog.getByLabel('Table').selectOption({ label: table });
  await dialog.getByLabel('Action name').fill(name);
  await dialog.getByLabel('Connect from').selectOption({ label: from });
  await dialog.getByRole('button', { name: 'Create Action' }).click();
  await expect(dialog).toBeHidden();
}

/** The mapping window that opens on connecting: Map all (or nothing), then Done. */
async function mapping(page: Page, mapAll: boolean): Promise<void> {
  const window = page.getByRole('dialog', { name: /^Mappings:/ });
  await expect(window).toBeVisible();
  if (mapAll) await window.getByRole('button', { name: 'Map all' }).click();
  await window.getByRole('button', { name: 'Done' }).click();
  await expect(window).toBeHidden();
}

async function openFromTree(page: Page, group: string, name: string): Promise<void> {
  const repository = page.getByRole('navigation', { name: 'Repository' });
  const toggle = repository.getByRole('button', { name: new RegExp(`^${group}`) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await repository.getByRole('link', { name, exact: true }).click();
}

/** The screen's Button actionflows picker for `button`. */
async function chooseButtonFlow(page: Page, button: string, flow: string): Promise<void> {
  const details = panel(page).locator('details.button-flows');
  if ((await details.getAttribute('open')) === null) await panel(page).getByText('Button actionflows').click();
  await panel(page).getByLabel(`Actionflow of the ${button} button`).selectOption({ label: flow });
  await expect(panel(page).getByText(`The ${button} button now runs ${flow}.`)).toBeVisible();
}

test('the import chapter by hand in the designer: every building step seen done by the lesson panel', async ({ page }) => {
  await startChapter(page, CHAPTER);

  await test.step('1. Create ImportCompanies on the Import button', async () => {
    await page.getByRole('navigation', { name: 'Repository' }).getByRole('button', { name: 'New actionflow' }).click();
    const name = panel(page).getByLabel('Name', { exact: true }).first();
    await name.fill('ImportCompanies');
    await save(page, 'ImportCompanies');
    await openFromTree(page, 'Screens', 'Company Approval Review');
    await chooseButtonFlow(page, 'Import', 'ImportCompanies');
    await passed(page, 1, 'Create ImportCompanies on the Import button');
  });

  await test.step('2. A Calculate action that waits', async () => {
    await panel(page).getByRole('link', { name: 'Open ImportCompanies' }).click();
    await addAction(page, 'a Calculate', 'Set Status', 'Input (out)');
    await mapping(page, false);
    const calc = panel(page).getByRole('region', { name: 'Calculate action: Set Status' });
    for (const [attribute, type, expression] of [['Status', 'String', '"New"'], ['Delay', 'Integer', 'sleep(20)']] as const) {
      await calc.getByRole('button', { name: 'Add output attribute' }).click();
      const row = calc.getByRole('group', { name: /^Output attribute Attribute\d+$/ });
      await row.getByLabel('Expression').fill(expression);
      await row.getByLabel('Type').selectOption(type);
      await row.getByLabel('Name', { exact: true }).fill(attribute);
      await expect(calc.getByRole('group', { name: `Output attribute ${attribute}` })).toBeVisible();
    }
    await save(page, 'ImportCompanies');
    await passed(page, 2, 'Add a Calculate action that waits');
  });

  await test.step('3. Status is _context.Status in the analysis model', async () => {
    await openFromTree(page, 'Tables', 'AdditionalCompanies_Processed');
    await panel(page).getByRole('button', { name: 'Edit the expression of Status' }).click();
    await panel(page).getByLabel('Expression', { exact: true }).fill('_context.Status');
    await panel(page).getByRole('button', { name: 'Save expression' }).click();
    await passed(page, 3, 'Set Status in the analysis model');
  });

  await test.step('4–6. Analysis, View (Latest), Save (Insert) with mappings', async () => {
    await openFromTree(page, 'Actionflows', 'ImportCompanies');
    await addAction(page, 'an Analysis', 'Process Companies', 'Set Status (out)');
    await mapping(page, true);
    const analysis = panel(page).getByRole('region', { name: 'Analysis action: Process Companies' });
    await analysis.getByRole('group', { name: 'Tables' }).getByRole('checkbox', { name: 'AdditionalCompanies_Processed' }).check();
    await save(page, 'ImportCompanies');
    await passed(page, 4, 'Run the analysis of AdditionalCompanies_Processed');

    await addAction(page, 'a View', 'Processed Companies', 'Process Companies (out)', 'AdditionalCompanies_Processed');
    await mapping(page, false);
    await panel(page).getByRole('region', { name: 'View action: Processed Companies' }).getByLabel('Data Range').selectOption('latest');
    await save(page, 'ImportCompanies');
    await passed(page, 5, 'View the latest processed companies');

    await addAction(page, 'a Save', 'Save Companies', 'Processed Companies (out)', 'Companies (transactional)');
    await mapping(page, true);
    const saveType = panel(page).getByRole('region', { name: 'Save action: Save Companies' }).getByRole('combobox', { name: 'Type', exact: true }).filter({ has: page.locator('option[value="insert"]') });
    await saveType.selectOption('insert');
    await save(page, 'ImportCompanies');
    await passed(page, 6, 'Save the new companies into Companies');
    await expect(actionBox(page, 'Save action Save Companies')).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/import-designer.png' });
  });

  await test.step('7. One exclusion group over the screen\'s actionflows', async () => {
    // With no action selected, the properties are the actionflow's settings.
    await panel(page).getByRole('button', { name: 'Close action properties' }).click();
    await panel(page).getByLabel('Exclusion Group').fill('Import');
    await save(page, 'ImportCompanies');
    // Not yet: ApproveCompanies, the Approve button's, is outside the group; the reason names it.
    await currentStep(page).getByRole('button', { name: 'Check' }).click();
    await expect(currentStep(page).getByTestId('lesson-verdict')).toContainText('ApproveCompanies, which Company Approval Review also runs, has no Exclusion Group; set it to Import too.');
    await openFromTree(page, 'Actionflows', 'ApproveCompanies');
    await panel(page).getByLabel('Exclusion Group').fill('import');
    await save(page, 'ApproveCompanies');
    await passed(page, 7, "Put the screen's actionflows in one exclusion group");
  });

  await test.step('8. A second instance on Company Management', async () => {
    await openFromTree(page, 'Screens', 'Company Management');
    await chooseButtonFlow(page, 'Import', 'ImportCompanies');
    await passed(page, 8, 'Give Company Management the same import');
  });
});

/** Starts the chapter at step 9 from the instructor page (the solutions of steps 1–8 run). */
async function resetToRunImport(page: Page): Promise<void> {
  await page.goto('/#/instructor');
  await waitForSandbox(page);
  await page.getByLabel('Chapter', { exact: true }).selectOption({ label: CHAPTER.title });
  await page.getByLabel('Step', { exact: true }).selectOption({ label: '9. Run the import' });
  await page.getByRole('button', { name: 'Reset to this step' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await expectAtStep(page, 9);
}

const status = (screen: Locator) => screen.getByRole('status').filter({ hasText: /Running|finished/ }).first();

/**
 * Makes ImportCompanies wait `seconds` instead of 20, through the sandbox API with the page's
 * session: the refusals and axe below need the run to last, whatever the machine's load.
 */
async function setDelay(page: Page, seconds: number): Promise<void> {
  await waitForServiceWorker(page);
  await page.evaluate(async (seconds) => {
    const headers = { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' };
    const repository = await (await fetch('/sandbox/api/repository', { headers })).json();
    const id = repository.actionflows.find((a: { name: string }) => a.name === 'ImportCompanies').id as string;
    const { actionflow } = await (await fetch(`/sandbox/api/actionflows/${id}`, { headers })).json();
    for (const action of actionflow.actions) {
      if (action.kind !== 'calculate') continue;
      for (const attribute of action.props.attributes) if (attribute.name === 'Delay') attribute.expression = `sleep(${seconds})`;
    }
    const saved = await fetch(`/sandbox/api/actionflows/${id}`, { method: 'PUT', headers, body: JSON.stringify({ actions: actionflow.actions, connections: actionflow.connections, version: actionflow.version }) });
    if (!saved.ok) throw new Error(`The delay was not saved: ${await saved.text()}`);
  }, seconds);
}

test('while the import runs: time left, a warning on the other screen and in a second tab, axe, fast-forward, Stop, and the companies once', async ({ page, context }) => {
  await resetToRunImport(page);
  const tabs = page.getByRole('tablist', { name: 'Open items' });
  const front = (name: RegExp) => tabs.getByRole('tab', { name }).click();
  // Both screens open in the workspace (the first pinned, so the second opens beside it).
  await openFromTree(page, 'Screens', 'Company Approval Review');
  await panel(page).getByRole('button', { name: 'Pin tab' }).click();
  await openFromTree(page, 'Screens', 'Company Management');
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await front(/Company Approval Review$/);
  const approval = panel(page);

  await test.step('the 20-second import, fast-forwarded on the sandbox clock: the companies are there once', async () => {
    await approval.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(status(approval)).toHaveText(/Running the Import actionflow/);
    await expect(approval.getByText(/^ImportCompanies is running, at the action Set Status: about \d+ seconds? left\./)).toBeVisible();
    await approval.getByRole('button', { name: /^Fast-forward the sandbox clock by the \d+ seconds? left$/ }).click();
    await expect(status(approval)).toHaveText('The Import actionflow finished.', { timeout: 20_000 });
    await expect(approval.getByText(/Rows 1–50 of 264/)).toBeVisible();
    await expect(stepButton(page, 9)).toHaveAccessibleName('9. Run the import Passed', { timeout: 15_000 });
  });

  await setDelay(page, 600);
  const second = await context.newPage();
  await openLoggedIn(second, '#/open/screen/screen-company-management');
  await approval.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(status(approval)).toHaveText(/Running the Import actionflow/);

  await test.step('a second tab of the browser is refused (Web Locks), with a warning naming the group and the running actionflow', async () => {
    await panel(second).getByRole('button', { name: 'Import', exact: true }).click();
    await expect(panel(second).getByRole('alert')).toHaveText(BUSY);
  });

  await test.step('the other screen of the same workspace is refused too, and stays usable; axe finds nothing', async () => {
    await front(/Company Management$/);
    const management = panel(page);
    await management.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(management.getByRole('alert')).toHaveText(BUSY);
    await page.screenshot({ path: '/tmp/shots/import-refused.png' });
    await expectNoViolations(page, '[role="tabpanel"]');
  });

  await test.step('the running screen shows the action, the time left and Stop; axe finds nothing', async () => {
    await front(/Company Approval Review$/);
    await expect(approval.getByText(/^ImportCompanies is running, at the action Set Status: about \d+ seconds left\./)).toBeVisible();
    await expect(approval.getByRole('button', { name: 'Stop ImportCompanies' })).toBeVisible();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: '/tmp/shots/import-running-1024.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: '/tmp/shots/import-running.png' });
    await expectNoViolations(page, '[role="tabpanel"]');
    await approval.getByRole('button', { name: /^Fast-forward the sandbox clock by the \d+ seconds left$/ }).click();
    await expect(status(approval)).toHaveText('The Import actionflow finished.', { timeout: 20_000 });
    // Data Range Latest: the second import added nothing.
    await expect(approval.getByText(/Rows 1–50 of 264/)).toBeVisible();
    await expect(stepButton(page, 10)).toHaveAccessibleName('10. Run it again: nothing is added Passed', { timeout: 15_000 });
    await expect(stepButton(page, 11)).toHaveAccessibleName('11. See the second import refused Passed', { timeout: 15_000 });
  });

  await test.step('when the first has ended, Import works again in the second tab', async () => {
    await panel(second).getByRole('button', { name: 'Import', exact: true }).click();
    await expect(panel(second).getByText(/^ImportCompanies is running/)).toBeVisible();
    await panel(second).getByRole('button', { name: /^Fast-forward/ }).click();
    await expect(status(panel(second))).toHaveText('The Import actionflow finished.', { timeout: 20_000 });
    await second.close();
  });

  await test.step('Stop really stops a run, and frees the group for the other screen', async () => {
    await approval.getByRole('button', { name: 'Import', exact: true }).click();
    await approval.getByRole('button', { name: 'Stop ImportCompanies' }).click();
    await expect(approval.getByRole('alert')).toHaveText('The actionflow ImportCompanies was stopped by trainee before it finished.');
    await front(/Company Management$/);
    const management = panel(page);
    await management.getByRole('button', { name: 'Import', exact: true }).click();
    await management.getByRole('button', { name: /^Fast-forward/ }).click();
    await expect(status(management)).toHaveText('The Import actionflow finished.', { timeout: 20_000 });
  });

  await test.step('the audit trail shows the refused runs with their reason', async () => {
    await openFromTree(page, 'Tools', 'Audit trail');
    await expect(panel(page).getByText('exclusion_group_busy').first()).toBeVisible();
    await expect(panel(page).getByText(/its exclusion group Import is taken by ImportCompanies/).first()).toBeVisible();
  });
});
