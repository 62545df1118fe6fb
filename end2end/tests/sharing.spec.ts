import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, NOJS, runEnded } from './helpers';

// Sharing a prep: "Share link" on the prep's page, the link opened in a signed-out browser
// (that prep only, read-only), and "Stop sharing". Hydrated, the link appears in place;
// without JavaScript the form shows it on a page of its own.

/** A prep of Acme with its first one-pager, made through the JSON API; its id. */
async function madePrep(page: Page): Promise<string> {
  const started = await page.request.post('/api/intelligence/customer', { data: { customerId: 'acme-corp' } });
  expect(started.status(), await started.text()).toBe(202);
  const { executionId, chatSessionId } = await started.json();
  await runEnded(page, executionId);
  const made = await page.request.post('/api/preps', { data: { chatSessionId } });
  expect(made.status(), await made.text()).toBe(202);
  const { prepId } = await made.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/preps/${prepId}`)).json()).version, { timeout: 30_000 })
    .toBe(1);
  return prepId;
}

test(`share a link to the one-pager and open it signed out ${NOJS}`, async ({ page, browser, javaScriptEnabled }) => {
  const prepId = await madePrep(page);
  await page.goto(`/preps/${prepId}`);
  if (javaScriptEnabled !== false) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const share = page.getByRole('region', { name: 'Share and send' });
  await expect(share.getByRole('link', { name: 'Download .eml' })).toBeVisible();
  await expect(share.getByRole('link', { name: 'Open as an email draft' })).toHaveAttribute('href', /^mailto:\?subject=Ahead/);
  await share.getByRole('button', { name: 'Share link' }).click();

  // Shown once: in place when hydrated, on a page of its own without JavaScript.
  const field = page.locator('input[readonly]');
  await expect(field).toHaveValue(/\/share\/[0-9a-f]{64}$/);
  const url = await field.inputValue();

  // A signed-out browser sees that prep, read-only, and nothing else.
  // (Its own JavaScript on: the shared page has no script, and axe needs it to run.)
  const stranger = await browser.newContext({ javaScriptEnabled: true });
  const other = await stranger.newPage();
  const res = await other.goto(url);
  expect(res?.status()).toBe(200);
  await expect(other.getByRole('heading', { level: 1, name: 'Meeting prep — Acme Corp' })).toBeVisible();
  await expect(other.getByText('Shared by E2E Rep, read-only.')).toBeVisible();
  for (const h of ['Executive summary', 'Key signals', 'Sources']) {
    await expect(other.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();
  }
  await expect(other.getByRole('region', { name: 'Share and send' })).toHaveCount(0);
  await expect(other.getByRole('button')).toHaveCount(0);
  await expect(other.getByRole('link', { name: 'Back to the chat' })).toHaveCount(0);
  const pdf = await other.request.get(`${url}.pdf`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const width = await other.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(width, 'no sideways scrolling').toBeLessThanOrEqual(1);
  const axe = await new AxeBuilder({ page: other }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`), 'axe on the shared page').toEqual([]);
  // The rep's own pages stay closed to it.
  const closed = await other.goto(`/preps/${prepId}`);
  await expect(other).toHaveURL(/\/signin/);
  expect(closed?.status()).toBe(200);

  // Stop sharing: the link is gone for everyone.
  await page.goto(`/preps/${prepId}#share`);
  if (javaScriptEnabled !== false) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(share.getByText(/1 link works now, until/)).toBeVisible();
  await share.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(share.getByRole('button', { name: 'Stop sharing' })).toHaveCount(0);
  const gone = await other.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(other.getByRole('heading', { name: "This link doesn't open a prep" })).toBeVisible();
  await stranger.close();
});

test(`save a Slack webhook, send the prep to Slack and see it delivered ${NOJS}`, async ({ page, javaScriptEnabled }) => {
  const prepId = await madePrep(page);
  const slackPort = Number(process.env.E2E_SLACK_PORT ?? 3199);
  const path = `/services/T0/B0/${Math.random().toString(16).slice(2)}`;
  const hydrated = javaScriptEnabled !== false;

  // Settings: the webhook is saved and never shown back.
  await page.goto('/settings#sharing');
  if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Incoming-webhook URL').fill(`http://127.0.0.1:${slackPort}${path}`);
  await page.getByRole('button', { name: 'Save Slack' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: your Slack webhook.' })).toBeVisible();
  await expect(page.getByText(/A webhook is saved since/)).toBeVisible();
  expect(await page.content()).not.toContain(path);

  // The prep page: "Send to Slack", then the send shows as delivered (in place when
  // hydrated; on the next load without JavaScript).
  await page.goto(`/preps/${prepId}#share`);
  if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const share = page.getByRole('region', { name: 'Share and send' });
  await share.getByRole('button', { name: 'Send to Slack' }).click();
  const sent = share.locator('li.send[data-channel="slack"]');
  if (hydrated) {
    await expect(sent.first()).toHaveAttribute('data-status', 'delivered');
  } else {
    await expect
      .poll(
        async () => {
          // What a rep does without JavaScript: load the page again.
          await page.reload();
          return sent.first().getAttribute('data-status', { timeout: 5_000 });
        },
        { timeout: 30_000, intervals: [250, 500, 1_000] },
      )
      .toBe('delivered');
  }
  await expect(sent.first()).toContainText('Slack (your webhook\'s channel) · version 1');
  await expect(sent.first()).toContainText('delivered');

  // What the webhook got: Block Kit about Acme.
  const got = await (await page.request.get(`http://127.0.0.1:${slackPort}/received`)).json();
  const mine = got.filter((r: { path: string }) => r.path === path);
  expect(mine).toHaveLength(1);
  const body = JSON.parse(mine[0].body);
  expect(body.blocks.length).toBeLessThanOrEqual(50);
  expect(body.blocks[0].type).toBe('header');
  expect(body.blocks[0].text.text).toBe('Meeting prep — Acme Corp');
});
