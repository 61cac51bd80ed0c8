// The package in Debian Chromium (playwright-core): the Vite app of tests/vite-consumer,
// built against the packed tarball, and a page importing the package's files with no
// bundler. Both classify in the page, run the worker entry with progress, and give
// exactly what the Node build gives; neither makes a request outside its own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { corpus, installTarball, ROOT } from './install.mjs';
import { serve } from './static-server.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TEXT = `🔒 ${corpus().slice(0, 400).map((r) => r.text).join('\n\n')}`;
const OPTS = { chunkBytes: 8192, evidence: 3 };
const FR =
  "Le fait d'accéder ou de se maintenir frauduleusement dans tout ou partie d'un système de traitement automatisé de données est puni de trois ans d'emprisonnement.";

let project;
let node;
let appServer;
let plainServer;
let browser;
const requests = [];
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
  project = installTarball('cyberclause-vite-');
  for (const f of ['package.json', 'vite.config.js', 'index.html', 'src', 'plain']) {
    cpSync(join(ROOT, 'tests', 'vite-consumer', f), join(project.dir, f), { recursive: true });
  }
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: project.dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  node = createRequire(join(project.dir, 'entry.cjs'))('cyberclause');
  appServer = await serve(join(project.dir, 'dist'));
  plainServer = await serve(project.dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await appServer?.close();
  await plainServer?.close();
  project?.remove();
});

async function open(url) {
  const page = await browser.newPage();
  page.on('request', (r) => requests.push({ from: url, url: r.url() }));
  page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}

/**
 * Runs the worker entry in the page on `text`, collecting every progress report; `own`:
 * on a Worker the page started itself rather than the helper's.
 */
function runWorker(page, text, options, own = false) {
  return page.evaluate(
    async ([text, options, own]) => {
      const cc = window.cyberclause;
      const wc = own ? cc.createOwnWorker() : cc.createWorkerClassifier();
      const reports = [];
      try {
        const doc = await wc.classify(text, { ...options, onProgress: (p) => reports.push(p) });
        return { doc, reports };
      } finally {
        wc.terminate();
      }
    },
    [text, options, own],
  );
}

function checkProgress({ doc, reports }) {
  assert.ok(reports.length >= 10, `${reports.length} progress reports`);
  let previous = 0;
  for (const r of reports) {
    assert.equal(r.total, TEXT.length);
    assert.ok(r.done > previous, 'progress only goes forward');
    assert.ok(r.passages.every((p) => p.start >= previous && p.end <= r.done), 'passages lie in their chunk');
    previous = r.done;
  }
  assert.equal(previous, TEXT.length);
  assert.deepEqual(reports.flatMap((r) => r.passages), doc.passages);
  assert.deepEqual(doc, node.classify(TEXT, OPTS));
}

async function checkErrors(page) {
  const codes = await page.evaluate(async () => {
    const cc = window.cyberclause;
    const codeOf = (f) => { try { f(); return 'no error'; } catch (e) { return e instanceof Error ? e.code : 'not an Error'; } };
    const wc = cc.createWorkerClassifier();
    const rejected = await wc.classify(42).then(() => 'no error', (e) => e.code);
    wc.terminate();
    return [
      codeOf(() => cc.classify(42)),
      codeOf(() => cc.classify('text', { granularity: 'word' })),
      codeOf(() => cc.classify(' '.repeat(cc.MAX_TEXT_LENGTH + 1))),
      rejected,
    ];
  });
  assert.deepEqual(codes, ['NOT_A_STRING', 'INVALID_OPTIONS', 'INPUT_TOO_LARGE', 'NOT_A_STRING']);
}

test('Vite build: the worker script and the wasm are emitted as their own files', () => {
  const assets = readdirSync(join(project.dir, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
  assert.ok(assets.some((f) => /worker-script.*\.js$/.test(f)), assets.join(', '));
  const wasm = assets.filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(join(project.dir, 'dist', 'assets', f)));
  assert.ok(wasm.every((w) => w.subarray(0, 4).toString('latin1') === '\0asm'));
});

test('Vite app: classifies in the page like the Node build', async () => {
  const page = await open(`${appServer.origin}/`);
  const items = await page.$$eval('#passages li', (lis) => lis.map((li) => li.dataset.label));
  assert.equal(items.length, 2);
  assert.equal(items[0], node.classifyPassage(FR).label);
  const [doc, info, labels] = await page.evaluate(
    (text) => [window.cyberclause.classify(text), window.cyberclause.modelInfo(), window.cyberclause.labels()],
    TEXT.slice(0, 20000),
  );
  assert.deepEqual(doc, node.classify(TEXT.slice(0, 20000)));
  assert.deepEqual(info, node.modelInfo());
  assert.deepEqual(labels, node.labels());
  await page.close();
});

test('Vite app: the worker entry classifies with progress', async () => {
  const page = await open(`${appServer.origin}/`);
  checkProgress(await runWorker(page, TEXT, OPTS));
  checkProgress(await runWorker(page, TEXT, OPTS, true));
  await checkErrors(page);
  await page.close();
});

test('no bundler: the package files as ES modules, classify and worker', async () => {
  const page = await open(`${plainServer.origin}/plain/`);
  const doc = await page.evaluate((text) => window.cyberclause.classify(text), FR);
  assert.deepEqual(doc, node.classify(FR));
  checkProgress(await runWorker(page, TEXT, OPTS));
  checkProgress(await runWorker(page, TEXT, OPTS, true));
  await checkErrors(page);
  await page.close();
});

test('no bundler: a browser without WebAssembly SIMD gets NO_SIMD from the import, not a compile error', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  const page = await context.newPage();
  await page.goto(`${plainServer.origin}/plain/`);
  const outcome = await page.evaluate(() =>
    import('/node_modules/cyberclause/web/index.js').then(() => 'loaded', (e) => `${e.code}: ${e.message}`),
  );
  assert.match(outcome, /^NO_SIMD: .*WebAssembly SIMD.*Safari 16\.4/);
  await context.close();
});

test('no page error and no request outside the page origin', () => {
  assert.deepEqual(pageErrors, []);
  assert.ok(requests.length > 0);
  const outside = requests.filter((r) => new URL(r.url).origin !== new URL(r.from).origin);
  assert.deepEqual(outside, []);
});
