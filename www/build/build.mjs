// Builds the page: node www/build/build.mjs PKG_WEB_DIR OUT_DIR
// → OUT_DIR/www/ (the served site) and OUT_DIR/www-single/cyberclause.html.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { buildSite } from './site.mjs';
import { buildSingle } from './single.mjs';

const www = fileURLToPath(new URL('..', import.meta.url));
const [pkgWeb, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!pkgWeb || !outDir) {
  console.error('usage: node www/build/build.mjs PKG_WEB_DIR OUT_DIR');
  process.exit(2);
}
const site = buildSite({ www, pkgWeb, out: join(outDir, 'www') });
console.error(`build-www: ${join(outDir, 'www')} (${site.files.length} files, cache version ${site.version})`);
const singlePath = join(outDir, 'www-single', 'cyberclause.html');
const single = buildSingle({ www, pkgWeb, out: singlePath });
const gz = gzipSync(readFileSync(singlePath), { level: 9 }).length;
console.error(`build-www: ${singlePath} (${single.bytes} bytes, ${gz} gzipped; wasm as ${single.wasmBase64} base64 chars)`);
