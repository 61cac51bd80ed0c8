// ES module entry for Node.js: the CommonJS entry's API as named exports.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { MAX_TEXT_LENGTH, classify, classifyChunks, classifyPassage, compare, linkSafeguards, labels, modelInfo, Classifier } =
  require('./index.cjs');
