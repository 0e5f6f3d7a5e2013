/**
 * Loading rules for the commands: resolve paths, translate the workspace's own file problems, show paths
 * relative to the working folder, and refuse to go on while the rules have errors.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { formatDiagnostic, loadRules, type LoadedRules, type RulesDiagnostic } from '../workspace.js';
import { CliError, EXIT_FAILURES, displayFile, println, resolvePath, type CliContext } from './context.js';

export interface LoadedForCli extends LoadedRules {
  /** The files given on the command line could not all be found or are not rules files. */
  missingInput: boolean;
}

/** The workspace reports missing files in English; the CLI says it in the user's language. */
function translateFileProblem(context: CliContext, diagnostic: RulesDiagnostic): RulesDiagnostic {
  const file = displayFile(context, diagnostic.file);
  if (diagnostic.code === 'file-not-found')
    return { ...diagnostic, file, message: context.t('error.fileNotFound', { file }) };
  if (diagnostic.code === 'not-a-rules-file')
    return { ...diagnostic, file, message: context.t('error.notRulesFile', { file }) };
  return { ...diagnostic, file };
}

/** The .crules files in the folder of a .crtest file, so `test x.crtest` finds the rule set it tests. */
async function siblingRuleFiles(testFile: string): Promise<string[]> {
  try {
    const folder = dirname(testFile);
    return (await readdir(folder))
      .filter((name) => extname(name) === '.crules')
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

export async function loadForCli(
  context: CliContext,
  paths: string[],
  options: { withSiblingRules?: boolean } = {},
): Promise<LoadedForCli> {
  const resolved = paths.map((path) => resolvePath(context, path));
  const all = [...resolved];
  if (options.withSiblingRules) {
    for (const path of resolved) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && extname(path) === '.crtest') all.push(...(await siblingRuleFiles(path)));
    }
  }
  const loaded = await loadRules([...new Set(all)], { language: context.language });
  const missingInput = loaded.diagnostics.some(
    (d) => d.code === 'file-not-found' || d.code === 'not-a-rules-file',
  );
  return {
    ...loaded,
    diagnostics: loaded.diagnostics.map((d) => translateFileProblem(context, d)),
    missingInput,
  };
}

export function printDiagnostics(context: CliContext, diagnostics: RulesDiagnostic[]): void {
  for (const diagnostic of diagnostics) println(context.io.stderr, formatDiagnostic(diagnostic));
}

/** Prints the errors and throws when there are any: rules with errors are never compiled or run. */
export function refuseOnErrors(
  context: CliContext,
  loaded: LoadedForCli,
  tolerated: readonly string[] = [],
): void {
  const errors = loaded.diagnostics.filter(
    (d) => d.severity === 'error' && !(d.code !== undefined && tolerated.includes(d.code)),
  );
  if (errors.length === 0) return;
  printDiagnostics(context, errors);
  throw new CliError('error.hasErrors', { count: errors.length }, loaded.missingInput ? 2 : EXIT_FAILURES);
}
