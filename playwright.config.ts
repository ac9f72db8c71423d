import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-browser.mjs';

// `npm run test:e2e` runs scripts/ensure-browser.mjs first, which installs a Chromium when none
// is found. If findChromium() still finds nothing, Playwright falls back to its own (missing)
// download and says so.
const executablePath = findChromium() ?? undefined;
const isCI = !!process.env.CI;
// PW_PORT and PW_OUT_DIR let two runs on one machine (two engineers, or a run beside CI) keep to
// their own server and build; by default one build in dist/ served on 4173.
const port = Number(process.env.PW_PORT ?? 4173);
const outDir = process.env.PW_OUT_DIR ?? 'dist';
const baseURL = `http://127.0.0.1:${port}`; // service workers need a secure context: localhost/127.0.0.1

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: outDir === 'dist' ? 'test-results' : `test-results-${outDir}`,
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2, // the CI machine has 2 cores
  reporter: 'list',
  use: {
    baseURL,
    serviceWorkers: 'allow',
    trace: 'retain-on-first-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // The tests run against the production build, as learners get it.
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --port ${port} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
