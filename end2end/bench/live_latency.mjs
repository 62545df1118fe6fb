// Measures how long a committed progress step takes to show on screen: for each step
// transition, (time the browser's DOM changed) − (the event's commit time in the database).
// Both clocks are this machine's. Usage (server already running):
//   node end2end/bench/live_latency.mjs [baseURL] [runs]
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require('../node_modules/playwright-core');

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const runs = Number(process.argv[3] ?? 10);
const accounts = ['Acme Corp (acmecorp.com) - FinTech', 'Acme Industries (acme-ind.com) - Manufacturing',
  'Acme Solutions (acmesol.io) - Software'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const lags = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + '/');
  await page.waitForSelector('body[data-hydrated=true]');
  await page.evaluate(() => {
    window.__seen = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target;
        if (r.type === 'attributes' && el.dataset?.step) {
          window.__seen.push({ step: el.dataset.step, status: el.dataset.status, t: Date.now() });
        }
        for (const n of r.addedNodes ?? []) {
          if (n.querySelectorAll) for (const li of n.querySelectorAll('li[data-step]'))
            window.__seen.push({ step: li.dataset.step, status: li.dataset.status, t: Date.now() });
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await page.fill('#chat-input', 'meeting with Acme');
  await page.press('#chat-input', 'Enter');
  await page.getByRole('button', { name: accounts[i % accounts.length] }).click();
  await page.waitForSelector('.run-meta:not([data-run-status="running"])', { timeout: 60_000 });
  const events = await page.evaluate(async () => {
    const load = await (await fetch('/api/chat/load', { method: 'POST' })).json();
    const sid = load.Ok?.view?.session_id ?? load.view.session_id;
    const body = new URLSearchParams({ session_id: sid, after_seq: '0' });
    return (await fetch('/api/chat/events', { method: 'POST', body })).json();
  });
  const seen = await page.evaluate(() => window.__seen);
  for (const e of events) {
    const c = e.change;
    if (c.type !== 'step_changed') continue;
    const shown = seen.find((s) => s.step === c.step && s.status === c.status);
    if (shown) { lags.push(shown.t - e.at_ms); if (process.env.DETAIL) console.log(c.step, c.status, shown.t - e.at_ms); }
  }
  await ctx.close();
}
await browser.close();
lags.sort((a, b) => a - b);
const pct = (p) => lags[Math.min(lags.length - 1, Math.round((lags.length - 1) * p))];
console.log(`step commit → on screen, ${lags.length} transitions over ${runs} runs: ` +
  `p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${lags[lags.length - 1]} ms`);
