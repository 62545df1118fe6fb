import { expect } from '@playwright/test';
import { test, input } from './helpers';

// A phone on a slow network: 4× CPU slowdown and "slow 4G" (150 ms RTT, 1.6 Mbit/s down,
// 750 kbit/s up). Reports how long until the chat is usable (server HTML shown; hydrated) and
// checks that what the rep types before hydration is neither lost nor sent as a URL. The
// figures go to the report (annotations), never into an assertion.

test('on a throttled phone the chat is usable early and no typed input is lost', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'measured on the phone profile');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  const t0 = Date.now();
  await page.goto('/', { waitUntil: 'commit' });
  // The server-rendered chat: the input is there before any WASM.
  await expect(input(page)).toBeVisible({ timeout: 60_000 });
  const shown = Date.now() - t0;
  // The rep starts typing at once.
  await input(page).pressSequentially('Help me prepare for my meeting with Acme', { delay: 20 });
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
  const hydrated = Date.now() - t0;
  // Hydration kept what was typed, and sending it works.
  await expect(input(page)).toHaveValue('Help me prepare for my meeting with Acme');
  await input(page).press('Enter');
  await expect(page.getByText('Which customer are you meeting with?')).toBeVisible({ timeout: 60_000 });
  const answered = Date.now() - t0;
  expect(page.url()).not.toContain('Acme');
  const paint = await page.evaluate(() =>
    performance.getEntriesByType('paint').map((p) => `${p.name}=${Math.round(p.startTime)}ms`).join(' '));
  const figures = `input shown ${shown} ms · hydrated ${hydrated} ms · first answer ${answered} ms · ${paint}`;
  info.annotations.push({ type: 'throttled phone (4× CPU, slow 4G)', description: figures });
  console.log(`[throttled phone] ${figures}`);
});
