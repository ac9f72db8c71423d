/**
 * The actionflow designer: chapter 3.01's Call API actionflow built from a new actionflow with the
 * mouse (toolbar drags, wires, the mapping window), saved, attached to the Call API screen's button
 * by dragging it from the Repository, and run; the same built with the keyboard only.
 */
import { expect, test } from '@playwright/test';
import { activate, pressUntilFocused, typeInto } from './support/keyboard';
import { openLoggedIn } from './support/login';
import { actionBox, canvas, dragMouse, into, outlineConnections, point, save } from './support/designer';

const CALL_URL = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=${in.CompanyID}';

test('building Call API with the mouse: drag actions in, wire them, map, save, attach to the button and run', async ({ page }) => {
  test.slow(); // a whole actionflow built step by step on a two-core machine
  await openLoggedIn(page);
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await repository.getByRole('button', { name: /^Actionflows/ }).click();
  await repository.getByRole('button', { name: 'New actionflow' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('heading', { name: 'New Actionflow', exact: true })).toBeVisible();
  await expect(actionBox(page, 'Input action Input')).toBeVisible();

  await test.step('name it, and give its Input the CompanyID parameter', async () => {
    await panel.getByLabel('Name', { exact: true }).fill('My Call API');
    await actionBox(page, 'Input action Input').click();
    const input = panel.getByRole('region', { name: 'Input action: Input' });
    await input.getByRole('button', { name: 'Add parameter' }).click();
    await input.getByRole('group', { name: 'Parameter Parameter1' }).getByLabel('Name', { exact: true }).fill('CompanyID');
    await expect(input.getByRole('group', { name: 'Parameter CompanyID' })).toBeVisible();
  });

  const drop = async (kind: string, name: string, at: { x: number; y: number }) => {
    const box = (await canvas(page).boundingBox())!;
    await panel.getByRole('button', { name: `Add ${kind}`, exact: true }).dragTo(canvas(page), { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
    const dialog = page.getByRole('dialog', { name: /^New / });
    await dialog.getByLabel('Action name').fill(name);
    await dialog.getByLabel('Connect from').selectOption({ label: '(no connection)' });
    await dialog.getByRole('button', { name: 'Create Action' }).click();
    await expect(dialog).toBeHidden();
    // Tidy up lays the actions out left to right (one undo step) and fits them in view.
    await panel.getByRole('button', { name: 'Tidy up' }).click();
  };

  await test.step('drag an HTTP action onto the canvas and set its URL Template', async () => {
    await drop('an HTTP action', 'Call API', { x: 0.45, y: 0.3 });
    const http = panel.getByRole('region', { name: 'HTTP action: Call API' });
    await http.getByLabel('URL Template').fill(CALL_URL);
    // in.CompanyID is not an input parameter of the HTTP action yet: validation says so, inline.
    await expect(http.getByLabel('URL Template')).toHaveAccessibleDescription(/in\.CompanyID/);
  });

  const mapping = page.getByRole('dialog', { name: /^Mappings:/ });
  await test.step('wire Input to it; in the mapping window drop CompanyID on blank space to make its parameter', async () => {
    await dragMouse(page, point(page, 'out', 'Input'), into(page, 'Call API'));
    await expect(mapping).toHaveAccessibleName('Mappings: Input (out) → Call API');
    await mapping.getByRole('button', { name: /^CompanyID/ }).dragTo(mapping.getByRole('region', { name: 'New input parameter' }));
    await expect(mapping.getByRole('listitem', { name: 'CompanyID (String), mapped from CompanyID' })).toBeVisible();
    await mapping.getByRole('button', { name: 'Done' }).click();
    await expect(panel.getByRole('region', { name: /^Problems/ })).not.toContainText('in.CompanyID');
  });

  await test.step('a JSON action reads the answer; Map all; a type that does not fit is refused', async () => {
    await drop('a JSON action', 'Read Answer', { x: 0.7, y: 0.3 });
    const json = panel.getByRole('region', { name: 'JSON action: Read Answer' });
    for (const attribute of ['CompanyName', 'Industry']) {
      await json.getByRole('button', { name: 'Add output attribute' }).click();
      const row = json.getByRole('group', { name: /^Output attribute Attribute\d+$/ });
      await row.getByLabel('Expression').fill(`_result.${attribute}`);
      await row.getByLabel('Name', { exact: true }).fill(attribute);
    }
    await dragMouse(page, point(page, 'out', 'Call API'), into(page, 'Read Answer'));
    await mapping.getByRole('button', { name: 'Map all' }).click();
    await expect(mapping.getByRole('listitem', { name: 'body (Bigstring), mapped from body' })).toBeVisible();
    await mapping.getByRole('button', { name: /^body/ }).dragTo(mapping.getByRole('listitem', { name: /^status \(Integer\)/ }));
    await expect(mapping.getByRole('alert')).toHaveText('body (Bigstring) cannot be mapped onto status (Integer): a Bigstring value cannot go onto an Integer parameter.');
    await mapping.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('a Screen output fills the Call API screen: map by dragging onto each field', async () => {
    await drop('a Screen output action', 'Show Result', { x: 0.85, y: 0.65 });
    await panel.getByRole('region', { name: 'Screen output action: Show Result' }).getByLabel('Screen').selectOption({ label: 'Call API' });
    await dragMouse(page, point(page, 'out', 'Read Answer'), into(page, 'Show Result'));
    for (const [from, onto] of [['CompanyName', 'CompanyName'], ['Industry', 'Industry'], ['status', 'Status']]) {
      await mapping.getByRole('button', { name: new RegExp(`^${from} `) }).dragTo(mapping.getByRole('listitem', { name: new RegExp(`^${onto} \\(`) }));
      await expect(mapping.getByRole('listitem', { name: new RegExp(`^${onto} \\(.*mapped from ${from}$`) })).toBeVisible();
    }
    await mapping.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('save: no problems are left', async () => {
    await expect(panel.getByRole('region', { name: 'Problems (0)' })).toBeVisible();
    await save(page, 'My Call API');
  });

  await test.step('drag it from the Repository onto the Call API button, and run it', async () => {
    await repository.getByRole('button', { name: /^Screens/ }).click();
    await repository.getByRole('list', { name: 'Screens', exact: true }).getByRole('link', { name: 'Call API', exact: true }).click();
    const screen = page.getByRole('tabpanel');
    const button = screen.getByRole('button', { name: 'Call API', exact: true });
    await repository.getByRole('list', { name: 'Actionflows' }).getByRole('link', { name: 'My Call API' }).dragTo(button);
    await expect(screen.getByText('The Call API button now runs My Call API.')).toBeVisible();
    await screen.getByLabel('CompanyID', { exact: true }).fill('C0001');
    await button.click();
    await expect(screen.getByLabel('CompanyName', { exact: true })).toHaveValue('Northwind Logistics Ltd', { timeout: 15_000 });
    await expect(screen.getByLabel('Industry', { exact: true })).toHaveValue('Logistics');
    await expect(screen.getByLabel('Status', { exact: true })).toHaveValue('200');
  });
});

test('building Call API with the keyboard only: add, connect and map from the toolbar, dialogs and outline', async ({ page }) => {
  test.setTimeout(180_000); // long Tab walks on a loaded two-core machine
  await openLoggedIn(page);
  const panel = page.getByRole('tabpanel');
  const repository = page.getByRole('navigation', { name: 'Repository' });
  await activate(page, repository.getByRole('button', { name: /^Actionflows/ }));
  await activate(page, repository.getByRole('button', { name: 'New actionflow' }));
  await expect(panel.getByRole('heading', { name: 'New Actionflow', exact: true })).toBeVisible();

  // The Input: Enter on its box opens its properties; a parameter CompanyID.
  const inputBox = actionBox(page, 'Input action Input');
  await activate(page, inputBox);
  const input = panel.getByRole('region', { name: 'Input action: Input' });
  await activate(page, input.getByRole('button', { name: 'Add parameter' }));
  await typeInto(page, input.getByRole('group', { name: /^Parameter / }).getByLabel('Name', { exact: true }), 'CompanyID', 'Shift+Tab');

  /** A kind from the toolbar (arrow keys move along it), named, connected from the selected action's first point. */
  const add = async (kind: string, name: string) => {
    const toolbar = panel.getByRole('toolbar', { name: 'Add an action' });
    // One Tab stop for the whole toolbar (the kind last used); the arrow keys move along it.
    await pressUntilFocused(page, toolbar.locator('button[tabindex="0"]'), 'Shift+Tab');
    await pressUntilFocused(page, toolbar.getByRole('button', { name: `Add ${kind}`, exact: true }), 'ArrowRight', 12);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^New / });
    await expect(dialog.getByLabel('Kind')).toBeFocused();
    await typeInto(page, dialog.getByLabel('Action name'), name);
    await activate(page, dialog.getByRole('button', { name: 'Create Action' }));
    await expect(dialog).toBeHidden();
  };
  const mapping = page.getByRole('dialog', { name: /^Mappings:/ });

  await add('an HTTP action', 'Call API');
  await expect(mapping).toHaveAccessibleName('Mappings: Input (out) → Call API');
  await activate(page, mapping.getByRole('button', { name: /^CompanyID/ }));
  await expect(mapping.getByRole('button', { name: /^CompanyID/ })).toHaveAttribute('aria-pressed', 'true');
  await activate(page, mapping.getByRole('button', { name: 'New input parameter from CompanyID' }));
  await expect(mapping.getByRole('listitem', { name: 'CompanyID (String), mapped from CompanyID' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(mapping).toBeHidden();
  const http = panel.getByRole('region', { name: 'HTTP action: Call API' });
  await typeInto(page, http.getByLabel('URL Template'), CALL_URL);

  await add('a JSON action', 'Read Answer');
  await activate(page, mapping.getByRole('button', { name: 'Map all' }));
  await expect(mapping.getByRole('listitem', { name: 'body (Bigstring), mapped from body' })).toBeVisible();
  await page.keyboard.press('Escape');
  const json = panel.getByRole('region', { name: 'JSON action: Read Answer' });
  await activate(page, json.getByRole('button', { name: 'Add output attribute' }));
  const row = json.getByRole('group', { name: /^Output attribute / });
  await typeInto(page, row.getByLabel('Expression'), '_result.CompanyName', 'Shift+Tab');
  await typeInto(page, row.getByLabel('Name', { exact: true }), 'CompanyName', 'Shift+Tab');

  await add('a Screen output action', 'Show Result');
  await activate(page, mapping.getByRole('button', { name: /^CompanyName/ }));
  await activate(page, mapping.getByRole('button', { name: 'Map CompanyName onto CompanyName' }));
  await expect(mapping.getByRole('listitem', { name: 'CompanyName (String), mapped from CompanyName' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('ControlOrMeta+S');
  await expect(panel.getByRole('status').filter({ hasText: 'The actionflow New Actionflow was saved (version 2).' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Problems (0)' })).toBeVisible();
  await expect((await outlineConnections(page)).getByRole('listitem')).toHaveText([
    /^Input \(out\) → Call API, mapped: CompanyID/,
    /^Call API \(out\) → Read Answer, mapped: /,
    /^Read Answer \(out\) → Show Result, mapped: CompanyName/,
  ]);
});
