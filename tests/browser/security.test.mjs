// Privacy and safety: pasted markup shows as text and runs nothing; no request leaves
// 127.0.0.1; the page itself may not connect anywhere (CSP); the single file opened from
// disk makes no request at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { newContext, openPage, classify, shownPassages, expected, screenshot, foreign, SINGLE, SINGLE_URL, ROOT, CLEAR_CUT, SIX, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url;

before(async () => ({ browser, server, url } = await openSite()));
after(() => closeSite({ browser, server }));

const XSS = `<img src=x onerror="window.__xss='img';alert('img')"> <script>window.__xss='script';alert('script')</script> ${CLEAR_CUT.cyber_dependent}\n\n<svg onload="window.__xss='svg'"></svg><iframe srcdoc="<script>parent.__xss='frame'</script>"></iframe> ${CLEAR_CUT.safeguard}`;

test('pasted <img onerror> and <script> show as text and run nothing', async () => {
  const { context } = await newContext(browser);
  const page = await openPage(context, url);
  await classify(page, XSS);
  await page.click('#doc .passage');
  const docText = await page.textContent('#doc');
  assert.ok(docText.includes('<img src=x onerror=') && docText.includes('<script>'), 'markup shown literally');
  for (const sel of ['#doc img', '#doc script', '#doc svg', '#doc iframe', '#detail-body img', '#detail-body script']) {
    assert.equal(await page.$(sel), null, `no ${sel} element was created`);
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(page.dialogs, []);
  const want = await expected(XSS);
  assert.deepEqual((await shownPassages(page)).map((p) => p.label), want.passages.map((p) => p.label));
  await screenshot(page, 'site-xss-as-text');
  await context.close();
});

test('a whole session (load, classify, select, export) makes no request outside 127.0.0.1', async () => {
  const { context, requests } = await newContext(browser);
  const page = await openPage(context, url);
  await classify(page, SIX);
  await page.click('#doc .passage');
  await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the model was loaded from the server');
  assert.deepEqual(foreign(requests, url), []);
  await context.close();
});

test('the page\'s policy forbids it any connection, even to its own origin', async () => {
  const { context } = await newContext(browser);
  const page = await openPage(context, url);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /connect-src 'none'/);
  const outcome = await page.evaluate(async () => {
    const tryFetch = (u) => fetch(u).then(() => 'allowed', () => 'blocked');
    return [await tryFetch('/index.html'), await tryFetch('https://example.com/')];
  });
  assert.deepEqual(outcome, ['blocked', 'blocked']);
  await context.close();
});

test('the single file carries the model gzip-compressed: the whole page is smaller than the raw module', () => {
  const html = readFileSync(SINGLE, 'utf8');
  const block = html.match(/<script type="application\/octet-stream" id="wasm-base64" data-encoding="gzip">\n([^<]*)\n<\/script>/);
  assert.ok(block, 'the wasm block is marked gzip');
  const raw = readFileSync(`${ROOT}pkg/web/cyberclause_wasm_bg.wasm`);
  assert.deepEqual(gunzipSync(Buffer.from(block[1], 'base64')), raw, 'it inflates to the package\'s module');
  assert.ok(statSync(SINGLE).size < raw.length, `the whole page (${statSync(SINGLE).size} B) is smaller than the raw module (${raw.length} B)`);
});

test('the single file works from file:// and makes no request at all', async () => {
  const { context, requests } = await newContext(browser);
  const page = await openPage(context, SINGLE_URL);
  await classify(page, SIX);
  const want = await expected(SIX);
  assert.deepEqual((await shownPassages(page)).map((p) => [p.label, p.start, p.end]), want.passages.map((p) => [p.label, p.start, p.end]));
  await page.click('#doc .passage[data-label="cyber_enabled"]');
  await page.waitForSelector('#detail-body .probs');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.equal(await page.evaluate(() => fetch('https://example.com/').then(() => 'allowed', () => 'blocked')), 'blocked');
  const network = requests.filter((u) => u !== SINGLE_URL && !u.startsWith('blob:'));
  assert.deepEqual(network, [], 'only the file itself (and the in-memory worker) was loaded');
  await screenshot(page, 'single-file');
  await context.close();
});
