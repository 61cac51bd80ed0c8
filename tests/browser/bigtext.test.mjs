// Big texts (issue 16): a 2 MB paste must not hold the main thread for long from the
// click to the last passage on the page (long tasks measured by a PerformanceObserver),
// and switching the interface language on that document must come at once, the chips off
// screen following in slices. The figures (no task over 100 ms, a switch under
// 200 ms) depend on the host: they are printed here and kept in the README, and what is
// asserted is what gives them, the work cut in slices. Without the slices of the page's
// building, the longest task is a fifth of the time to the end (188 of 886 ms measured on
// a slow host) against under a tenth with them (92 of 1,104 ms on the same host); without
// the relabelling in slices, every block would be relabelled before the next frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, DESKTOP, waitForOutcome, expected, labelInfo, SIX } from './helpers.mjs';

// The longest task's share of the time to the end, at most (see above).
const LONGEST_SHARE = 0.15;

let site; let page;
before(async () => {
  site = await openSite({ withPage: true, viewport: DESKTOP });
  ({ page } = site);
});
after(() => closeSite(site));

const copies = Math.ceil((2 * (1 << 20)) / (SIX.length + 16));
const TEXT = Array.from({ length: copies }, (_, i) => `Article ${i + 1}.\n\n${SIX}`).join('\n\n');

test('a 2 MB paste: built in slices (no task holds the main thread for long), every passage shown', async () => {
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
  assert.ok(worst <= LONGEST_SHARE * elapsed, `the longest main-thread task took ${worst} ms of ${elapsed}: the building is not cut in slices`);
});

test('switching the interface language on that document comes at once, the chips off screen in slices', async () => {
  const times = [];
  for (let i = 0; i < 2; i += 1) {
    await page.evaluate(() => { window.__long = []; });
    // From the click to the next frame painted with the new language, and how many blocks
    // were still to relabel then.
    const [ms, waiting, blocks] = await page.evaluate(async () => {
      const t0 = performance.now();
      document.getElementById('lang-switch').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const all = [...document.querySelectorAll('#doc .block')];
      return [Math.round(performance.now() - t0), all.filter((b) => b.dataset.lang !== document.documentElement.lang).length, all.length];
    });
    times.push(ms);
    assert.ok(waiting > 0, `all ${blocks} blocks were relabelled before the first frame: not in slices`);
    // The chips off screen follow in slices.
    await page.waitForFunction(() => [...document.querySelectorAll('#doc .block')].every((b) => b.dataset.lang === document.documentElement.lang), null, { timeout: 10_000 });
    const long = await page.evaluate(() => window.__long);
    console.log(`language switch ${i + 1}: ${ms} ms to the frame (${waiting} of ${blocks} blocks relabelled after it), long tasks ${JSON.stringify(long)}`);
  }
  // Back in English after two switches: the first and the last chip say so.
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const english = (await labelInfo()).map((l) => l.nameEn);
  const chips = await page.$$eval('#doc .passage > .chip', (els) => [els[0].textContent, els[els.length - 1].textContent]);
  for (const c of chips) assert.ok(english.includes(c.replace(/\?$/, '')), c);
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
