import { test, expect } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { message, progressCard, signUp } from './helpers';

// Two Dossier instances on one SurrealDB server (ws://), as behind a load balancer: the page
// is open on instance A; the research is started through instance B, which drives it; B is
// killed -9 mid-run and A takes the run over when its lease lapses. The page on A shows the
// run live throughout, every step and message once.
const SURREAL = process.env.SURREALDB_TEST_SERVER ?? '../target/debug/surrealdb-test-server';
const DB_PORT = 3102;
const A = 'http://127.0.0.1:3103';
const B = 'http://127.0.0.1:3104';

function surreal(): ChildProcess {
  return spawn(
    SURREAL,
    ['start', '--user', 'root', '--pass', 'root', '--bind', `127.0.0.1:${DB_PORT}`, 'memory'],
    { stdio: 'ignore' },
  );
}

function instance(base: string): ChildProcess {
  return spawn('../target/debug/server', [], {
    env: {
      ...process.env,
      LEPTOS_SITE_ADDR: base.replace('http://', ''),
      LEPTOS_SITE_ROOT: '../target/site',
      DOSSIER_DB: `ws://127.0.0.1:${DB_PORT}`,
      DOSSIER_DB_USER: 'root',
      DOSSIER_DB_PASS: 'root',
      DOSSIER_LEASE_MS: '1500',
      DOSSIER_DEMO_DELAY_MS: '2500-4000',
      DOSSIER_PROFILE_TTL_SECS: '0',
      DOSSIER_CACHE: 'off',
      DOSSIER_SIGNUP: 'open',
      RUST_LOG: 'error',
    },
    stdio: 'ignore',
  });
}

async function healthy(base: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not come up`);
}

async function surrealUp() {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${DB_PORT}/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('SurrealDB did not come up');
}

test('a run driven by another instance streams live, and survives that instance dying', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one browser size is enough for this');
  expect(existsSync(SURREAL), `${SURREAL} is missing: \`make test\` builds it`).toBe(true);
  const db = surreal();
  const servers: ChildProcess[] = [];
  try {
    await surrealUp();
    // One after the other: the first to start sets up the database (schema, demo accounts).
    servers.push(instance(A));
    await healthy(A);
    servers.push(instance(B));
    await healthy(B);
    await signUp(page.request, A);
    await page.goto(A + '/');
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    const chats = await (await page.request.get(A + '/api/chats')).json();
    const sid: string = chats[0].id;

    // The same rep (one cookie for 127.0.0.1) starts research through B, in the page's chat.
    const started = await page.request.post(B + '/api/intelligence/customer', {
      data: { customerId: 'acme-corp', chatSessionId: sid },
    });
    expect(started.status(), await started.text()).toBe(202);
    const card = progressCard(page);
    await expect(card.locator('li[data-step]')).toHaveCount(7);
    await expect(card.locator('li[data-status="running"]').first()).toBeVisible();

    // B dies mid-run; A takes it over and the page keeps moving without a reload.
    await page.evaluate(() => ((window as any).__noReload = true));
    servers[1].kill('SIGKILL');
    await expect(card.locator('li[data-status="pending"], li[data-status="running"]'))
      .toHaveCount(0, { timeout: 30_000 });
    await expect(card.locator('li[data-status="done"]')).toHaveCount(7);
    await expect(message(page, 'Acme Corp — research summary')).toHaveCount(1);
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

    // Every message the database holds is on the page once.
    const events = await (
      await page.request.post(A + '/api/chat/events', { form: { session_id: sid, after_seq: '0' } })
    ).json();
    const added = events.filter((e: any) => e.change.type === 'message_added').length;
    await expect(page.locator('li.message')).toHaveCount(added);
    const finished = events.filter((e: any) => e.change.type === 'run_finished').length;
    expect(finished).toBe(1);
  } finally {
    for (const s of servers) s.kill('SIGKILL');
    db.kill('SIGKILL');
  }
});
