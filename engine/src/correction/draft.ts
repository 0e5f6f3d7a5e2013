import { EngineError, translateEngineMessage } from '../errors/engine-error.js';
import { minorUnits } from '../money/currency.js';
import { ZERO, type Decimal } from '../money/decimal.js';
import { parseDecimal } from '../money/parse.js';
import { roundToPlaces, QUANTITY_PLACES } from '../money/rounding.js';
import type { ExcludedLine, InvoiceLineDetail, ProjectInvoice } from '../model/types.js';
import { TRANSACTION_CLASSES } from '../rules/case-space.js';

export interface CorrectInvoiceOptions {
  /** Id of the corrective draft; default `<original id>-C`. */
  id?: string;
}

/** Throws unless the class is one the engine knows (imported data may carry anything). */
export function assertKnownClass(line: InvoiceLineDetail): void {
  if (!(TRANSACTION_CLASSES as readonly string[]).includes(line.class)) {
    throw new EngineError('correction.unknownClass', { line: line.id, value: String(line.class) });
  }
}

/**
 * The credit kinds (full, partial, increase) compare the corrected line with a non-negative original: a
 * credit line (-8 h) corrected to 6 h would read as an increase. Refused rather than guessed.
 */
function assertNotNegative(line: InvoiceLineDetail): void {
  for (const field of ['quantity', 'amount'] as const) {
    const value = line[field];
    if (value.isNegative() && !value.isZero()) {
      throw new EngineError('correction.negativeOriginal', { line: line.id, field, value: value.toString() });
    }
  }
}

function sumInvoiceAmount(lines: InvoiceLineDetail[]): Decimal {
  return lines.reduce((sum, line) => sum.plus(line.invoiceAmount ?? ZERO), ZERO);
}

function correctiveCopy(draftId: string, original: InvoiceLineDetail): InvoiceLineDetail {
  const isAdvance = original.class === 'Retainer';
  const copy: InvoiceLineDetail = {
    ...original,
    id: `${draftId}/${original.id}`,
    // By default everything is credited: the user enters what is to be billed now.
    quantity: ZERO,
    amount: ZERO,
    tax: ZERO,
    reconciledAmount: isAdvance ? ZERO : undefined,
    correction: true,
    originalLineDetailId: original.id,
    previousQuantity: original.quantity,
    previousAmount: original.amount,
    previousTax: original.tax,
    previousReconciledAmount: isAdvance ? (original.reconciledAmount ?? ZERO) : undefined,
  };
  copy.invoiceAmount = copy.amount.minus(original.amount);
  return copy;
}

/**
 * "Correct this invoice": a corrective draft with every ILD of the confirmed invoice copied at quantity
 * 0, except lines of product-based contract lines, which are listed as excluded with the reason.
 */
export function correctInvoice(
  confirmed: ProjectInvoice,
  options: CorrectInvoiceOptions = {},
): ProjectInvoice {
  if (confirmed.status !== 'confirmed') {
    throw new EngineError('correction.notConfirmed', { invoice: confirmed.id });
  }
  const id = options.id ?? `${confirmed.id}-C`;
  const lines: InvoiceLineDetail[] = [];
  const excluded: ExcludedLine[] = [];
  for (const line of confirmed.lines) {
    assertKnownClass(line);
    assertNotNegative(line);
    if (line.billingMethod === 'product') {
      const code = 'correction.productExcluded';
      excluded.push({
        lineDetailId: line.id,
        code,
        reason: translateEngineMessage('en', code, { line: line.id }),
      });
      continue;
    }
    lines.push(correctiveCopy(id, line));
  }
  return {
    id,
    status: 'draft',
    currency: confirmed.currency,
    hasCorrections: true,
    correctsInvoiceId: confirmed.id,
    lines,
    excluded,
    invoiceAmount: sumInvoiceAmount(lines),
  };
}

/** What the user may change on a corrective line. Values are decimal strings, as typed. */
export interface CorrectiveLineEdit {
  /** The quantity to bill now (not the quantity to credit). */
  quantity?: string;
  unitPrice?: string;
  /** Advances/retainers only: the corrected advance amount. */
  amount?: string;
  /** Advances: the corrected amount applied against charges. */
  reconciledAmount?: string;
  /** The correct tax amount (not the tax being credited). */
  tax?: string;
  /** Must be the invoice's currency when given. */
  currency?: string;
}

/**
 * The checks of one number of a corrective line edit, shared by `editCorrectiveLine` and the rules
 * language's checks of test lines (which must refuse what `apply` would refuse): not negative, and no
 * more decimal places than the field takes (quantities QUANTITY_PLACES, money its currency's).
 */
export type LineNumberProblem = 'negative' | 'quantityTooPrecise' | 'tooPrecise';

export function lineNumberProblem(
  value: Decimal,
  kind: 'quantity' | 'money',
  maxPlaces: number,
): LineNumberProblem | undefined {
  if (value.isNegative() && !value.isZero()) return 'negative';
  if (value.decimalPlaces() > maxPlaces) return kind === 'quantity' ? 'quantityTooPrecise' : 'tooPrecise';
  return undefined;
}

/** Fewer units for more money: as a partial credit its remainder would have a negative amount. */
export function isQuantityDownAmountUp(
  previousQuantity: Decimal,
  previousAmount: Decimal,
  quantity: Decimal,
  amount: Decimal,
): boolean {
  return quantity.lt(previousQuantity) && amount.gt(previousAmount);
}

/** An advance applying more than itself against charges (the leftover would turn positive). */
export function isReconciledAboveAdvance(reconciled: Decimal, advance: Decimal): boolean {
  return !advance.isZero() && reconciled.gt(advance);
}

export function assertCorrectiveDraft(invoice: ProjectInvoice): void {
  if (!invoice.hasCorrections)
    throw new EngineError('correction.notCorrectiveDraft', { invoice: invoice.id });
  if (invoice.status !== 'draft')
    throw new EngineError('correction.alreadyConfirmed', { invoice: invoice.id });
}

/**
 * Applies the user's edit to one corrective line, after checking it: numbers must be decimal strings,
 * not negative, within the currency's decimal places; milestones can only be credited in full; only
 * advances take an amount. Returns a new draft; the given one is unchanged.
 */
export function editCorrectiveLine(
  draft: ProjectInvoice,
  lineId: string,
  edit: CorrectiveLineEdit,
): ProjectInvoice {
  assertCorrectiveDraft(draft);
  const index = draft.lines.findIndex((line) => line.id === lineId);
  if (index < 0) throw new EngineError('correction.unknownLine', { line: lineId, invoice: draft.id });
  const line = draft.lines[index]!;
  assertKnownClass(line);
  if (edit.currency !== undefined && edit.currency !== draft.currency) {
    throw new EngineError('correction.currencyMismatch', {
      line: lineId,
      currency: edit.currency,
      expected: draft.currency,
    });
  }
  if (line.currency !== draft.currency) {
    throw new EngineError('correction.currencyMismatch', {
      line: lineId,
      currency: line.currency,
      expected: draft.currency,
    });
  }
  const places = minorUnits(line.currency, `line ${lineId}, currency`);
  const read = (field: keyof CorrectiveLineEdit, maxPlaces: number): Decimal | undefined => {
    const raw = edit[field];
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(raw)) {
      throw new EngineError('correction.notANumber', { line: lineId, field, value: String(raw) });
    }
    const value = parseDecimal(raw, `line ${lineId}, ${field}`);
    const problem = lineNumberProblem(value, field === 'quantity' ? 'quantity' : 'money', maxPlaces);
    if (problem === 'negative') {
      throw new EngineError('correction.negative', { line: lineId, field, value: raw.trim() });
    }
    if (problem === 'quantityTooPrecise') {
      throw new EngineError('correction.quantityTooPrecise', {
        line: lineId,
        field,
        value: raw.trim(),
        places: maxPlaces,
      });
    }
    if (problem === 'tooPrecise') {
      throw new EngineError('correction.tooPrecise', {
        line: lineId,
        field,
        value: raw.trim(),
        currency: line.currency,
        places: maxPlaces,
      });
    }
    return value;
  };
  const quantity = read('quantity', QUANTITY_PLACES);
  const unitPrice = read('unitPrice', 4);
  const amount = read('amount', places);
  const reconciledAmount = read('reconciledAmount', places);
  const tax = read('tax', places);

  const next: InvoiceLineDetail = { ...line };
  if (line.class === 'Milestone') {
    const nonZero = [quantity, amount, unitPrice].some((value) => value !== undefined && !value.isZero());
    if (nonZero) throw new EngineError('correction.milestonePartial', { line: lineId });
  } else if (line.class === 'Retainer') {
    if (amount !== undefined) {
      next.amount = amount;
      next.quantity = quantity ?? (amount.isZero() ? ZERO : (line.previousQuantity ?? ZERO));
    } else if (quantity !== undefined) {
      next.quantity = quantity;
      next.amount = roundToPlaces(quantity.times(unitPrice ?? line.unitPrice), places);
    }
    if (reconciledAmount !== undefined) {
      next.reconciledAmount = reconciledAmount;
    } else if (amount !== undefined || quantity !== undefined) {
      // Not entered: the corrective invoice applies the same part against charges as the original did
      // (as the rule tests read `reconciled <amount>`), so an unchanged advance stays unchanged.
      next.reconciledAmount = line.previousReconciledAmount ?? ZERO;
    }
    const applied = next.reconciledAmount ?? ZERO;
    if (isReconciledAboveAdvance(applied, next.amount)) {
      // The leftover (advance - applied) would turn the negative reconciliation balance positive.
      throw new EngineError('correction.reconciledAboveAdvance', {
        line: lineId,
        reconciled: applied.toString(),
        amount: next.amount.toString(),
      });
    }
  } else {
    if (amount !== undefined) throw new EngineError('correction.amountNotEditable', { line: lineId });
    if (quantity !== undefined) next.quantity = quantity;
    if (unitPrice !== undefined) next.unitPrice = unitPrice;
    next.amount = roundToPlaces(next.quantity.times(next.unitPrice), places);
    const previousQuantity = line.previousQuantity ?? ZERO;
    const previousAmount = line.previousAmount ?? ZERO;
    if (isQuantityDownAmountUp(previousQuantity, previousAmount, next.quantity, next.amount)) {
      // A partial credit whose remainder would be hours back in the backlog with a negative amount: the
      // table has no such case, so it is refused rather than posted.
      throw new EngineError('correction.quantityDownAmountUp', {
        line: lineId,
        quantity: `${previousQuantity.toString()} -> ${next.quantity.toString()}`,
        amount: `${previousAmount.toString()} -> ${next.amount.toString()}`,
      });
    }
  }
  if (tax !== undefined) next.tax = tax;
  next.invoiceAmount = next.amount.minus(line.previousAmount ?? ZERO);

  const lines = draft.lines.slice();
  lines[index] = next;
  return { ...draft, lines, invoiceAmount: sumInvoiceAmount(lines) };
}
