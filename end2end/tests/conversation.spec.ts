import { expect } from '@playwright/test';
import { openChat, say, expectRunSettled, test } from './helpers';

test('ask while research runs, pick a persona, follow an action into a deep dive', async ({ page }) => {
  await openChat(page);
  await say(page, 'Help me prepare for my meeting with Acme');
  // Record every state the overview's tech button is drawn in (steps can land fast).
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as any).__techStates = seen;
    new MutationObserver(() => {
      const b = document.querySelector<HTMLButtonElement>('button[data-action-id="tech_stack"]');
      if (b) seen.add(`${b.dataset.state}:${b.disabled ? 'disabled' : 'enabled'}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Acme Corp (acmecorp.com) - FinTech' }).click();
  const techButton = page.getByRole('button', { name: 'What technology do they use?' });
  await expect(techButton).toBeVisible();
  // Progressive disclosure: the button waited (disabled, spinner) while its data was being
  // collected, then enabled when it landed, marked "new" (until the next answer's buttons
  // became the live suggestions).
  await expect
    .poll(() => page.evaluate(() => [...(window as any).__techStates]))
    .toContain('new:enabled');
  const states = await page.evaluate(() => [...(window as any).__techStates]);
  expect(states).toContain('pending:disabled');

  // A question while the research runs: answered now, or as soon as its data lands.
  await say(page, "What's their technology stack?");
  await expect(page.getByText(/Still collecting tech stack for Acme Corp|Acme Corp technology stack/).first())
    .toBeVisible();
  const techAnswer = page.locator('li.message.assistant', { hasText: 'Acme Corp technology stack' }).last();
  await expect(techAnswer).toContainText('Identity: Azure AD (partial rollout)');

  // Its sources as badges: name, confidence dot, last updated; the claims link to them.
  const badge = techAnswer.getByRole('list', { name: 'Sources' }).locator('li.source').first();
  await expect(badge).toContainText('Demo tech scan');
  await expect(badge.locator('.dot')).toHaveClass(/medium/);
  await expect(badge.locator('time')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(techAnswer.locator('a.cite').first()).toHaveAttribute('href', 'https://acmecorp.com');


  // Persona: role, then purpose; remembered and used from now on.
  await page.getByRole('button', { name: 'Account Executive (AE)' }).last().click();
  await expect(page.getByText("Got it — you're the Account Executive (AE). And the meeting's purpose?"))
    .toBeVisible();
  await page.getByRole('button', { name: 'Expansion opportunity' }).last().click();
  await expect(page.getByText(/I'll tailor answers and suggestions for AE · expansion opportunity/))
    .toBeVisible();
  await expectRunSettled(page);

  // A data-driven action leads to the funding deep dive: the persona answer's "Leverage
  // funding news" when the news had landed by then (its buttons fold once the summary
  // follows), else the summary's own "Tell me more about the funding".
  const leverage = page.locator('li.message', { has: page.locator('button', { hasText: 'Leverage funding news' }) }).last();
  if ((await leverage.count()) > 0) {
    const folded = leverage.locator('details.earlier-actions');
    if ((await folded.count()) > 0 && (await folded.getAttribute('open')) === null) {
      await folded.locator('summary').click();
    }
    await leverage.getByRole('button', { name: 'Leverage funding news' }).click();
  } else {
    await page.getByRole('group', { name: 'Suggested actions' }).last()
      .getByRole('button', { name: 'Tell me more about the funding' }).click();
  }
  const dive = page.locator('li.message.assistant', { hasText: 'Why this matters for your Keyfort conversation' }).last();
  await expect(dive).toContainText('$50M Series C');
  await expect(dive).toContainText('Conversation starters');
  await expect(dive).toContainText('Similar Keyfort customer wins');
  await expect(dive.locator('li.source').first()).toContainText('Demo news feed');

  // Role-fitted buttons under it; "Back to main insights" returns to the overview.
  const buttons = dive.getByRole('group', { name: 'Suggested actions' });
  await expect(buttons.getByRole('button', { name: 'Competitive positioning' })).toBeVisible();
  await expect(buttons.getByRole('button', { name: 'ROI calculator' })).toBeVisible();
  await buttons.getByRole('button', { name: 'What products fit this need?' }).click();
  await expect(page.getByText(/Primary opportunity: Keyfort Workforce Identity/)).toBeVisible();
  await page.getByRole('button', { name: 'Back to main insights' }).last().click();
  await expect(page.getByText('🧠 Acme Corp — main insights', { exact: false })).toBeVisible();

  // A new prep remembers the persona instead of asking again.
  await say(page, 'prep me for initech');
  await page.getByRole('button', { name: 'Initech (initech.com) - Software' }).click();
  await expect(page.getByText('Preparing as AE · expansion opportunity.')).toBeVisible();
});
