/**
 * Property tests of the repository's own rules file (rules/correction-actuals.crules), not of the engine's
 * sample rule set: the ledger invariants of the correction table over random corrected invoices, and the
 * two executors agreeing on random lines. The expected figures come from the table (by class and credit
 * kind), never from the rules file, so a wrong scenario in the file makes these fail.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileRuleSet,
  type CompiledRuleSet,
  confirmCorrection,
  correctLine,
  correctLineSync,
  correctInvoice,
  editCorrectiveLine,
  confirmInvoice,
  emptyLedger,
  createFastExecutor,
  createReferenceExecutor,
  minorUnits,
  ZERO,
  type Decimal,
  roundToPlaces,
  type Actual,
  type TransactionClass,
} from '#engine';
import { decimal, draftInvoice, type LineSpec, randomLine, settle, settleAsync } from '#engine/testing';
import { loadRules } from './workspace.js';

const RULES = resolve(import.meta.dirname, '../../rules/correction-actuals.crules');

let compiled: CompiledRuleSet;
beforeAll(async () => {
  const loaded = await loadRules([RULES]);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  compiled = compileRuleSet(loaded.ruleSets[0]!);
});

const KINDS = ['Time', 'Expense', 'Material', 'Fee', 'Milestone', 'Invoiced', 'Reconciled'] as const;
/** How the user edits the line: credit all, keep, less, more, or change only the unit price. */
const MODES = ['full', 'same', 'less', 'more', 'price'] as const;

const lineArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  quantity: decimal(2, 300n).filter((q) => !q.isZero()),
  unitPrice: decimal(2, 50_000n).filter((p) => !p.isZero()),
  mode: fc.constantFrom(...MODES),
  percent: fc.integer({ min: 1, max: 99 }),
  reconciledPercent: fc.integer({ min: 0, max: 100 }),
});

const invoiceArb = fc.record({
  currency: fc.constantFrom('VND', 'USD'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
});

const total = (actuals: Actual[]) => actuals.reduce((sum, a) => sum.plus(a.amount), ZERO);

describe('rules/correction-actuals.crules over random corrected invoices', () => {
  it('keeps the ledger invariants of the table', async () => {
    const fast = createFastExecutor(compiled);
    // The rules-file lines of `create ... for remaining`: the actuals that carry a remainder.
    const remainingActions = new Set(
      compiled.rules.flatMap((rule) =>
        rule.event.type === 'actions'
          ? rule.event.params.actions.flatMap((action) =>
              action.kind === 'create' && action.basis === 'remaining' && action.source
                ? [action.source.line]
                : [],
            )
          : [],
      ),
    );
    expect(remainingActions.size).toBeGreaterThanOrEqual(3);
    await fc.assert(
      fc.asyncProperty(invoiceArb, async ({ currency, lines }) => {
        const round = (value: Decimal) => roundToPlaces(value, minorUnits(currency));
        const specs = lines.map((line, i): LineSpec => {
          const advance = line.kind === 'Invoiced' || line.kind === 'Reconciled';
          const cls: TransactionClass =
            line.kind === 'Invoiced' || line.kind === 'Reconciled' ? 'Retainer' : line.kind;
          const amount = round(line.quantity.times(line.unitPrice));
          return {
            id: `L${i}`,
            class: cls,
            quantity: line.quantity.toString(),
            unitPrice: line.unitPrice.toString(),
            amount: amount.toString(),
            advanceState: advance ? (line.kind === 'Reconciled' ? 'reconciled' : 'invoiced') : undefined,
            reconciledAmount:
              line.kind === 'Reconciled'
                ? round(amount.times(line.reconciledPercent).dividedBy(100)).toString()
                : undefined,
            milestoneId: line.kind === 'Milestone' ? `MS${i}` : undefined,
          };
        });
        const confirmed = confirmInvoice(draftInvoice('INV', specs, currency), emptyLedger());
        let draft = correctInvoice(confirmed.invoice);
        lines.forEach((line, i) => {
          const original = confirmed.invoice.lines[i]!;
          const scaled = (value: Decimal, percent: number) => value.times(percent).dividedBy(100);
          if (original.class === 'Milestone') return; // always credited in full
          if (original.class === 'Retainer') {
            const amount = {
              full: ZERO,
              same: original.amount,
              less: round(scaled(original.amount, line.percent)),
              more: round(scaled(original.amount, 100 + line.percent)),
              price: round(scaled(original.amount, line.percent)),
            }[line.mode];
            const reconciled = original.reconciledAmount ?? ZERO;
            draft = editCorrectiveLine(draft, `INV-C/L${i}`, {
              amount: amount.toString(),
              // The corrective invoice applies the same part against charges, never more than the advance.
              reconciledAmount: (reconciled.gt(amount) ? amount : reconciled).toString(),
            });
            return;
          }
          const quantity = {
            full: ZERO,
            same: original.quantity,
            less: roundToPlaces(scaled(original.quantity, line.percent), 2),
            more: roundToPlaces(scaled(original.quantity, 100 + line.percent), 2),
            price: original.quantity,
          }[line.mode];
          const unitPrice =
            line.mode === 'price' ? roundToPlaces(scaled(original.unitPrice, line.percent), 2) : undefined;
          draft = editCorrectiveLine(draft, `INV-C/L${i}`, {
            quantity: quantity.toString(),
            unitPrice: unitPrice?.toString(),
          });
        });

        const result = await confirmCorrection(draft, confirmed.ledger, fast);
        const byId = new Map(result.ledger.actuals.map((a) => [a.id, a]));

        draft.lines.forEach((corrected, i) => {
          const original = confirmed.invoice.lines[i]!;
          const outcome = result.lines[i]!;
          const label = `${original.class} ${lines[i]!.mode} -> ${outcome.scenario}`;
          const related = result.ledger.actuals.filter(
            (a) => a.lineDetailId === original.id || a.originalLineDetailId === original.id,
          );
          const billed = related.filter((a) => a.transactionType === 'BilledSales');
          const unbilled = related.filter((a) => a.transactionType === 'UnbilledSales');
          const full =
            original.class === 'Milestone' || (corrected.quantity.isZero() && corrected.amount.isZero());
          const unchanged =
            !full &&
            corrected.quantity.eq(original.quantity) &&
            corrected.amount.eq(original.amount) &&
            (corrected.reconciledAmount ?? ZERO).eq(original.reconciledAmount ?? ZERO);
          // Above the original: by quantity; by amount for advances and when the quantity is the same.
          const byAmount = original.class === 'Retainer' || corrected.quantity.eq(original.quantity);
          const increase =
            !full &&
            !unchanged &&
            (byAmount ? corrected.amount.gt(original.amount) : corrected.quantity.gt(original.quantity));
          const correctedAmount = full ? ZERO : corrected.amount;

          if (unchanged) {
            expect(outcome.actuals, label).toEqual([]);
            return;
          }
          // Billed sales net of a corrected line equal its corrected amount (0 when fully credited).
          expect(total(billed).toString(), `billed: ${label}`).toBe(correctedAmount.toString());

          // Unbilled sales net: what goes back to (or stays out of) the backlog, by the table.
          let expectedUnbilled: Decimal = ZERO;
          if (original.class === 'Retainer') {
            // The negative balance left for reconciliation: the corrected leftover, none after a full credit.
            expectedUnbilled = full
              ? ZERO
              : correctedAmount.minus(corrected.reconciledAmount ?? ZERO).negated();
          } else if (original.class === 'Milestone') {
            expectedUnbilled = ZERO; // billed sales only
          } else if (full) {
            expectedUnbilled = original.amount; // rows 3, 5, 7: back into the backlog
          } else if (original.class !== 'Fee' && !increase) {
            expectedUnbilled = original.amount.minus(corrected.amount); // rows 4, 6: the remainder
          }
          expect(total(unbilled).toString(), `unbilled: ${label}`).toBe(expectedUnbilled.toString());

          // Where a remainder is created, corrected + remaining = original exactly.
          const remainder = outcome.actuals.find(
            (a) => a.explanation?.source && remainingActions.has(a.explanation.source.line),
          );
          if (original.class !== 'Fee' && !full && !increase && original.class !== 'Retainer') {
            expect(remainder, `a remainder: ${label}`).toBeDefined();
          }
          if (remainder) {
            expect(remainder.amount.plus(corrected.amount).eq(original.amount), label).toBe(true);
            expect(remainder.quantity.plus(corrected.quantity).eq(original.quantity), label).toBe(true);
          }
          if (original.class === 'Milestone') {
            expect(result.ledger.milestones[original.milestoneId!]).toBe('ReadyToInvoice');
          }
        });

        // Every reversal exactly negates what it reverses, which is now Adjusted; nothing is reversed twice.
        const reversed = new Set<string>();
        for (const reversal of result.created.filter((a) => a.reversal)) {
          const target = byId.get(reversal.reversesActualId!)!;
          expect(reversal.amount.eq(target.amount.negated())).toBe(true);
          expect(reversal.quantity.eq(target.quantity.negated())).toBe(true);
          expect([reversal.adjustmentStatus, target.adjustmentStatus]).toEqual(['Unadjustable', 'Adjusted']);
          expect(reversed.has(target.id)).toBe(false);
          reversed.add(target.id);
        }
        // Every new actual names its scenario and the rules-file line that made it.
        for (const actual of result.created) {
          expect(actual.explanation?.source?.file).toMatch(/correction-actuals\.crules$/);
          expect(actual.explanation?.source?.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives identical actuals on the json-rules-engine and the fast executor', async () => {
    const reference = createReferenceExecutor(compiled);
    const fast = createFastExecutor(compiled);
    await fc.assert(
      fc.asyncProperty(randomLine({ missingLedger: true }), async (line) => {
        const expected = await settleAsync(() => correctLine(line, reference));
        expect(settle(() => correctLineSync(line, fast))).toBe(expected);
      }),
      { numRuns: 1_500 },
    );
  });
});
