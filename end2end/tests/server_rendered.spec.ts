import { expect } from '@playwright/test';
import {
  NOJS, loadChat, openChat, input, progressCard, researchThroughApi, startResearch, runOf, runEnded, message, test, otherRep } from './helpers';

// What the server-rendered page shows: these tests run hydrated (desktop, phone) and with
// JavaScript disabled (desktop-nojs, phone-nojs) — all but the last, a snapshot of a running
// run, which only a page without JavaScript holds still. Without JavaScript nothing can be
// sent from the page, so the chats are built through the JSON API with the page's own cookie.

test('the first load shows the chat shell', { tag: NOJS }, async ({ page, javaScriptEnabled }) => {
  await loadChat(page, javaScriptEnabled);
  await expect(page).toHaveTitle('Dossier — meeting prep');
  await expect(page.getByRole('heading', { level: 1, name: 'Dossier' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who are you meeting?' })).toBeVisible();
  await expect(page.getByText('Try “Help me prepare for my meeting with Acme”', { exact: false }))
    .toBeVisible();
  await expect(input(page)).toBeVisible();
  await expect(input(page)).toBeEditable();
  await expect(input(page)).toHaveAttribute('placeholder', 'Ask about your customer...');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  // A new visitor's chat is empty.
  await expect(page.getByRole('region', { name: 'Conversation' }).getByRole('listitem')).toHaveCount(0);
  // The stylesheet the server's head links is applied.
  await expect(page.getByRole('main')).toHaveCSS('display', 'flex');
});

test('a chat researched through the API reads in full from the page', { tag: NOJS }, async ({ page, javaScriptEnabled }) => {
  const run = await researchThroughApi(page, 'acme-corp');
  expect(run.status).toBe('completed');
  await loadChat(page, javaScriptEnabled);

  // The chat is the one the API built, not a new empty one.
  await expect(page.getByRole('heading', { name: 'Who are you meeting?' })).toHaveCount(0);
  await expect(page.locator('li.message').first()).toHaveText(/^Perfect! Researching Acme Corp for your meeting\./);

  // The overview, with its source and the exploration buttons (their data is in: enabled),
  // folded under "Earlier suggestions" now that the summary's are the live ones.
  const overview = message(page, '📊 Acme Corp — quick overview');
  await expect(overview).toContainText('Industry: FinTech');
  await expect(overview).toContainText('Website: https://acmecorp.com');
  await expect(overview.getByRole('list', { name: 'Sources' }).getByRole('link', { name: 'CRM record' }))
    .toHaveAttribute('href', 'https://acmecorp.com');
  await overview.getByText('Earlier suggestions').click();
  const explore = overview.getByRole('group', { name: 'Suggested actions' }).getByRole('button');
  await expect(explore).toHaveText([
    'Tell me more about their business', 'Who should I talk to?',
    'What technology do they use?', "What's new with them?",
  ]);
  for (const button of await explore.all()) {
    await expect(button).toBeVisible();
    await expect(button).toBeEnabled();
  }

  // The progress card: 7 steps, all done, as the API reports them.
  const card = progressCard(page);
  await expect(card.getByRole('heading', { name: 'Research progress for Acme Corp' })).toBeVisible();
  await expect(card.getByRole('listitem')).toHaveText([
    /Vendor context/, /Collect news & funding/, /Collect hiring/, /Collect company profile/,
    /Collect tech stack/, /Collect contacts/, /Analysis/,
  ]);
  await expect(card.locator('li[data-status="done"]')).toHaveCount(7);
  for (const step of run.steps) {
    const li = card.locator(`li[data-step="${step.key}"]`);
    await expect(li).toHaveAttribute('data-status', step.status);
    await expect(li).toContainText(step.detail);
  }
  await expect(card.locator('li[data-step="vendor"]')).toContainText('Keyfort');
  await expect(card.locator('.run-meta')).toHaveText(/^Finished in \d+(\.\d)? s$/);
  await expect(card).not.toContainText(run.id);
  await expect(message(page, /Deep research finished in/)).toBeVisible();

  // The persona question and its buttons, role and purpose as two labelled groups.
  const persona = message(page, "While that runs, let's get specific about your meeting");
  await expect(persona.getByRole('group', { name: 'Your role' }).getByRole('button')).toHaveText([
    'Account Executive (AE)', 'Customer Success Manager (CSM)', 'Sales Engineer (SE)',
  ]);
  await expect(persona.getByRole('group', { name: 'Meeting purpose' }).getByRole('button')).toHaveText([
    'Renewal discussion', 'Expansion opportunity', 'Technical discovery', 'Executive alignment',
  ]);
  await expect(persona.getByRole('group', { name: 'Other choices' }).getByRole('button')).toHaveText(['Skip']);

  // Each step's findings, with their sources.
  const news = message(page, '📰 News & funding for Acme Corp');
  await expect(news).toContainText(/raises \$50M Series C/);
  await expect(news.getByRole('list', { name: 'Sources' })).toContainText('Demo news feed');
  await expect(message(page, '💼 Hiring at Acme Corp')).toBeVisible();
  await expect(message(page, '🏢 Acme Corp company profile')).toBeVisible();
  const tech = message(page, '🛠 Acme Corp tech stack');
  await expect(tech).toContainText('Identity: Azure AD (partial rollout)');
  await expect(tech.getByRole('list', { name: 'Sources' })).toContainText('Demo tech scan');
  await expect(message(page, '👥 Decision makers at Acme Corp')).toBeVisible();

  // The research summary, last.
  const summary = page.locator('li.message').last();
  await expect(summary).toContainText('🧠 Acme Corp — research summary');
  await expect(summary).toContainText('Every source answered.');
  await expect(summary.getByRole('list', { name: 'Sources' }).getByRole('listitem').first()).toBeVisible();
  await expect(summary.getByRole('group', { name: 'Suggested actions' }).getByRole('button')).toHaveText([
    'Tell me more about the funding', 'Show me the hiring details', 'Competitive landscape',
  ]);
});

test("the page shows the rep's newest chat, and to nobody else", { tag: NOJS }, async ({ page, browser, javaScriptEnabled }) => {
  // First load after signing up: an empty chat.
  await loadChat(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { name: 'Who are you meeting?' })).toBeVisible();

  // Research in a new chat: the next load shows that one, a failed source and all.
  const run = await researchThroughApi(page, 'initech');
  expect(run.status).toBe('partial');
  await loadChat(page, javaScriptEnabled);
  await expect(page.getByRole('heading', { name: 'Who are you meeting?' })).toHaveCount(0);
  await expect(page.getByText('Researching Initech for your meeting.')).toBeVisible();
  const news = progressCard(page).locator('li[data-step="news"]');
  await expect(news).toHaveAttribute('data-status', 'failed');
  await expect(news).toContainText('the news source (Demo news feed) is down right now');
  await expect(progressCard(page).locator('li[data-status="done"]')).toHaveCount(6);
  await expect(page.locator('li.message').last()).toContainText('Missing:');

  // Another rep gets their own empty chat.
  const other = await otherRep(browser, { javaScriptEnabled });
  const stranger = await other.newPage();
  await loadChat(stranger, javaScriptEnabled);
  await expect(stranger.getByRole('heading', { name: 'Who are you meeting?' })).toBeVisible();
  await expect(stranger.getByText('Researching Initech for your meeting.')).toHaveCount(0);
  await expect(stranger.getByRole('region', { name: 'Research progress' })).toHaveCount(0);
  await other.close();
});

test('a load while research runs shows the run as it stands; the next, as it ended', { tag: NOJS }, async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled !== false, 'a hydrated page follows the run live (prep_flow: "reloading mid-run …")');
  // The page must be rendered while the run runs: the run still running after the load proves
  // it was. Steps take 400-1200 ms, so this nearly always holds at the first try.
  let runId = '';
  for (let attempt = 1; ; attempt++) {
    runId = await startResearch(page, 'globex');
    await page.goto('/');
    if ((await runOf(page, runId)).status === 'running') break;
    expect(attempt, 'the research kept ending before its page had loaded').toBeLessThan(3);
  }
  const card = progressCard(page);
  await expect(card).toHaveAttribute('data-run-id', runId);
  await expect(page.getByText('Researching Globex Systems for your meeting.')).toBeVisible();
  await expect(card.getByRole('listitem')).toHaveCount(7);
  await expect(card.locator('.run-meta')).toHaveText(/^Estimated about \d+ seconds?$/);
  // The analysis ends the run, so it had not ended; nor is there a summary yet.
  await expect(card.locator('li[data-step="analysis"]')).toHaveAttribute('data-status', /^(pending|running)$/);
  await expect(page.getByText('🧠 Globex Systems — research summary')).toHaveCount(0);
  // A button whose data was still being collected waits (disabled); otherwise it is enabled.
  const techButton = page.getByRole('button', { name: 'What technology do they use?' });
  const tech = await card.locator('li[data-step="tech"]').getAttribute('data-status');
  if (tech === 'pending' || tech === 'running') {
    await expect(techButton).toBeDisabled();
    await expect(techButton).toHaveAttribute('data-state', 'pending');
  } else {
    await expect(techButton).toBeEnabled();
  }

  // Loaded again after the run ended: the whole result.
  expect((await runEnded(page, runId)).status).toBe('completed');
  await loadChat(page, javaScriptEnabled);
  await expect(card.locator('li[data-status="done"]')).toHaveCount(7);
  await expect(card.locator('.run-meta')).toHaveText(/^Finished in /);
  await expect(message(page, '🧠 Globex Systems — research summary')).toBeVisible();
  // The overview's buttons folded away under the summary's; inside, ready.
  await expect(techButton).toBeHidden();
  await message(page, '📊 Globex Systems — quick overview').getByText('Earlier suggestions').click();
  await expect(techButton).toBeEnabled();
  await expect(techButton).toHaveAttribute('data-state', 'ready');
});

test('the service worker keeps the app shell only, never a page or an API answer', async ({ page }) => {
  await openChat(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Load the chat again under the worker's control, and call the API.
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.request.get('/api/chats');
  const cached: string[] = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain('/offline.html');
  for (const path of cached) {
    expect(path === '/offline.html' || path.startsWith('/pkg/') || ['/manifest.webmanifest', '/icon.svg'].includes(path), path).toBe(true);
  }
  expect(cached).not.toContain('/');
});
