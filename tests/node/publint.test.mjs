// publint on the built package (pkg/, what scripts/build-pkg.sh packed): no error and no
// warning; suggestions are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

import { ROOT } from './install.mjs';

test('publint finds nothing to warn about', async (t) => {
  const pkgDir = join(ROOT, 'pkg');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const { messages } = await publint({ pkgDir, level: 'suggestion', strict: false });
  const text = (m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`;
  for (const m of messages.filter((m) => m.type === 'suggestion')) t.diagnostic(text(m));
  assert.deepEqual(messages.filter((m) => m.type !== 'suggestion').map(text), []);
});
