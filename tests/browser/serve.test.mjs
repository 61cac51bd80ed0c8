// The static server behind scripts/run.sh: right MIME types, the policy header, and no
// way out of the served directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startServer } from './helpers.mjs';

let server; let url;
before(async () => { ({ server, url } = await startServer()); });
after(() => server?.close());

/** GET with the path sent exactly as written (no URL normalisation of "..") . */
function get(path) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], csp: res.headers['content-security-policy'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the page, scripts and the wasm with their MIME types', async () => {
  assert.match((await get('/')).type, /^text\/html/);
  assert.match((await get('/js/main.js')).type, /^text\/javascript/);
  assert.match((await get('/css/style.css')).type, /^text\/css/);
  assert.equal((await get('/js/cyberclause_wasm_bg.wasm')).type, 'application/wasm');
  assert.match((await get('/sw.js')).csp, /connect-src 'self'/);
});

test('refuses paths outside the site and lists no directory', async () => {
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/js/..%2f..%2f..%2fetc%2fpasswd', '/js%00.js', '/%E0%A4%A']) {
    assert.ok([400, 404].includes((await get(path)).status), path);
  }
  assert.equal((await get('/js/')).status, 404);
  assert.equal((await get('/nope.html')).status, 404);
});
