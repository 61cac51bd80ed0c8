// Measures the page at its input limit (not a test): fills the box with `CHARS` characters
// of corpus text (default 5,000,000, the page's limit), classifies, and samples the
// resident memory of all Chromium processes meanwhile. Prints time and peak RSS.
// Run after `bash scripts/build-pkg.sh && bash scripts/build-www.sh`:
//   node tests/bench/page-memory.mjs [CHARS]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, startServer, newContext, openPage, classify, ROOT } from '../browser/helpers.mjs';

const CHARS = Number(process.argv[2] ?? 5_000_000);

function chromiumRssMb() {
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).reduce((s, kb) => s + Number(kb), 0) / 1024;
}

function corpusText(chars) {
  const lines = readFileSync(`${ROOT}models/corpus/corpus.jsonl`, 'utf8').trim().split('\n');
  const once = lines.map((l) => JSON.parse(l).text).join('\n\n');
  let text = once;
  while (text.length < chars) text += `\n\n${once}`;
  return text.slice(0, chars);
}

const { server, url } = await startServer();
const browser = await launch();
const { context } = await newContext(browser);
const page = await openPage(context, url);
const text = corpusText(CHARS);
const idle = chromiumRssMb();
let peak = idle;
const timer = setInterval(() => { peak = Math.max(peak, chromiumRssMb()); }, 100);
const started = performance.now();
await classify(page, text);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peak = Math.max(peak, chromiumRssMb());
const passages = await page.locator('[data-label]').count();
console.log(`page: ${text.length.toLocaleString('en')} characters, ${passages} passage elements, ${seconds.toFixed(1)} s`);
console.log(`chromium RSS (all processes): ${idle.toFixed(0)} MB with the page loaded, peak ${peak.toFixed(0)} MB`);
await browser.close();
server.close();
