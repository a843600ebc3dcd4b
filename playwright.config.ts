// Playwright: end-to-end tests on the built app (vite preview), Debian's Chromium when present
// (/usr/bin/chromium, as in CI), otherwise Playwright's own browser (laptops).
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
  ? { executablePath: debianChromium, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] }
  : {};

// PW_PORT gives a run its own port and build directory, so that engineers who share one checkout
// can run specs at the same time without reusing each other's (stale) server.
const port = Number(process.env.PW_PORT ?? 4173);
const outDir = process.env.PW_PORT ? ` --outDir dist-pw-${port}` : '';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'playwright-report/results.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: `npm run build --${outDir} && npm run preview --${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
