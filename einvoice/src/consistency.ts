/**
 * Consistency checks between lines, the per-rate summary and the totals. Rounding: each rounded term may
 * be off by half a currency unit, so sums of n terms are accepted within max(1, n/2) units.
 */
import { InvoiceDecimal, ZERO, currencyDigits, type Decimal } from './decimal.js';
import type { InvoiceLine, InvoiceTotals } from './model.js';
import { makeWarning, type InvoiceWarning } from './warnings.js';

/** Names of the total fields as the source writes them, for warnings. */
export interface TotalFieldNames {
  totalBeforeTax: string;
  totalTax: string;
  totalPayable: string;
  byRate: string;
}

export const XML_TOTAL_FIELDS: TotalFieldNames = {
  totalBeforeTax: 'TToan/TgTCThue',
  totalTax: 'TToan/TgTThue',
  totalPayable: 'TToan/TgTTTBSo',
  byRate: 'TToan/THTTLTSuat',
};

const NO_RATE = '(none)';

function signedAmount(line: InvoiceLine, value: Decimal): Decimal {
  return line.natureCode === 3 ? value.negated() : value;
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), ZERO);
}

export function checkConsistency(
  lines: InvoiceLine[],
  totals: InvoiceTotals,
  currency: string | null,
  invoiceKey: string,
  fields: TotalFieldNames = XML_TOTAL_FIELDS,
): InvoiceWarning[] {
  const warnings: InvoiceWarning[] = [];
  const unit = new InvoiceDecimal(1).div(new InvoiceDecimal(10).pow(currencyDigits(currency)));
  const tolerance = (terms: number) => unit.times(Math.max(1, Math.ceil(terms / 2)));
  const differs = (a: Decimal, b: Decimal, terms: number) => a.minus(b).abs().greaterThan(tolerance(terms));

  const moneyLines = lines.filter((line) => line.natureCode !== 4 && line.amount !== null);
  if (moneyLines.length > 0) {
    const linesTotal = sum(moneyLines.map((line) => signedAmount(line, line.amount!)));
    if (totals.totalBeforeTax !== null && differs(linesTotal, totals.totalBeforeTax, moneyLines.length)) {
      warnings.push(
        makeWarning('lines-total-mismatch', invoiceKey, fields.totalBeforeTax, {
          linesTotal: linesTotal.toString(),
          total: totals.totalBeforeTax.toString(),
          difference: linesTotal.minus(totals.totalBeforeTax).toString(),
        }),
      );
    }
    if (totals.byRate.length > 0)
      warnings.push(...checkRates(moneyLines, totals, invoiceKey, fields, differs));
  }

  const summaryTaxes = totals.byRate.map((entry) => entry.vatAmount);
  if (totals.totalTax !== null && summaryTaxes.length > 0 && summaryTaxes.every((tax) => tax !== null)) {
    const summaryTotal = sum(summaryTaxes as Decimal[]);
    if (differs(summaryTotal, totals.totalTax, summaryTaxes.length)) {
      warnings.push(
        makeWarning('tax-total-mismatch', invoiceKey, fields.totalTax, {
          summaryTotal: summaryTotal.toString(),
          total: totals.totalTax.toString(),
          difference: summaryTotal.minus(totals.totalTax).toString(),
        }),
      );
    }
  }

  // Without a per-rate summary the lines' VAT is all there is to check the total tax against.
  const taxedLines = lines.filter((line) => line.natureCode !== 4 && line.vatAmount !== null);
  if (
    totals.byRate.length === 0 &&
    totals.totalTax !== null &&
    taxedLines.length > 0 &&
    taxedLines.length === moneyLines.length
  ) {
    const linesTax = sum(taxedLines.map((line) => signedAmount(line, line.vatAmount!)));
    if (differs(linesTax, totals.totalTax, taxedLines.length)) {
      warnings.push(
        makeWarning('lines-tax-mismatch', invoiceKey, fields.totalTax, {
          linesTotal: linesTax.toString(),
          total: totals.totalTax.toString(),
          difference: linesTax.minus(totals.totalTax).toString(),
        }),
      );
    }
  }

  const { totalBeforeTax, totalTax, totalPayable, tradeDiscount } = totals;
  if (totalBeforeTax !== null && totalTax !== null && totalPayable !== null) {
    const fees = sum(totals.fees.map((fee) => fee.amount ?? ZERO)).plus(totals.otherAmount ?? ZERO);
    const gross = totalBeforeTax.plus(totalTax).plus(fees);
    // Vendors differ on whether TgTCThue is already net of the trade discount: accept either reading.
    const candidates =
      tradeDiscount && !tradeDiscount.isZero() ? [gross, gross.minus(tradeDiscount)] : [gross];
    if (candidates.every((candidate) => differs(candidate, totalPayable, 2))) {
      warnings.push(
        makeWarning('payable-mismatch', invoiceKey, fields.totalPayable, {
          beforeTax: totalBeforeTax.toString(),
          tax: totalTax.toString(),
          fees: fees.toString(),
          discount: (tradeDiscount ?? ZERO).toString(),
          payable: totalPayable.toString(),
        }),
      );
    }
  }
  return warnings;
}

function checkRates(
  moneyLines: InvoiceLine[],
  totals: InvoiceTotals,
  invoiceKey: string,
  fields: TotalFieldNames,
  differs: (a: Decimal, b: Decimal, terms: number) => boolean,
): InvoiceWarning[] {
  const warnings: InvoiceWarning[] = [];
  const groups = new Map<string, InvoiceLine[]>();
  for (const line of moneyLines) {
    const code = line.vatRate?.code ?? NO_RATE;
    groups.set(code, [...(groups.get(code) ?? []), line]);
  }
  const summaries = new Map(totals.byRate.map((entry) => [entry.vatRate?.code ?? NO_RATE, entry]));
  for (const rate of new Set([...groups.keys(), ...summaries.keys()])) {
    const group = groups.get(rate) ?? [];
    const summary = summaries.get(rate);
    const amount = sum(group.map((line) => signedAmount(line, line.amount!)));
    const summaryAmount = summary?.amount ?? ZERO;
    if (differs(amount, summaryAmount, group.length)) {
      warnings.push(
        makeWarning('rate-total-mismatch', invoiceKey, fields.byRate, {
          rate,
          linesTotal: amount.toString(),
          summary: summaryAmount.toString(),
          difference: amount.minus(summaryAmount).toString(),
        }),
      );
    }
    if (summary?.vatAmount && group.length > 0 && group.every((line) => line.vatAmount !== null)) {
      const vat = sum(group.map((line) => signedAmount(line, line.vatAmount!)));
      if (differs(vat, summary.vatAmount, group.length)) {
        warnings.push(
          makeWarning('rate-tax-mismatch', invoiceKey, fields.byRate, {
            rate,
            linesTotal: vat.toString(),
            summary: summary.vatAmount.toString(),
            difference: vat.minus(summary.vatAmount).toString(),
          }),
        );
      }
    }
  }
  return warnings;
}
