import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-browser.mjs';

// `npm run test:e2e` runs scripts/ensure-browser.mjs first, which installs a Chromium when none
// is found. If findChromium() still finds nothing, Playwright falls back to its own (missing)
// download and says so.
const executablePath = findChromium() ?? undefined;
const isCI = !!process.env.CI;
const port = 4173;
const baseURL = `http://127.0.0.1:${port}`; // service workers need a secure context: localhost/127.0.0.1

export default defineConfig({
  testDir: 'test/e2e',
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
    command: `npm run build && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
