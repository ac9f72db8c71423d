/**
 * Chapter 3.01 by hand: API Company Data and Call API built in the designer with the mouse (toolbar
 * drags, wires, the mapping window) and the keyboard where it is quicker, tried from the API
 * console and run from the Call API screen — no "Show me" — with the lesson panel turning green
 * step by step; then the path on into chapter 3.02 on the learner's own instance.
 */
import { expect, test, type Page } from '@playwright/test';
import { actionBox, canvas, dragMouse, into, outlineConnections, point, save } from './support/designer';
import { currentStep, lessonPanel, startChapter, stepButton } from './support/lessons';

const CHAPTER_301 = { id: 'api-end-point', title: '3.01 Setting up an API End Point' } as const;
const TITLES = [
  'Create the API end point',
  'Take CompanyID from the call',
  'Look the company up',
  "Look the company's orders up",
  'Answer with the company and its orders',
  'Answer 404 when no company matches',
  'Give it a URL Alias',
  'Call it for a company that exists',
  'Call it for a company that does not exist',
  'Create the Call API actionflow',
  'Call the end point with an HTTP action',
  'Read the answer',
  'Show the company on the screen',
  'Show an error on the screen',
  'Attach Call API to the button',
  'Run it and see the company',
] as const;
// A step that cannot be done should fail at once, not wait out the whole test.
test.use({ actionTimeout: 30_000 });

const CALL_URL = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=${in.CompanyID}';

async function passed(page: Page, n: number): Promise<void> {
  await expect(stepButton(page, n)).toHaveAccessibleName(`${n}. ${TITLES[n - 1]} Passed`, { timeout: 15_000 });
  if (n < TITLES.length) await expect(currentStep(page)).toHaveAccessibleName(new RegExp(`^Step ${n + 1} of ${TITLES.length}:`), { timeout: 15_000 });
}

const panel = (page: Page) => page.getByRole('tabpanel');
const mapping = (page: Page) => page.getByRole('dialog', { name: /^Mappings:/ });
const repository = (page: Page) => page.getByRole('navigation', { name: 'Repository' });

/** Drags a kind from the toolbar onto the canvas, names it and creates it unconnected. */
async function drop(page: Page, kind: string, name: string, at: { x: number; y: number }): Promise<void> {
  const box = (await canvas(page).boundingBox())!;
  await panel(page).getByRole('button', { name: `Add ${kind}`, exact: true }).dragTo(canvas(page), { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
  const dialog = page.getByRole('dialog', { name: /^New / });
  await dialog.getByLabel('Action name').fill(name);
  await dialog.getByLabel('Connect from').selectOption({ label: '(no connection)' });
  await dialog.getByRole('button', { name: 'Create Action' }).click();
  await expect(dialog).toBeHidden();
  await panel(page).getByRole('button', { name: 'Tidy up' }).click();
}

/** In the open mapping window, drops each attribute on the blank space: a new parameter of its name. */
async function mapAsNew(page: Page, attributes: string[]): Promise<void> {
  const window = mapping(page);
  for (const attribute of attributes) {
    await window.getByRole('button', { name: new RegExp(`^${attribute} `) }).dragTo(window.getByRole('region', { name: 'New input parameter' }));
    await expect(window.getByRole('listitem', { name: new RegExp(`^${attribute} \\(.*\\), mapped from ${attribute}$`) })).toBeVisible();
  }
}

/** A View on `table`, wired from `from`'s out with CompanyID, filtered on CompanyID = in.CompanyID. */
async function lookUp(page: Page, table: string, name: string, from: string, at: { x: number; y: number }): Promise<void> {
  await drop(page, 'a View action', name, at);
  const view = panel(page).getByRole('region', { name: `View action: ${name}` });
  await view.getByLabel('Primary Table').selectOption({ label: `${table} (transactional)` });
  await dragMouse(page, point(page, 'out', from), into(page, name));
  await expect(mapping(page)).toHaveAccessibleName(`Mappings: ${from} (out) → ${name}`);
  await mapAsNew(page, ['CompanyID']);
  await mapping(page).getByRole('button', { name: 'Done' }).click();
  await actionBox(page, `View action ${name}`).click();
  await view.getByRole('button', { name: 'Add filter' }).click();
  const filter = view.getByRole('group', { name: /^Filter / }).last();
  await filter.getByLabel('Attribute').selectOption('CompanyID');
  await filter.getByLabel('Expression').fill('in.CompanyID');
}

/** Sends a GET from the API console to the URL it holds, with `CompanyID` put in. */
async function sendFromConsole(page: Page, companyId: string, status: string): Promise<void> {
  const url = page.getByLabel('URL', { exact: true });
  await url.fill((await url.inputValue()).replace(/CompanyID=.*$/, `CompanyID=${companyId}`));
  await page.getByLabel('Method').selectOption('GET');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText(status, { timeout: 15_000 });
}

test('chapter 3.01 by hand, then on into 3.02 on the same instance', async ({ page }) => {
  test.setTimeout(420_000); // sixteen steps with drags and typing, on a loaded two-core machine
  await page.setViewportSize({ width: 1280, height: 800 });
  await startChapter(page, CHAPTER_301);
  await expect(lessonPanel(page).getByRole('heading', { name: CHAPTER_301.title })).toBeVisible();

  await test.step('1. Create the API end point', async () => {
    await repository(page).getByRole('button', { name: /^API Endpoints/ }).click();
    await repository(page).getByRole('button', { name: 'New API end point' }).click();
    await expect(panel(page).getByRole('heading', { name: 'New API End Point', exact: true })).toBeVisible();
    await panel(page).getByLabel('Name', { exact: true }).fill('API Company Data');
    await save(page, 'API Company Data');
    await passed(page, 1);
  });

  await test.step('2. Take CompanyID from the call (keyboard: Enter on the Input opens it)', async () => {
    await actionBox(page, 'Input action Input').focus();
    await page.keyboard.press('Enter');
    const input = panel(page).getByRole('region', { name: 'Input action: Input' });
    await input.getByRole('button', { name: 'Add parameter' }).click();
    await input.getByRole('group', { name: /^Parameter / }).getByLabel('Name', { exact: true }).fill('CompanyID');
    await page.keyboard.press('ControlOrMeta+S');
    await passed(page, 2);
  });

  await test.step('3. Look the company up', async () => {
    await lookUp(page, 'Companies', 'Find Company', 'Input', { x: 0.35, y: 0.25 });
    await save(page, 'API Company Data');
    await passed(page, 3);
  });

  await test.step("4. Look the company's orders up", async () => {
    // Named Orders, so the lookup into the Output is named after it: the list the answer carries.
    await lookUp(page, 'Orders', 'Orders', 'Find Company', { x: 0.6, y: 0.25 });
    await save(page, 'API Company Data');
    await passed(page, 4);
  });

  await test.step('5. Answer with the company and its orders', async () => {
    const connections = await outlineConnections(page);
    await connections.getByRole('button', { name: 'Delete connection Input (out) → Output' }).click();
    await panel(page).getByRole('button', { name: 'Connect Orders to…' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect Orders to…' });
    await connect.getByLabel('Connect to').selectOption({ label: 'Output' });
    await connect.getByLabel('Connection type').selectOption('lookup');
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(mapping(page)).toBeVisible();
    await mapAsNew(page, ['CompanyID', 'CompanyName', 'Industry', 'Orders']);
    await mapping(page).getByRole('button', { name: 'Done' }).click();
    await save(page, 'API Company Data');
    await passed(page, 5);
  });

  await test.step('6. Answer 404 when no company matches', async () => {
    await drop(page, 'an Output action', 'Company Not Found', { x: 0.6, y: 0.75 });
    const output = panel(page).getByRole('region', { name: 'Output action: Company Not Found' });
    await output.getByRole('button', { name: 'Add input parameter' }).click();
    await output.getByRole('group', { name: /^Input parameter / }).getByLabel('Name', { exact: true }).fill('error.message');
    await dragMouse(page, point(page, 'empty', 'Find Company'), into(page, 'Company Not Found'));
    const window = mapping(page);
    await window.getByRole('button', { name: 'Expression for statusCode' }).click();
    await window.getByLabel('Expression mapped onto statusCode').fill('404');
    await window.getByRole('button', { name: 'Expression for error.message' }).click();
    await window.getByLabel('Expression mapped onto error.message').fill('concat("No company has the CompanyID ", in.CompanyID, ".")');
    await window.getByRole('button', { name: 'Done' }).click();
    await expect(panel(page).getByRole('region', { name: 'Problems (0)' })).toBeVisible();
    await save(page, 'API Company Data');
    await passed(page, 6);
  });

  await test.step('7. Give it a URL Alias', async () => {
    // With nothing selected, the panel beside the canvas shows the end point's own settings.
    const close = panel(page).getByRole('button', { name: /^Close (action|connection) properties$/ });
    if ((await close.count()) > 0) await close.first().click();
    await panel(page).getByLabel('URL Alias').fill('companydata');
    await expect(panel(page).getByLabel('Allow Anonymous Connections')).toBeChecked();
    await save(page, 'API Company Data');
    await passed(page, 7);
  });

  await test.step('8. and 9. Call it from the API console, for C0001 and for C9999', async () => {
    await panel(page).getByRole('button', { name: 'Try it' }).click();
    await sendFromConsole(page, 'C0001', '200');
    await expect(page.getByLabel('Response body')).toContainText('"Orders": [');
    await passed(page, 8);
    await sendFromConsole(page, 'C9999', '404');
    await expect(page.getByLabel('Response body')).toContainText('No company has the CompanyID C9999.');
    await passed(page, 9);
  });

  await test.step('10. Create the Call API actionflow', async () => {
    await repository(page).getByRole('button', { name: /^Actionflows/ }).click();
    await repository(page).getByRole('button', { name: 'New actionflow' }).click();
    await expect(panel(page).getByRole('heading', { name: 'New Actionflow', exact: true })).toBeVisible();
    await panel(page).getByLabel('Name', { exact: true }).fill('Call API');
    await actionBox(page, 'Input action Input').click();
    const input = panel(page).getByRole('region', { name: 'Input action: Input' });
    await input.getByRole('button', { name: 'Add parameter' }).click();
    await input.getByRole('group', { name: /^Parameter / }).getByLabel('Name', { exact: true }).fill('CompanyID');
    await save(page, 'Call API');
    await passed(page, 10);
  });

  await test.step('11. Call the end point with an HTTP action', async () => {
    await drop(page, 'an HTTP action', 'Call API', { x: 0.35, y: 0.3 });
    await panel(page).getByRole('region', { name: 'HTTP action: Call API' }).getByLabel('URL Template').fill(CALL_URL);
    await dragMouse(page, point(page, 'out', 'Input'), into(page, 'Call API'));
    await mapAsNew(page, ['CompanyID']);
    await mapping(page).getByRole('button', { name: 'Done' }).click();
    await save(page, 'Call API');
    await passed(page, 11);
  });

  await test.step('12. Read the answer', async () => {
    await drop(page, 'a JSON action', 'Read Answer', { x: 0.6, y: 0.2 });
    const json = panel(page).getByRole('region', { name: 'JSON action: Read Answer' });
    for (const attribute of ['CompanyID', 'CompanyName', 'Industry']) {
      await json.getByRole('button', { name: 'Add output attribute' }).click();
      const row = json.getByRole('group', { name: /^Output attribute Attribute\d+$/ });
      await row.getByLabel('Expression').fill(`_result.${attribute}`);
      await row.getByLabel('Name', { exact: true }).fill(attribute);
    }
    await dragMouse(page, point(page, 'out', 'Call API'), into(page, 'Read Answer'));
    await mapping(page).getByRole('button', { name: /^body / }).dragTo(mapping(page).getByRole('region', { name: 'New input parameter' }));
    await mapping(page).getByRole('button', { name: 'Done' }).click();
    await save(page, 'Call API');
    await passed(page, 12);
  });

  /** Maps onto the screen's fields in the open mapping window: from attributes by dragging, or expressions. */
  const fill = async (fields: [string, string | { expression: string }][]) => {
    const window = mapping(page);
    for (const [field, source] of fields) {
      if (typeof source === 'string') {
        await window.getByRole('button', { name: new RegExp(`^${source} `) }).dragTo(window.getByRole('listitem', { name: new RegExp(`^${field} \\(`) }));
      } else {
        await window.getByRole('button', { name: `Expression for ${field}` }).click();
        await window.getByLabel(`Expression mapped onto ${field}`).fill(source.expression);
      }
      await expect(window.getByRole('listitem', { name: new RegExp(`^${field} \\(.*mapped from`) })).toBeVisible();
    }
    await window.getByRole('button', { name: 'Done' }).click();
  };

  await test.step('13. Show the company on the screen', async () => {
    await drop(page, 'a Screen output action', 'Show Result', { x: 0.85, y: 0.2 });
    await panel(page).getByRole('region', { name: 'Screen output action: Show Result' }).getByLabel('Screen').selectOption({ label: 'Call API' });
    await dragMouse(page, point(page, 'out', 'Read Answer'), into(page, 'Show Result'));
    await fill([['Status', 'status'], ['StatusMessage', { expression: '"The call succeeded."' }], ['Industry', 'Industry'], ['CompanyName', 'CompanyName'], ['CompanyID', 'CompanyID'], ['Results', 'body']]);
    await save(page, 'Call API');
    await passed(page, 13);
  });

  await test.step('14. Show an error on the screen', async () => {
    await drop(page, 'a JSON action', 'Read Error', { x: 0.6, y: 0.7 });
    const json = panel(page).getByRole('region', { name: 'JSON action: Read Error' });
    await json.getByLabel('Path').fill('$.error');
    await json.getByRole('button', { name: 'Add output attribute' }).click();
    const row = json.getByRole('group', { name: /^Output attribute Attribute\d+$/ });
    await row.getByLabel('Expression').fill('_result.message');
    await row.getByLabel('Name', { exact: true }).fill('message');
    await dragMouse(page, point(page, 'error', 'Call API'), into(page, 'Read Error'));
    await mapping(page).getByRole('button', { name: /^body / }).dragTo(mapping(page).getByRole('region', { name: 'New input parameter' }));
    await mapping(page).getByRole('button', { name: 'Done' }).click();
    await drop(page, 'a Screen output action', 'Show Error', { x: 0.85, y: 0.7 });
    await panel(page).getByRole('region', { name: 'Screen output action: Show Error' }).getByLabel('Screen').selectOption({ label: 'Call API' });
    await dragMouse(page, point(page, 'out', 'Read Error'), into(page, 'Show Error'));
    await fill([['Status', 'status'], ['StatusMessage', 'message'], ['CompanyID', 'CompanyID'], ['Results', 'body']]);
    await expect(panel(page).getByRole('region', { name: 'Problems (0)' })).toBeVisible();
    await save(page, 'Call API');
    await passed(page, 14);
  });

  await test.step('15. and 16. Attach Call API to the button, run it, see the company', async () => {
    await repository(page).getByRole('button', { name: /^Screens/ }).click();
    await repository(page).getByRole('list', { name: 'Screens', exact: true }).getByRole('link', { name: 'Call API', exact: true }).click();
    const screen = panel(page);
    await screen.getByText('Button actionflows', { exact: true }).click();
    await screen.getByLabel('Actionflow of the Call API button').selectOption({ label: 'Call API' });
    await passed(page, 15);
    await screen.getByLabel('CompanyID', { exact: true }).fill('C0001');
    await screen.getByRole('button', { name: 'Call API', exact: true }).click();
    await expect(screen.getByLabel('CompanyName', { exact: true })).toHaveValue('Northwind Logistics Ltd', { timeout: 15_000 });
    await expect(screen.getByLabel('Status', { exact: true })).toHaveValue('200');
    await passed(page, 16);
  });

  await test.step('finished: 3.02 is offered on this instance, which meets its start', async () => {
    const next = lessonPanel(page).getByRole('region', { name: 'Go on' }).getByRole('article', { name: /^3\.02 / });
    await expect(next.getByTestId('next-can-keep')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath('finished-1280.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: test.info().outputPath('finished-1024.png') });
    await next.getByRole('link', { name: /^Go on to 3\.02/ }).click();
    await expect(page.getByRole('heading', { name: /^Start 3\.02/ })).toBeVisible();
    // The reset is spelt out before anything happens; keeping the instance is offered.
    await expect(page.getByText('What you built in these chapters goes with it')).toBeVisible();
    await page.getByRole('button', { name: 'Keep my instance and start' }).click();
    await expect(currentStep(page)).toHaveAccessibleName(/^Step 1 of 15: Turn off anonymous access/, { timeout: 15_000 });
  });

  await test.step("3.02's first step, by hand, on the learner's own API Company Data", async () => {
    await repository(page).getByRole('list', { name: 'API Endpoints' }).getByRole('link', { name: 'API Company Data' }).click();
    await panel(page).getByLabel('Allow Anonymous Connections').uncheck();
    await save(page, 'API Company Data');
    await expect(stepButton(page, 1)).toHaveAccessibleName('1. Turn off anonymous access Passed', { timeout: 15_000 });
  });
});

test('the course page shows the path: 3.01, then 3.02, then the exercises, each with what it builds on', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/#/course');
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 20_000 });
  const path = page.getByRole('navigation', { name: 'Course path' }).getByRole('listitem');
  await expect(path.first()).toContainText(CHAPTER_301.title);
  await expect(path.nth(1)).toContainText('3.02 Add Authentication');
  const chapter302 = page.getByRole('article', { name: '3.02 Add Authentication to API Calling Actionflow' });
  await expect(chapter302).toContainText(`Builds on: ${CHAPTER_301.title} (not finished yet). You may start it anyway`);
  await expect(page.getByRole('article', { name: 'Exercise: orders between two dates' })).toContainText(`Builds on: ${CHAPTER_301.title}`);
  await page.screenshot({ path: test.info().outputPath('course-1024.png'), fullPage: true });
  // Starting says what a reset would replace before anything happens.
  await page.getByRole('article', { name: CHAPTER_301.title }).getByRole('link', { name: /^Start/ }).click();
  await expect(page.getByRole('heading', { name: `Start ${CHAPTER_301.title}?` })).toBeVisible();
  await expect(page.getByText('before any API end point or Call API actionflow exists')).toBeVisible();
});

test('finished with "Show me", 3.02 is offered; once the instance no longer meets its start, the failing check is listed', async ({ page }) => {
  test.setTimeout(240_000);
  await startChapter(page, CHAPTER_301);
  for (let n = 1; n <= TITLES.length; n++) {
    await expect(currentStep(page)).toHaveAccessibleName(new RegExp(`^Step ${n} of ${TITLES.length}:`), { timeout: 15_000 });
    await lessonPanel(page).getByRole('button', { name: 'Show me' }).click();
    await expect(stepButton(page, n)).toContainText('Passed with help', { timeout: 15_000 });
  }
  const next = lessonPanel(page).getByRole('region', { name: 'Go on' }).getByRole('article', { name: /^3\.02 / });
  await expect(next.getByTestId('next-can-keep')).toBeVisible({ timeout: 15_000 });

  // Take the actionflow off the button: the offer now says why the instance would not do.
  await repository(page).getByRole('button', { name: /^Screens/ }).click();
  await repository(page).getByRole('list', { name: 'Screens', exact: true }).getByRole('link', { name: 'Call API', exact: true }).click();
  await panel(page).getByText('Button actionflows', { exact: true }).click();
  await panel(page).getByLabel('Actionflow of the Call API button').selectOption({ label: '(none)' });
  await expect(next.getByTestId('next-start-failures')).toContainText('does not run the Call API actionflow', { timeout: 15_000 });
  await next.getByRole('link', { name: /^Go on to 3\.02/ }).click();
  await expect(page.getByTestId('start-check-failures')).toContainText('does not run the Call API actionflow');
  await expect(page.getByRole('button', { name: 'Reset and start' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Keep my instance and start' })).toHaveCount(0);
});
