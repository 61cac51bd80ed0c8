// The served site: www/ copied with the package's web glue and .wasm beside the page's
// scripts, and the service worker given the list of files to precache and a version.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';

// The package's web glue, its .wasm, and its worker (script and protocol), which the page
// uses as any consumer of the package would.
const GLUE = ['cyberclause_wasm.js', 'cyberclause_wasm_bg.wasm', 'api.js', 'worker.js', 'worker-script.js', 'worker-protocol.js'];

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export function buildSite({ www, pkgWeb, out }) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(www, 'index.html'), join(out, 'index.html'));
  cpSync(join(www, 'favicon.svg'), join(out, 'favicon.svg'));
  cpSync(join(www, 'css'), join(out, 'css'), { recursive: true });
  cpSync(join(www, 'js'), join(out, 'js'), { recursive: true });
  for (const f of GLUE) copyFileSync(join(pkgWeb, f), join(out, 'js', f));

  const files = listFiles(out).map((f) => relative(out, f).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(out, f)));
  const version = hash.digest('hex').slice(0, 16);
  const precache = ['./', ...files];
  const sw = `const VERSION = ${JSON.stringify(version)};\nconst FILES = ${JSON.stringify(precache, null, 1)};\n${readFileSync(join(www, 'sw.js'), 'utf8')}`;
  writeFileSync(join(out, 'sw.js'), sw);
  return { files: [...files, 'sw.js'], version };
}
