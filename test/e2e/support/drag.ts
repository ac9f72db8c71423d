/** Drags with the mouse in small steps, as svelte-dnd-action needs real pointer moves to start a drag. */
import type { Locator, Page } from '@playwright/test';

export async function dragInto(page: Page, item: Locator, zone: Locator): Promise<void> {
  const from = await item.boundingBox();
  const to = await zone.boundingBox();
  if (!from || !to) throw new Error('The item or the drop zone is not visible.');
  await page.mouse.move(from.x + 12, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + from.height / 2 + 6, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
}
