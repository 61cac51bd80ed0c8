// A small static server for the built page (target/www by default): the right MIME types
// (application/wasm lets the worker compile the model while it downloads), no directory
// listing, no path outside the root, loopback only. Usage: node scripts/serve.mjs [DIR]
// with PORT (default 8080) and HOST (default 127.0.0.1).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Workers and the service worker are not covered by the page's <meta> policy: they get
// theirs from these headers. Same promise: scripts and connections to this origin only.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Maps a URL path to a file under root, or null when it would leave root. */
export function resolveInside(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const full = resolve(root, '.' + path);
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function handle(root, req, res) {
  const send = (code, body) => {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
  const file = resolveInside(root, req.url || '/');
  if (!file) return send(400, 'bad path\n');
  let info;
  try {
    info = await stat(file);
  } catch {
    return send(404, 'not found\n');
  }
  if (!info.isFile()) return send(404, 'not found\n');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Revalidate every time: the service worker does the offline caching.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/** Starts a server on host:port (port 0 picks a free one); resolves to the server. */
export function serve(dir, { port = 8080, host = '127.0.0.1' } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || join(fileURLToPath(new URL('..', import.meta.url)), 'target', 'www');
  const port = Number(process.env.PORT || 8080);
  const host = process.env.HOST || '127.0.0.1';
  let server;
  try {
    server = await serve(dir, { port, host });
  } catch (err) {
    const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (set PORT to another one)` : err.message;
    console.error(`serve: cannot listen on ${host}:${port}: ${why}`);
    process.exit(1);
  }
  const { port: bound } = server.address();
  console.log(`cyberclause page: http://${host}:${bound}/  (serving ${dir}; Ctrl-C stops)`);
}
