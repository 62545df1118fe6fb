import { test, expect, Page } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { NOJS, waitHealthy } from './helpers';

// A fresh install of our own per test (the shared server already has its owner): the first
// visit creates the owner's account; then sign out, a wrong password, sign in. Plain forms:
// the same in the -nojs projects, where no WASM ever arrives.

function startServer(port: number): ChildProcess {
  return spawn('../target/debug/server', [], {
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      DOSSIER_DB: 'mem://',
      DOSSIER_DEMO_DELAY_MS: '100-300',
      RUST_LOG: 'error',
    },
    stdio: 'ignore',
  });
}


async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

test('first run: create the owner account, sign out, sign in', { tag: NOJS }, async ({ page }, testInfo) => {
  const port = 3200 + testInfo.parallelIndex;
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port);
  try {
    await waitHealthy(base);
    await page.goto(base + '/');
    await expect(page).toHaveURL(base + '/signup');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await fill(page, { Name: 'Dana Whitfield', Email: 'dana@acme.com', Password: 'correct horse 1' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(base + '/');
    await expect(page.getByText('Who are you meeting?')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(base + '/signin');
    await page.goto(base + '/');
    await expect(page).toHaveURL(base + '/signin');

    await fill(page, { Email: 'dana@acme.com', Password: 'not the password' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

    await fill(page, { Email: 'dana@acme.com', Password: 'correct horse 1' });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(base + '/');
    await expect(page.getByText('Who are you meeting?')).toBeVisible();
  } finally {
    server.kill('SIGKILL');
  }
});
