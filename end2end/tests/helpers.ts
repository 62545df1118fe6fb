import { test as base, expect, APIRequestContext, BrowserContext, Page } from '@playwright/test';

/** Sign up a new rep through `request` (a context's or a page's: the session cookie lands in
 *  that browser context). The e2e server runs with DOSSIER_SIGNUP=open. */
export async function signUp(request: APIRequestContext, baseURL = '') {
  const email = `rep-${Date.now()}-${Math.random().toString(16).slice(2)}@e2e.test`;
  const res = await request.post(`${baseURL}/api/auth/signup`, {
    data: { name: 'E2E Rep', email, password: 'correct horse 1' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { email, password: 'correct horse 1' };
}

/** A new browser context whose rep is signed up (another user than the test's own). */
export async function otherRep(browser: { newContext(o?: object): Promise<BrowserContext> }, options: object = {}) {
  const context = await browser.newContext(options);
  await signUp(context.request);
  return context;
}

/** Playwright's `test`, with every test's browser context signed in as a rep of its own, so
 *  tests running side by side never see each other's chats. */
export const test = base.extend<{ rep: { email: string; password: string } }>({
  rep: [
    async ({ context }, use) => {
      await use(await signUp(context.request));
    },
    { auto: true },
  ],
});

/** Open the chat and wait until the WASM has hydrated it. */
export async function openChat(page: Page) {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export function input(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

export async function say(page: Page, text: string) {
  await input(page).fill(text);
  await input(page).press('Enter');
}

export function progressCard(page: Page) {
  return page.getByRole('region', { name: 'Research progress' }).last();
}

/** Every step of the newest progress card is settled. */
export async function expectRunSettled(page: Page) {
  const steps = progressCard(page).locator('li[data-step]');
  await expect(steps).toHaveCount(7);
  await expect(progressCard(page).locator('li[data-status="pending"], li[data-status="running"]'))
    .toHaveCount(0, { timeout: 30_000 });
}

/** Tests tagged with this also run in the `*-nojs` projects (JavaScript disabled): what the
 *  server-rendered page alone must show. */
export const NOJS = '@nojs';

/**
 * Open the chat in the project's mode. Hydrated: wait for the WASM, as [`openChat`] does.
 * Without JavaScript: the page is the server's HTML alone — nothing hydrated it and it opened
 * no live connection (both happen within moments of a hydrated load).
 */
export async function loadChat(page: Page, javaScriptEnabled: boolean | undefined) {
  if (javaScriptEnabled !== false) return openChat(page);
  const sockets: string[] = [];
  const onSocket = (ws: { url(): string }) => sockets.push(ws.url());
  page.on('websocket', onSocket);
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  page.off('websocket', onSocket);
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated');
  expect(sockets, 'a page without JavaScript opens no live connection').toEqual([]);
}

/** Start researching `customerId` through the JSON API, in a new chat of this page's rep
 *  (the request shares the context's session cookie). Returns the run's id. */
export async function startResearch(page: Page, customerId: string): Promise<string> {
  const started = await page.request.post('/api/intelligence/customer', { data: { customerId } });
  expect(started.status(), await started.text()).toBe(202);
  return (await started.json()).executionId;
}

/** A run as `GET /api/runs/{id}` reports it. */
export async function runOf(page: Page, runId: string) {
  const res = await page.request.get(`/api/runs/${runId}`);
  expect(res.status()).toBe(200);
  return res.json();
}

/** Wait until the run has ended; returns it. */
export async function runEnded(page: Page, runId: string) {
  await expect.poll(async () => (await runOf(page, runId)).status, { timeout: 30_000 }).not.toBe('running');
  return runOf(page, runId);
}

/** Research `customerId` through the JSON API (see [`startResearch`]) and wait until the
 *  run ends. Returns the run. */
export async function researchThroughApi(page: Page, customerId: string) {
  return runEnded(page, await startResearch(page, customerId));
}

/** The chat message (a bubble, with its card, buttons and sources) that contains `text`. */
export function message(page: Page, text: string | RegExp) {
  return page.locator('li.message', { hasText: text });
}

/** Wait until a server of a test's own (at `base`) answers its health check. */
export async function waitHealthy(base: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not come up');
}
