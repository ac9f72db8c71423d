/**
 * The designer's edits and saves: every kind of edit undone and redone, a save another tab made
 * first, the last runs' trace over the canvas (after a failing and a succeeding call, the actionflow
 * attached to the screen button with its keyboard picker), and axe with the mapping window and the
 * problems list open.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLoggedIn, waitForServiceWorker } from './support/login';
import { actionBox, canvas, outlineActions, outlineConnections, save } from './support/designer';

const transformOf = (page: Page, id: string) => canvas(page).locator(`.svelte-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

test('every kind of edit is undone and redone, with the buttons and with Ctrl+Z / Ctrl+Shift+Z', async ({ page }) => {
  test.slow();
  await openLoggedIn(page, '#/open/actionflow/af-api-company-data');
  const panel = page.getByRole('tabpanel');
  const undo = () => panel.getByRole('button', { name: 'Undo', exact: true }).click();
  const redo = () => panel.getByRole('button', { name: 'Redo', exact: true }).click();
  const actions = await outlineActions(page);
  const connections = await outlineConnections(page);
  const calcInOutline = actions.getByRole('listitem').filter({ hasText: 'Calculate action Work Out' });

  await test.step('settings', async () => {
    const group = panel.getByLabel('Exclusion Group');
    await group.fill('imports');
    await undo();
    await expect(group).toHaveValue('');
    await redo();
    await expect(group).toHaveValue('imports');
  });

  await test.step('add an action, rename it, its input parameters and its properties', async () => {
    await panel.getByRole('button', { name: 'Add a Calculate action', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New Calculate action' });
    await dialog.getByLabel('Action name').fill('Work Out');
    await dialog.getByRole('button', { name: 'Create Action' }).click();
    await expect(calcInOutline).toHaveCount(1);
    await undo();
    await expect(calcInOutline).toHaveCount(0);
    await redo();
    await expect(calcInOutline).toHaveCount(1);

    const calc = panel.getByRole('region', { name: 'Calculate action: Work Out' });
    // The free spot for it lies past the right edge of the view: the canvas pans to show it whole.
    const flowBox = (await canvas(page).locator('.svelte-flow').boundingBox())!;
    await expect.poll(async () => {
      const box = (await actionBox(page, 'Calculate action Work Out').boundingBox())!;
      return box.x >= flowBox.x && box.x + box.width <= flowBox.x + flowBox.width && box.y >= flowBox.y && box.y + box.height <= flowBox.y + flowBox.height;
    }).toBe(true);
    // On a fresh profile the Company Data is still being seeded here: the repository refreshes
    // keep the canvas' nodes as they are, and the canvas does not scroll when a node takes the
    // focus, so one click selects.
    await actionBox(page, 'Calculate action Work Out').click();
    await expect(calc).toBeVisible();
    expect(await canvas(page).locator('.svelte-flow').evaluate((el) => [el.scrollLeft, el.scrollTop])).toEqual([0, 0]);
    await calc.getByLabel('Name', { exact: true }).first().fill('Work It Out');
    await expect(actionBox(page, 'Calculate action Work It Out')).toBeVisible();
    await undo();
    await expect(actionBox(page, 'Calculate action Work Out')).toBeVisible();

    const work = panel.getByRole('region', { name: 'Calculate action: Work Out' });
    await work.getByRole('button', { name: 'Add input parameter' }).click();
    await expect(work.getByRole('group', { name: /^Input parameter / })).toHaveCount(1);
    await work.getByRole('button', { name: 'Add output attribute' }).click();
    await expect(work.getByRole('group', { name: /^Output attribute / })).toHaveCount(1);
    await undo();
    await expect(work.getByRole('group', { name: /^Output attribute / })).toHaveCount(0);
    await undo();
    await expect(work.getByRole('group', { name: /^Input parameter / })).toHaveCount(0);
    await redo();
    await expect(work.getByRole('group', { name: /^Input parameter / })).toHaveCount(1);
  });

  const mapping = page.getByRole('dialog', { name: /^Mappings:/ });
  const workToOutput = connections.getByRole('listitem').filter({ hasText: /^Work Out \(out\) → Output/ });
  await test.step('connect, map all, unmap, clear, and the connection type', async () => {
    await panel.getByRole('region', { name: 'Calculate action: Work Out' }).getByRole('button', { name: 'Connect to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect Work Out to…' });
    await dialog.getByLabel('Connect to').selectOption({ label: 'Output' });
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(mapping).toHaveAccessibleName('Mappings: Work Out (out) → Output');
    // Work Out's records carry its input parameter Input1: Map all gives the Output one of the same name.
    await mapping.getByRole('button', { name: 'Map all' }).click();
    await expect(mapping.getByRole('listitem', { name: 'Input1 (String), mapped from Input1' })).toBeVisible();
    await mapping.getByRole('button', { name: 'Clear' }).click();
    await expect(mapping.getByRole('listitem', { name: 'Input1 (String), not mapped' })).toBeVisible();
    await mapping.getByRole('button', { name: 'Done' }).click();
    await expect(workToOutput).toHaveText(/not mapped/);
    await undo(); // clear
    await expect(workToOutput).toHaveText(/mapped: Input1/);
    await panel.getByRole('button', { name: 'Mappings of Work Out (out) → Output' }).click();
    await mapping.getByRole('button', { name: 'Unmap Input1' }).click();
    await expect(mapping.getByRole('listitem', { name: 'Input1 (String), not mapped' })).toBeVisible();
    await mapping.getByRole('button', { name: 'Done' }).click();
    await expect(workToOutput).toHaveText(/not mapped/);
    await undo(); // unmap
    await expect(workToOutput).toHaveText(/mapped: Input1/);
    await undo(); // map all
    await expect(workToOutput).toHaveText(/not mapped/);
    await undo(); // connect
    await expect(workToOutput).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(workToOutput).toHaveText(/mapped: Input1/);

    const side = panel.getByRole('complementary', { name: 'Properties' });
    await panel.getByRole('button', { name: 'Mappings of Work Out (out) → Output' }).click();
    await page.keyboard.press('Escape');
    await side.getByLabel('Connection type').selectOption('lookup');
    await expect(workToOutput).toHaveText(/\(lookup\)/);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(workToOutput).not.toHaveText(/\(lookup\)/);
    await side.getByRole('button', { name: 'Delete connection' }).click();
    await expect(workToOutput).toHaveCount(0);
    await undo();
    await expect(workToOutput).toHaveCount(1);
  });

  await test.step('move by keyboard, delete by keyboard, tidy up', async () => {
    const box = actionBox(page, 'Calculate action Work Out');
    const id = (await box.getAttribute('data-id'))!;
    const before = await transformOf(page, id);
    await box.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => transformOf(page, id)).not.toBe(before);
    await undo();
    await expect.poll(() => transformOf(page, id)).toBe(before);

    await box.focus();
    await page.keyboard.press('Delete');
    await expect(calcInOutline).toHaveCount(0);
    await expect(workToOutput).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(calcInOutline).toHaveCount(1);
    await expect(workToOutput).toHaveCount(1);

    const input = await transformOf(page, 'find-company');
    await panel.getByRole('button', { name: 'Tidy up' }).click();
    await expect.poll(() => transformOf(page, 'find-company')).not.toBe(input);
    await undo();
    await expect.poll(() => transformOf(page, 'find-company')).toBe(input);
    await expect(panel.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute('title', /^Undo /);
  });

  await test.step('the draft outlives a reload; closing the tab asks before it discards it', async () => {
    await page.reload();
    const reloaded = page.getByRole('tabpanel');
    await expect(reloaded.getByText('Your unsaved draft of API Company Data was kept from before the reload.')).toBeVisible({ timeout: 20_000 });
    await expect(reloaded.getByLabel('Exclusion Group')).toHaveValue('imports');
    await page.getByRole('button', { name: 'Close tab API Company Data' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Close API Company Data with unsaved changes?' });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toBeVisible();
    await page.getByRole('button', { name: 'Close tab API Company Data' }).click();
    await ask.getByRole('button', { name: 'Close and discard the changes' }).click();
    await expect(page.getByRole('tab', { name: 'API Company Data' })).toHaveCount(0);
    await page.goto('/#/open/actionflow/af-api-company-data');
    await expect(page.getByRole('tabpanel').getByLabel('Exclusion Group')).toHaveValue('');
  });
});

test('a save another tab made first is not overwritten unasked: Keep my draft, or Reload', async ({ page, context }) => {
  test.slow();
  await openLoggedIn(page, '#/open/actionflow/af-api-company-data');
  const second = await context.newPage();
  await second.goto('/#/open/actionflow/af-api-company-data');
  const first = page.getByRole('tabpanel');
  const other = second.getByRole('tabpanel');
  await expect(other.getByLabel('Exclusion Group')).toBeVisible({ timeout: 20_000 });

  await first.getByLabel('Exclusion Group').fill('first-tab');
  await other.getByLabel('Exclusion Group').fill('second-tab');
  await save(second, 'API Company Data');

  await first.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = first.getByRole('alert').filter({ hasText: 'was saved elsewhere' });
  await expect(conflict).toContainText('it is now at version 2');
  await expect(conflict).toContainText('nothing was saved');
  // The second tab changes something else meanwhile, not saved yet.
  await other.getByLabel('Description').fill('Edited in the second tab');
  await conflict.getByRole('button', { name: 'Keep my draft' }).click();
  await expect(first.getByRole('status').filter({ hasText: 'was saved (version 3)' })).toBeVisible();

  await other.getByRole('button', { name: 'Save', exact: true }).click();
  const second409 = other.getByRole('alert').filter({ hasText: 'it is now at version 3' });
  await second409.getByRole('button', { name: 'Reload version 3' }).click();
  await expect(other.getByLabel('Exclusion Group')).toHaveValue('first-tab');
  await expect(other.getByLabel('Description')).not.toHaveValue('Edited in the second tab');
  await expect(other.getByRole('status').filter({ hasText: 'your draft was discarded' })).toBeVisible();
});

test('the last runs lie over the canvas: a failing and a succeeding call, after attaching by the keyboard picker', async ({ page }) => {
  test.slow();
  await openLoggedIn(page);
  // An actionflow whose Calculate fails unless the CompanyID is a number, made through the API.
  await waitForServiceWorker(page);
  await page.evaluate(async () => {
    const headers = { 'content-type': 'application/json', 'x-sandbox-session': sessionStorage.getItem('actionflow-sandbox.session') ?? '' };
    const created = await (await fetch('/sandbox/api/actionflows', { method: 'POST', headers, body: JSON.stringify({ applicationId: 'app-actionflow-advanced', kind: 'screen', name: 'Number Check' }) })).json();
    const flow = created.actionflow;
    const graph = {
      version: flow.version,
      actions: [
        { ...flow.actions[0], props: { parameters: [{ name: 'CompanyID', type: 'String' }] } },
        { id: 'as-number', kind: 'calculate', name: 'As Number', description: '', position: { x: 260, y: 0 }, inputs: [{ name: 'CompanyID', type: 'String' }], props: { attributes: [{ name: 'Number', type: 'Integer', expression: 'in.CompanyID' }] } },
        { id: 'show', kind: 'screenOutput', name: 'Show Number', description: '', position: { x: 520, y: 0 }, inputs: [], props: { screenId: 'screen-call-api' } },
      ],
      connections: [
        { id: 'c1', from: flow.actions[0].id, point: 'out', to: 'as-number', type: 'driving', listName: '', mappings: [{ target: 'CompanyID', attribute: 'CompanyID' }] },
        { id: 'c2', from: 'as-number', point: 'out', to: 'show', type: 'driving', listName: '', mappings: [{ target: 'Status', attribute: 'Number' }] },
      ],
    };
    const saved = await fetch(`/sandbox/api/actionflows/${flow.id}`, { method: 'PUT', headers, body: JSON.stringify(graph) });
    if (!saved.ok) throw new Error(`PUT failed: ${await saved.text()}`);
  });
  await page.goto('/#/open/screen/screen-call-api');
  const screen = page.getByRole('tabpanel');
  await screen.getByText('Button actionflows').click();
  const picker = screen.getByLabel('Actionflow of the Call API button');
  await picker.focus();
  await picker.selectOption({ label: 'Number Check' });
  await expect(screen.getByText('The Call API button now runs Number Check.')).toBeVisible();

  const button = screen.getByRole('button', { name: 'Call API', exact: true });
  await screen.getByLabel('CompanyID', { exact: true }).fill('42');
  await button.click();
  await expect(screen.getByLabel('Status', { exact: true })).toHaveValue('42', { timeout: 15_000 });
  await screen.getByLabel('CompanyID', { exact: true }).fill('C0001');
  await button.click();
  await expect(screen.getByRole('alert').filter({ hasText: 'is not a number' })).toBeVisible({ timeout: 15_000 });

  await screen.getByRole('link', { name: 'Open Number Check' }).click();
  const panel = page.getByRole('tabpanel');
  const trace = panel.getByRole('region', { name: 'Last run' });
  await expect(trace.getByRole('status')).toContainText('failed');
  const failed = actionBox(page, 'Calculate action As Number');
  await expect(failed).toHaveAccessibleName(/failed in the last run/);
  await expect(failed).toContainText('is not a number');
  await expect(canvas(page).getByRole('img', { name: /^Connection Input \(out\) → As Number, .*1 record in the last run/ })).toBeAttached();
  await expect(canvas(page).getByRole('img', { name: /^Connection As Number \(out\) → Show Number, .*0 records in the last run/ })).toBeAttached();

  // The run before: it succeeded, and each action's records are there on demand.
  await trace.getByLabel('Run shown').selectOption({ index: 1 });
  await expect(trace.getByRole('status')).toContainText('succeeded');
  await expect(canvas(page).getByRole('img', { name: /^Connection As Number \(out\) → Show Number, .*1 record in the last run/ })).toBeAttached();
  await failed.click();
  await trace.getByRole('button', { name: 'Records of As Number in this run' }).click();
  await expect(trace.getByRole('table', { name: /^In: 1 record/ })).toContainText('42');
  await expect(trace.getByRole('table', { name: /^Out on out: 1 record/ })).toContainText('Number');
});

test('axe finds nothing wrong with the designer, its mapping window and its problems list open', async ({ page }) => {
  test.slow(); // axe over the whole page, twice
  await openLoggedIn(page, '#/open/actionflow/af-api-company-data');
  const panel = page.getByRole('tabpanel');
  await expect(actionBox(page, 'Output action Output')).toBeVisible();
  const violations = async () => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

  await outlineConnections(page);
  await panel.getByRole('button', { name: 'Mappings of Input (out) → Find Company' }).click();
  await expect(page.getByRole('dialog', { name: 'Mappings: Input (out) → Find Company' })).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.keyboard.press('Escape');

  await panel.getByRole('button', { name: 'Add a Calculate action', exact: true }).click();
  await page.getByRole('dialog', { name: 'New Calculate action' }).getByRole('button', { name: 'Create Action' }).click();
  const problems = panel.getByRole('region', { name: /^Problems \(\d+\)$/ });
  await expect(problems.getByRole('link', { name: /is not connected/ })).toBeVisible();
  expect(await violations()).toEqual([]);
});
