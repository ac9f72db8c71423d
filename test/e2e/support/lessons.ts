/**
 * Helpers of the lesson and instructor specs: start a chapter through its class link, find the
 * lesson panel and its parts by role and label, and run axe over a part of the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { waitForServiceWorker } from './login';

export const CHAPTER = { id: 'add-authentication', title: '3.02 Add Authentication to API Calling Actionflow' } as const;
export const EXERCISE = { id: 'exercise-reporting-access', title: 'Exercise: API access for a reporting system' } as const;

/** The chapter's step titles, in order (from lessons/02-add-authentication/chapter.ts). */
export const STEP_TITLES = [
  'Turn off anonymous access',
  'See an anonymous call refused',
  'Create the API user',
  'Create a role with Use API Key',
  'Put the API user in a group',
  'Give the group the role',
  'Set your own signing key',
  'Generate the API key',
  'Send the key from Call API',
  'Test as yourself',
  'Join APIUsers, and see your session keep its privileges',
  'Log in again to pick the change up',
  'Take yourself out of APIUsers',
  'Log in as the API user',
  'See the call succeed',
] as const;

/** Waits for the sandbox to have started (the service worker answering, a user shown). */
export async function waitForSandbox(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 20_000 });
}

/** Opens a chapter's class link, confirms, and waits for its first step in the lesson panel. */
export async function startChapter(page: Page, chapter: { id: string; title: string } = CHAPTER): Promise<void> {
  await page.goto(`/#/start/${chapter.id}`);
  await waitForSandbox(page);
  await page.getByRole('button', { name: 'Reset and start' }).click();
  await expect(currentStep(page)).toHaveAccessibleName(/^(Step|Task) 1 of \d+:/, { timeout: 15_000 });
  await expect(page.getByTestId('current-user')).toContainText('(trainee)');
}

/** The lesson panel (a complementary landmark). */
export function lessonPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Lesson' });
}

/** The list of steps (or tasks) in the lesson panel. */
export function stepList(page: Page): Locator {
  return lessonPanel(page).getByRole('list', { name: /^(Steps|Tasks)/ });
}

/** The button of step `n` (from 1) in the step list. */
export function stepButton(page: Page, n: number): Locator {
  return stepList(page).getByRole('listitem').nth(n - 1).getByRole('button');
}

/** The current step's section in the lesson panel. */
export function currentStep(page: Page): Locator {
  return lessonPanel(page).getByRole('region', { name: /^(Step|Task) \d+ of \d+:/ });
}

/** Waits until the current step is step `n`. */
export async function expectCurrentStep(page: Page, n: number, total = STEP_TITLES.length): Promise<void> {
  await expect(currentStep(page)).toHaveAccessibleName(new RegExp(`^(Step|Task) ${n} of ${total}:`), { timeout: 15_000 });
}

/** Presses "Show me" on the current step and waits until the panel moves on (or finishes). */
export async function showMe(page: Page, n: number): Promise<void> {
  await expectCurrentStep(page, n);
  await lessonPanel(page).getByRole('button', { name: 'Show me' }).click();
  await expect(stepButton(page, n)).toContainText('Passed with help', { timeout: 15_000 });
}

/** Axe over the elements `selector` matches; fails listing every violation. */
export async function expectNoViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found).toEqual([]);
}

/**
 * Notes every text matching `pattern` that the page shows from now on, however briefly: a quick
 * run shows its progress only for a moment, too short for a polling assertion to catch. The
 * returned function reads what was seen, in order, without repeats.
 */
export async function watchForText(page: Page, pattern: RegExp): Promise<() => Promise<string[]>> {
  const key = `seen-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, source, flags }) => {
      const seen: string[] = [];
      (window as unknown as Record<string, string[]>)[key] = seen;
      const find = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
      const scan = (node: Node | null) => {
        const element = node instanceof Element ? node : node?.parentElement;
        for (const match of element?.textContent?.matchAll(find) ?? []) if (!seen.includes(match[0])) seen.push(match[0]);
      };
      new MutationObserver((records) => {
        for (const record of records) {
          scan(record.target);
          record.addedNodes.forEach(scan);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { key, source: pattern.source, flags: pattern.flags },
  );
  return () => page.evaluate((key) => [...((window as unknown as Record<string, string[]>)[key] ?? [])], key);
}

