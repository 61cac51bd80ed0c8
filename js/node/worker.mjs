// ES module entry of `cyberclause/worker` for Node.js: wraps the CommonJS one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { createWorkerClassifier } = require('./worker.cjs');
