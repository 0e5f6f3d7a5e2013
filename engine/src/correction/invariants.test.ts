import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { createFastExecutor } from '../executors/fast.js';
import { minorUnits } from '../money/currency.js';
import { ZERO, type Decimal } from '../money/decimal.js';
import { roundToPlaces } from '../money/rounding.js';
import type { Actual } from '../model/types.js';
import { decimal } from '../testing/arbitraries.js';
import { draftInvoice, type LineSpec } from '../testing/invoices.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { confirmCorrection } from './confirm.js';
import { correctInvoice, editCorrectiveLine, type CorrectiveLineEdit } from './draft.js';
import { confirmInvoice, emptyLedger } from './ledger.js';

/** The shipped scenarios that put the remainder (original - corrected) back into the backlog. */
const PARTIAL_WITH_REMAINDER = new Set([
  'TimePartialCredit',
  'ExpensePartialCredit',
  'MaterialPartialCredit',
]);
const fast = createFastExecutor(compileRuleSet(shippedRuleSet()));

const KINDS = [
  'Time',
  'Expense',
  'Material',
  'Fee',
  'Milestone',
  'InvoicedAdvance',
  'ReconciledAdvance',
] as const;

const lineArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  quantity: decimal(2, 200n).filter((q) => !q.isZero()),
  unitPrice: decimal(2, 100_000n),
  editQuantity: fc.option(decimal(2, 400n), { nil: undefined }),
  editPrice: fc.option(decimal(2, 100_000n), { nil: undefined }),
  percent: fc.integer({ min: 0, max: 200 }),
  reconciledPercent: fc.integer({ min: 0, max: 100 }),
});

const invoiceArb = fc.record({
  currency: fc.constantFrom('VND', 'USD', 'KWD'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
});

const sum = (actuals: Actual[], pick: (a: Actual) => Decimal) =>
  actuals.reduce((s, a) => s.plus(pick(a)), ZERO);

describe('ledger invariants over random corrections', () => {
  it('hold for every line of every corrected invoice', async () => {
    await fc.assert(
      fc.asyncProperty(invoiceArb, async ({ currency, lines }) => {
        const places = minorUnits(currency);
        const round = (d: Decimal) => roundToPlaces(d, places);
        const specs: LineSpec[] = lines.map((l, i) => {
          const cls = l.kind === 'InvoicedAdvance' || l.kind === 'ReconciledAdvance' ? 'Retainer' : l.kind;
          const amount = round(l.quantity.times(l.unitPrice));
          return {
            id: `L${i}`,
            class: cls,
            quantity: l.quantity.toString(),
            unitPrice: l.unitPrice.toString(),
            amount: amount.toString(),
            advanceState: l.kind === 'ReconciledAdvance' ? 'reconciled' : undefined,
            reconciledAmount:
              l.kind === 'ReconciledAdvance'
                ? round(amount.times(l.reconciledPercent).dividedBy(100)).toString()
                : undefined,
            milestoneId: cls === 'Milestone' ? `MS${i}` : undefined,
          };
        });
        const confirmed = confirmInvoice(draftInvoice('INV', specs, currency), emptyLedger());
        let draft = correctInvoice(confirmed.invoice);
        lines.forEach((l, i) => {
          const original = confirmed.invoice.lines[i]!;
          let edit: CorrectiveLineEdit = {};
          if (original.class === 'Retainer') {
            const amount = round(original.amount.times(l.percent).dividedBy(100));
            edit = { amount: amount.toString() };
            if (l.kind === 'ReconciledAdvance') {
              edit.reconciledAmount = round(amount.times(l.reconciledPercent).dividedBy(100)).toString();
            }
          } else if (original.class !== 'Milestone') {
            edit = { quantity: (l.editQuantity ?? original.quantity).toString() };
            const quantity = l.editQuantity ?? original.quantity;
            // Fewer hours at a higher total is refused (its remainder would be negative): not a valid edit.
            const mixed =
              l.editPrice !== undefined &&
              quantity.lt(original.quantity) &&
              round(quantity.times(l.editPrice)).gt(original.amount);
            if (l.editPrice && !mixed) edit.unitPrice = l.editPrice.toString();
          }
          draft = editCorrectiveLine(draft, `INV-C/L${i}`, edit);
        });
        const result = await confirmCorrection(draft, confirmed.ledger, fast);
        const byId = new Map(result.ledger.actuals.map((a) => [a.id, a]));

        draft.lines.forEach((corrected, i) => {
          const original = confirmed.invoice.lines[i]!;
          const outcome = result.lines[i]!;
          const related = result.ledger.actuals.filter(
            (a) => a.lineDetailId === original.id || a.originalLineDetailId === original.id,
          );
          const billed = related.filter((a) => a.transactionType === 'BilledSales');
          const unbilled = related.filter((a) => a.transactionType === 'UnbilledSales');
          const full =
            corrected.class === 'Milestone' || (corrected.quantity.isZero() && corrected.amount.isZero());
          const correctedAmount = full ? ZERO : corrected.amount;

          // Billed sales net of a corrected line equal its corrected amount.
          expect(sum(billed, (a) => a.amount).eq(correctedAmount), `billed ${outcome.scenario}`).toBe(true);

          // Restored unbilled: the remainder where the rules create one.
          const remaining = original.amount.minus(correctedAmount);
          let expectedUnbilled: Decimal = ZERO;
          if (original.class === 'Retainer') {
            const leftover =
              original.advanceState === 'reconciled'
                ? correctedAmount.minus(corrected.reconciledAmount!)
                : correctedAmount;
            expectedUnbilled = full ? ZERO : leftover.negated();
          } else if (full && original.class !== 'Milestone') expectedUnbilled = original.amount;
          else if (PARTIAL_WITH_REMAINDER.has(outcome.scenario)) expectedUnbilled = remaining;
          expect(sum(unbilled, (a) => a.amount).eq(expectedUnbilled), `unbilled ${outcome.scenario}`).toBe(
            true,
          );

          // Conservation: corrected + remaining = original, in quantity and amount.
          if (PARTIAL_WITH_REMAINDER.has(outcome.scenario)) {
            const rest = outcome.actuals[outcome.actuals.length - 1]!;
            expect(rest.amount.plus(corrected.amount).eq(original.amount)).toBe(true);
            expect(rest.quantity.plus(corrected.quantity).eq(original.quantity)).toBe(true);
          }
          for (const a of outcome.actuals) expect(a.amount.decimalPlaces()).toBeLessThanOrEqual(places);
        });

        // Every reversal exactly negates its original, which is now Adjusted; none is reversed twice.
        const reversed = new Set<string>();
        for (const r of result.created.filter((a) => a.reversal)) {
          const target = byId.get(r.reversesActualId!)!;
          expect(r.amount.eq(target.amount.negated()) && r.quantity.eq(target.quantity.negated())).toBe(true);
          expect([r.transactionType, r.class, r.currency]).toEqual([
            target.transactionType,
            target.class,
            target.currency,
          ]);
          expect([r.adjustmentStatus, target.adjustmentStatus]).toEqual(['Unadjustable', 'Adjusted']);
          expect(reversed.has(target.id)).toBe(false);
          reversed.add(target.id);
        }
        // The invoice amount is new minus previous.
        const delta = draft.lines.reduce((s, l) => s.plus(l.amount.minus(l.previousAmount!)), ZERO);
        expect(draft.invoiceAmount!.eq(delta)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
