// Offline: after a first visit the service worker has every file, so the page reloads and
// classifies with the server gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, openPage, classify, shownPassages, expected, screenshot, LONG, SIX, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url;

before(async () => ({ browser, server, url } = await openSite()));
after(() => closeSite({ browser, server }));

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
