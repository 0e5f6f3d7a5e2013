import { EngineError } from '../errors/engine-error.js';
import type { ActionsEventParams } from '../compiler/compiled.js';
import type { ScenarioMatch } from '../executors/types.js';
import { describeCase } from '../executors/select.js';
import { minorUnits } from '../money/currency.js';
import { ZERO } from '../money/decimal.js';
import { QUANTITY_PLACES, roundToPlaces } from '../money/rounding.js';
import type { Actual, ActualTransactionType, Explanation } from '../model/types.js';
import { AS_ORIGINAL, type Basis, type MilestoneStatus, type SourceRange } from '../rules/definition.js';
import type { QuantityAndAmount } from './credit-kind.js';
import { caseFactsOf, type LineCorrection } from './line-correction.js';

/** What confirming one corrected line does to the ledger. */
export interface LineOutcome {
  line: string;
  scenario: string;
  /** New actuals, in the order of the scenario's actions. */
  actuals: Actual[];
  /** Ledger actuals that were reversed, as copies with adjustment status Adjusted. */
  adjusted: Actual[];
  milestone?: { milestoneId?: string; status: MilestoneStatus };
}

interface Created {
  transactionType: ActualTransactionType;
  basis: Basis;
  actual: Actual;
}

function basisValue(correction: LineCorrection, basis: Basis): QuantityAndAmount {
  switch (basis) {
    case 'original':
      return correction.original;
    case 'corrected':
      return correction.corrected;
    case 'remaining':
      // Subtraction, never separate rounding: corrected + remaining = original exactly.
      return {
        quantity: correction.original.quantity.minus(correction.corrected.quantity),
        amount: correction.original.amount.minus(correction.corrected.amount),
      };
    case 'reconciliation': {
      const target = requireReconciliationActual(correction);
      return { quantity: target.quantity, amount: target.amount };
    }
    case 'leftover':
      return {
        quantity: correction.corrected.quantity,
        amount: correction.corrected.amount.minus(correction.correctedReconciledAmount ?? ZERO),
      };
  }
}

function requireReconciliationActual(correction: LineCorrection): Actual {
  if (correction.reconciliationActual) return correction.reconciliationActual;
  throw new EngineError('correction.missingReconciliationActual', {
    line: correction.line,
    original: correction.originalLineDetailId,
  });
}

function ledgerTarget(
  correction: LineCorrection,
  type: ActualTransactionType,
  basis: Basis,
): Actual | undefined {
  if (type === 'BilledSales' && basis === 'original') {
    if (correction.billedActual) return correction.billedActual;
    throw new EngineError('correction.missingBilledActual', {
      line: correction.line,
      original: correction.originalLineDetailId,
    });
  }
  if (type === 'UnbilledSales' && basis === 'reconciliation') return requireReconciliationActual(correction);
  return undefined;
}

function isReconciliationActual(
  correction: LineCorrection,
  type: ActualTransactionType,
  negative: boolean,
): boolean | undefined {
  return correction.class === 'Retainer' && type === 'UnbilledSales' && negative ? true : undefined;
}

// An explanation depends only on the rule set and the action, so each is built once and shared (frozen)
// by every actual the action creates: month-end runs create millions of actuals.
const explanationCache = new WeakMap<ActionsEventParams, readonly Explanation[]>();

function explanationsOf(params: ActionsEventParams, ruleSet: string): readonly Explanation[] {
  const cached = explanationCache.get(params);
  if (cached && (cached.length === 0 || cached[0]!.ruleSet === ruleSet)) return cached;
  const built = params.actions.map((action) =>
    Object.freeze({
      ruleSet,
      scenario: params.scenario,
      source: action.source,
      scenarioSource: params.source,
    }),
  );
  explanationCache.set(params, built);
  return built;
}

function where(source: SourceRange | undefined): string {
  if (!source) return '';
  return ` (${source.file ? `${source.file}:` : ''}${source.line}:${source.column})`;
}

/**
 * Turns the actions of the scenario that matched a line into actuals, with decimal.js throughout:
 * `negative` negates the basis; a reversal copies its target with quantity and amount negated and is
 * Unadjustable while the target becomes Adjusted; amounts get the currency's minor units, quantities 2
 * places. A scenario that marks the case unsupported is an error naming the line and the case.
 */
export function materialise(
  correction: LineCorrection,
  match: ScenarioMatch,
  ruleSetName: string,
): LineOutcome {
  const event = match.event;
  if (event.type === 'unsupported') {
    throw new EngineError('rules.unsupported', {
      line: correction.line,
      message: event.params.message,
      scenario: event.params.scenario,
      case: describeCase(caseFactsOf(correction)),
    });
  }
  const params = event.params;
  const places = minorUnits(correction.currency, `line ${correction.line}, currency`);
  const outcome: LineOutcome = {
    line: correction.line,
    scenario: params.scenario,
    actuals: [],
    adjusted: [],
  };
  const created: Created[] = [];
  let sequence = 0;
  const explanations = explanationsOf(params, ruleSetName);

  for (let index = 0; index < params.actions.length; index++) {
    const action = params.actions[index]!;
    if (action.kind === 'setMilestoneStatus') {
      outcome.milestone = { milestoneId: correction.milestoneId, status: action.status };
      continue;
    }
    if (action.kind === 'create') {
      const value = basisValue(correction, action.basis);
      const negate = action.sign === 'negative';
      const actual: Actual = {
        id: `${correction.line}:${++sequence}`,
        transactionType: action.transactionType,
        class: correction.class,
        quantity: roundToPlaces(negate ? value.quantity.negated() : value.quantity, QUANTITY_PLACES),
        amount: roundToPlaces(negate ? value.amount.negated() : value.amount, places),
        currency: correction.currency,
        unit: correction.unit,
        billingType: action.billingType === AS_ORIGINAL ? correction.billingType : action.billingType,
        adjustmentStatus: 'InProcess',
        billingStatus:
          action.transactionType === 'BilledSales' ? 'CustomerInvoiceCreated' : 'UnbilledSalesCreated',
        reversal: false,
        lineDetailId: correction.line,
        originalLineDetailId: correction.originalLineDetailId,
        // A new negative unbilled advance is what later charges are reconciled against.
        forReconciliation: isReconciliationActual(correction, action.transactionType, negate),
        explanation: explanations[index]!,
      };
      outcome.actuals.push(actual);
      created.push({ transactionType: action.transactionType, basis: action.basis, actual });
      continue;
    }
    // A reversal: of a ledger actual (original billed sales, reconciliation) or of one made just above.
    let target = ledgerTarget(correction, action.transactionType, action.basis);
    const fromLedger = target !== undefined;
    if (fromLedger && outcome.adjusted.some((a) => a.id === target!.id)) target = undefined;
    if (!fromLedger) {
      // The latest actual of that type and basis not reversed yet.
      for (let i = created.length - 1; i >= 0 && !target; i--) {
        const candidate = created[i]!;
        if (
          candidate.transactionType === action.transactionType &&
          candidate.basis === action.basis &&
          candidate.actual.adjustmentStatus !== 'Adjusted'
        ) {
          target = candidate.actual;
        }
      }
    }
    if (!target) {
      throw new EngineError('rules.nothingToReverse', {
        scenario: params.scenario,
        at: where(action.source),
        transactionType: action.transactionType,
        basis: action.basis,
      });
    }
    outcome.actuals.push({
      id: `${correction.line}:${++sequence}`,
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
      lineDetailId: correction.line,
      originalLineDetailId: correction.originalLineDetailId,
      explanation: explanations[index]!,
    });
    if (fromLedger) outcome.adjusted.push({ ...target, adjustmentStatus: 'Adjusted' });
    else target.adjustmentStatus = 'Adjusted';
  }
  return outcome;
}
