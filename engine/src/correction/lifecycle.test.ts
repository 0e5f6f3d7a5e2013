import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { CorrectionRejectedError, EngineError } from '../errors/engine-error.js';
import { createFastExecutor } from '../executors/fast.js';
import { ExactDecimal } from '../money/decimal.js';
import type { Actual } from '../model/types.js';
import { draftInvoice } from '../testing/invoices.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { confirmCorrection } from './confirm.js';
import { correctInvoice, editCorrectiveLine, type CorrectiveLineEdit } from './draft.js';
import { confirmInvoice, emptyLedger } from './ledger.js';

const fast = createFastExecutor(compileRuleSet(shippedRuleSet()));

function confirmedInvoice() {
  return confirmInvoice(
    draftInvoice(
      'INV-9',
      [
        { id: 'T', class: 'Time', quantity: '8', unitPrice: '200', tax: '160' },
        { id: 'P', class: 'Material', quantity: '2', unitPrice: '30', billingMethod: 'product' },
        { id: 'M', class: 'Milestone', quantity: '1', unitPrice: '5000', milestoneId: 'MS' },
        { id: 'A', class: 'Retainer', quantity: '1', unitPrice: '1000' },
      ],
      'USD',
    ),
    emptyLedger(),
  );
}

function errorOf(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

async function rejectionOf(run: () => Promise<unknown>): Promise<EngineError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

describe('correctInvoice', () => {
  it('copies every line except product-based ones, at quantity 0, linked to the original', () => {
    const { invoice } = confirmedInvoice();
    const draft = correctInvoice(invoice);
    expect(draft).toMatchObject({
      id: 'INV-9-C',
      status: 'draft',
      hasCorrections: true,
      correctsInvoiceId: 'INV-9',
    });
    expect(draft.lines.map((l) => l.originalLineDetailId)).toEqual(['T', 'M', 'A']);
    expect(draft.excluded).toEqual([
      {
        lineDetailId: 'P',
        code: 'correction.productExcluded',
        reason: 'Line P: lines of product-based contract lines cannot be corrected',
      },
    ]);
    for (const line of draft.lines) {
      expect(line.correction).toBe(true);
      expect(line.quantity.isZero() && line.amount.isZero()).toBe(true);
      expect(line.invoiceAmount!.eq(line.previousAmount!.negated())).toBe(true);
    }
    expect(draft.invoiceAmount!.toString()).toBe('-7600');
  });

  it('refuses a draft', () => {
    const draft = draftInvoice('INV-D', [{ id: 'T', class: 'Time', quantity: '1', unitPrice: '1' }]);
    expect(errorOf(() => correctInvoice(draft)).message).toBe(
      'Invoice INV-D is a draft: only a confirmed invoice can be corrected',
    );
    expect(errorOf(() => correctInvoice(draft)).localized('vi')).toBe(
      'Hóa đơn INV-D đang ở trạng thái nháp: chỉ điều chỉnh được hóa đơn đã xác nhận',
    );
  });

  it('refuses a credit line (negative quantity or amount) instead of reading its correction as an increase', () => {
    const { invoice } = confirmedInvoice();
    const line = invoice.lines[0]!;
    const credit = {
      ...invoice,
      lines: [{ ...line, quantity: line.quantity.negated(), amount: line.amount.negated() }],
    };
    const error = errorOf(() => correctInvoice(credit));
    expect(error.message).toBe(
      'Line T, quantity: -8 is negative: a credit line (negative quantity or amount) cannot be corrected',
    );
    expect(error.localized('vi')).toContain('Dòng T, quantity: -8 là số âm');
  });

  it('refuses an unknown transaction class, naming the line', () => {
    const { invoice } = confirmedInvoice();
    const broken = { ...invoice, lines: [{ ...invoice.lines[0]!, class: 'Hours' as never }] };
    expect(errorOf(() => correctInvoice(broken)).message).toBe('Line T: unknown transaction class "Hours"');
  });
});

describe('editing a corrective line', () => {
  const draft = correctInvoice(confirmedInvoice().invoice);
  const edit = (line: string, change: CorrectiveLineEdit) =>
    editCorrectiveLine(draft, `INV-9-C/${line}`, change);

  it('sets the quantity to bill now and recomputes the amounts; tax is the correct amount', () => {
    const next = edit('T', { quantity: '6', tax: '120' });
    const line = next.lines[0]!;
    expect([line.quantity, line.amount, line.tax, line.invoiceAmount].map(String)).toEqual([
      '6',
      '1200',
      '120',
      '-400',
    ]);
    expect(next.invoiceAmount!.toString()).toBe('-6400');
    expect(draft.lines[0]!.quantity.isZero()).toBe(true);
  });

  it('supports price-only corrections', () => {
    const line = edit('T', { quantity: '8', unitPrice: '180' }).lines[0]!;
    expect(line.amount.toString()).toBe('1440');
  });

  it('keeps the reconciled part of an advance unless one is entered, and refuses one above the advance', () => {
    const reconciled = correctInvoice(
      confirmInvoice(
        draftInvoice('INV-R', [
          {
            id: 'A',
            class: 'Retainer',
            quantity: '1',
            unitPrice: '1000',
            advanceState: 'reconciled',
            reconciledAmount: '300',
          },
        ]),
        emptyLedger(),
      ).invoice,
    );
    const same = editCorrectiveLine(reconciled, 'INV-R-C/A', { amount: '1000' }).lines[0]!;
    expect(same.reconciledAmount!.toString()).toBe('300');
    const lower = editCorrectiveLine(reconciled, 'INV-R-C/A', { amount: '800', reconciledAmount: '200' });
    expect(lower.lines[0]!.reconciledAmount!.toString()).toBe('200');
    const error = errorOf(() => editCorrectiveLine(reconciled, 'INV-R-C/A', { amount: '250' }));
    expect(error.message).toBe(
      'Line INV-R-C/A: the advance applies 300 against charges but is only 250: enter a reconciledAmount of at most 250',
    );
    expect(error.localized('vi')).toContain('khoản tạm ứng đối trừ 300');
  });

  it.each<[string, string, CorrectiveLineEdit, string]>([
    ['negative quantity', 'T', { quantity: '-2' }, 'Line INV-9-C/T, quantity: -2 is negative'],
    ['non-numeric quantity', 'T', { quantity: 'six' }, 'Line INV-9-C/T, quantity: "six" is not a number'],
    ['JS number', 'T', { quantity: 6 as unknown as string }, 'Line INV-9-C/T, quantity: "6" is not a number'],
    [
      'too many decimals',
      'T',
      { tax: '1.001' },
      'Line INV-9-C/T, tax: 1.001 has more decimal places than USD allows (2)',
    ],
    [
      'currency mismatch',
      'T',
      { currency: 'VND' },
      'Line INV-9-C/T: currency VND differs from the invoice currency USD',
    ],
    [
      'partial milestone',
      'M',
      { quantity: '0.5' },
      'Line INV-9-C/M: a milestone can only be credited in full',
    ],
    ['amount on a time line', 'T', { amount: '100' }, 'Line INV-9-C/T: the amount is quantity x unit price'],
    [
      'quantity down with the amount up (a negative remainder)',
      'T',
      { quantity: '6', unitPrice: '300' },
      'Line INV-9-C/T: the quantity goes down (8 -> 6) but the amount goes up (1600 -> 1800)',
    ],
    [
      'quantity with 3 decimals',
      'T',
      { quantity: '6.125' },
      'Line INV-9-C/T, quantity: 6.125 has more than 2 decimal places',
    ],
  ])('refuses a %s, naming the line and field', (_, line, change, message) => {
    expect(errorOf(() => edit(line, change)).message).toContain(message);
  });

  it('refuses an unknown line', () => {
    expect(errorOf(() => editCorrectiveLine(draft, 'nope', { quantity: '1' })).message).toBe(
      'Line nope is not on corrective invoice INV-9-C',
    );
  });

  it('lets advance amounts be corrected', () => {
    const line = edit('A', { amount: '800' }).lines[2]!;
    expect([line.quantity, line.amount, line.invoiceAmount].map(String)).toEqual(['1', '800', '-200']);
  });
});

describe('confirmCorrection', () => {
  it('confirms once, then refuses to confirm again', async () => {
    const confirmed = confirmedInvoice();
    const draft = editCorrectiveLine(correctInvoice(confirmed.invoice), 'INV-9-C/T', { quantity: '6' });
    const result = await confirmCorrection(draft, confirmed.ledger, fast);
    expect(result.invoice.status).toBe('confirmed');
    expect(result.lines.map((l) => l.scenario)).toEqual([
      'TimePartialCredit',
      'MilestoneFullCredit',
      'AdvanceFullCredit',
    ]);
    expect((await rejectionOf(() => confirmCorrection(result.invoice, result.ledger, fast))).message).toBe(
      'Corrective invoice INV-9-C is already confirmed',
    );
    // The same draft object again, against the ledger it already changed.
    expect((await rejectionOf(() => confirmCorrection(draft, result.ledger, fast))).code).toBe(
      'correction.alreadyConfirmed',
    );
    expect(() => editCorrectiveLine(result.invoice, 'INV-9-C/T', { quantity: '1' })).toThrow(
      'already confirmed',
    );
  });

  it('refuses a ledger that disagrees with the invoice: another currency, another billed amount', async () => {
    const confirmed = confirmedInvoice();
    const draft = editCorrectiveLine(correctInvoice(confirmed.invoice), 'INV-9-C/T', { quantity: '6' });
    const altered = (change: Partial<Actual>) => ({
      ...confirmed.ledger,
      actuals: confirmed.ledger.actuals.map((a) => (a.id === 'T:billed' ? { ...a, ...change } : a)),
    });
    const currency = await rejectionOf(() => confirmCorrection(draft, altered({ currency: 'VND' }), fast));
    expect(currency.message).toBe('Line INV-9-C/T: ledger actual T:billed is in VND, the invoice in USD');
    const amount = await rejectionOf(() =>
      confirmCorrection(draft, altered({ amount: new ExactDecimal('1700') }), fast),
    );
    expect(amount.code).toBe('correction.ledgerDisagrees');
    expect(amount.message).toContain('ledger actual T:billed has quantity 8 and amount 1700');
    expect(amount.localized('vi')).toContain('bút toán T:billed trong sổ có số lượng 8 và số tiền 1700');
  });

  it('refuses an ordinary invoice', async () => {
    const { invoice, ledger } = confirmedInvoice();
    expect((await rejectionOf(() => confirmCorrection(invoice, ledger, fast))).message).toBe(
      'Invoice INV-9 is not a corrective draft',
    );
  });

  it('refuses a case the rules do not cover, naming the line and the case; nothing changes', async () => {
    const definition = shippedRuleSet();
    definition.scenarios = definition.scenarios.filter((s) => s.name !== 'TimePartialCredit');
    const withGap = createFastExecutor(compileRuleSet(definition));
    const confirmed = confirmedInvoice();
    const draft = editCorrectiveLine(correctInvoice(confirmed.invoice), 'INV-9-C/T', { quantity: '6' });
    const error = await rejectionOf(() => confirmCorrection(draft, confirmed.ledger, withGap));
    expect(error.message).toBe(
      'Line INV-9-C/T: no scenario covers the case Time, partial, advance none, resource',
    );
    expect(error.localized('vi')).toBe(
      'Dòng INV-9-C/T: không có kịch bản nào áp dụng cho trường hợp Time, partial, advance none, resource',
    );
  });

  it('refuses a case the rules mark unsupported, with the rule message', async () => {
    const confirmed = confirmedInvoice();
    const draft = correctInvoice(confirmed.invoice);
    // Imported data could bypass correctInvoice: a product-based line on the corrective draft.
    const tampered = { ...draft, lines: [{ ...draft.lines[0]!, billingMethod: 'product' as const }] };
    const error = await rejectionOf(() => confirmCorrection(tampered, confirmed.ledger, fast));
    expect(error.message).toBe(
      'Line INV-9-C/T: Corrections of product-based contract lines are not supported (scenario ProductBased, case Time, full, advance none, product)',
    );
  });

  it('treats a milestone as a full credit whatever the line says', async () => {
    const confirmed = confirmedInvoice();
    const draft = correctInvoice(confirmed.invoice);
    // Imported data could bypass the editor: a milestone with a partial amount.
    const tampered = {
      ...draft,
      lines: draft.lines.map((l) =>
        l.class === 'Milestone'
          ? { ...l, quantity: l.previousQuantity!, amount: l.previousAmount!.dividedBy(2) }
          : l,
      ),
    };
    // Milestones are always treated as a full credit, so this still confirms as a full credit.
    const result = await confirmCorrection(tampered, confirmed.ledger, fast);
    expect(result.lines[1]!.scenario).toBe('MilestoneFullCredit');
  });

  it('lists every refused line when several are refused', async () => {
    const confirmed = confirmedInvoice();
    const draft = correctInvoice(confirmed.invoice);
    const tampered = {
      ...draft,
      lines: draft.lines.map((l) => ({ ...l, billingMethod: 'product' as const })),
    };
    const error = await rejectionOf(() => confirmCorrection(tampered, confirmed.ledger, fast));
    expect(error).toBeInstanceOf(CorrectionRejectedError);
    expect((error as CorrectionRejectedError).lineErrors.map((e) => e.params.line)).toEqual([
      'INV-9-C/T',
      'INV-9-C/M',
      'INV-9-C/A',
    ]);
    expect(error.message.split('\n')[0]).toBe(
      'Corrective invoice INV-9-C cannot be confirmed; 3 lines are refused:',
    );
    expect(error.localized('vi')).toContain(
      '- Dòng INV-9-C/M: Corrections of product-based contract lines are not supported',
    );
  });

  it('refuses when the ledger lacks the billed actual to reverse', async () => {
    const confirmed = confirmedInvoice();
    const draft = correctInvoice(confirmed.invoice);
    const ledger = {
      ...confirmed.ledger,
      actuals: confirmed.ledger.actuals.filter((a) => a.id !== 'T:billed'),
    };
    expect((await rejectionOf(() => confirmCorrection(draft, ledger, fast))).message).toBe(
      'Line INV-9-C/T: the ledger has no open billed sales actual for the original line T',
    );
  });
});
