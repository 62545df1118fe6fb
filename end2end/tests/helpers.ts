import { expect, Page } from '@playwright/test';

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
