#!/usr/bin/env node
// Benchmark of the npm package (not a test: it prints numbers and asserts nothing).
//   bash scripts/build-pkg.sh && cargo build --profile release-native -p cyberclause-cli
//   node tests/bench/node-bench.mjs [--mb 5] [--runs 3]
// Prints: gzip sizes (wasm with the model, JS, whole tarball); cold start in a fresh
// process (import to first result); throughput of the Node build in document mode
// (`classify`) and passage mode (`classifyPassage`) on the corpus texts repeated to at
// least --mb MB; the native CLI on the same input and the ratio wasm/native. Cases run
// interleaved, --runs rounds, best kept; wall and CPU time both, as the machine may be
// shared (CPU time is steadier under load).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = join(ROOT, 'pkg');
const CLI = process.env.CYBERCLAUSE_CLI || join(ROOT, 'target', 'release-native', 'cyberclause');
const MODEL = join(ROOT, 'models', 'cyberclause.model');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MB = arg('mb', 5);
const RUNS = arg('runs', 3);

for (const [what, path] of [['pkg/ (bash scripts/build-pkg.sh)', join(PKG, 'package.json')], ['the native CLI', CLI]]) {
  if (!existsSync(path)) {
    console.error(`node-bench: ${what} is missing: ${path}`);
    process.exit(1);
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function sizes() {
  const wasm = gz(join(PKG, 'web', 'cyberclause_wasm_bg.wasm'));
  const js = (dir) => readdirSync(join(PKG, dir)).filter((f) => /\.(c|m)?js$/.test(f)).reduce((a, f) => a + gz(join(PKG, dir, f)), 0);
  const dist = join(ROOT, 'dist');
  const tgz = readdirSync(dist).find((f) => /^cyberclause-.*\.tgz$/.test(f));
  console.log('## Size (gzip -9)');
  console.log(`wasm (model included)      ${kb(wasm)}  (raw ${kb(statSync(join(PKG, 'web', 'cyberclause_wasm_bg.wasm')).size)})`);
  console.log(`JS, browser (web/*.js)     ${kb(js('web'))}`);
  console.log(`JS, Node (node/*.{c,m}js)  ${kb(js('node'))}`);
  console.log(`what a browser loads       ${kb(wasm + js('web'))}`);
  console.log(`whole tarball (${tgz})  ${kb(statSync(join(dist, tgz)).size)}`);
}

/** Milliseconds from the start of the import to the first result, in a fresh process. */
function coldStart(kind) {
  const load = kind === 'esm' ? `await import(${JSON.stringify(join(PKG, 'node', 'index.mjs'))})` : `require(${JSON.stringify(join(PKG, 'node', 'index.cjs'))})`;
  const body = `const t = performance.now(); const cc = ${load}; cc.classifyPassage("Est puni le fait d'accéder frauduleusement à un système."); console.log(performance.now() - t);`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', body] : ['-e', body];
  return Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim());
}

/** CPU milliseconds (user + system) of this process's waited-for children (Linux). */
function childCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks; the list starts at field 3.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK;
}
const CLK_TCK = process.platform === 'linux' ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) : 0;

/** Wall and CPU milliseconds of `fn()`; CPU of this process, or of its children. */
function measure(fn, children = false) {
  const cpu0 = children ? childCpuMs() : process.cpuUsage();
  const t = process.hrtime.bigint();
  const result = fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = children ? childCpuMs() - cpu0 : (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu0));
  return { wall, cpu, result };
}

/** Runs every case once per round, interleaved so that all see the same machine load; keeps each case's best. */
function rounds(cases) {
  const best = cases.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let r = 0; r < RUNS; r++) {
    cases.forEach((c, i) => {
      const m = measure(c.run, c.children);
      best[i] = { wall: Math.min(best[i].wall, m.wall), cpu: Math.min(best[i].cpu, m.cpu), result: m.result };
    });
  }
  return best;
}

function line(label, bytes, passages, { wall, cpu }) {
  const rate = (ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(2).padStart(5)} MB/s ${Math.round(passages / (ms / 1000)).toString().padStart(5)} passages/s`;
  console.log(`${label.padEnd(32)} wall ${(wall / 1000).toFixed(2).padStart(5)} s ${rate(wall)} | CPU ${(cpu / 1000).toFixed(2).padStart(5)} s ${rate(cpu)}`);
}

async function main() {
  console.log(`node ${process.version}, ${RUNS} runs each (best kept), input >= ${MB} MB\n`);
  sizes();

  console.log('\n## Cold start (fresh process, import to first classifyPassage result)');
  for (const kind of ['cjs', 'esm']) {
    const runs = Array.from({ length: 5 }, () => coldStart(kind)).sort((a, b) => a - b);
    console.log(`${kind.toUpperCase()}: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`);
  }

  const records = readFileSync(join(ROOT, 'models', 'corpus', 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const base = `${records.map((r) => r.text).join('\n\n')}\n\n`;
  const doc = base.repeat(Math.ceil((MB * 1e6) / Buffer.byteLength(base)));
  const passageTexts = [];
  let passageBytes = 0;
  while (passageBytes < MB * 1e6) {
    for (const r of records) {
      passageTexts.push(r.text);
      passageBytes += Buffer.byteLength(r.text);
    }
  }
  const docBytes = Buffer.byteLength(doc);
  const work = mkdtempSync(join(tmpdir(), 'cyberclause-bench-'));
  try {
    const docFile = join(work, 'doc.txt');
    const jsonlFile = join(work, 'passages.jsonl');
    writeFileSync(docFile, doc);
    writeFileSync(jsonlFile, passageTexts.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n');

    const cc = createRequire(import.meta.url)(join(PKG, 'node', 'index.cjs'));
    const nDoc = cc.classify(doc).passages.length;
    const native = (args) => () => {
      const r = spawnSync(CLI, [...args, '--model', MODEL], { stdio: ['ignore', 'ignore', 'ignore'] });
      if (r.status !== 0) throw new Error(`${CLI} ${args.join(' ')} failed`);
    };
    const [wDoc, nD, wPass, nP] = rounds([
      { run: () => cc.classify(doc) },
      { run: native(['classify', '--json', docFile]), children: true },
      { run: () => passageTexts.map((t) => cc.classifyPassage(t).label) },
      { run: native(['classify', '--jsonl', jsonlFile]), children: true },
    ]);
    console.log(`\n## Throughput (document ${(docBytes / 1e6).toFixed(2)} MB, ${nDoc} passages; ${passageTexts.length} passages one by one, ${(passageBytes / 1e6).toFixed(2)} MB)`);
    line('wasm document (classify)', docBytes, nDoc, wDoc);
    line('native document (--json)', docBytes, nDoc, nD);
    line('wasm passages (classifyPassage)', passageBytes, passageTexts.length, wPass);
    line('native passages (--jsonl)', passageBytes, passageTexts.length, nP);
    const ratio = (a, b) => `${(a.wall / b.wall).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x CPU`;
    console.log(`\nwasm/native time: document ${ratio(wDoc, nD)}; passages ${ratio(wPass, nP)}`);
    console.log('(native figures are whole processes, model loading and JSON output included; wasm CPU includes V8\'s own threads)');
    console.log(`load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
