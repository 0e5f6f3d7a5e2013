import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { createFastExecutor } from '../executors/fast.js';
import { createReferenceExecutor } from '../executors/reference.js';
import type { Executor } from '../executors/types.js';
import type { Actual, Ledger } from '../model/types.js';
import { ExactDecimal } from '../money/decimal.js';
import { draftInvoice, type LineSpec } from '../testing/invoices.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { confirmCorrection } from './confirm.js';
import { correctInvoice, editCorrectiveLine, type CorrectiveLineEdit } from './draft.js';
import { confirmInvoice, emptyLedger } from './ledger.js';

const compiled = compileRuleSet(shippedRuleSet());
const executors: Executor[] = [createReferenceExecutor(compiled), createFastExecutor(compiled)];

const show = (a: Actual) =>
  `${a.transactionType}${a.reversal ? ' reversal' : ''} ${a.quantity.toString()} ${a.amount.toString()} ${
    a.billingType
  } ${a.adjustmentStatus}`;

async function correct(spec: LineSpec, edit: CorrectiveLineEdit, executor: Executor, currency = 'USD') {
  const withCost: Ledger = {
    actuals: [
      {
        id: 'cost-1',
        transactionType: 'Cost',
        class: spec.class,
        quantity: new ExactDecimal(spec.quantity),
        amount: new ExactDecimal('900'),
        currency,
        billingType: 'Chargeable',
        adjustmentStatus: 'InProcess',
        billingStatus: 'UnbilledSalesCreated',
        reversal: false,
        lineDetailId: spec.id,
      },
    ],
    milestones: {},
  };
  const confirmed = confirmInvoice(draftInvoice('INV-1', [spec], currency), withCost);
  const draft = editCorrectiveLine(correctInvoice(confirmed.invoice), `INV-1-C/${spec.id}`, edit);
  const result = await confirmCorrection(draft, confirmed.ledger, executor);
  return { confirmed, draft, result };
}

describe.each(executors.map((e) => [e.kind, e] as const))(
  'worked examples of corrections.md (%s executor)',
  (_, executor) => {
    it('Time 8 h at 200/h corrected to 6 h', async () => {
      const { confirmed, draft, result } = await correct(
        { id: 'T1', class: 'Time', quantity: '8', unitPrice: '200' },
        { quantity: '6' },
        executor,
      );
      expect(draft.lines[0]!.invoiceAmount!.toString()).toBe('-400');
      expect(result.created.map(show)).toEqual([
        'BilledSales reversal -8 -1600 Chargeable Unadjustable',
        'UnbilledSales 6 1200 Chargeable Adjusted',
        'UnbilledSales reversal -6 -1200 Chargeable Unadjustable',
        'BilledSales 6 1200 Chargeable InProcess',
        'UnbilledSales 2 400 Chargeable InProcess',
      ]);
      const original = confirmed.created[0]!;
      expect(result.created[0]!.reversesActualId).toBe(original.id);
      expect(result.ledger.actuals.find((a) => a.id === original.id)!.adjustmentStatus).toBe('Adjusted');
      expect(confirmed.ledger.actuals.find((a) => a.id === original.id)!.adjustmentStatus).toBe('InProcess');
      expect(result.created[2]!.reversesActualId).toBe(result.created[1]!.id);
      // Cost actuals are never touched by invoice corrections.
      expect(result.ledger.actuals.find((a) => a.id === 'cost-1')).toBe(confirmed.ledger.actuals[0]);
      // Every actual says which scenario and which line of the rules made it.
      for (const actual of result.created) {
        expect(actual.explanation?.scenario).toBe('TimePartialCredit');
        expect(actual.explanation?.source?.file).toBe('rules/correction-actuals.crules');
      }
      expect(new Set(result.created.map((a) => a.explanation!.source!.line)).size).toBe(5);
    });

    it('Time 8 h corrected up to 10 h', async () => {
      const { result } = await correct(
        { id: 'T1', class: 'Time', quantity: '8', unitPrice: '200' },
        { quantity: '10' },
        executor,
      );
      expect(result.created.map(show)).toEqual([
        'BilledSales reversal -8 -1600 Chargeable Unadjustable',
        'UnbilledSales 10 2000 Chargeable Adjusted',
        'UnbilledSales reversal -10 -2000 Chargeable Unadjustable',
        'BilledSales 10 2000 Chargeable InProcess',
      ]);
    });

    it('Milestone 5,000 credited', async () => {
      const { confirmed, result } = await correct(
        { id: 'M1', class: 'Milestone', quantity: '1', unitPrice: '5000', milestoneId: 'MS-1' },
        {},
        executor,
      );
      expect(confirmed.ledger.milestones['MS-1']).toBe('CustomerInvoiceCreated');
      expect(result.created.map(show)).toEqual(['BilledSales reversal -1 -5000 Chargeable Unadjustable']);
      expect(result.ledger.milestones['MS-1']).toBe('ReadyToInvoice');
      expect(result.ledger.actuals.filter((a) => a.adjustmentStatus === 'Adjusted').map((a) => a.id)).toEqual(
        ['M1:billed'],
      );
    });

    it('an invoiced advance of 10,000,000 VND corrected to 8,000,000', async () => {
      const { result } = await correct(
        { id: 'A1', class: 'Retainer', quantity: '1', unitPrice: '10000000' },
        { amount: '8000000' },
        executor,
        'VND',
      );
      expect(result.created.map(show)).toEqual([
        'UnbilledSales reversal 1 10000000 Chargeable Unadjustable',
        'BilledSales reversal -1 -10000000 Chargeable Unadjustable',
        'BilledSales 1 8000000 Chargeable InProcess',
        'UnbilledSales -1 -8000000 Chargeable InProcess',
      ]);
      expect(result.created[3]!.forReconciliation).toBe(true);
    });

    it('a reconciled advance: 1,000 of which 600 applied, corrected to 900 with 600 applied', async () => {
      const { result } = await correct(
        {
          id: 'A2',
          class: 'Retainer',
          quantity: '1',
          unitPrice: '1000',
          advanceState: 'reconciled',
          reconciledAmount: '600',
        },
        { amount: '900', reconciledAmount: '600' },
        executor,
      );
      expect(result.created.map(show)).toEqual([
        'UnbilledSales reversal 1 400 Chargeable Unadjustable',
        'BilledSales reversal -1 -1000 Chargeable Unadjustable',
        'BilledSales 1 900 Chargeable InProcess',
        'UnbilledSales -1 -300 Chargeable InProcess',
      ]);
    });

    it('a fee partly credited has no remaining-amount actual', async () => {
      const { result } = await correct(
        { id: 'F1', class: 'Fee', quantity: '4', unitPrice: '50' },
        { quantity: '1' },
        executor,
      );
      expect(result.created.map(show)).toEqual([
        'BilledSales reversal -4 -200 Chargeable Unadjustable',
        'UnbilledSales 1 50 Chargeable Adjusted',
        'UnbilledSales reversal -1 -50 Chargeable Unadjustable',
        'BilledSales 1 50 Chargeable InProcess',
      ]);
    });

    it('full credit of expense puts the original back into the backlog', async () => {
      const { result } = await correct(
        { id: 'E1', class: 'Expense', quantity: '3', unitPrice: '12.5' },
        {},
        executor,
      );
      expect(result.created.map(show)).toEqual([
        'BilledSales reversal -3 -37.5 Chargeable Unadjustable',
        'UnbilledSales 3 37.5 Chargeable InProcess',
      ]);
    });
  },
);

describe('ledger left alone', () => {
  it('does not mutate the confirmed ledger or the draft', async () => {
    const ledger = emptyLedger();
    const confirmed = confirmInvoice(
      draftInvoice('INV-2', [{ id: 'T', class: 'Time', quantity: '2', unitPrice: '10' }]),
      ledger,
    );
    const snapshot = JSON.stringify(confirmed.ledger);
    const draft = correctInvoice(confirmed.invoice);
    const draftSnapshot = JSON.stringify(draft);
    await confirmCorrection(draft, confirmed.ledger, executors[1]!);
    expect(JSON.stringify(confirmed.ledger)).toBe(snapshot);
    expect(JSON.stringify(draft)).toBe(draftSnapshot);
    expect(ledger.actuals).toHaveLength(0);
  });
});
