import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive browser mode (the built renderer served by
 * `papershelf serve` over a real library) in Debian's Chromium. Playwright's own
 * browser downloads are never used.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One retry on CI only: a test that fails and then passes is reported as "flaky" in
  // the log (and looked into), rather than failing the run on a loaded machine. Locally
  // a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.PAPERSHELF_CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    viewport: { width: 1400, height: 860 },
    // Tracing every action costs about a fifth of the run on CI's two cores; a failure
    // there still leaves its screenshot and page snapshot. `--trace on` records one.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
