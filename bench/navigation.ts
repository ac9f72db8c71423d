// Suites measured from outside the page: navigation to an interactive page, timed inside the page
// from the start of navigation (performance.now()) to the moment its control is usable.
import type { Browser, Page } from 'playwright-core';
import type { BenchRow } from './page/registry';

const RUNS = 5;
/** Cold loads per page of the first-visit suite (each a fresh profile, about a second each). */
const COLD_RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The page's `performance.now()` when a button named `name` is first there and enabled. */
async function buttonEnabledAt(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction(
    (label) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label && !b.disabled);
      return button ? performance.now() : false;
    },
    name,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Milliseconds from navigation start until a button named `name` is enabled, per warm load. */
async function timeToButton(browser: Browser, url: string, name: string): Promise<number[]> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const times: number[] = [];
  try {
    for (let run = 0; run <= RUNS; run++) {
      // Leave the page first: going to the same URL with a hash would not load it again.
      await page.goto('about:blank');
      await page.goto(url);
      const at = await buttonEnabledAt(page, name);
      // The first load registers the service worker and seeds the instance: a one-time cost.
      if (run > 0) times.push(at);
    }
  } finally {
    await context.close();
  }
  return times;
}

/** Milliseconds from navigation start until a button named `name` is enabled, in a fresh browser
 * context (a fresh profile: nothing cached, no IndexedDB, no service worker). */
async function coldTimeToButton(browser: Browser, url: string, name: string): Promise<number> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await buttonEnabledAt(page, name);
  } finally {
    await context.close();
  }
}

export const navigationSuites: Record<string, (browser: Browser, base: string) => Promise<BenchRow[]>> = {
  'lesson-navigation': async (browser, base) => {
    const minimal = await timeToButton(browser, `${base}/bench-minimal.html`, 'Ready');
    const lessonPage = await timeToButton(browser, `${base}/#/course/add-authentication`, 'Check');
    const note = `median of ${RUNS} warm loads`;
    return [
      { name: 'minimal page (Svelte app + MSW worker start)', value: median(minimal), unit: 'ms', note },
      { name: 'lesson page: navigation → Check usable', value: median(lessonPage), unit: 'ms', note: `${note}; target ≤ 1.5×` },
    ];
  },
  // A first visit: a fresh profile each time, so the service worker registers and the instance is
  // seeded (the Company Data downloaded as JSON) before the sandbox is usable (Switch user enabled).
  'first-visit': async (browser, base) => {
    // In turns, so a busy moment of the machine slows both pages alike.
    const minimal: number[] = [];
    const sandbox: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      minimal.push(await coldTimeToButton(browser, `${base}/bench-minimal.html`, 'Ready'));
      sandbox.push(await coldTimeToButton(browser, `${base}/`, 'Switch user'));
    }
    const note = `median of ${COLD_RUNS} cold loads (fresh profile each, the two pages in turns)`;
    const ratio = median(sandbox) / median(minimal);
    return [
      { name: 'minimal page, cold (Svelte app + MSW worker start)', value: median(minimal), unit: 'ms', note },
      { name: 'first visit: navigation → sandbox usable, cold (seeding included)', value: median(sandbox), unit: 'ms', note },
      { name: 'first visit ÷ minimal page, cold', value: Math.round(ratio * 100) / 100, unit: '×', note: 'target ≤ 1.5×' },
    ];
  },
};
