import { test, expect } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUp, waitHealthy } from './helpers';

// A server of our own (not the shared one), killed with SIGKILL and started again on the
// same on-disk database while the page stays open.
const PORT = 3101;
const base = `http://127.0.0.1:${PORT}`;

function startServer(dataDir: string): ChildProcess {
  return spawn('../target/debug/server', [], {
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: '../target/site',
      DOSSIER_DB: `surrealkv://${join(dataDir, 'db')}`,
      DOSSIER_DEMO_DELAY_MS: '300-800',
      DOSSIER_PROFILE_TTL_SECS: '0',
      DOSSIER_CACHE: 'off',
      RUST_LOG: 'error',
    },
    stdio: 'ignore',
  });
}


test('the page survives a server crash and keeps streaming live', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser size is enough for this');
  const dataDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
  let server = startServer(dataDir);
  try {
    await waitHealthy(base);
    await signUp(page.request, base);
    await page.goto(base + '/');
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    await page.getByRole('textbox', { name: 'Message' }).fill('meeting with Acme');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(page.getByText('Found 3 customers matching "Acme":')).toBeVisible();
    await page.evaluate(() => ((window as any).__noReload = true));

    server.kill('SIGKILL');
    await expect(page.getByRole('status')).toHaveText('Reconnecting…');
    server = startServer(dataDir);
    await waitHealthy(base);
    await expect(page.getByRole('status')).toHaveText('Live', { timeout: 10_000 });

    // The chat from before the crash is intact, and a new run streams in without a reload.
    await page.getByRole('button', { name: 'Acme Solutions (acmesol.io) - Software' }).click();
    const card = page.getByRole('region', { name: 'Research progress' }).last();
    await expect(card.locator('li[data-status="pending"], li[data-status="running"]'))
      .toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByText('🧠 Acme Solutions — research summary', { exact: false })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  } finally {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
