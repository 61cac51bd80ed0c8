// What a consumer writes: the package's main entry (the wasm loads with the import) and
// its worker entry. Classifies a sample into the page, then hands the API to the test.
import { classify, classifyPassage, labels, modelInfo, MAX_TEXT_LENGTH } from 'cyberclause';
import { createWorkerClassifier } from 'cyberclause/worker';

const SAMPLE = [
  "Le fait d'accéder ou de se maintenir frauduleusement dans tout ou partie d'un système de traitement automatisé de données est puni de trois ans d'emprisonnement.",
  'Each Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities to order the expeditious preservation of specified computer data.',
].join('\n\n');

const list = document.getElementById('passages');
for (const p of classify(SAMPLE).passages) {
  const item = document.createElement('li');
  item.dataset.label = p.label;
  item.textContent = `${p.label}: ${SAMPLE.slice(p.start, p.end)}`;
  list.append(item);
}
document.getElementById('status').textContent = 'ready';

// A Worker the app starts itself, on the package's worker script.
const createOwnWorker = () =>
  createWorkerClassifier(new Worker(new URL('cyberclause/worker-script', import.meta.url), { type: 'module' }));

window.cyberclause = { classify, classifyPassage, labels, modelInfo, MAX_TEXT_LENGTH, createWorkerClassifier, createOwnWorker };
