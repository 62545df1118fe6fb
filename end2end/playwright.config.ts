import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (apt package `chromium`); Playwright's own browser download is not used.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-sandbox',
  ],
};

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The loopback Slack webhook (slack_webhook.mjs) the sharing tests send to.
const SLACK_PORT = Number(process.env.E2E_SLACK_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  projects: [
    // Hydrated: every test.
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium } },
    // JavaScript disabled: the server-rendered page alone (no WASM), for the tests tagged
    // `@nojs` (see NOJS in tests/helpers.ts) — what a rep must see before or without hydration.
    {
      name: 'desktop-nojs',
      grep: /@nojs/,
      use: { ...devices['Desktop Chrome'], launchOptions: chromium, javaScriptEnabled: false },
    },
    {
      name: 'phone-nojs',
      grep: /@nojs/,
      use: { ...devices['Pixel 7'], launchOptions: chromium, javaScriptEnabled: false },
    },
  ],
  webServer: [{
    command: 'node slack_webhook.mjs',
    url: `http://127.0.0.1:${SLACK_PORT}/health`,
    reuseExistingServer: false,
    env: { E2E_SLACK_PORT: String(SLACK_PORT) },
  }, {
    command: '../target/debug/server',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: '../target/site',
      DOSSIER_DB: 'mem://',
      // Steps slow enough to watch them move (also with two workers and an import running
      // beside them), fast enough for a quick suite.
      DOSSIER_DEMO_DELAY_MS: '900-1800',
      // Every pick starts a fresh run, so each test sees live progress.
      DOSSIER_PROFILE_TTL_SECS: '0',
      // Every test's rep shares one address here: the flood limits are for real floods.
      DOSSIER_LIMIT_RESEARCH_PER_MIN: '2000',
      DOSSIER_LIMIT_QUESTIONS_PER_MIN: '2000',
      DOSSIER_LIMIT_CHATS_PER_MIN: '2000',
      DOSSIER_LIMIT_IMPORTS_PER_MIN: '200',
      DOSSIER_LIMIT_SENDS_PER_MIN: '2000',
      DOSSIER_SLACK_WEBHOOK_PREFIX: `http://127.0.0.1:${SLACK_PORT}/services/`,
      DOSSIER_CACHE: 'off',
      // Every test signs up a rep of its own (helpers.ts).
      DOSSIER_SIGNUP: 'open',
      RUST_LOG: 'warn',
    },
  }],
});
