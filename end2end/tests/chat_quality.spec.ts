import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openChat, say, input, message, progressCard, expectRunSettled, loadChat, NOJS, test } from './helpers';

// The chat a rep would choose: nothing hidden under the bar, nothing jumping, nothing stale,
// errors in plain words, one set of live suggestions, questions understood, axe-clean.

/** axe finds nothing on the page as it is now. */
async function axeClean(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe on ${state}`).toEqual([]);
}

/** The newest message is on screen between the header and the message bar: whole, or — when
 *  it is taller than that room — from its top. */
async function expectNewestShown(page: Page) {
  await expect
    .poll(async () => {
      const last = await page.locator('li.message').last().boundingBox();
      const header = await page.locator('.chat-header').boundingBox();
      const bar = await page.locator('.dock').boundingBox();
      if (!last || !header || !bar) return 'not laid out';
      const top = header.y + header.height;
      const room = bar.y - top;
      if (last.height > room) {
        return last.y >= top - 1 && last.y < bar.y ? 'top shown' : `top at ${last.y}, room ${top}–${bar.y}`;
      }
      return last.y >= top - 1 && last.y + last.height <= bar.y + 1
        ? 'whole'
        : `box ${last.y}–${last.y + last.height}, room ${top}–${bar.y}`;
    })
    .toMatch(/^(whole|top shown)$/);
}

async function pick(page: Page, company: string, choice: RegExp) {
  await say(page, `Help me prepare for my meeting with ${company}`);
  const button = page.getByRole('group', { name: 'Suggested actions' }).getByRole('button', { name: choice });
  await expect(button).toBeVisible();
  await expectNewestShown(page);
  await button.click();
}

test('the newest message is never under the message bar; a long answer opens at its top', async ({ page }) => {
  await openChat(page);
  await axeClean(page, 'the empty chat');
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expectRunSettled(page);
  await expect(page.getByText('🧠 Acme Corp — research summary')).toBeVisible();
  await expectNewestShown(page);
  await axeClean(page, 'a finished prep');

  // The one-pager is long (on a phone several screens): it opens at its top.
  await say(page, 'Create my meeting prep one-pager');
  const onePager = message(page, '📄 Meeting prep — Acme Corp');
  await expect(onePager).toBeVisible();
  await expectNewestShown(page);
  await axeClean(page, 'the one-pager');

  // A run where every source fails ends with a bubble that is shown whole.
  await pick(page, 'Vandelay', /^Vandelay Industries/);
  await expect(page.getByText(/I couldn't research Vandelay Industries/)).toBeVisible({ timeout: 30_000 });
  await say(page, 'and their tech stack?');
  await expect(page.locator('li.message').last()).toContainText('technolog');
  await expectNewestShown(page);
  await axeClean(page, 'a failed run');
});

test('a button the rep reaches for stays put while findings land; its answer takes the focus', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  const ae = page.getByRole('group', { name: 'Your role' }).getByRole('button', { name: 'Account Executive (AE)' });
  await ae.hover();
  const before = await ae.boundingBox();
  // Findings land while the pointer rests on the button.
  await expectRunSettled(page);
  await expect(page.getByText('🧠 Acme Corp — research summary')).toHaveCount(1);
  const after = await ae.boundingBox();
  expect(after?.y, 'the hovered button did not move').toBeCloseTo(before!.y, 0);
  expect(after?.x).toBeCloseTo(before!.x, 0);

  // From the keyboard: the answer a suggestion brings gets the focus, not <body>.
  const suggestion = page.getByRole('group', { name: 'Suggested actions' }).getByRole('button').first();
  const label = (await suggestion.textContent())!.trim();
  await suggestion.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.message.user').last()).toHaveText(label);
  const focused = page.locator('li.message:focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveAttribute('data-role', 'assistant');
  await axeClean(page, 'an answer to a suggestion');
});

test('scrolled up to read, new messages are counted, not jumped to', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expectRunSettled(page);
  await say(page, 'Create my meeting prep one-pager');
  await expect(message(page, '📄 Meeting prep — Acme Corp')).toBeVisible();
  // The rep scrolls up to read.
  await page.mouse.move(300, 300);
  await page.mouse.wheel(0, -20_000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  const y = 0;
  // An answer arriving while the rep reads the top of the chat: the page stays put.
  const asked = await page.request.post('/api/chat/question', {
    data: { chatSessionId: await sessionId(page), customerId: 'acme-corp', question: 'who should I talk to?' },
  });
  expect(asked.status(), await asked.text()).toBe(200);
  const newBelow = page.getByRole('button', { name: /↓ \d+ new/ });
  await expect(newBelow).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(y);
  await newBelow.click();
  await expect(newBelow).toHaveCount(0);
  await expect(page.locator('li.message:focus')).toHaveCount(1);
});

async function sessionId(page: Page): Promise<string> {
  return (await page.locator('form.composer input[name="session_id"]').getAttribute('value'))!;
}

test('texts describe the present: no spinning icon once the run is done, and how long it took', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  const started = message(page, 'Gathering deeper intelligence');
  await expect(started).toContainText('🔄');
  await expectRunSettled(page);
  await expect(page.getByText(/✅ Deep research finished in \d+(\.\d)? s/)).toBeVisible();
  await expect(page.locator('.conversation')).not.toContainText('🔄');
  const meta = progressCard(page).locator('.run-meta');
  await expect(meta).toHaveText(/^Finished in \d+(\.\d)? s/);
  await expect(meta).not.toContainText('run-');
  await expect(meta).not.toContainText('estimated');
});

test('failures in plain words, said once; no "new" for data that never came', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Vandelay', /^Vandelay Industries/);
  await expect(page.getByText(/I couldn't research Vandelay Industries/)).toBeVisible({ timeout: 30_000 });
  const card = progressCard(page);
  await expect(card.locator('li[data-step="news"]')).toContainText('the news source (Demo news feed) is down right now');
  const chat = page.locator('.conversation');
  await expect(chat).not.toContainText('HTTP');
  await expect(chat).not.toContainText('timed out');
  await expect(page.locator('button[data-state="new"]')).toHaveCount(0);
  await say(page, 'Create my meeting prep one-pager');
  const onePager = message(page, '📄 Meeting prep — Vandelay Industries');
  await expect(onePager).toBeVisible();
  await expect(onePager).not.toContainText('HTTP');
  expect((await onePager.innerText()).split('the searches failed').length - 1, 'the failed sections, said once').toBe(1);
});

test('one set of live suggestions; role and purpose as two labelled groups', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expect(page.getByRole('group', { name: 'Your role' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Meeting purpose' })).toBeVisible();
  await expectRunSettled(page);
  await expect(page.getByText('🧠 Acme Corp — research summary')).toBeVisible();
  // The summary's exploration buttons (the seed's) are the live suggestions.
  const live = page.getByRole('group', { name: 'Suggested actions' });
  await expect(live).toHaveCount(1);
  await expect(live.getByRole('button')).toHaveText([
    'Tell me more about the funding',
    'Show me the hiring details',
    'Competitive landscape',
  ]);
  // The account picker and the overview's buttons folded away.
  await expect(page.getByRole('button', { name: /^Acme Industries/ })).toBeHidden();
  await expect(page.getByText('Earlier suggestions').first()).toBeVisible();

  await live.getByRole('button', { name: 'Tell me more about the funding' }).click();
  await expect(page.locator('li.message.assistant').last()).toContainText('💰');
  const now = page.getByRole('group', { name: 'Suggested actions' });
  await expect(now).toHaveCount(1);
  await expect(now.getByRole('button', { name: 'Tell me more about the funding' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Your role' })).toHaveCount(1);
  await axeClean(page, 'suggestions after a deep dive');
});

test('questions it should understand', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expectRunSettled(page);
  const last = () => page.locator('li.message.assistant').last();

  await say(page, 'what changed recently at acme?');
  await expect(last()).toContainText('News & funding for Acme Corp');
  await say(page, 'thanks!');
  await expect(last()).toHaveText(/^You're welcome — good luck with Acme Corp!/);
  await say(page, 'blorp the frobnicator');
  await expect(last()).toContainText('Did you mean…?');
  await expect(last().getByRole('button')).toHaveCount(3);
  await axeClean(page, 'did you mean');
  await say(page, 'what about Acme Industries?');
  await expect(page.getByText('Perfect! Researching Acme Industries for your meeting.')).toBeVisible();
});

test('without JavaScript the header says Offline and a message never goes into the address', { tag: NOJS }, async ({ page, javaScriptEnabled }) => {
  await loadChat(page, javaScriptEnabled);
  const status = page.getByRole('status');
  if (javaScriptEnabled === false) {
    await expect(status).toHaveText('Offline');
    await input(page).fill('Help me prepare for my meeting with Acme');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('Which customer are you meeting with?')).toBeVisible();
    expect(page.url()).not.toContain('Acme');
    await expect(status).toHaveText('Offline');
  } else {
    await expect(status).toHaveText('Live');
  }
});

test('Retry on a failed step asks only that step again', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Initech', /^Initech/);
  await expectRunSettled(page);
  const first = progressCard(page);
  const firstRun = (await first.getAttribute('data-run-id'))!;
  await expect(first.locator('li[data-step="news"]')).toHaveAttribute('data-status', 'failed');
  await expect(first.locator('li[data-step="news"]')).toContainText('is down right now');
  await first.getByRole('button', { name: 'Retry collect news & funding' }).click();
  await expect(page.locator('li.message.user').last()).toHaveText('Retry news & funding');
  const again = progressCard(page);
  await expect(again).not.toHaveAttribute('data-run-id', firstRun);
  // What was found is kept from the start; only news is asked again.
  for (const step of ['vendor', 'hiring', 'company', 'tech', 'contacts']) {
    await expect(again.locator(`li[data-step="${step}"]`)).toHaveAttribute('data-status', 'done');
  }
  await expectRunSettled(page);
  // The earlier card offers no second Retry once retried.
  await expect(page.getByRole('region', { name: 'Research progress' }).first().getByRole('button', { name: /^Retry/ })).toHaveCount(0);
  await axeClean(page, 'a retried run');
});

test('a role chosen after the run re-writes the summary angle, live', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expectRunSettled(page);
  const summary = message(page, '🧠 Acme Corp — research summary');
  await expect(summary).toBeVisible();
  await expect(summary).not.toContainText('🎯 Your angle (AE');
  await page.getByRole('group', { name: 'Your role' }).getByRole('button', { name: 'Account Executive (AE)' }).click();
  // The summary itself is revised in place (not a new bubble), and the answer says so.
  await expect(summary).toContainText('🎯 Your angle (AE');
  await expect(page.locator('li.message.assistant').last()).toContainText('re-written the summary above');
  await expect(page.getByText('🧠 Acme Corp — research summary')).toHaveCount(1);
  // Then the purpose, typed in words: revised again.
  await say(page, "it's a renewal meeting");
  await expect(summary).toContainText('renewal');
  await axeClean(page, 'a revised summary');
});

test('while research runs: wait for the complete analysis, or see what is in so far', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  // The overview offers to wait (the seed's button); typed, it asks the same.
  await expect(page.locator('button', { hasText: 'Wait for complete analysis' })).toHaveCount(1);
  await say(page, 'Wait for complete analysis');
  const complete = message(page, '🧠 Acme Corp — the complete analysis');
  await expect(complete).toBeVisible({ timeout: 30_000 });
  await expectRunSettled(page);
  await expect(complete).not.toContainText('still being collected');
  await expect(complete).toContainText('Funding');
  await say(page, 'Show me what I know so far');
  await expect(page.locator('li.message.assistant').last()).toContainText('Acme Corp — main insights');
  await expectNewestShown(page);
});
