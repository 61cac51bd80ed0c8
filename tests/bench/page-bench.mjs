#!/usr/bin/env node
// Speed of the page in Debian's Chromium (not a test: it prints numbers, asserts nothing
// and exits 0). A law of about --kb KB (default 300) is pasted into the box and classified;
// the time runs from the click on Classify to the end: every passage shown and the status
// saying done. Median of --runs (default 5), a fresh context and page load each run (the
// model is loaded before the clock starts), for the served site (target/www) and for the
// single file (target/www-single/cyberclause.html) from file://, interleaved. Then the
// engine alone on the same law in Node (the wasm the page serves), to show what the page adds.
// The served site is timed twice: clicked as soon as it is ready, and --idle ms (default
// 2000) after, as a reader pasting a law would. For each, the worker's part too: from the
// request posted to its first results received (the law is one chunk, so that is the time
// to label all of it, plus one message), and to its last message.
// Run after `bash scripts/build-pkg.sh && bash scripts/build-www.sh`:
//   node tests/bench/page-bench.mjs [--kb 300] [--runs 5] [--idle 2000]
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EVIDENCE_TERMS } from '../../www/js/options.js';
import { launch, startServer, newContext, openPage, ROOT, SITE, SINGLE, SINGLE_URL, LONG } from '../browser/helpers.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const KB = arg('kb', 300);
const RUNS = arg('runs', 5);
const IDLE = arg('idle', 2000);
// Real law, never trained on; here only timed.
const EVAL = ['dev.jsonl', 'dev2.jsonl'].map((f) => `${ROOT}../shared/eval/${f}`);

/**
 * A law of at least `kb` KB made of the eval passages: groups of three passages under
 * "Article N" headings, ten articles a chapter, so that the page finds headings and paths
 * as in a real law.
 */
function law(kb) {
  const texts = EVAL.filter((f) => existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text));
  if (!texts.length) throw new Error(`no passages in ${EVAL.join(', ')}`);
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < kb * 1000; i++) {
    if (i % 30 === 0) parts.push(`Chapter ${i / 30 + 1}`);
    if (i % 3 === 0) parts.push(`Article ${i / 3 + 1}`);
    parts.push(texts[i % texts.length]);
    bytes += Buffer.byteLength(parts.at(-1)) + 2;
  }
  return parts.join('\n\n');
}

/**
 * Pastes `text`, clicks Classify and resolves the page's own timings in ms from the click
 * (taken in the page, so that Playwright's round trips are not counted): `done` when the
 * results are no longer busy and the status is final (every passage is in the DOM by
 * then), `painted` at the next frame after it, when they are on screen.
 */
async function timeClassify(page, text) {
  await page.evaluate((t) => {
    const box = document.getElementById('text');
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    // A capture listener on window runs before the button's own handler.
    window.addEventListener('click', () => { window.__benchClick = performance.now(); }, { capture: true, once: true });
    // The worker's side: when the request leaves, and when its first results and its end
    // arrive (the law is one chunk, so the first results come once it is all labelled).
    const worker = (window.__benchWorker = {});
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message && typeof message.text === 'string' && worker.posted === undefined) {
        worker.posted = performance.now();
        this.addEventListener('message', function seen(e) {
          if (!e.data || e.data.id !== message.id) return;
          if (worker.first === undefined) worker.first = performance.now();
          if (e.data.type === 'done' || e.data.type === 'error') {
            worker.done = performance.now();
            this.removeEventListener('message', seen);
          }
        });
      }
      return post.call(this, message, ...rest);
    };
    window.__benchDone = new Promise((resolve) => {
      const results = document.getElementById('results');
      const status = document.getElementById('status');
      // The page's end, as tests/browser/helpers.mjs waitForOutcome reads it.
      const finished = () => results.getAttribute('aria-busy') !== 'true' && status.className !== '' && !/…/.test(status.textContent);
      const observer = new MutationObserver(() => {
        if (window.__benchClick === undefined || !finished()) return;
        observer.disconnect();
        const done = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve({ done, painted: performance.now() }), 0));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  }, text);
  await page.click('#classify');
  const t = await page.evaluate(() => window.__benchDone.then(({ done, painted }) => {
    const w = window.__benchWorker;
    return { done: done - window.__benchClick, painted: painted - window.__benchClick, labelled: w.first - w.posted, received: w.done - w.posted };
  }));
  const shown = await page.locator('#doc .passage').count();
  return { ...t, shown, status: await page.locator('#status').textContent() };
}

async function oneRun(browser, url, text, idleMs = 0) {
  const { context } = await newContext(browser);
  try {
    const page = await openPage(context, url);
    page.setDefaultTimeout(LONG);
    // A reader pastes a law seconds after the page has opened; by then the worker's
    // warm-up (js/shared/worker-protocol.js) has had its code optimised.
    if (idleMs) await page.waitForTimeout(idleMs);
    return await timeClassify(page, text);
  } finally {
    await context.close();
  }
}

/**
 * The engine alone on the same law, outside the browser: the very wasm the page serves
 * (target/www/js), loaded in Node with the page's options. The first call runs on freshly
 * compiled code, as each page load here does; later calls on warmed code. What the page
 * adds (worker, messages, DOM) is the rest.
 */
async function engineMs(text) {
  const glue = await import(pathToFileURL(`${SITE}/js/cyberclause_wasm.js`).href);
  glue.initSync({ module: readFileSync(`${SITE}/js/cyberclause_wasm_bg.wasm`) });
  const wasm = (await import(pathToFileURL(`${SITE}/js/api.js`).href)).bind(glue);
  const times = Array.from({ length: RUNS + 1 }, () => {
    const t = performance.now();
    wasm.classify(text, { evidence: EVIDENCE_TERMS });
    return performance.now() - t;
  });
  return { first: times[0], warm: times.slice(1) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function main() {
  for (const path of [`${SITE}/index.html`, SINGLE]) {
    if (!existsSync(path)) {
      console.log(`page-bench: ${path} is missing (bash scripts/build-www.sh); nothing measured`);
      return;
    }
  }
  const text = law(KB);
  const { server, url } = await startServer();
  const browser = await launch();
  try {
    const targets = [['served (target/www)', url, 0], ['single file (file://)', SINGLE_URL, 0], [`served, ${IDLE / 1000} s after load`, url, IDLE]];
    const times = targets.map(() => ({ done: [], painted: [], labelled: [], received: [] }));
    let last;
    for (let r = 0; r < RUNS; r++) {
      for (const [i, [, where, idle]] of targets.entries()) {
        last = await oneRun(browser, where, text, idle);
        for (const k of Object.keys(times[i])) times[i][k].push(last[k]);
      }
    }
    console.log(`Chromium ${browser.version()}, a law of ${(Buffer.byteLength(text) / 1000).toFixed(0)} KB (${text.length.toLocaleString('en')} characters), ${last.shown} passage and heading elements shown, ${RUNS} runs each (fresh page load each)`);
    console.log(`final status: ${last.status}`);
    console.log('time from the click on Classify:');
    targets.forEach(([name], i) => {
      console.log(`${name.padEnd(24)} to done ${fmt(times[i].done)}; on screen (next frame) ${fmt(times[i].painted)}`);
    });
    console.log('in the worker, from the request posted to the first results received (the law is one chunk: all of it labelled), and to its last message:');
    targets.forEach(([name], i) => {
      console.log(`${name.padEnd(24)} labelled ${fmt(times[i].labelled)}; last message ${fmt(times[i].received)}`);
    });
    const engine = await engineMs(text);
    console.log(`${'engine alone (Node)'.padEnd(24)} the served wasm's classify: first call ${engine.first.toFixed(0)} ms, then ${fmt(engine.warm)}`);
    console.log(`load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

try {
  await main();
} catch (e) {
  // A benchmark, not a test: say what went wrong and exit 0.
  console.log(`page-bench: could not measure: ${e.message}`);
}
