/**
 * `apply --rules <file> --invoice <confirmed.json> --corrections <edits.json> [--ledger <actuals.json>]`:
 * the correction lifecycle on real inputs: correct the confirmed invoice (a draft with every line at 0),
 * apply the user's edits, confirm it with the rules, print the corrective invoice and the actuals.
 */
import { confirmCorrection } from '../../../engine/src/correction/confirm.js';
import { correctInvoice, editCorrectiveLine } from '../../../engine/src/correction/draft.js';
import { confirmInvoice, emptyLedger } from '../../../engine/src/correction/ledger.js';
import {
  CorrectionRejectedError,
  isEngineError,
  translateEngineMessage,
  type EngineError,
} from '../../../engine/src/errors/engine-error.js';
import type { EngineMessageKey } from '../../../engine/src/errors/messages.js';
import type { Ledger, ProjectInvoice } from '../../../engine/src/model/types.js';
import {
  correctionsSchema,
  invoiceSchema,
  InputError,
  ledgerSchema,
  readJsonInput,
  toLedger,
  toLineEdits,
  toProjectInvoice,
} from './apply-input.js';
import { applyResultJson, printApplyTables } from './apply-output.js';
import { compileForCli, loadOneRuleSet } from './compile-command.js';
import { EXIT_FAILURES, EXIT_OK, println, type CliContext } from './context.js';
import { createExecutor, type ExecutorKind } from '../../../engine/src/executors/create.js';

export interface ApplyOptions {
  rules: string;
  invoice: string;
  corrections: string;
  ledger?: string;
  json?: boolean;
  executor: ExecutorKind;
}

/** Without a ledger file: the actuals confirming the invoice created (billed sales, advance balances). */
function ledgerOfInvoice(invoice: ProjectInvoice): Ledger {
  return confirmInvoice({ ...invoice, status: 'draft' }, emptyLedger()).ledger;
}

/** Engine errors about the user's edits name the line; the CLI adds the file and JSON path. */
function asInputError(context: CliContext, error: EngineError, file: string, index: number): InputError {
  return new InputError([
    { file, path: ['lines', index], key: 'input.invalid', text: error.localized(context.language) },
  ]);
}

export async function applyCommand(context: CliContext, options: ApplyOptions): Promise<number> {
  // Inputs first: a typo in the JSON should not wait for the rules to load.
  const invoiceInput = await readJsonInput(context, options.invoice, invoiceSchema);
  const correctionsInput = await readJsonInput(context, options.corrections, correctionsSchema);
  const ledgerInput =
    options.ledger !== undefined ? await readJsonInput(context, options.ledger, ledgerSchema) : undefined;
  const invoice = toProjectInvoice(invoiceInput.file, invoiceInput.value);
  const edits = toLineEdits(correctionsInput.file, correctionsInput.value, invoice);
  const ledger = ledgerInput ? toLedger(ledgerInput.value) : ledgerOfInvoice(invoice);

  const definition = await loadOneRuleSet(context, options.rules);
  const compiled = compileForCli(context, definition);

  let draft: ProjectInvoice;
  try {
    draft = correctInvoice(invoice, { id: correctionsInput.value.id });
  } catch (error) {
    if (!isEngineError(error)) throw error;
    // A refused line (a credit line, say) is named by its JSON path; anything else is the invoice status.
    const index = invoiceInput.value.lines.findIndex((line) => line.id === error.params.line);
    const field = typeof error.params.field === 'string' ? error.params.field : 'class';
    throw new InputError([
      {
        file: invoiceInput.file,
        path: index >= 0 ? ['lines', index, field] : ['status'],
        key: 'input.invalid',
        text: error.localized(context.language),
      },
    ]);
  }
  for (const { line, index, edit } of edits) {
    const target = draft.lines.find((candidate) => candidate.originalLineDetailId === line);
    if (!target) {
      // On the invoice but not copied: a product-based line, which cannot be corrected.
      const excluded = draft.excluded?.find((entry) => entry.lineDetailId === line);
      throw new InputError([
        {
          file: correctionsInput.file,
          path: ['lines', index, 'line'],
          key: 'input.invalid',
          text: excluded
            ? translateEngineMessage(context.language, excluded.code as EngineMessageKey, { line })
            : undefined,
        },
      ]);
    }
    try {
      draft = editCorrectiveLine(draft, target.id, edit);
    } catch (error) {
      if (!isEngineError(error)) throw error;
      throw asInputError(context, error, correctionsInput.file, index);
    }
  }

  try {
    const result = await confirmCorrection(draft, ledger, createExecutor(options.executor, compiled));
    if (options.json) println(context.io.stdout, JSON.stringify(applyResultJson(result), null, 2));
    else printApplyTables(context, result);
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
