/**
 * Builds the extension: dist/extension.cjs (the client), dist/server.cjs (the Langium language server of
 * language/src/main.ts, everything bundled) and dist/syntaxes/ (the generated TextMate grammar).
 * `--minify` for the .vsix; `--watch` while developing.
 */
import { build, context, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(extensionDir, '..');
const dist = join(extensionDir, 'dist');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

// Langium's parser uses Object.groupBy / Map.groupBy (Node >= 21); VS Code's Electron may run an older Node.
const groupByPolyfill = `(() => {
  const groupBy = (items, key, make, add) => { const out = make(); let i = 0; for (const item of items) add(out, key(item, i++), item); return out; };
  if (typeof Object.groupBy !== 'function') Object.defineProperty(Object, 'groupBy', { configurable: true, writable: true, value: (items, key) => groupBy(items, key, () => Object.create(null), (o, k, v) => { (o[k] ??= []).push(v); }) });
  if (typeof Map.groupBy !== 'function') Object.defineProperty(Map, 'groupBy', { configurable: true, writable: true, value: (items, key) => groupBy(items, key, () => new Map(), (m, k, v) => { const list = m.get(k); if (list) list.push(v); else m.set(k, [v]); }) });
})();`;

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  sourcemap: !minify,
  minify,
  logLevel: 'info',
  // Our sources import `./x.js` for `./x.ts`; esbuild resolves that by itself.
  mainFields: ['module', 'main'],
  // import.meta.url appears in a few ESM dependencies; give the CJS bundle a working value.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: `const importMetaUrl = require('url').pathToFileURL(__filename).href;` },
};

const targets: BuildOptions[] = [
  {
    ...common,
    entryPoints: [join(extensionDir, 'src/extension.ts')],
    outfile: join(dist, 'extension.cjs'),
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: [join(repo, 'language/src/main.ts')],
    outfile: join(dist, 'server.cjs'),
    banner: { js: `${common.banner!.js}\n${groupByPolyfill}` },
  },
];

function copyGrammar(): void {
  mkdirSync(join(dist, 'syntaxes'), { recursive: true });
  copyFileSync(
    join(repo, 'language/syntaxes/corrections.tmLanguage.json'),
    join(dist, 'syntaxes/corrections.tmLanguage.json'),
  );
}

if (watch) {
  copyGrammar();
  for (const options of targets) await (await context(options)).watch();
} else {
  rmSync(dist, { recursive: true, force: true });
  copyGrammar();
  await Promise.all(targets.map((options) => build(options)));
}
