/**
 * The JSON inputs of `apply`, validated with zod: a confirmed invoice, the edits of its corrective lines
 * and (optionally) the ledger. Amounts and quantities must be JSON strings ("1600.00"): a JSON number is
 * already a binary float when we see it (0.1 is not 0.1), so it is refused with a message saying how to
 * write it. Every problem names the file and the JSON path (`invoice.json: lines[2].quantity: ...`).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isKnownCurrency, minorUnits } from '../../../engine/src/money/currency.js';
import { ExactDecimal, type Decimal } from '../../../engine/src/money/decimal.js';
import {
  ACTUAL_TRANSACTION_TYPES,
  ADJUSTMENT_STATUSES,
  BILLING_STATUSES,
  type Actual,
  type InvoiceLineDetail,
  type Ledger,
  type ProjectInvoice,
} from '../../../engine/src/model/types.js';
import {
  ADVANCE_STATES,
  BILLING_METHODS,
  TRANSACTION_CLASSES,
} from '../../../engine/src/rules/case-space.js';
import { BILLING_TYPES, MILESTONE_STATUSES } from '../../../engine/src/rules/definition.js';
import type { CorrectiveLineEdit } from '../../../engine/src/correction/draft.js';
import type { Params } from '../../../engine/src/i18n/translator.js';
import { closestValue } from '../cells.js';
import { CliError, displayFile, resolvePath, type CliContext } from './context.js';
import type { CliMessageKey } from './messages.js';

const DECIMAL_TEXT = /^\s*[+-]?\d+(\.\d+)?\s*$/;
/** Marks the issues of decimal fields, so the message can say what was given instead. */
const DECIMAL_ISSUE = 'decimal';

const decimalString = z.string({ error: DECIMAL_ISSUE }).regex(DECIMAL_TEXT, { error: DECIMAL_ISSUE });

const invoiceLineSchema = z.strictObject({
  id: z.string().min(1),
  contractLineId: z.string().optional(),
  class: z.enum(TRANSACTION_CLASSES),
  billingMethod: z.enum(BILLING_METHODS).optional(),
  quantity: decimalString,
  unit: z.string().optional(),
  /** Default: amount / quantity. */
  unitPrice: decimalString.optional(),
  amount: decimalString,
  tax: decimalString.optional(),
  billingType: z.enum(BILLING_TYPES).optional(),
  currency: z.string().optional(),
  advanceState: z.enum(ADVANCE_STATES).optional(),
  reconciledAmount: decimalString.optional(),
  milestoneId: z.string().optional(),
});

export const invoiceSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(['confirmed', 'draft']).optional(),
  currency: z.string(),
  lines: z.array(invoiceLineSchema).min(1),
});

const lineEditSchema = z.strictObject({
  /** The id of the line on the confirmed invoice. */
  line: z.string().min(1),
  quantity: decimalString.optional(),
  unitPrice: decimalString.optional(),
  amount: decimalString.optional(),
  reconciledAmount: decimalString.optional(),
  tax: decimalString.optional(),
});

export const correctionsSchema = z.strictObject({
  /** Id of the corrective invoice; default `<invoice id>-C`. */
  id: z.string().min(1).optional(),
  lines: z.array(lineEditSchema),
});

const actualSchema = z.strictObject({
  id: z.string().min(1),
  transactionType: z.enum(ACTUAL_TRANSACTION_TYPES),
  class: z.enum(TRANSACTION_CLASSES),
  quantity: decimalString,
  amount: decimalString,
  currency: z.string(),
  unit: z.string().optional(),
  billingType: z.enum(BILLING_TYPES),
  adjustmentStatus: z.enum(ADJUSTMENT_STATUSES),
  billingStatus: z.enum(BILLING_STATUSES),
  reversal: z.boolean(),
  reversesActualId: z.string().optional(),
  lineDetailId: z.string().optional(),
  originalLineDetailId: z.string().optional(),
  forReconciliation: z.boolean().optional(),
  // Explanations of earlier corrections may be fed back; they do not change what a new correction does.
  explanation: z.unknown().optional(),
});

export const ledgerSchema = z.strictObject({
  actuals: z.array(actualSchema),
  milestones: z.record(z.string(), z.enum(MILESTONE_STATUSES)).optional(),
});

export type InvoiceInput = z.infer<typeof invoiceSchema>;
export type CorrectionsInput = z.infer<typeof correctionsSchema>;

export interface InputIssue {
  file: string;
  path: PropertyKey[];
  key: CliMessageKey;
  params?: Params;
  /** Already translated text (engine messages). */
  text?: string;
}

/** Several problems at once, so the user fixes a file in one go. */
export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super('invalid input');
    this.name = 'InputError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

export function formatIssue(context: CliContext, issue: InputIssue): string {
  const message = issue.text ?? context.t(issue.key, issue.params);
  return context.t('input.issue', { file: issue.file, path: formatPath(issue.path), message });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || !(part in current)) {
      return { present: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { present: true, value: current };
}

function issueOf(file: string, raw: unknown, issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path;
  const { present, value } = valueAt(raw, path);
  if (issue.code === 'unrecognized_keys') {
    return { file, path, key: 'input.unknownKeys', params: { keys: issue.keys.join(', ') } };
  }
  if (!present) return { file, path, key: 'input.required' };
  if (issue.message === DECIMAL_ISSUE) {
    return typeof value === 'number'
      ? { file, path, key: 'input.decimalNumber', params: { value: String(value) } }
      : { file, path, key: 'input.decimalString' };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { file, path, key: 'input.expectedType', params: { expected: issue.expected } };
    case 'invalid_value': {
      const values = issue.values.map(String);
      const suggestion = typeof value === 'string' ? closestValue(value, values) : undefined;
      return suggestion
        ? {
            file,
            path,
            key: 'input.oneOfDidYouMean',
            params: { value: String(value), values: values.join(', '), suggestion },
          }
        : { file, path, key: 'input.oneOf', params: { values: values.join(', ') } };
    }
    case 'too_small':
      return { file, path, key: 'input.tooSmall' };
    default:
      return { file, path, key: 'input.invalid' };
  }
}

/** Reads a JSON file and validates it; throws InputError (or CliError for unreadable files). */
export async function readJsonInput<T>(
  context: CliContext,
  path: string,
  schema: z.ZodType<T>,
): Promise<{ file: string; value: T }> {
  const absolute = resolvePath(context, path);
  const file = displayFile(context, absolute);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('error.fileNotFound', { file });
    throw new CliError('error.cannotRead', { file, reason: code ?? String(error) });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError('input.badJson', { file, reason: (error as Error).message });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((issue) => issueOf(file, raw, issue)));
  return { file, value: parsed.data };
}

const decimal = (text: string): Decimal => new ExactDecimal(text.trim());

function currencyIssues(file: string, code: string, path: PropertyKey[]): InputIssue[] {
  return isKnownCurrency(code)
    ? []
    : [{ file, path, key: 'input.unknownCurrency', params: { currency: code } }];
}

/** The engine's invoice, after the checks a schema cannot make (currencies, places, duplicate ids). */
export function toProjectInvoice(file: string, input: InvoiceInput): ProjectInvoice {
  const issues: InputIssue[] = currencyIssues(file, input.currency, ['currency']);
  const seen = new Set<string>();
  const lines = input.lines.map((line, index): InvoiceLineDetail => {
    const at = (field: string): PropertyKey[] => ['lines', index, field];
    if (seen.has(line.id))
      issues.push({ file, path: at('id'), key: 'input.duplicateId', params: { line: line.id } });
    seen.add(line.id);
    const currency = line.currency ?? input.currency;
    if (line.currency !== undefined) {
      issues.push(...currencyIssues(file, line.currency, at('currency')));
      if (line.currency !== input.currency) {
        issues.push({
          file,
          path: at('currency'),
          key: 'input.currencyMismatch',
          params: { currency: line.currency, expected: input.currency },
        });
      }
    }
    const quantity = decimal(line.quantity);
    const amount = decimal(line.amount);
    const unitPrice =
      line.unitPrice !== undefined
        ? decimal(line.unitPrice)
        : quantity.isZero()
          ? amount
          : amount.dividedBy(quantity);
    return {
      id: line.id,
      contractLineId: line.contractLineId ?? line.id,
      class: line.class,
      billingMethod: line.billingMethod ?? 'resource',
      quantity,
      unit: line.unit ?? (line.class === 'Time' ? 'hour' : 'each'),
      unitPrice,
      amount,
      tax: decimal(line.tax ?? '0'),
      billingType: line.billingType ?? 'Chargeable',
      currency,
      advanceState: line.advanceState ?? (line.class === 'Retainer' ? 'invoiced' : 'none'),
      reconciledAmount: line.reconciledAmount === undefined ? undefined : decimal(line.reconciledAmount),
      milestoneId: line.milestoneId ?? (line.class === 'Milestone' ? line.id : undefined),
      correction: false,
    };
  });
  // Amounts finer than the currency allows (0.5 VND) would be rounded away later: refuse them now.
  if (issues.length === 0) {
    const places = minorUnits(input.currency);
    input.lines.forEach((line, index) => {
      for (const field of ['amount', 'tax', 'reconciledAmount'] as const) {
        const text = line[field];
        if (text !== undefined && decimal(text).decimalPlaces() > places) {
          issues.push({
            file,
            path: ['lines', index, field],
            key: 'input.tooPrecise',
            params: { currency: input.currency, places },
          });
        }
      }
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return {
    id: input.id,
    status: input.status ?? 'confirmed',
    currency: input.currency,
    hasCorrections: false,
    lines,
  };
}

/** The edits by original line id, checked against the invoice. */
export function toLineEdits(
  file: string,
  input: CorrectionsInput,
  invoice: ProjectInvoice,
): Array<{ line: string; index: number; edit: CorrectiveLineEdit }> {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  const edits = input.lines.map((entry, index) => {
    if (!invoice.lines.some((line) => line.id === entry.line)) {
      issues.push({
        file,
        path: ['lines', index, 'line'],
        key: 'input.unknownLine',
        params: { line: entry.line, invoice: invoice.id },
      });
    } else if (seen.has(entry.line)) {
      issues.push({
        file,
        path: ['lines', index, 'line'],
        key: 'input.duplicateLine',
        params: { line: entry.line },
      });
    }
    seen.add(entry.line);
    const { line, ...edit } = entry;
    return { line, index, edit };
  });
  if (issues.length > 0) throw new InputError(issues);
  return edits;
}

export function toLedger(input: z.infer<typeof ledgerSchema>): Ledger {
  return {
    actuals: input.actuals.map((actual): Actual => ({
      ...actual,
      quantity: decimal(actual.quantity),
      amount: decimal(actual.amount),
      explanation: undefined,
    })),
    milestones: { ...(input.milestones ?? {}) },
  };
}
