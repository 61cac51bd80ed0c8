// Files: a dropped .txt is read and classified; an opened .html is reduced to its text and
// nothing in it runs or loads; an unsupported file gets a clear message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newContext, openPage, waitForOutcome, shownPassages, expected, screenshot, foreign, CLEAR_CUT, SIX, ROOT, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url; let ctx; let page;

before(async () => ({ browser, server, url, ctx, page } = await openSite({ withPage: true })));
after(() => closeSite({ browser, server }));

/** Drops a file on the drop zone the way a browser does (DataTransfer with a File). */
function drop(name, content, type) {
  return page.evaluate(([n, c, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([c], n, { type: t }));
    const zone = document.getElementById('dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, content, type]);
}

test('a dropped .txt file is read and classified', async () => {
  await page.evaluate(() => { document.getElementById('status').className = ''; });
  await drop('law.txt', SIX, 'text/plain');
  await waitForOutcome(page);
  assert.equal(await page.inputValue('#text'), SIX);
  const want = await expected(SIX);
  assert.deepEqual((await shownPassages(page)).map((p) => p.label), want.passages.map((p) => p.label));
});

const HOSTILE = `<!doctype html><html><head><title>Loi</title>
<script>window.__ran = 'head'; alert('head script');</script>
<link rel="stylesheet" href="http://198.51.100.7/evil.css"><style>p { color: red }</style></head>
<body><h1>Chapitre II</h1><p>${CLEAR_CUT.procedural_power}</p>
<img src="http://198.51.100.7/pixel.png" onerror="window.__ran = 'img'; alert('img')">
<p>${CLEAR_CUT.safeguard}</p><iframe src="http://198.51.100.7/frame"></iframe>
<script>window.__ran = 'body'</script><a href="javascript:alert(1)">lien</a></body></html>`;

test('an opened .html file is reduced to its text; its scripts never run, nothing loads', async () => {
  await page.evaluate(() => { document.getElementById('status').className = ''; });
  await page.setInputFiles('#file', { name: 'loi.html', mimeType: 'text/html', buffer: Buffer.from(HOSTILE) });
  await waitForOutcome(page);
  const text = await page.inputValue('#text');
  assert.match(text, /Chapitre II/);
  assert.ok(text.includes(CLEAR_CUT.procedural_power) && text.includes(CLEAR_CUT.safeguard));
  assert.doesNotMatch(text, /__ran|alert|color: red/, 'scripts and styles are dropped, not shown as text');
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'no script ran');
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(foreign(ctx.requests, url), [], 'nothing was fetched for the HTML');
  const labels = (await shownPassages(page)).map((p) => p.label);
  assert.ok(labels.includes('procedural_power') && labels.includes('safeguard'), labels.join());
  await screenshot(page, 'site-html-file');
});

test('an unsupported file gets a clear message and the text box is kept', async () => {
  await page.fill('#text', 'kept');
  await drop('scan.pdf', '%PDF-1.7 binary', 'application/pdf');
  await page.waitForFunction(() => /scan\.pdf/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#status'), /only \.txt, \.md and \.html/);
  assert.equal(await page.inputValue('#text'), 'kept');
});

const CLUTTERED = readFileSync(join(ROOT, 'tests', 'fixtures', 'html', 'law-with-clutter.html'), 'utf8');

test('a dropped web page keeps its main content: no cookie banner, menu, sidebar, form or footer', async () => {
  await page.evaluate(() => { document.getElementById('status').className = ''; });
  await drop('cybercrime-act.html', CLUTTERED, 'text/html');
  await waitForOutcome(page);
  const text = await page.inputValue('#text');
  assert.match(text, /^Cybercrime Act, Part 2 – Offences and powers/, 'the text starts with the law');
  for (const clutter of [/cookie/i, /Browse all laws/, /Official Gazette/, /Related laws/, /newsletter/i, /Copyright/, /Accept all/]) {
    assert.doesNotMatch(text, clutter, `${clutter} is dropped`);
  }
  const shown = await shownPassages(page);
  assert.ok(shown.length >= 3);
  const first = (await page.$$eval('#doc .passage[data-kind="passage"]', (els) => els.map((e) => e.querySelector('.ptext').textContent)))[0];
  assert.match(first, /^A person who intentionally accesses/, 'the first passage is the law\'s');
  for (const p of shown) assert.doesNotMatch(p.text, /cookie|menu|Home page|Subscribe|Copyright/i);
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'no script ran');
  assert.deepEqual(foreign(ctx.requests, url), [], 'nothing was fetched');
  const want = await expected(text);
  assert.deepEqual(shown.map((p) => p.label), want.passages.map((p) => p.label));
});

test('without <main>, the densest block is kept and the menu of links is not', async () => {
  const html = `<html><body><div class="menu"><a href="/a">Home page of the official gazette of the republic</a> <a href="/b">Browse all the laws and regulations by subject area</a></div>
<div id="content"><p>${CLEAR_CUT.procedural_power}</p><p>${CLEAR_CUT.safeguard}</p></div>
<div class="gdpr-notice">This website stores small files on your device to measure its audience and remember your choices.</div></body></html>`;
  const text = await page.evaluate(async (h) => (await import('./js/files.js')).htmlToText(h), html);
  assert.equal(text, `${CLEAR_CUT.procedural_power}\n\n${CLEAR_CUT.safeguard}`);
});
