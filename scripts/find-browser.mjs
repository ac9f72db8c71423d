// Finds a Chromium for Playwright (e2e tests) and the benchmark harness.
// Order: $CHROMIUM_PATH, Playwright's own browser cache, Debian's /usr/bin/chromium.
// Pure lookup: nothing is installed here (that is scripts/ensure-browser.mjs).
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Launch arguments every test and benchmark browser gets (containers, CI, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** True when `path` is an existing, executable regular file. */
export function isExecutable(path) {
  if (!path) return false;
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright's cache keeps its Chromium for the installed playwright-core, or null. */
export function playwrightCachePath() {
  try {
    const { chromium } = require('playwright-core');
    return chromium.executablePath() || null;
  } catch {
    return null; // playwright-core missing, or it does not know a Chromium for this platform
  }
}

/** Every place looked at, in order, and whether a usable browser is there. */
export function chromiumCandidates() {
  const candidates = [];
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) candidates.push({ source: 'CHROMIUM_PATH', path: fromEnv });
  const cached = playwrightCachePath();
  if (cached) candidates.push({ source: "Playwright's browser cache", path: cached });
  candidates.push({ source: 'system Chromium', path: SYSTEM_CHROMIUM });
  return candidates.map((c) => ({ ...c, usable: isExecutable(c.path) }));
}

/** The first usable candidate with where it came from, or null. */
export function findChromiumWithSource() {
  const hit = chromiumCandidates().find((c) => c.usable);
  return hit ? { path: hit.path, source: hit.source } : null;
}

/** Path of a usable Chromium executable, or null when none is found. */
export function findChromium() {
  return findChromiumWithSource()?.path ?? null;
}
