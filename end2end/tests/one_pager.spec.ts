import { expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, openChat, say, expectRunSettled, message } from './helpers';

async function axeClean(page: Page, state: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe on ${state}`).toEqual([]);
}

// The one-pager: pin two answers, ask for it, watch it being made, open its page, its deck
// and its PDF.

async function pick(page: Page, company: string, choice: RegExp) {
  await say(page, `Help me prepare for my meeting with ${company}`);
  await page.getByRole('group', { name: 'Suggested actions' }).getByRole('button', { name: choice }).click();
}

test('pin two answers, make the one-pager, open it as a page, a deck and a PDF', async ({ page }) => {
  await openChat(page);
  await pick(page, 'Acme', /^Acme Corp \(acmecorp\.com\)/);
  await expectRunSettled(page);

  // Pin two answers.
  await say(page, 'Who are they hiring?');
  const hiring = page.locator('li.message.assistant').last();
  await expect(hiring).toContainText('💼 Hiring at Acme Corp');
  await hiring.getByRole('button', { name: '📋 Add to meeting prep' }).click();
  await expect(hiring.getByRole('status')).toHaveText('✓ Added to your meeting prep');
  await say(page, 'Who should I talk to?');
  const people = page.locator('li.message.assistant').last();
  await expect(people.getByRole('button', { name: '📋 Add to meeting prep' })).toBeVisible();
  await people.getByRole('button', { name: '📋 Add to meeting prep' }).click();
  await expect(people.getByRole('status')).toContainText('Added');

  // Ask for it: the progress in the seed's words, then the one-pager with its links.
  await say(page, 'Create my meeting prep one-pager');
  await expect(page.getByText(/📄 Generat(ing|ed) Meeting Prep for Acme Corp/)).toBeVisible();
  const progress = message(page, 'Meeting Prep for Acme Corp');
  await expect(progress).toContainText('Personali');
  await expect(progress).toContainText('2 pinned items');
  const onePager = message(page, '📄 Meeting prep — Acme Corp');
  await expect(onePager).toBeVisible();
  await expect(onePager).toContainText('Executive summary');

  // The PDF is a real PDF.
  const pdfHref = await onePager.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The page: every section, the pinned items, the sources; readable on a phone.
  await onePager.getByRole('link', { name: 'Open the one-pager' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meeting prep — Acme Corp' })).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  for (const h of ['Executive summary', 'Key signals', 'People to meet', 'Your angle', 'Questions to ask',
    'Risks and watch-outs', 'Next steps', 'Sources']) {
    await expect(page.getByRole('heading', { level: 2, name: h, exact: true })).toBeVisible();
  }
  await expect(page.locator('section[data-section="pinned"] li')).toHaveCount(2);
  await expect(page.locator('li.suggestion').first()).toContainText('💡 Suggestion:');
  const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(width, 'no sideways scrolling').toBeLessThanOrEqual(1);
  await axeClean(page, 'the one-pager page');

  // The deck: full screen, a slide a section; the arrow key moves to the next.
  await page.getByRole('link', { name: 'Slide deck' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const slides = page.locator('section.slide');
  await expect(slides).toHaveCount(9);
  await expect(slides.first()).toContainText('Meeting prep — Acme Corp');
  const strip = page.locator('.deck-strip');
  const before = await strip.evaluate((el) => el.scrollLeft);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => strip.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  await axeClean(page, 'the deck');
});
