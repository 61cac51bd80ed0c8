// Installs the packed npm tarball (dist/cyberclause-*.tgz, made by scripts/build-pkg.sh)
// into a fresh temporary project, offline, as a consumer would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function tarball() {
  const dist = join(ROOT, 'dist');
  const found = readdirSync(dist).filter((f) => /^cyberclause-.*\.tgz$/.test(f));
  assert.equal(found.length, 1, `expected one tarball in ${dist}, found ${found.join(', ') || 'none'}`);
  return join(dist, found[0]);
}

/** A temporary project with the tarball installed; `remove()` deletes it. */
export function installTarball(prefix = 'cyberclause-pkg-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball()], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The corpus records ({ id, text, label, ... }), one passage each. */
export function corpus() {
  return readFileSync(join(ROOT, 'models', 'corpus', 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}
