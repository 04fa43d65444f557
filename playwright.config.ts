import fs from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Each checkout gets a port of its own (AIOS_E2E_PORT overrides it): outside CI a server already
 * on the port is reused, and two checkouts testing side by side must not test each other's build.
 */
function checkoutPort(dir: string): number {
  let hash = 0;
  for (const ch of dir) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 4300 + (hash % 500);
}
const PORT = Number(process.env['AIOS_E2E_PORT'] ?? checkoutPort(import.meta.dirname));
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Prefer a Playwright-managed Chromium when one is installed; otherwise fall back to the
 * distribution's Chromium (Playwright cannot download its own browser on this network).
 */
function chromiumExecutable(): string | undefined {
  try {
    const managed = chromium.executablePath();
    if (managed && fs.existsSync(managed)) return undefined;
  } catch {
    // No managed browser registered for this platform.
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  throw new Error(
    `No Chromium found: install one with "npx playwright install chromium" or put Chromium at ${SYSTEM_CHROMIUM}.`,
  );
}

const executablePath = chromiumExecutable();
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  reporter: isCI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    // A service worker answers from its cache before page.route sees a request; only the
    // offline test lets it run.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // Serves the already built dist/ (`npm run test:e2e` builds first).
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
