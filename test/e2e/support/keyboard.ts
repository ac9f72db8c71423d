/** Moving focus with the keyboard only, and saying clearly where it got stuck. */
import { expect, type Locator, type Page } from '@playwright/test';

/** A short description of the focused element, for failure messages. */
async function describeFocus(page: Page): Promise<string> {
  const focused = page.locator(':focus');
  if ((await focused.count()) === 0) return 'nothing (the page body)';
  return focused.first().evaluate((el) => {
    const name = el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 60) ?? '';
    const role = el.getAttribute('role');
    return `<${el.tagName.toLowerCase()}${role ? ` role="${role}"` : ''}> "${name}"`;
  });
}

/** Whether `target` is the focused element. */
async function hasFocus(page: Page, target: Locator): Promise<boolean> {
  return (await target.and(page.locator(':focus')).count()) > 0;
}

/**
 * Presses `key` (Tab by default, or Shift+Tab, an arrow key…) until `target` has focus, at most
 * `max` times; fails naming the target and where focus is instead.
 */
export async function pressUntilFocused(page: Page, target: Locator, key = 'Tab', max = 150): Promise<void> {
  for (let presses = 0; presses <= max; presses++) {
    if (await hasFocus(page, target)) {
      await expect(target).toBeFocused();
      return;
    }
    if (presses < max) await page.keyboard.press(key);
  }
  throw new Error(`Pressed ${key} ${max} times and focus never reached ${target.toString()}; focus is on ${await describeFocus(page)}.`);
}

/** Tabs forward to `target`. */
export const tabTo = (page: Page, target: Locator, max?: number) => pressUntilFocused(page, target, 'Tab', max);
/** Tabs backward to `target`. */
export const shiftTabTo = (page: Page, target: Locator, max?: number) => pressUntilFocused(page, target, 'Shift+Tab', max);

/** Tabs (in `key`'s direction) to `target` and presses Enter on it. */
export async function activate(page: Page, target: Locator, key = 'Tab'): Promise<void> {
  await pressUntilFocused(page, target, key);
  await page.keyboard.press('Enter');
}

/** Tabs to a text field, selects what it holds and types `text` over it. */
export async function typeInto(page: Page, field: Locator, text: string, key = 'Tab'): Promise<void> {
  await pressUntilFocused(page, field, key);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}
