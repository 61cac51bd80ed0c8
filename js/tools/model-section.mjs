// Writes the "The model" section of the package README from models/metrics.json and the
// built package's modelInfo(), so the shipped README always describes the bundled model.
// Usage (scripts/build-pkg.sh): node js/tools/model-section.mjs <metrics.json> <pkg dir>
// Replaces the line `@MODEL_SECTION@` in <pkg dir>/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [metricsPath, pkgDir] = process.argv.slice(2).map((p) => resolve(p));
const metrics = JSON.parse(readFileSync(metricsPath, 'utf8'));
const info = createRequire(import.meta.url)(join(pkgDir, 'node', 'index.cjs')).modelInfo();
if (metrics.corpus_hash !== info.corpusHash) {
  throw new Error('models/metrics.json and the embedded model come from different corpora: retrain (cyberclause train) or rebuild');
}
const cv = metrics.cross_validation;
const real = metrics.real_law || {};
if (!cv || !real.both) throw new Error('metrics.json has no cross-validation or real-law figures');

const f = (x) => x.toFixed(3);
const row = (name, e) =>
  `| ${name} | ${f(e.macro_f1)} | ${f(e.per_language.fr.macro_f1)} | ${f(e.per_language.en.macro_f1)} | ${f(e.accuracy)} | ${f(e.ece)} |`;
const section = [
  `The bundled model (version ${info.version}, trained ${info.trained}) is ${info.algorithm},`,
  `over ${metrics.vocabulary.toLocaleString('en')} features (word unigrams and bigrams, character 3–5-grams; sublinear`,
  'TF × IDF), with probabilities calibrated by a fitted temperature. It was trained on',
  `${cv.n.toLocaleString('en')} labelled passages: French negotiation comments on the UN cybercrime`,
  'convention (labelled twice, adjudicated), an English translation of each, and',
  'statute-register passages written in both languages and translated. It was chosen for',
  'how it reads statutes: cross-validated on the statute-register passages and scored on',
  'real law never trained on.',
  '',
  '| | macro-F1 | French | English | accuracy | calibration error (ECE) |',
  '|---|---|---|---|---|---|',
  row('cross-validation (5 folds, a passage and its translation in the same fold)', cv),
  row(`real law never trained on (dev + dev2, ${real.both.n} passages)`, real.both),
].join('\n');

const readme = join(pkgDir, 'README.md');
const text = readFileSync(readme, 'utf8');
if (!text.includes('@MODEL_SECTION@')) throw new Error(`${readme} has no @MODEL_SECTION@ line`);
writeFileSync(readme, text.replace('@MODEL_SECTION@', section));
