/**
 * ESLint rule: a relative import may not reach into another top-level folder (`../../engine/src/...`).
 * Other folders are imported through their public entry, the `#` aliases of the root package.json
 * "imports" (`#engine`, `#workflows/store`, ...), so a folder's internals can move without breaking others.
 * A file's text imported by the bundler (`?raw`) is not a module and is allowed.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The "imports" of each root's package.json, read once per lint run, not once per linted file. */
const importsByRoot = new Map();

function importsOf(root) {
  let imports = importsByRoot.get(root);
  if (imports === undefined) {
    try {
      imports = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports ?? {};
    } catch {
      // No manifest: the message just names no alias.
      imports = {};
    }
    importsByRoot.set(root, imports);
  }
  return imports;
}

/** The aliases of a folder, for the message: `#engine`, `#engine/i18n`, ... */
function aliasesOf(root, folder) {
  const imports = importsOf(root);
  const names = Object.keys(imports).filter((key) => key === `#${folder}` || key.startsWith(`#${folder}/`));
  return names.length
    ? names.map((name) => name.replace('*', '<area>')).join(', ')
    : 'add one to "imports" in package.json';
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: {
      description: 'Import another top-level folder through its public `#` alias, not a relative path',
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string', description: 'The repository root (default: the cwd)' } },
        additionalProperties: false,
      },
    ],
    messages: {
      deep: "'{{source}}' reaches into {{folder}}/ by a relative path: import its public entry ({{aliases}})",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = relative(root, context.filename);
    if (isAbsolute(file) || file.startsWith('..') || !file.includes(sep)) return {};
    const folder = file.split(sep)[0];
    const aliases = new Map();

    const check = (node) => {
      if (node?.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const [path, query = ''] = node.value.split(/(?=\?)/);
      if (/[?&]raw\b/.test(query)) return;
      const target = relative(root, resolve(dirname(context.filename), path));
      if (isAbsolute(target) || target.startsWith('..') || !target.includes(sep)) return;
      const into = target.split(sep)[0];
      if (into === folder) return;
      if (!aliases.has(into)) aliases.set(into, aliasesOf(root, into));
      context.report({
        node,
        messageId: 'deep',
        data: { source: node.value, folder: into, aliases: aliases.get(into) },
      });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
    };
  },
};
