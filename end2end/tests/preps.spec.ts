import { expect } from '@playwright/test';
import { test, openChat, say, expectRunSettled, startResearch, runEnded } from './helpers';

test('the same preps and the same live run on a second device', async ({ page, browser, rep }) => {
  // Two chats through the API, then the list: newest first, filtered as the rep types.
  await runEnded(page, await startResearch(page, 'initech'));
  await runEnded(page, await startResearch(page, 'globex'));
  await page.goto('/chats');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const list = page.getByRole('list', { name: 'Preps' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Prep for Globex');
  await page.getByLabel('Filter').fill('initech');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('link', { name: /Prep for Initech/ }).click();
  await expect(page.getByText('Researching Initech for your meeting.')).toBeVisible();

  // The phone: the same rep signed in on another browser.
  const phone = await browser.newContext();
  const signin = await phone.request.post('/api/auth/signin', { data: rep });
  expect(signin.status()).toBe(200);
  const other = await phone.newPage();
  await other.goto('/chats');
  await expect(other.getByRole('list', { name: 'Preps' }).getByRole('listitem')).toHaveCount(2);

  // A run started on the laptop, in a new chat, streams live into the phone's open chat.
  await openChat(page);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'New chat' }).click()]);
  await expect(page.getByText('Who are you meeting?')).toBeVisible();
  await openChat(other);
  await expect(other.getByText('Who are you meeting?')).toBeVisible();
  await say(page, 'acmesol.io');
  await expect(page.getByText('Found 1 customer matching "acmesol.io":')).toBeVisible();
  const choices = page.getByRole('group', { name: 'Suggested actions' }).last();
  await choices.getByRole('button', { name: 'Acme Solutions (acmesol.io) - Software' }).click();
  await expect(other.getByText('Researching Acme Solutions for your meeting.')).toBeVisible();
  await expectRunSettled(other);
  await phone.close();
});
