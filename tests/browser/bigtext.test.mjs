// Big texts (issue 16): a 2 MB paste must not hold the main thread for more than 100 ms
// at a time from the click to the last passage on the page (long tasks measured by a
// PerformanceObserver), and switching the interface language on that document must take
// under 200 ms. The machine running the tests may be busy: every figure is printed, and
// the bounds are the issue's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, DESKTOP, waitForOutcome, expected, labelInfo, SIX } from './helpers.mjs';

const LONG_TASK_MS = 100;
const SWITCH_MS = 200;

let site; let page;
before(async () => {
  site = await openSite({ withPage: true, viewport: DESKTOP });
  ({ page } = site);
});
after(() => closeSite(site));

const copies = Math.ceil((2 * (1 << 20)) / (SIX.length + 16));
const TEXT = Array.from({ length: copies }, (_, i) => `Article ${i + 1}.\n\n${SIX}`).join('\n\n');

test('a 2 MB paste: no main-thread task over 100 ms after the click, every passage shown', async () => {
  assert.ok(TEXT.length >= 2_000_000, `${TEXT.length} characters`);
  // Pasted: the text box gets the text and an input event, as a paste gives it.
  await page.evaluate((t) => {
    const box = document.getElementById('text');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, TEXT);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await page.evaluate(() => {
    window.__long = [];
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
    });
    window.__observer.observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.click('#classify');
  await waitForOutcome(page);
  const elapsed = Date.now() - t0;
  // Long tasks are reported after they end: give the observer a frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const long = await page.evaluate(() => window.__long);
  const worst = Math.max(0, ...long);
  console.log(`2 MB paste: ${elapsed} ms to the end, long tasks ${JSON.stringify(long)}, worst ${worst} ms`);
  assert.match(await page.textContent('#status'), /passages classified/);
  const want = await expected(TEXT);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#doc .passage').length), want.passages.length);
  assert.equal(await page.evaluate(() => document.getElementById('text').value.length), TEXT.length, 'the text is kept (folded)');
  assert.ok(worst <= LONG_TASK_MS, `the longest main-thread task took ${worst} ms`);
});

test('switching the interface language on that document takes under 200 ms', async () => {
  const times = [];
  for (let i = 0; i < 2; i += 1) {
    await page.evaluate(() => { window.__long = []; });
    // From the click to the next frame painted with the new language.
    times.push(await page.evaluate(async () => {
      const t0 = performance.now();
      document.getElementById('lang-switch').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return Math.round(performance.now() - t0);
    }));
    // The chips off screen follow in slices: none of them a long task.
    await page.waitForFunction(() => [...document.querySelectorAll('#doc .block')].every((b) => b.dataset.lang === document.documentElement.lang), null, { timeout: 10_000 });
    const long = await page.evaluate(() => window.__long);
    console.log(`language switch ${i + 1}: ${times[i]} ms, long tasks ${JSON.stringify(long)}`);
    assert.ok(Math.max(0, ...long) <= LONG_TASK_MS, `relabelling held the page ${Math.max(...long)} ms`);
  }
  // Back in English after two switches: the first and the last chip say so.
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const english = (await labelInfo()).map((l) => l.nameEn);
  const chips = await page.$$eval('#doc .passage > .chip', (els) => [els[0].textContent, els[els.length - 1].textContent]);
  for (const c of chips) assert.ok(english.includes(c.replace(/\?$/, '')), c);
  assert.ok(Math.max(...times) < SWITCH_MS, `switches took ${times.join(', ')} ms`);
  await page.evaluate(() => window.__observer.disconnect());
});

test('a text with thousands of powers lists the first hundred, the others on request', async () => {
  await page.waitForSelector('#powers .more-powers', { timeout: 60_000 });
  assert.equal(await page.$$eval('#powers .powers > li', (items) => items.length), 100);
  const all = await page.$eval('#powers .powers-summary', (p) => Number(p.textContent.match(/[\d\s\u202f,]+/)[0].replace(/\D/g, '')));
  await page.click('#powers .more-powers');
  assert.equal(await page.$$eval('#powers .powers > li', (items) => items.length), all);
  assert.equal(await page.$('#powers .more-powers'), null);
});
