/** Steps in the actionflow designer, found by role and label, shared by the designer specs. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The designer's canvas (the tab in front). */
export function canvas(page: Page): Locator {
  return page.getByRole('tabpanel').getByRole('application', { name: /^Canvas of / });
}

/** An action's box on the canvas, by its title ("HTTP action Call API"). */
export function actionBox(page: Page, title: string): Locator {
  return canvas(page).getByRole('button', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}(,|$)`) });
}

/** A connection point of an action on the canvas (`out of Input`). */
export function point(page: Page, name: string, action: string): Locator {
  return canvas(page).getByRole('img', { name: `${name} of ${action}`, exact: true });
}

/** The point leading into an action. */
export function into(page: Page, action: string): Locator {
  return canvas(page).getByRole('img', { name: `Into ${action}`, exact: true });
}

/** An element's box once it has stopped moving (the canvas pans and zooms to fit after a layout). */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  let last = JSON.stringify(await locator.boundingBox());
  for (let i = 0; i < 20; i++) {
    await locator.page().waitForTimeout(100);
    const now = JSON.stringify(await locator.boundingBox());
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as { x: number; y: number; width: number; height: number } | null;
}

/** Drags with the mouse in small steps from one element's centre to another's (xyflow listens to real pointer moves). */
export async function dragMouse(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  await canvas(page).scrollIntoViewIfNeeded();
  const a = await settledBox(from);
  const b = 'x' in to ? { x: to.x, y: to.y, width: 0, height: 0 } : await settledBox(to);
  if (!a || !b) throw new Error('Nothing to drag from, or nowhere to drop.');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 4, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Saves from the designer's toolbar and waits for the sentence saying so. */
export async function save(page: Page, name: string): Promise<void> {
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: `The actionflow ${name} was saved` })).toBeVisible();
}

/** The text outline's list of connections (opened if closed). */
export async function outlineConnections(page: Page): Promise<Locator> {
  const panel = page.getByRole('tabpanel');
  const details = panel.locator('details.outline');
  if ((await details.getAttribute('open')) === null) await panel.getByText('Actions and connections as text').click();
  return panel.getByRole('list', { name: 'Connections' });
}

/** The text outline's list of actions (opened if closed). */
export async function outlineActions(page: Page): Promise<Locator> {
  await outlineConnections(page);
  return page.getByRole('tabpanel').getByRole('list', { name: 'Actions' });
}
