// The single self-contained file: the page's CSS and scripts inline, the worker's code
// (with the wasm-bindgen glue) as a non-executed text block started from a Blob URL, and
// the model's .wasm gzip-compressed and base64-encoded (about 70 % of the raw module's
// size, against 133 % for plain base64), handed to the worker, which inflates it with
// DecompressionStream and compiles it with initSync.
// Its policy allows no connection at all and only the exact inline script and style
// (by hash); nothing of it depends on a network or a server.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { bundle } from './bundle.mjs';

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

function policy(script, style) {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildSingle({ www, pkgWeb, out }) {
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  // Every stylesheet the page links, in order, becomes one inline style.
  const sheets = [...html.matchAll(/<link rel="stylesheet" href="css\/([\w-]+\.css)">\n?/g)];
  const css = sheets.map((m) => `\n${readFileSync(join(www, 'css', m[1]), 'utf8')}`).join('');
  const main = `\n${bundle(join(www, 'js', 'main.js'), {
    replace: { 'worker.js': join(pkgWeb, 'worker.js'), 'worker-protocol.js': join(pkgWeb, 'worker-protocol.js'), 'api.js': join(pkgWeb, 'api.js') },
  })}`;
  // The package's own worker script, as a classic worker (its glue and protocol inlined).
  const worker = bundle(join(pkgWeb, 'worker-script.js'), { classic: true });
  const wasm = gzipSync(readFileSync(join(pkgWeb, 'cyberclause_wasm_bg.wasm')), { level: 9 }).toString('base64');

  const replaceOnce = (s, pattern, by) => {
    if (!pattern.test(s)) throw new Error(`single-file build: ${pattern} not found in index.html`);
    return s.replace(pattern, () => by);
  };
  let page = html.replace(/<!--[\s\S]*?-->\n?/g, '');
  page = replaceOnce(page, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${policy(main, css)}">`);
  page = replaceOnce(page, /<link rel="icon" href="favicon.svg">\n/, '');
  page = replaceOnce(page, /<link rel="stylesheet" href="css\/style.css">/, `<style>${css}</style>`);
  page = page.replace(/<link rel="stylesheet" href="css\/(?!style\.css)[\w-]+\.css">\n?/g, '');
  page = replaceOnce(page, /<script type="module" src="js\/main.js"><\/script>/, '');
  // Data blocks (not JavaScript types) are never executed, so the policy does not apply.
  const tail = `<script type="text/plain" id="worker-source">\n${worker}</script>\n` +
    `<script type="application/octet-stream" id="wasm-base64" data-encoding="gzip">\n${wasm}\n</script>\n` +
    `<script type="module">${main}</script>\n</body>`;
  page = replaceOnce(page, /<\/body>/, tail);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, page);
  return { bytes: Buffer.byteLength(page), wasmBase64: wasm.length };
}
