import { expect } from '@playwright/test';
import { openChat, say, input, progressCard, expectRunSettled, NOJS, test, otherRep } from './helpers';

// No browser here (the same in every project); tagged so the -nojs projects hold the whole
// server-rendered contract.
test('the first response is server-rendered HTML with the chat', { tag: NOJS }, async ({ context }) => {
  const res = await context.request.get('/');
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('placeholder="Ask about your customer..."');
  expect(html).toContain('Who are you meeting?');
  expect(html).toContain('/pkg/dossier.js');
});

test('prepare for Acme: matches, pick, overview, live progress, summary, reload', async ({ page }) => {
  await openChat(page);
  await expect(input(page)).toHaveAttribute('placeholder', 'Ask about your customer...');
  // A marker that a full page load would wipe: progress must arrive without one.
  await page.evaluate(() => ((window as any).__noReload = true));

  await say(page, 'Help me prepare for my meeting with Acme');
  await expect(page.getByText('Found 3 customers matching "Acme":')).toBeVisible();
  const choices = page.getByRole('group', { name: 'Suggested actions' }).last();
  await expect(choices.getByRole('button')).toHaveText([
    'Acme Corp (acmecorp.com) - FinTech',
    'Acme Industries (acme-ind.com) - Manufacturing',
    'Acme Solutions (acmesol.io) - Software',
  ]);

  await choices.getByRole('button', { name: 'Acme Corp (acmecorp.com) - FinTech' }).click();
  await expect(page.getByText('Researching Acme Corp for your meeting.')).toBeVisible();
  await expect(page.getByText('Industry: FinTech').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Who should I talk to?' })).toBeVisible();

  const card = progressCard(page);
  await expect(card.locator('li[data-step]')).toHaveText([
    /Vendor context/, /Collect news & funding/, /Collect hiring/, /Collect company profile/,
    /Collect tech stack/, /Collect contacts/, /Analysis/,
  ]);
  // Steps start out pending or running, and settle as done, live.
  await expect(card.locator('li[data-status="pending"], li[data-status="running"]').first()).toBeVisible();
  await expectRunSettled(page);
  await expect(card.locator('li[data-status="done"]')).toHaveCount(7);
  // The rep's own company context is part of the run.
  await expect(card.locator('li[data-step="vendor"]')).toContainText('Keyfort');
  await expect(page.getByText(/News & funding for Acme Corp/)).toBeVisible();
  await expect(page.getByText(/raises \$50M Series C/).first()).toBeVisible();
  await expect(page.getByText('🧠 Acme Corp — research summary', { exact: false })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sources' }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

  // Reload: the same chat comes back from the database.
  await page.reload();
  await expect(page.getByText('Researching Acme Corp for your meeting.')).toBeVisible();
  await expect(progressCard(page).locator('li[data-status="done"]')).toHaveCount(7);
  await expect(page.getByText('🧠 Acme Corp — research summary', { exact: false })).toBeVisible();
});

test('a failing source shows its reason and the summary says what is missing', async ({ page }) => {
  await openChat(page);
  await say(page, 'prep me for initech');
  await page.getByRole('button', { name: 'Initech (initech.com) - Software' }).click();
  await expectRunSettled(page);
  const news = progressCard(page).locator('li[data-step="news"]');
  await expect(news).toHaveAttribute('data-status', 'failed');
  await expect(news).toContainText('the news source (Demo news feed) is down right now');
  await expect(progressCard(page).locator('li[data-status="done"]')).toHaveCount(6);
  await expect(page.getByText(/Missing:/)).toBeVisible();
});

test('reloading mid-run restores the chat and live updates continue', async ({ page }) => {
  await openChat(page);
  await say(page, 'meeting w/ Globex tomorrow');
  await page.getByRole('button', { name: /^Globex Systems/ }).click();
  await expect(progressCard(page)).toBeVisible();
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByText('Researching Globex Systems for your meeting.')).toBeVisible();
  await expectRunSettled(page);
  await expect(page.getByText('🧠 Globex Systems — research summary', { exact: false })).toBeVisible();
});

test('no match and no company get clear answers; empty input is refused', async ({ page }) => {
  await openChat(page);
  await say(page, 'prep me for Zzyzx Unlimited');
  await expect(page.getByText(/I couldn't find a customer matching "Zzyzx Unlimited"/)).toBeVisible();
  await page.getByRole('button', { name: 'Search again' }).last().click();
  await expect(input(page)).toBeFocused();
  await say(page, 'Help me prepare for my meeting');
  await expect(page.getByText(/Which company is your meeting with\?/).last()).toBeVisible();
  await say(page, '   ');
  await expect(page.getByRole('alert')).toHaveText('Please type something first.');
});

test('another browser cannot see this chat', async ({ page, browser }) => {
  await openChat(page);
  await say(page, 'acmesol.io');
  await expect(page.getByText('Found 1 customer matching "acmesol.io":')).toBeVisible();
  const other = await otherRep(browser);
  const stranger = await other.newPage();
  await stranger.goto('/');
  await expect(stranger.getByText('Who are you meeting?')).toBeVisible();
  await expect(stranger.getByText('Found 1 customer matching "acmesol.io":')).toHaveCount(0);
  await other.close();
});

test('"New chat" starts an empty chat and keeps the old one out of view', async ({ page }) => {
  await openChat(page);
  await say(page, 'acme');
  await expect(page.getByText('Found 3 customers matching "acme":')).toBeVisible();
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'New chat' }).click(),
  ]);
  await expect(page.getByText('Who are you meeting?')).toBeVisible();
  await expect(page.getByText('Found 3 customers matching "acme":')).toHaveCount(0);
});

test('a message sent before the page is interactive, or without JavaScript, is answered', { tag: NOJS }, async ({ page, javaScriptEnabled }) => {
  if (javaScriptEnabled !== false) {
    // A mid-range phone: the CPU 4× slower, so the WASM arrives well after the page.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.goto('/');
  // Typed and sent at once, not waiting for hydration.
  await input(page).fill('meeting with Acme');
  await input(page).press('Enter');
  await expect(page.getByText('Found 3 customers matching "Acme":')).toBeVisible();
  await expect(page.getByText('Please type something first.')).toHaveCount(0);
});
