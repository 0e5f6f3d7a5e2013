/**
 * The `apply` boundary, for every client (the CLI, a server, a worker): the JSON texts of a confirmed
 * invoice, the user's edits of its corrective lines and optionally the ledger -> the correction lifecycle
 * (correct the invoice: a draft with every line at 0; apply the edits; confirm it with the rules) -> the
 * confirmed correction. Linear in lines: 100,000 lines are one pass each (bench/apply.bench.ts).
 * Input problems throw ApplyInputError (file + JSON path); refusals by the rules throw EngineError /
 * CorrectionRejectedError, as confirmCorrection does.
 */
import type { CompiledRuleSet } from '../compiler/compiled.js';
import { confirmCorrection, type ConfirmedCorrection } from '../correction/confirm.js';
import { correctInvoice, editCorrectiveLine } from '../correction/draft.js';
import { confirmInvoice, emptyLedger } from '../correction/ledger.js';
import { isEngineError } from '../errors/engine-error.js';
import { createExecutor, type ExecutorKind } from '../executors/create.js';
import type { Executor } from '../executors/types.js';
import { ZERO } from '../money/decimal.js';
import type { InvoiceLineDetail, Ledger, ProjectInvoice } from '../model/types.js';
import { translateEngineMessage } from '../errors/engine-error.js';
import type { EngineMessageKey } from '../errors/messages.js';
import { ApplyInputError, type InputIssue } from './input-issues.js';
import { readInput, type InputText } from './read-input.js';
import { correctionsSchema, invoiceSchema, ledgerSchema } from './schemas.js';
import { toLedger, toLineEdits, toProjectInvoice, type LineEditInput } from './to-model.js';

export interface ApplyInputs {
  invoice: InputText;
  corrections: InputText;
  /** Without one: the actuals confirming the invoice created (billed sales, advance balances). */
  ledger?: InputText;
}

/** The inputs as the engine's model, checked; throws ApplyInputError listing every problem of a file. */
export interface ApplyModel {
  invoice: ProjectInvoice;
  correctiveId?: string;
  edits: LineEditInput[];
  ledger: Ledger;
  files: { invoice: string; corrections: string; ledger?: string };
}

function throwIfAny(issues: InputIssue[]): void {
  if (issues.length > 0) throw new ApplyInputError(issues);
}

export function readApplyInputs(inputs: ApplyInputs): ApplyModel {
  // Each file is read and checked on its own first, so its problems come together.
  const invoiceInput = readInput(inputs.invoice, invoiceSchema);
  const correctionsInput = readInput(inputs.corrections, correctionsSchema);
  const ledgerInput = inputs.ledger ? readInput(inputs.ledger, ledgerSchema) : undefined;
  const issues: InputIssue[] = [];
  const invoice = toProjectInvoice(invoiceInput.file, invoiceInput.value, issues);
  throwIfAny(issues);
  const edits = toLineEdits(correctionsInput.file, correctionsInput.value, invoice, issues);
  throwIfAny(issues);
  const ledger = ledgerInput
    ? toLedger(ledgerInput.file, ledgerInput.value, issues)
    : ledgerOfInvoice(invoice);
  throwIfAny(issues);
  return {
    invoice,
    correctiveId: correctionsInput.value.id,
    edits,
    ledger,
    files: { invoice: invoiceInput.file, corrections: correctionsInput.file, ledger: ledgerInput?.file },
  };
}

function ledgerOfInvoice(invoice: ProjectInvoice): Ledger {
  return confirmInvoice({ ...invoice, status: 'draft' }, emptyLedger()).ledger;
}

/**
 * The user's edits on the corrective draft, each line edited on its own (editCorrectiveLine on a draft of
 * that one line, so nothing is copied per edit) and the amount to invoice summed once.
 */
export function applyLineEdits(
  draft: ProjectInvoice,
  edits: readonly LineEditInput[],
  file: string,
): ProjectInvoice {
  const byOriginal = new Map<string, number>();
  draft.lines.forEach((line, index) => byOriginal.set(line.originalLineDetailId ?? line.id, index));
  const lines = draft.lines.slice();
  for (const { line, index, edit } of edits) {
    const at = byOriginal.get(line);
    if (at === undefined) {
      // On the invoice but not copied: a product-based line, which cannot be corrected.
      const excluded = draft.excluded?.find((entry) => entry.lineDetailId === line);
      throw new ApplyInputError([
        {
          file,
          path: ['lines', index, 'line'],
          key: 'input.invalid',
          localize: excluded
            ? (language) => translateEngineMessage(language, excluded.code as EngineMessageKey, { line })
            : undefined,
        },
      ]);
    }
    const target: InvoiceLineDetail = lines[at]!;
    try {
      lines[at] = editCorrectiveLine({ ...draft, lines: [target] }, target.id, edit).lines[0]!;
    } catch (error) {
      if (!isEngineError(error)) throw error;
      throw new ApplyInputError([
        {
          file,
          path: ['lines', index],
          key: 'input.invalid',
          localize: (language) => error.localized(language),
        },
      ]);
    }
  }
  const invoiceAmount = lines.reduce((sum, l) => sum.plus(l.invoiceAmount ?? ZERO), ZERO);
  return { ...draft, lines, invoiceAmount };
}

/** Correct the invoice, apply the edits, confirm with the rules. */
export async function applyCorrectionModel(
  model: ApplyModel,
  executor: Executor,
): Promise<ConfirmedCorrection> {
  let draft: ProjectInvoice;
  try {
    draft = correctInvoice(model.invoice, { id: model.correctiveId });
  } catch (error) {
    if (!isEngineError(error)) throw error;
    // A refused line (a credit line, say) is named by its JSON path; anything else is the invoice status.
    const index = model.invoice.lines.findIndex((line) => line.id === error.params.line);
    const field = typeof error.params.field === 'string' ? error.params.field : 'class';
    throw new ApplyInputError([
      {
        file: model.files.invoice,
        path: index >= 0 ? ['lines', index, field] : ['status'],
        key: 'input.invalid',
        localize: (language) => error.localized(language),
      },
    ]);
  }
  draft = applyLineEdits(draft, model.edits, model.files.corrections);
  return confirmCorrection(draft, model.ledger, executor);
}

export interface ApplyOptions {
  executor?: ExecutorKind;
}

/** The whole boundary: JSON texts and a compiled rule set in, the confirmed correction out. */
export async function applyCorrections(
  inputs: ApplyInputs,
  ruleSet: CompiledRuleSet,
  options: ApplyOptions = {},
): Promise<ConfirmedCorrection> {
  const model = readApplyInputs(inputs);
  return applyCorrectionModel(model, createExecutor(options.executor ?? 'fast', ruleSet));
}
