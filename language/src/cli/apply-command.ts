/**
 * `apply --rules <file> --invoice <confirmed.json> --corrections <edits.json> [--ledger <actuals.json>]`:
 * reads the files and hands them to the engine's `apply` boundary (JSON -> model -> correction lifecycle),
 * then prints the corrective invoice and the actuals as tables or JSON.
 */
import { readFile } from 'node:fs/promises';
import {
  applyCorrectionModel,
  readApplyInputs,
  type InputText,
  applyResultJsonChunks,
  CorrectionRejectedError,
  isEngineError,
  createExecutor,
  type ExecutorKind,
} from '#engine';
import { writeApplyTables } from './apply-output.js';
import { compileForCli, loadOneRuleSet } from './compile-command.js';
import {
  CliError,
  EXIT_FAILURES,
  EXIT_OK,
  displayFile,
  println,
  resolvePath,
  writeChunks,
  type CliContext,
} from './context.js';

export interface ApplyOptions {
  rules: string;
  invoice: string;
  corrections: string;
  ledger?: string;
  json?: boolean;
  executor: ExecutorKind;
}

/** A file's text, named as the user should see it; unreadable files are usage errors. */
async function readInputFile(context: CliContext, path: string): Promise<InputText> {
  const absolute = resolvePath(context, path);
  const file = displayFile(context, absolute);
  try {
    return { file, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('error.fileNotFound', { file });
    throw new CliError('error.cannotRead', { file, reason: code ?? String(error) });
  }
}

export async function applyCommand(context: CliContext, options: ApplyOptions): Promise<number> {
  // Inputs first: a typo in the JSON should not wait for the rules to load.
  const model = readApplyInputs({
    invoice: await readInputFile(context, options.invoice),
    corrections: await readInputFile(context, options.corrections),
    ledger: options.ledger !== undefined ? await readInputFile(context, options.ledger) : undefined,
  });
  const definition = await loadOneRuleSet(context, options.rules);
  const compiled = compileForCli(context, definition);
  try {
    const result = await applyCorrectionModel(model, createExecutor(options.executor, compiled));
    if (options.json) {
      // In pieces: the JSON of a large invoice does not fit in one string.
      await writeChunks(context.io, applyResultJsonChunks(result));
      println(context.io.stdout);
    } else await writeApplyTables(context, result);
    return EXIT_OK;
  } catch (error) {
    if (!isEngineError(error)) throw error;
    // The rules refused lines (unsupported, uncovered) or the ledger lacks what they reverse.
    println(context.io.stderr, context.t('error.refused'));
    const errors = error instanceof CorrectionRejectedError ? error.lineErrors : [error];
    for (const lineError of errors) println(context.io.stderr, `  ${lineError.localized(context.language)}`);
    return EXIT_FAILURES;
  }
}
