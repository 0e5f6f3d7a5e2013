/**
 * The correction table written by hand as plain TypeScript, with no rules engine: the baseline the fast
 * executor is benchmarked against. It must produce the same actuals as the sample rule set
 * (testing/sample-ruleset.ts) run through any executor; a test checks that on random lines.
 */
import { materialiseUnsupported } from './unsupported.js';
import { EngineError } from '../errors/engine-error.js';
import { describeCase } from '../executors/select.js';
import { caseFactsOf, type LineCorrection } from '../correction/line-correction.js';
import type { LineOutcome } from '../correction/materialise.js';
import { minorUnits } from '../money/currency.js';
import { ZERO, type Decimal } from '../money/decimal.js';
import { QUANTITY_PLACES, roundToPlaces } from '../money/rounding.js';
import type { Actual, ActualTransactionType, Explanation } from '../model/types.js';

const RULE_SET = 'CorrectionActuals';

// One frozen explanation per scenario, shared by its actuals (as the materialiser does per action).
const EXPLANATIONS = new Map<string, Explanation>();
function explanationOf(scenario: string): Explanation {
  let explanation = EXPLANATIONS.get(scenario);
  if (!explanation) {
    explanation = Object.freeze({ ruleSet: RULE_SET, scenario });
    EXPLANATIONS.set(scenario, explanation);
  }
  return explanation;
}

class Builder {
  readonly outcome: LineOutcome;
  private sequence = 0;
  private readonly places: number;

  constructor(
    private readonly c: LineCorrection,
    scenario: string,
  ) {
    this.outcome = { line: c.line, scenario, actuals: [], adjusted: [] };
    this.places = minorUnits(c.currency, `line ${c.line}, currency`);
  }

  create(type: ActualTransactionType, quantity: Decimal, amount: Decimal, negative = false): Actual {
    const c = this.c;
    const actual: Actual = {
      id: `${c.line}:${++this.sequence}`,
      transactionType: type,
      class: c.class,
      quantity: roundToPlaces(negative ? quantity.negated() : quantity, QUANTITY_PLACES),
      amount: roundToPlaces(negative ? amount.negated() : amount, this.places),
      currency: c.currency,
      unit: c.unit,
      billingType: 'Chargeable',
      adjustmentStatus: 'InProcess',
      billingStatus: type === 'BilledSales' ? 'CustomerInvoiceCreated' : 'UnbilledSalesCreated',
      reversal: false,
      lineDetailId: c.line,
      originalLineDetailId: c.originalLineDetailId,
      forReconciliation: c.class === 'Retainer' && type === 'UnbilledSales' && negative ? true : undefined,
      explanation: explanationOf(this.outcome.scenario),
    };
    this.outcome.actuals.push(actual);
    return actual;
  }

  reverse(target: Actual, fromLedger: boolean): void {
    const c = this.c;
    this.outcome.actuals.push({
      id: `${c.line}:${++this.sequence}`,
      transactionType: target.transactionType,
      class: target.class,
      quantity: target.quantity.negated(),
      amount: target.amount.negated(),
      currency: target.currency,
      unit: target.unit,
      billingType: target.billingType,
      adjustmentStatus: 'Unadjustable',
      billingStatus: target.billingStatus,
      reversal: true,
      reversesActualId: target.id,
      lineDetailId: c.line,
      originalLineDetailId: c.originalLineDetailId,
      explanation: explanationOf(this.outcome.scenario),
    });
    if (fromLedger) this.outcome.adjusted.push({ ...target, adjustmentStatus: 'Adjusted' });
    else target.adjustmentStatus = 'Adjusted';
  }

  billed(): Actual {
    if (this.c.billedActual) return this.c.billedActual;
    throw new EngineError('correction.missingBilledActual', {
      line: this.c.line,
      original: this.c.originalLineDetailId,
    });
  }

  reconciliation(): Actual {
    if (this.c.reconciliationActual) return this.c.reconciliationActual;
    throw new EngineError('correction.missingReconciliationActual', {
      line: this.c.line,
      original: this.c.originalLineDetailId,
    });
  }
}

/** Rows 4, 6, 8 and increases: bill the corrected quantity through the backlog. */
function rebill(b: Builder, c: LineCorrection): void {
  b.reverse(b.billed(), true);
  const unbilled = b.create('UnbilledSales', c.corrected.quantity, c.corrected.amount);
  b.reverse(unbilled, false);
  b.create('BilledSales', c.corrected.quantity, c.corrected.amount);
}

function uncovered(c: LineCorrection): EngineError {
  return new EngineError('rules.uncovered', { line: c.line, case: describeCase(caseFactsOf(c)) });
}

export function handwrittenTable(c: LineCorrection): LineOutcome {
  if (c.billingMethod === 'product') {
    throw materialiseUnsupported(
      c,
      'ProductBased',
      'Lines of product-based contract lines cannot be corrected',
    );
  }
  if (c.billingMethod !== 'resource') throw uncovered(c);
  if (c.creditKind === 'unchanged') return new Builder(c, 'NoChange').outcome;

  switch (c.class) {
    case 'Retainer': {
      if (c.advanceState === 'none') throw uncovered(c);
      const reconciled = c.advanceState === 'reconciled';
      if (c.creditKind === 'full') {
        const b = new Builder(c, reconciled ? 'AdvanceReconciledFullCredit' : 'AdvanceInvoicedFullCredit');
        b.reverse(b.reconciliation(), true);
        b.reverse(b.billed(), true);
        return b.outcome;
      }
      const b = new Builder(c, reconciled ? 'AdvanceReconciledCorrection' : 'AdvanceInvoicedCorrection');
      b.reverse(b.reconciliation(), true);
      b.reverse(b.billed(), true);
      b.create('BilledSales', c.corrected.quantity, c.corrected.amount);
      const left = reconciled
        ? c.corrected.amount.minus(c.correctedReconciledAmount ?? ZERO)
        : c.corrected.amount;
      b.create('UnbilledSales', c.corrected.quantity, left, true);
      return b.outcome;
    }
    // Like the rule set, the other classes do not look at the advance state.
    case 'Milestone': {
      if (c.creditKind !== 'full') {
        throw materialiseUnsupported(c, 'MilestonePartialCredit', 'A milestone can only be credited in full');
      }
      const b = new Builder(c, 'MilestoneFullCredit');
      b.reverse(b.billed(), true);
      b.outcome.milestone = { milestoneId: c.milestoneId, status: 'ReadyToInvoice' };
      return b.outcome;
    }
    case 'Time':
    case 'Expense':
    case 'Material':
    case 'Fee': {
      if (c.creditKind === 'full') {
        const b = new Builder(c, 'ChargeFullCredit');
        b.reverse(b.billed(), true);
        b.create('UnbilledSales', c.original.quantity, c.original.amount);
        return b.outcome;
      }
      if (c.creditKind === 'increase') {
        const b = new Builder(c, 'ChargeIncrease');
        rebill(b, c);
        return b.outcome;
      }
      if (c.class === 'Fee') {
        const b = new Builder(c, 'FeePartialCredit');
        rebill(b, c);
        return b.outcome;
      }
      const b = new Builder(c, 'ChargePartialCredit');
      rebill(b, c);
      b.create(
        'UnbilledSales',
        c.original.quantity.minus(c.corrected.quantity),
        c.original.amount.minus(c.corrected.amount),
      );
      return b.outcome;
    }
    default:
      throw uncovered(c);
  }
}
