/**
 * Validated inputs -> the engine's model, after the checks a schema cannot make: currencies, the limits
 * on digits and decimals (money/limits.ts), amount = quantity x unit price when a unit price is given,
 * ids used twice. Linear in the number of lines and actuals.
 */
import { isKnownCurrency, minorUnits } from '../money/currency.js';
import { ExactDecimal, type Decimal } from '../money/decimal.js';
import {
  maxPlaces,
  MAX_AMOUNT_PLACES,
  textDecimalPlaces,
  textLimitProblem,
  type NumberKind,
} from '../money/limits.js';
import { roundToPlaces } from '../money/rounding.js';
import type { Actual, InvoiceLineDetail, Ledger, ProjectInvoice } from '../model/types.js';
import type { CorrectiveLineEdit } from '../correction/draft.js';
import type { InputIssue } from './input-issues.js';
import type { CorrectionsInput, InvoiceInput, LedgerInput } from './schemas.js';

/**
 * A reader of decimal texts for one input file. Invoices repeat the same few quantities, prices and
 * zeros on 100,000s of lines: each text is parsed once and its Decimal (immutable) shared.
 */
function decimalReader(): (text: string) => Decimal {
  const known = new Map<string, Decimal>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = new ExactDecimal(text.trim());
      known.set(text, value);
    }
    return value;
  };
}

function currencyIssues(file: string, code: string, path: PropertyKey[]): InputIssue[] {
  return isKnownCurrency(code)
    ? []
    : [{ file, path, key: 'input.unknownCurrency', params: { currency: code } }];
}

/** The limit problems of the decimal fields of one record, appended to `issues`; amounts allow `amountPlaces`. */
function addLimitIssues(
  issues: InputIssue[],
  file: string,
  path: PropertyKey[],
  record: Record<string, unknown>,
  fields: ReadonlyArray<readonly [string, NumberKind]>,
  amountPlaces: number,
  currency: string,
): void {
  for (const [field, kind] of fields) {
    const text = record[field];
    if (typeof text !== 'string') continue;
    const places = maxPlaces(kind, amountPlaces);
    const problem = textLimitProblem(text, kind === 'amount' ? MAX_AMOUNT_PLACES : places);
    if (problem === undefined && (kind !== 'amount' || textDecimalPlaces(text) <= places)) continue;
    const at = [...path, field];
    if (problem?.code === 'tooManyDigits') {
      issues.push({
        file,
        path: at,
        key: 'input.tooManyDigits',
        params: { value: text.trim(), digits: problem.digits },
      });
    } else if (problem?.code === 'tooManyDecimals') {
      issues.push({
        file,
        path: at,
        key: 'input.tooManyDecimals',
        params: { value: text.trim(), places, kind },
      });
    } else {
      // Finer than the currency (0.5 VND) would be rounded away later: refused now.
      issues.push({ file, path: at, key: 'input.tooPrecise', params: { currency, places } });
    }
  }
}

const LINE_NUMBERS = [
  ['quantity', 'quantity'],
  ['unitPrice', 'unitPrice'],
  ['amount', 'amount'],
  ['tax', 'amount'],
  ['reconciledAmount', 'amount'],
] as const;
const ACTUAL_NUMBERS = [
  ['quantity', 'quantity'],
  ['amount', 'amount'],
] as const;

/** The engine's invoice; issues are appended to `issues` (the invoice is only usable when none). */
export function toProjectInvoice(file: string, input: InvoiceInput, issues: InputIssue[]): ProjectInvoice {
  issues.push(...currencyIssues(file, input.currency, ['currency']));
  const places = isKnownCurrency(input.currency) ? minorUnits(input.currency) : MAX_AMOUNT_PLACES;
  const seen = new Set<string>();
  const decimal = decimalReader();
  const lines = input.lines.map((line, index): InvoiceLineDetail => {
    if (seen.has(line.id))
      issues.push({
        file,
        path: ['lines', index, 'id'],
        key: 'input.duplicateId',
        params: { line: line.id },
      });
    seen.add(line.id);
    const currency = line.currency ?? input.currency;
    if (line.currency !== undefined) {
      issues.push(...currencyIssues(file, line.currency, ['lines', index, 'currency']));
      if (line.currency !== input.currency) {
        issues.push({
          file,
          path: ['lines', index, 'currency'],
          key: 'input.currencyMismatch',
          params: { currency: line.currency, expected: input.currency },
        });
      }
    }
    const before = issues.length;
    addLimitIssues(issues, file, ['lines', index], line, LINE_NUMBERS, places, input.currency);
    const withinLimits = issues.length === before;
    const quantity = decimal(line.quantity);
    const amount = decimal(line.amount);
    let unitPrice: Decimal;
    if (line.unitPrice !== undefined) {
      unitPrice = decimal(line.unitPrice);
      const expected = roundToPlaces(quantity.times(unitPrice), places);
      if (withinLimits && !quantity.isZero() && !expected.eq(amount)) {
        issues.push({
          file,
          path: ['lines', index, 'amount'],
          key: 'input.amountDisagrees',
          params: {
            amount: line.amount.trim(),
            quantity: line.quantity.trim(),
            unitPrice: line.unitPrice.trim(),
            expected: expected.toFixed(places),
          },
        });
      }
    } else unitPrice = quantity.isZero() ? amount : amount.dividedBy(quantity);
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
  return {
    id: input.id,
    status: input.status ?? 'confirmed',
    currency: input.currency,
    hasCorrections: false,
    lines,
  };
}

export interface LineEditInput {
  /** The id of the line on the confirmed invoice. */
  line: string;
  /** Position in the corrections file, for messages. */
  index: number;
  edit: CorrectiveLineEdit;
}

/** The edits by original line id, checked against the invoice and the limits. */
export function toLineEdits(
  file: string,
  input: CorrectionsInput,
  invoice: ProjectInvoice,
  issues: InputIssue[],
): LineEditInput[] {
  const known = new Set(invoice.lines.map((line) => line.id));
  const places = isKnownCurrency(invoice.currency) ? minorUnits(invoice.currency) : MAX_AMOUNT_PLACES;
  const seen = new Set<string>();
  return input.lines.map((entry, index) => {
    if (!known.has(entry.line)) {
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
    // Digits only: the places of an edit are the engine's own check (it names the line and field).
    const found: InputIssue[] = [];
    addLimitIssues(found, file, ['lines', index], entry, LINE_NUMBERS, places, invoice.currency);
    for (const issue of found) if (issue.key === 'input.tooManyDigits') issues.push(issue);
    const { line, ...edit } = entry;
    return { line, index, edit };
  });
}

export function toLedger(file: string, input: LedgerInput, issues: InputIssue[]): Ledger {
  const first = new Map<string, number>();
  const decimal = decimalReader();
  const actuals = input.actuals.map((actual, index): Actual => {
    const earlier = first.get(actual.id);
    if (earlier !== undefined) {
      issues.push({
        file,
        path: ['actuals', index, 'id'],
        key: 'input.duplicateActualId',
        params: { id: actual.id, first: earlier },
      });
    } else first.set(actual.id, index);
    addLimitIssues(
      issues,
      file,
      ['actuals', index],
      actual,
      ACTUAL_NUMBERS,
      MAX_AMOUNT_PLACES,
      actual.currency,
    );
    return {
      ...actual,
      quantity: decimal(actual.quantity),
      amount: decimal(actual.amount),
      explanation: undefined,
    };
  });
  return { actuals, milestones: { ...(input.milestones ?? {}) } };
}
