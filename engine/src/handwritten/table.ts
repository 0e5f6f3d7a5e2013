/**
 * The shipped correction table (rules/correction-actuals.crules) written by hand as plain TypeScript, with
 * no rules engine: the baseline the fast executor is benchmarked against, so `fastVsHandwritten` measures
 * the rules users run. It must produce the same actuals as the shipped rules through any executor; a test
 * checks that on random lines of every class, credit kind and billing type.
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
import type { BillingType } from '../rules/definition.js';

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

  create(
    type: ActualTransactionType,
    quantity: Decimal,
    amount: Decimal,
    billingType: BillingType,
    negative = false,
  ): Actual {
    const c = this.c;
    const actual: Actual = {
      id: `${c.line}:${++this.sequence}`,
      transactionType: type,
      class: c.class,
      quantity: roundToPlaces(negative ? quantity.negated() : quantity, QUANTITY_PLACES),
      amount: roundToPlaces(negative ? amount.negated() : amount, this.places),
      currency: c.currency,
      unit: c.unit,
      billingType,
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
function rebill(b: Builder, c: LineCorrection, billingType: BillingType): void {
  b.reverse(b.billed(), true);
  const unbilled = b.create('UnbilledSales', c.corrected.quantity, c.corrected.amount, billingType);
  b.reverse(unbilled, false);
  b.create('BilledSales', c.corrected.quantity, c.corrected.amount, billingType);
}

/** Rows 3, 5, 7 and material: the original back into the backlog, with the original's billing type. */
function fullCredit(c: LineCorrection, scenario: string): LineOutcome {
  const b = new Builder(c, scenario);
  b.reverse(b.billed(), true);
  b.create('UnbilledSales', c.original.quantity, c.original.amount, c.billingType);
  return b.outcome;
}

/** Rows 4, 6 and material: the table names the new actuals chargeable. */
function partialCredit(c: LineCorrection, scenario: string): LineOutcome {
  const b = new Builder(c, scenario);
  rebill(b, c, 'Chargeable');
  b.create(
    'UnbilledSales',
    c.original.quantity.minus(c.corrected.quantity),
    c.original.amount.minus(c.corrected.amount),
    'Chargeable',
  );
  return b.outcome;
}

function uncovered(c: LineCorrection): EngineError {
  return new EngineError('rules.uncovered', { line: c.line, case: describeCase(caseFactsOf(c)) });
}

const CHARGES: Record<string, string> = { Time: 'Time', Expense: 'Expense', Material: 'Material' };

export function handwrittenTable(c: LineCorrection): LineOutcome {
  if (c.billingMethod === 'product') {
    throw materialiseUnsupported(
      c,
      'ProductBased',
      'Corrections of product-based contract lines are not supported',
    );
  }
  if (c.billingMethod !== 'resource') throw uncovered(c);
  if (c.class === 'Milestone') {
    if (c.creditKind === 'partial') {
      throw materialiseUnsupported(c, 'MilestonePartialCredit', 'A milestone can only be credited in full');
    }
    if (c.creditKind !== 'full') {
      throw materialiseUnsupported(
        c,
        'MilestoneOtherCorrection',
        'A milestone can only be credited in full: change the milestone on the contract line instead',
      );
    }
    const b = new Builder(c, 'MilestoneFullCredit');
    b.reverse(b.billed(), true);
    b.outcome.milestone = { milestoneId: c.milestoneId, status: 'ReadyToInvoice' };
    return b.outcome;
  }
  if (c.creditKind === 'unchanged') return new Builder(c, 'UnchangedLine').outcome;

  switch (c.class) {
    case 'Retainer': {
      if (c.creditKind === 'full') {
        // Whatever the advance state: the scenario does not look at it.
        const b = new Builder(c, 'AdvanceFullCredit');
        b.reverse(b.reconciliation(), true);
        b.reverse(b.billed(), true);
        return b.outcome;
      }
      if (c.advanceState === 'none') throw uncovered(c);
      const reconciled = c.advanceState === 'reconciled';
      const b = new Builder(c, reconciled ? 'AdvanceReconciledCorrection' : 'AdvanceInvoicedCorrection');
      b.reverse(b.reconciliation(), true);
      b.reverse(b.billed(), true);
      b.create('BilledSales', c.corrected.quantity, c.corrected.amount, c.billingType);
      const left = reconciled
        ? c.corrected.amount.minus(c.correctedReconciledAmount ?? ZERO)
        : c.corrected.amount;
      b.create('UnbilledSales', c.corrected.quantity, left, c.billingType, true);
      return b.outcome;
    }
    // Like the rule set, the other classes do not look at the advance state.
    case 'Time':
    case 'Expense':
    case 'Material': {
      const name = CHARGES[c.class]!;
      if (c.creditKind === 'full') return fullCredit(c, `${name}FullCredit`);
      if (c.creditKind === 'partial') return partialCredit(c, `${name}PartialCredit`);
      const b = new Builder(c, 'QuantityIncrease');
      rebill(b, c, c.billingType);
      return b.outcome;
    }
    case 'Fee': {
      if (c.creditKind === 'full') return fullCredit(c, 'FeeFullCredit');
      // Row 8: chargeable as row 4, and no remaining-amount actual.
      if (c.creditKind === 'partial') {
        const b = new Builder(c, 'FeePartialCredit');
        rebill(b, c, 'Chargeable');
        return b.outcome;
      }
      const b = new Builder(c, 'FeeIncrease');
      rebill(b, c, c.billingType);
      return b.outcome;
    }
    default:
      throw uncovered(c);
  }
}
