// The package's TypeScript types as consumers see them, installed from the tarball:
// strict TypeScript projects (Node ESM, Node CJS, bundler with the DOM library) that use
// every export must compile, and misuse must not; arethetypeswrong finds no problem; the
// declarations never say `any`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { installTarball, ROOT, tarball } from './install.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ATTW = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

// Uses every export with its types; each @ts-expect-error line must be an error.
const USE = (from, worker) => `
${from}
const text: string = "Le fait d'accéder frauduleusement à un système est puni.";
const doc: ClassifiedDocument = cc.classify(text, { granularity: "auto", evidence: 3, chunkBytes: 4096 });
const first: Passage | undefined = doc.passages[0];
const label: LabelId | undefined = first?.label;
const p: number | undefined = first?.scores.safeguard;
const lang: "fr" | "en" | "mixed" | "unknown" = doc.language;
const share: number | undefined = doc.summary[0]?.share;
const one: Passage = cc.classifyPassage(text, null);
const max: number = cc.MAX_TEXT_LENGTH;
const overview: DocumentOverview = cc.classifyChunks(text, undefined, (c: Chunk) => { const n: number = c.end; });
const infos: LabelInfo[] = cc.labels();
const info: ModelInfo = cc.modelInfo();
const model = new cc.Classifier(new Uint8Array(8));
const again: ClassifiedDocument = model.classify(text);
const cmp2: Comparison = model.compare(text, text);
model.free();
try { cc.classify(text); } catch (e) { const code: ErrorCode = (e as CyberclauseError).code; }
const wc: WorkerClassifier = ${worker}.createWorkerClassifier();
const later: Promise<ClassifiedDocument> = wc.classify(text, {
  evidence: 2,
  onProgress: (progress: WorkerProgress) => { const done: number = progress.done + progress.total + progress.passages.length; },
});
const ref: string | undefined = first?.reference;
const cmp: Comparison = cc.compare(text, text, { threshold: 0.6, context: 0.5 });
const run: DiffRun | undefined = cmp.labels[0]?.changed[0]?.diff[0];
const links: SafeguardMap = cc.linkSafeguards(doc.passages);
const why: SafeguardReason | undefined = links.powers[0]?.safeguards[0]?.reason;
const laterCmp: Promise<Comparison> = wc.compare(text, text, { threshold: 0.7 });
const laterLinks: Promise<SafeguardMap> = wc.linkSafeguards(doc.passages);
wc.terminate();
// @ts-expect-error the threshold is a number
cc.compare(text, text, { threshold: "high" });
// @ts-expect-error text must be a string
cc.classify(42);
// @ts-expect-error granularity is one of three words
cc.classify(text, { granularity: "word" });
// @ts-expect-error no such label
doc.passages[0]?.scores.hacking;
// @ts-expect-error onProgress is for the worker only
cc.classify(text, { onProgress: () => {} });
// @ts-expect-error the worker's classify is asynchronous
const sync: ClassifiedDocument = wc.classify(text);
export { label, p, lang, share, one, max, overview, infos, info, again, later, sync, ref, cmp, run, links, why, cmp2, laterCmp, laterLinks };
`;
const TYPES = 'ClassifiedDocument, Passage, LabelId, Chunk, DocumentOverview, LabelInfo, ModelInfo, ErrorCode, CyberclauseError, Comparison, DiffRun, SafeguardMap, SafeguardReason';
const WORKER_TYPES = 'WorkerClassifier, WorkerProgress';

let project;

before(() => {
  project = installTarball('cyberclause-types-');
  const write = (name, body) => writeFileSync(join(project.dir, name), body);
  write('esm.mts', USE(`import * as cc from "cyberclause";\nimport * as w from "cyberclause/worker";\nimport type { ${TYPES} } from "cyberclause";\nimport type { ${WORKER_TYPES} } from "cyberclause/worker";`, 'w'));
  write('cjs.cts', USE(`import cc = require("cyberclause");\nimport w = require("cyberclause/worker");\nimport type { ${TYPES} } from "cyberclause";\nimport type { ${WORKER_TYPES} } from "cyberclause/worker";`, 'w'));
  write('app.ts', `${USE(`import * as cc from "cyberclause";\nimport * as w from "cyberclause/worker";\nimport type { ${TYPES} } from "cyberclause";\nimport type { ${WORKER_TYPES} } from "cyberclause/worker";`, 'w')}
const own = w.createWorkerClassifier(new Worker(new URL("cyberclause/worker-script", import.meta.url), { type: "module" }));
export { own };
`);
  const strict = { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', types: [] };
  write('tsconfig.node.json', JSON.stringify({ compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', lib: ['ES2022'] }, files: ['esm.mts', 'cjs.cts'] }));
  write('tsconfig.bundler.json', JSON.stringify({ compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'] }, files: ['app.ts'] }));
});

after(() => project?.remove());

function tsc(config) {
  try {
    execFileSync(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: project.dir, encoding: 'utf8' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test('Node16 ESM and CJS consumers type-check, misuse does not', () => {
  assert.equal(tsc('tsconfig.node.json'), '');
});

test('a bundler consumer with the DOM library type-checks, a Worker of its own included', () => {
  assert.equal(tsc('tsconfig.bundler.json'), '');
});

test('arethetypeswrong finds no problem in the tarball', () => {
  // worker-script is a script to start a Worker on, not a module to import.
  const out = execFileSync(process.execPath, [ATTW, tarball(), '--format', 'json', '--exclude-entrypoints', 'worker-script'], {
    encoding: 'utf8',
  });
  const { analysis } = JSON.parse(out);
  assert.deepEqual(analysis.problems, []);
});

test('the declarations never use `any`', () => {
  for (const f of ['index.d.ts', 'worker.d.ts']) {
    const code = readFileSync(join(ROOT, 'js', f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/, f);
  }
});
