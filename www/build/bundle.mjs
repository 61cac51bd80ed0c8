// A deliberately small bundler for the single-file build: it joins the page's own ES
// modules into one script, each module in its own function scope. It understands only
// the forms this code base uses (one-line `import ... from './x.js'`, with a default, names
// or a namespace, `export function`,
// `export const`, `export class`, `export { a, b as c }`) and fails loudly on anything
// else, rather than bundling wrongly.
import { readFileSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';

const IMPORT = /^import\s+(.+?)\s+from\s+'(\.\/[\w.-]+)';\s*$/;
const EXPORT_DECL = /^export\s+((?:async\s+)?function\*?|const|let|class)\s+([\w$]+)/;
const EXPORT_LIST = /^export\s*\{([^}]*)\};?\s*$/;

function parseImportClause(clause) {
  // "init, { a, b as c }" | "{ a }" | "init, * as ns" | "* as ns" | "x"
  const out = [];
  const braces = clause.match(/\{([^}]*)\}/);
  let head = clause.replace(/\{[^}]*\}/, '').replace(/,\s*$/, '').trim().replace(/,$/, '');
  const namespace = head.match(/(?:^|,\s*)\* as ([\w$]+)$/);
  if (namespace) {
    out.push({ imported: '*', local: namespace[1] });
    head = head.slice(0, namespace.index).trim();
  }
  if (head) out.push({ imported: 'default', local: head });
  if (braces) {
    for (const part of braces[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const [imported, local] = part.split(/\s+as\s+/);
      out.push({ imported, local: local || imported });
    }
  }
  return out;
}

/** Turns one module's source into {deps, body, exports}. */
function transform(source, file) {
  const deps = [];
  const exportsList = [];
  const lines = source.split('\n').map((line) => {
    if (/^import\b/.test(line)) {
      const m = line.match(IMPORT);
      if (!m) throw new Error(`${file}: unsupported import: ${line}`);
      deps.push(m[2]);
      const from = `__modules[${JSON.stringify(basename(m[2]))}]`;
      const clause = parseImportClause(m[1]);
      const names = clause.filter((c) => c.imported !== '*').map(({ imported, local }) => (imported === local ? local : `${imported}: ${local}`));
      const namespaces = clause.filter((c) => c.imported === '*').map((c) => `const ${c.local} = ${from};`);
      return [names.length ? `const { ${names.join(', ')} } = ${from};` : '', ...namespaces].filter(Boolean).join(' ');
    }
    if (/^export\b/.test(line)) {
      const decl = line.match(EXPORT_DECL);
      if (decl) {
        exportsList.push({ local: decl[2], exported: decl[2] });
        return line.replace(/^export\s+/, '');
      }
      const list = line.match(EXPORT_LIST);
      if (!list) throw new Error(`${file}: unsupported export: ${line}`);
      for (const part of list[1].split(',').map((s) => s.trim()).filter(Boolean)) {
        const [local, exported] = part.split(/\s+as\s+/);
        exportsList.push({ local, exported: exported || local });
      }
      return '';
    }
    return line;
  });
  return { deps, body: lines.join('\n'), exportsList };
}

/**
 * Bundles `entry` and what it imports. `replace` maps a module's basename to another file
 * (e.g. the wasm-bindgen glue); `classic` rewrites import.meta.url for classic workers.
 */
export function bundle(entry, { replace = {}, classic = false } = {}) {
  const order = [];
  const seen = new Map();
  const visit = (file) => {
    const name = basename(file);
    if (seen.has(name)) return;
    seen.set(name, true);
    const path = replace[name] || file;
    const mod = transform(readFileSync(path, 'utf8'), path);
    for (const dep of mod.deps) visit(resolve(dirname(file), dep));
    order.push({ name, ...mod });
  };
  visit(resolve(entry));
  const parts = ['const __modules = Object.create(null);'];
  for (const m of order) {
    let body = m.body;
    if (classic) body = body.replace(/import\.meta\.url/g, 'self.location.href');
    const exported = m.exportsList.map((e) => `${JSON.stringify(e.exported)}: ${e.local}`).join(', ');
    parts.push(`// ---- ${m.name}\n__modules[${JSON.stringify(m.name)}] = (() => {\n${body}\nreturn { ${exported} };\n})();`);
  }
  const code = classic ? `(() => {\n${parts.join('\n')}\n})();\n` : `${parts.join('\n')}\n`;
  if (/<\/script/i.test(code)) throw new Error('the bundle contains "</script": it cannot be inlined');
  return code;
}
