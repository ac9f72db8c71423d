// Makes sure a Chromium for Playwright exists, installing one if needed, so that
// `npm test` and `npm run bench` work on a fresh machine. Prints one line saying what it uses.
//   1. find one: $CHROMIUM_PATH, Playwright's cache, /usr/bin/chromium (scripts/find-browser.mjs)
//   2. else `npx playwright install chromium` (needs access to Playwright's download CDN)
//   3. else, when root on a Debian-like system, `apt-get update && apt-get install -y chromium`
//   4. else exit 1 with a sentence saying what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromiumCandidates, findChromiumWithSource } from './find-browser.mjs';

const tag = 'ensure-browser:';

function versionOf(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  const line = (r.stdout || '').trim().split('\n').pop();
  return line || 'version unknown';
}

function report(found, how) {
  console.log(`${tag} using ${found.path} (${how}; ${versionOf(found.path)})`);
}

/** The project's own Playwright CLI (same version as the tests), else whatever npx finds. */
function playwrightCli() {
  try {
    const pkg = createRequire(import.meta.url).resolve('playwright/package.json');
    return { command: process.execPath, args: [join(dirname(pkg), 'cli.js')] };
  } catch {
    return { command: 'npx', args: ['playwright'] };
  }
}

function run(command, args, extraEnv = {}) {
  console.log(`${tag} running: ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
    timeout: 15 * 60_000,
  });
  if (r.error) console.log(`${tag} ${command} could not run: ${r.error.message}`);
  return r.status === 0;
}

const envPath = process.env.CHROMIUM_PATH;
const envCandidate = chromiumCandidates().find((c) => c.source === 'CHROMIUM_PATH');
if (envPath && envCandidate && !envCandidate.usable) {
  console.warn(`${tag} CHROMIUM_PATH is set to ${envPath}, which is not an executable file; looking elsewhere.`);
}

let found = findChromiumWithSource();
if (found) {
  report(found, `found via ${found.source}`);
  process.exit(0);
}

console.log(`${tag} no Chromium found (looked at: ${chromiumCandidates().map((c) => c.path).join(', ')}); installing one.`);

const cli = playwrightCli();
if (run(cli.command, [...cli.args, 'install', 'chromium'])) {
  found = findChromiumWithSource();
  if (found) {
    report(found, 'installed by `npx playwright install chromium`');
    process.exit(0);
  }
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update'], aptEnv) &&
    run('apt-get', ['install', '-y', 'chromium'], aptEnv)
  ) {
    found = findChromiumWithSource();
    if (found) {
      report(found, 'installed by `apt-get install chromium`');
      process.exit(0);
    }
  }
}

console.error(
  `${tag} No Chromium could be found or installed: set CHROMIUM_PATH to a Chromium executable, ` +
    'run `npx playwright install chromium` where cdn.playwright.dev is reachable, ' +
    'or install Debian\'s package as root with `apt-get install -y chromium`.',
);
process.exit(1);
