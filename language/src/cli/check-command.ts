/** `check <paths...>`: every diagnostic as `file:line:col: severity: message [code]`, then a summary. */
import { formatDiagnostic } from '../workspace.js';
import { EXIT_FAILURES, EXIT_OK, EXIT_USAGE, println, type CliContext } from './context.js';
import { loadForCli } from './rules-loading.js';

export interface CheckOptions {
  json?: boolean;
}

export async function checkCommand(
  context: CliContext,
  paths: string[],
  options: CheckOptions,
): Promise<number> {
  // A test file alone would not link: its rule set comes with it, as for `test`.
  const loaded = await loadForCli(context, paths, { withSiblingRules: true });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = loaded.diagnostics.filter((d) => d.severity === 'warning').length;
  if (options.json) {
    println(
      context.io.stdout,
      JSON.stringify(
        { files: loaded.documents.length, errors, warnings, diagnostics: loaded.diagnostics },
        null,
        2,
      ),
    );
  } else {
    for (const diagnostic of loaded.diagnostics) println(context.io.stdout, formatDiagnostic(diagnostic));
    println(
      context.io.stdout,
      context.t('summary.check', { files: loaded.documents.length, errors, warnings }),
    );
  }
  if (loaded.missingInput) return EXIT_USAGE;
  return errors > 0 ? EXIT_FAILURES : EXIT_OK;
}
