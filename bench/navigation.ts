// Suites measured from outside the page: navigation to an interactive page, timed inside the page
// from the start of navigation (performance.now()) to the moment its control is usable.
import type { Browser, Page } from 'playwright-core';
import type { BenchRow } from './page/registry';

/** Warm loads per page of the lesson-navigation suite: with 5, the minimal page's median moved
 * between 130 and 180 ms from run to run of the same build, and the ratio between 1.4× and 2.0×. */
const RUNS = 11;
/** Cold loads per page of the first-visit suite (each a fresh profile, about a second each): on
 * this 2-core machine one cold load's time varies by ±20 %, so a median of 9 moved by 0.3× between
 * runs of the same build. */
const COLD_RUNS = 15;

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

interface ColdLoad {
  /** Milliseconds from navigation start until the button is enabled. */
  at: number;
  /** Scripts downloaded by then: how many, and their bytes as sent (compressed). */
  scripts: number;
  scriptBytes: number;
}

/** A load in a fresh browser context (a fresh profile: nothing cached, no IndexedDB, no service
 * worker) until a button named `name` is enabled. */
async function coldLoad(browser: Browser, url: string, name: string): Promise<ColdLoad> {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const at = await buttonEnabledAt(page, name);
    const scripts = await page.evaluate(
      (until) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => new URL(r.name).pathname.endsWith('.js') && r.responseEnd <= until && !r.name.includes('mockServiceWorker'))
          .map((r) => r.encodedBodySize),
      at,
    );
    return { at, scripts: scripts.length, scriptBytes: scripts.reduce((sum, bytes) => sum + bytes, 0) };
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
    const minimal: ColdLoad[] = [];
    const sandbox: ColdLoad[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      minimal.push(await coldLoad(browser, `${base}/bench-minimal.html`, 'Ready'));
      sandbox.push(await coldLoad(browser, `${base}/`, 'Switch user'));
    }
    const note = `median of ${COLD_RUNS} cold loads (fresh profile each, the two pages in turns)`;
    const at = (loads: ColdLoad[]) => median(loads.map((l) => l.at));
    const ratio = at(sandbox) / at(minimal);
    // The code each page downloaded before it was usable: the same in every load of one build.
    const code = (loads: ColdLoad[]) => Math.round(median(loads.map((l) => l.scriptBytes)) / 1024);
    const files = (loads: ColdLoad[]) => `${median(loads.map((l) => l.scripts))} scripts, compressed`;
    return [
      { name: 'minimal page, cold (Svelte app + MSW worker start)', value: at(minimal), unit: 'ms', note },
      { name: 'first visit: navigation → sandbox usable, cold (seeding included)', value: at(sandbox), unit: 'ms', note },
      { name: 'first visit ÷ minimal page, cold', value: Math.round(ratio * 100) / 100, unit: '×', note: 'target ≤ 1.5×' },
      { name: 'minimal page: code downloaded before usable', value: code(minimal), unit: 'kB', note: files(minimal) },
      { name: 'first visit: code downloaded before usable', value: code(sandbox), unit: 'kB', note: files(sandbox), baseline: 'minimal page: code downloaded before usable' },
    ];
  },
};
