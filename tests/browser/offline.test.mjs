// Offline: after a first visit the service worker has every file, so the page reloads and
// classifies with the server gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, openPage, classify, shownPassages, expected, screenshot, LONG, SIX, SINGLE_URL, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url;

before(async () => ({ browser, server, url } = await openSite()));
after(() => closeSite({ browser, server }));

// (Before the next test, which stops the server.) The engine is built with WebAssembly SIMD: a browser without it (here, one whose
// WebAssembly.validate refuses every module) is told what it needs, in the served page and
// the single file, instead of a compile error, and Classify stays disabled.
test('a browser without WebAssembly SIMD is told what the page needs', async () => {
  for (const target of [url, SINGLE_URL]) {
    const { context } = await newContext(browser);
    await context.addInitScript(() => {
      WebAssembly.validate = () => false;
    });
    const page = await context.newPage();
    await page.goto(target);
    await page.waitForFunction(() => document.getElementById('status').className === 'error', null, { timeout: LONG });
    const status = await page.textContent('#status');
    assert.match(status, /WebAssembly SIMD/, target);
    assert.match(status, /Safari 16\.4/, target);
    assert.equal(await page.$eval('#classify', (b) => b.disabled), true, target);
    await context.close();
  }
});

test('the site reloads and works with the server stopped', async () => {
  const { context, errors } = await newContext(browser);
  const page = await openPage(context, url);
  // Installed and in control: the precache is complete once the worker is activated.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LONG });

  await new Promise((resolve) => server.close(resolve));
  server.closeAllConnections?.();
  server = null;
  await context.setOffline(true);

  const response = await page.reload();
  assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
  await page.waitForSelector('#classify:not([disabled])', { timeout: LONG });
  await classify(page, SIX);
  const want = await expected(SIX);
  assert.deepEqual((await shownPassages(page)).map((p) => p.label), want.passages.map((p) => p.label));
  assert.deepEqual(errors, []);
  await screenshot(page, 'site-offline');
  await context.close();
});

