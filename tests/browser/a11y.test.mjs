// Keyboard-only use and an axe-core audit (WCAG 2 A/AA rules, contrast included) of the
// main states, with no serious or critical violation allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, newContext, openPage, classify, waitForOutcome, screenshot, ROOT, SIX } from './helpers.mjs';

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
let browser; let server; let url; let page;

before(async () => {
  ({ server, url } = await startServer());
  browser = await launch();
  const { context } = await newContext(browser);
  page = await openPage(context, url);
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Tabs until `selector` has focus (at most `max` presses); true when reached. */
async function tabTo(selector, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
  }
  return false;
}

test('keyboard only: type, classify, reach the text, move with arrows, select with Enter', async () => {
  await page.focus('#text');
  await page.keyboard.insertText(SIX);
  assert.ok(await tabTo('#classify'), 'Tab reaches Classify');
  await page.keyboard.press('Enter');
  await waitForOutcome(page);
  assert.match(await page.textContent('#status'), /6 passages classified/);
  assert.ok(await tabTo('#doc .passage'), 'Tab reaches the first passage');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '2');
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#doc .passage.selected', (el) => el.dataset.index), '2');
  await page.keyboard.press('End');
  await page.keyboard.press(' ');
  assert.equal(await page.$eval('#doc .passage.selected', (el) => el.dataset.index), '5');
  assert.ok(await tabTo('#copy'), 'Tab goes on to the selected passage\'s details');
  // Only one passage is a tab stop, so Tab leaves the text in one press.
  const stops = await page.$$eval('#doc .passage[tabindex="0"]', (els) => els.length);
  assert.equal(stops, 1);
  await screenshot(page, 'site-keyboard');
});

test('the language switch and the filter work from the keyboard', async () => {
  await classify(page, SIX);
  assert.ok(await tabTo('#filter'));
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.getElementById('filter').value !== '');
  assert.ok(await tabTo('#lang-switch'));
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.selectOption('#filter', '');
});

async function audit(name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(report, [], `axe violations in ${name}`);
}

test('axe-core: no serious or critical violation, before and after classifying, in both languages', async () => {
  await page.reload();
  await page.waitForSelector('#classify:not([disabled])');
  await audit('the empty page');
  await classify(page, SIX);
  await page.click('#doc .passage[data-label="safeguard"]');
  await audit('the results with a selected passage');
  await page.selectOption('#filter', 'safeguard');
  await audit('the filtered view');
  await page.click('#lang-switch');
  await audit('the French interface');
  await page.click('#lang-switch');
  await page.selectOption('#filter', '');
  await page.click('#repaired');
  await audit('the repaired text');
  await page.click('#repaired');
  // A phone: the details stick to the bottom of the screen under the tapped passage.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#doc .passage[data-label="procedural_power"]');
  await audit('a phone with a selected passage');
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('results are announced in a polite live region', async () => {
  await classify(page, SIX);
  const live = await page.$eval('#status', (el) => [el.getAttribute('role'), el.getAttribute('aria-live')]);
  assert.deepEqual(live, ['status', 'polite']);
  assert.match(await page.textContent('#status'), /6 passages classified: .*safeguard 1/);
});
