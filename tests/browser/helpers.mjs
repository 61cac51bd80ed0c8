// Shared set-up of the browser tests: Debian's Chromium through playwright-core, the
// built site served on a free loopback port, every request recorded, and the wasm package
// itself loaded in Node to know what the page should show (never hard-coded scores).
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { EVIDENCE_TERMS } from '../../www/js/options.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SITE = `${ROOT}target/www`;
export const SINGLE = `${ROOT}target/www-single/cyberclause.html`;
export const SINGLE_URL = pathToFileURL(SINGLE).href;
export const ARTIFACTS = `${ROOT}tests/artifacts`;
export const LONG = 60_000; // generous: the machine may be busy with other builds

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

/** Serves target/www on 127.0.0.1 (free port); resolves {server, url}. */
export async function startServer() {
  const server = await serve(SITE, { port: 0 });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** A desktop window, the width the page's layout checks are written for. */
export const DESKTOP = { width: 1280, height: 900 };

/** What a test file needs: the site served, a browser and, with `withPage`, a recorded
 *  context with the page open (at `viewport` if given) and its model loaded. */
export async function openSite({ withPage = false, viewport = null } = {}) {
  const { server, url } = await startServer();
  const browser = await launch();
  if (!withPage) return { server, url, browser };
  const ctx = await newContext(browser);
  const page = await openPage(ctx.context, url);
  if (viewport) await page.setViewportSize(viewport);
  return { server, url, browser, ctx, page };
}

export async function closeSite({ browser, server }) {
  await browser?.close();
  server?.close();
}

/** A browser context whose requests (page, workers, service worker) are all recorded. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true, ...options });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  return { context, requests, errors };
}

/** Opens the page and waits until the model is loaded (Classify enabled). */
export async function openPage(context, url) {
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.dialogs = dialogs;
  await page.goto(url);
  await page.waitForSelector('#classify:not([disabled])', { timeout: LONG });
  return page;
}

/** Puts `text` in the box (as a paste would) and classifies; resolves when the job ends. */
export async function classify(page, text) {
  await page.evaluate((t) => {
    const box = document.getElementById('text');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  // The button's own click, not a mouse click at its coordinates: when the page is
  // scrolled far down, blocks of the previous result laid out while Playwright scrolls
  // up can move the button between its hit test and the click, and the click was lost
  // (CI then read the previous result). bigtext.test.mjs clicks it by mouse, on a fresh page.
  await page.$eval('#classify', (button) => button.click());
  await waitForOutcome(page);
  // Shown passages come from the text in the box (as the box holds it: line breaks
  // normalised), else the click was lost and the page still shows the last result.
  const foreign = await page.evaluate(() => {
    if (document.getElementById('results').hidden) return 0;
    const box = document.getElementById('text').value;
    return [...document.querySelectorAll('#doc .passage .ptext')].filter((e) => !box.includes(e.textContent)).length;
  });
  if (foreign) throw new Error(`the page shows ${foreign} passages that are not from the text just classified`);
}

/** Waits until the page has finished: results shown or a message in the status line. */
export function waitForOutcome(page) {
  return page.waitForFunction(() => {
    const status = document.getElementById('status');
    const results = document.getElementById('results');
    const busy = results.getAttribute('aria-busy') === 'true';
    return !busy && status.className !== '' && !/…/.test(status.textContent);
  }, null, { timeout: LONG });
}

/** What the page shows: every passage element's label, offsets, chip and text. */
export function shownPassages(page) {
  return page.$$eval('#doc .passage', (els) => els.map((el) => ({
    label: el.dataset.label,
    start: Number(el.dataset.start),
    end: Number(el.dataset.end),
    chip: el.querySelector('.chip').textContent,
    text: el.querySelector('.ptext').textContent,
  })));
}

let wasm;
/** The package's own answer for `text`, from the very files the page serves. */
export async function expected(text) {
  if (!wasm) {
    const glue = await import(pathToFileURL(`${SITE}/js/cyberclause_wasm.js`).href);
    glue.initSync({ module: readFileSync(`${SITE}/js/cyberclause_wasm_bg.wasm`) });
    const { bind } = await import(pathToFileURL(`${SITE}/js/api.js`).href);
    wasm = bind(glue);
  }
  return wasm.classify(text, { evidence: EVIDENCE_TERMS });
}

export async function labelInfo() {
  await expected('');
  return wasm.labels();
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

/** Requests that went anywhere but the served origin (or blob:/data: inside the page). */
export function foreign(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/** Clear-cut passages, one per label (checked against the model at test time). */
export const CLEAR_CUT = {
  cyber_dependent: 'Each State Party shall establish as a criminal offence the intentional access to the whole or any part of a computer system without right, and the intentional interference with computer data, including damaging, deleting or altering data.',
  cyber_enabled: 'Each State Party shall establish as a criminal offence computer-related fraud: causing a loss of property to another person by any input, alteration or deletion of computer data with the intent of procuring an economic benefit.',
  content_crime: 'Each State Party shall establish as criminal offences producing, offering, distributing or possessing child sexual abuse material through a computer system.',
  procedural_power: 'Each State Party shall adopt measures to empower its competent authorities to order the expedited preservation of stored computer data, including traffic data, and to search and seize computer systems.',
  safeguard: 'The establishment, implementation and application of these powers shall be subject to conditions and safeguards that protect human rights, including the principle of proportionality, judicial review and the right to privacy.',
  other: 'The Ad Hoc Committee held its sixth session in New York and adopted the report on the organization of its work and the schedule of future meetings.',
};

/** All six clear-cut passages as one document, a blank line between them. */
export const SIX = Object.values(CLEAR_CUT).join('\n\n');
