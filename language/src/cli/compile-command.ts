/** `compile <file.crules> [-o out.json]`: the json-rules-engine JSON, refused while the rules have errors. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  compileRuleSet,
  compileRuleSetToJson,
  type CompiledRuleSet,
  isEngineError,
  type RuleSetDefinition,
} from '#engine';
import { CliError, EXIT_FAILURES, EXIT_OK, displayFile, resolvePath, type CliContext } from './context.js';
import { loadForCli, refuseOnErrors } from './rules-loading.js';
import { sourceRootOf } from '../source-root.js';

/** Loads exactly one rule set from a .crules file (or a folder holding one) with no errors. */
export async function loadOneRuleSet(
  context: CliContext,
  path: string,
  tolerated: readonly string[] = [],
): Promise<RuleSetDefinition> {
  const extension = extname(path);
  if (extension !== '' && extension !== '.crules') {
    throw new CliError('error.notCrules', { file: path });
  }
  const loaded = await loadForCli(context, [path]);
  refuseOnErrors(context, loaded, tolerated);
  if (loaded.ruleSets.length === 0) throw new CliError('error.noRuleSet', { paths: path });
  if (loaded.ruleSets.length > 1) {
    throw new CliError('error.severalRuleSets', { names: loaded.ruleSets.map((r) => r.name).join(', ') });
  }
  return loaded.ruleSets[0]!;
}

// Sources relative to the working folder: explanations of `test` and `apply` are paths the user can open.
export function compileForCli(context: CliContext, definition: RuleSetDefinition): CompiledRuleSet {
  try {
    return compileRuleSet(definition, { sourceRoot: context.io.cwd });
  } catch (error) {
    if (isEngineError(error)) {
      throw new CliError('error.compile', { message: error.localized(context.language) }, EXIT_FAILURES);
    }
    throw error;
  }
}

export async function compileCommand(
  context: CliContext,
  file: string,
  options: { out?: string },
): Promise<number> {
  const definition = await loadOneRuleSet(context, file);
  compileForCli(context, definition); // refuses with a translated message before anything is written
  const json = compileRuleSetToJson(definition, { sourceRoot: sourceRootOf(resolvePath(context, file)) });
  if (options.out === undefined) {
    context.io.stdout(json);
    return EXIT_OK;
  }
  const target = resolvePath(context, options.out);
  try {
    await writeFile(target, json, 'utf8');
  } catch (error) {
    throw new CliError('error.cannotWrite', {
      file: displayFile(context, target),
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  return EXIT_OK;
}
