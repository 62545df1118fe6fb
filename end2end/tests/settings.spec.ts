import { expect, Page } from '@playwright/test';
import { test, NOJS, openChat, say, researchThroughApi, message } from './helpers';

const PRODUCTS =
  'Brightwave Ledger | Reconciliation for payment platforms | payments, salesforce\n' +
  'Brightwave Alerts | Anomaly alerts on money movement | fraud';

/** Open the settings page (hydrated when JavaScript is on). */
async function openSettings(page: Page, javaScriptEnabled: boolean | undefined) {
  await page.goto('/settings');
  if (javaScriptEnabled !== false) {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
  await expect(page.getByRole('heading', { name: 'Your company' })).toBeVisible();
}

test('the settings page changes the angle of an answer', async ({ page, javaScriptEnabled }) => {
  // Before: the server's demo company, Keyfort.
  await openChat(page);
  await say(page, 'Help me prepare for my meeting with Acme Corp');
  await page.getByRole('button', { name: /^Acme Corp/ }).first().click();
  await expect(message(page, 'research summary')).toContainText('selling Keyfort', { timeout: 30_000 });

  // The rep's own company and role, saved on the settings page.
  await openSettings(page, javaScriptEnabled);
  await expect(page.getByText('Now: built-in demo vendor.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('account_executive');
  await page.getByRole('button', { name: 'Save role and purpose' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: your role and usual meeting purpose.');
  await expect(page.getByRole('combobox', { name: 'Role', exact: true })).toHaveValue('account_executive');
  await page.getByLabel('Company name').fill('Brightwave');
  await page.getByRole('textbox', { name: 'Products', exact: true }).fill(PRODUCTS);
  await page.getByRole('textbox', { name: 'Competitors', exact: true }).fill('Segment | segment | Warehouse-native pricing');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: your company. New preps and answers use it.');
  await expect(page.getByText('Yours: research and answers pitch this company.')).toBeVisible();

  // The next prep of the same account pitches the rep's own products, cited to the settings.
  await researchThroughApi(page, 'acme-corp');
  await openChat(page);
  const summary = message(page, 'research summary');
  await expect(summary).toContainText('🎯 Your angle (AE, selling Brightwave)');
  await expect(summary).toContainText('Pitch Brightwave Ledger: they are hiring a Payments Platform Engineer');
  await expect(summary).toContainText('They run Segment — your edge: Warehouse-native pricing');
  await expect(summary).not.toContainText('Keyfort');
  await expect(summary.getByText('Brightwave (your settings)')).toBeVisible();
  await say(page, 'what should I pitch?');
  const fit = message(page, 'Brightwave Recommendations for Acme Corp');
  await expect(fit).toContainText('Brightwave Ledger');
  await expect(fit).not.toContainText('Keyfort');
});

test(`the settings forms work before the WASM arrives ${NOJS}`, async ({ page, javaScriptEnabled }) => {
  await openSettings(page, javaScriptEnabled);
  await page.getByRole('textbox', { name: 'Products', exact: true }).fill('Ledger\n | a line without a name');
  await page.getByRole('button', { name: 'Save company' }).click();
  await expect(page.getByRole('alert')).toHaveText('Products, line 2: start the line with a name.');
  await expect(page.getByText('Now: built-in demo vendor.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Usual meeting purpose' }).selectOption('renewal');
  await page.getByRole('button', { name: 'Save role and purpose' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: your role and usual meeting purpose.');
  await expect(page.getByRole('combobox', { name: 'Usual meeting purpose' })).toHaveValue('renewal');

  // A token: shown once, listed by name, revoked.
  await page.getByLabel('Token name').fill('CRM sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('heading', { name: 'Your new API token' })).toBeVisible();
  const token = await page.getByRole('textbox', { name: 'Token “CRM sync”' }).inputValue();
  expect(token).toMatch(/^dsr_/);
  await page.getByRole('link', { name: 'Back to settings' }).click();
  const tokens = page.getByRole('list', { name: 'Your API tokens' });
  await expect(tokens.getByRole('listitem')).toHaveCount(1);
  await expect(tokens).toContainText('CRM sync');
  await expect(page.locator('body')).not.toContainText(token);
  await tokens.getByRole('button', { name: 'Revoke CRM sync' }).click();
  await expect(page.getByRole('status')).toHaveText('Token revoked.');
  await expect(tokens.getByRole('listitem')).toHaveCount(0);
});

test(`sign out everywhere from the settings page ${NOJS}`, async ({ page, browser, rep, javaScriptEnabled }) => {
  const phone = await browser.newContext();
  expect((await phone.request.post('/api/auth/signin', { data: rep })).status()).toBe(200);
  expect((await phone.request.get('/api/me')).status()).toBe(200);
  await openSettings(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Dossier' })).toBeVisible();
  expect((await phone.request.get('/api/me')).status()).toBe(401);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Sign in to Dossier' })).toBeVisible();
  await phone.close();
});
