/**
 * Runs the tests written beside a rules file (RuleTestDefinition) against a compiled rule set. Each
 * result says passed or failed, lists expected and actual actuals with a readable diff, explains every
 * actual (scenario and rules-file position), and gives the failure message in the user's language.
 * Shared by the CLI, the VS Code Test Explorer and the browser editor.
 */
import type { CompiledRuleSet } from '../compiler/compiled.js';
import { describeSource } from '../compiler/compile.js';
import { correctLine } from '../correction/correct-line.js';
import { deriveCreditKind } from '../correction/credit-kind.js';
import type { LineCorrection } from '../correction/line-correction.js';
import type { LineOutcome } from '../correction/materialise.js';
import { EngineError, isEngineError, translateEngineMessage } from '../errors/engine-error.js';
import type { EngineMessageKey } from '../errors/messages.js';
import { createFastExecutor } from '../executors/fast.js';
import type { Executor } from '../executors/types.js';
import type { Language, Params } from '../i18n/translator.js';
import { isKnownCurrency, minorUnits } from '../money/currency.js';
import { ExactDecimal, ZERO, type Decimal } from '../money/decimal.js';
import { parseDecimal } from '../money/parse.js';
import { roundToPlaces } from '../money/rounding.js';
import type { Actual } from '../model/types.js';
import {
  ADVANCE_STATES,
  BILLING_METHODS,
  TRANSACTION_CLASSES,
  type AdvanceState,
  type BillingMethod,
  type TransactionClass,
} from '../rules/case-space.js';
import type { ExpectedActual, RuleTestDefinition, SourceRange } from '../rules/definition.js';

/** An actual as a test shows it: decimal strings, no ids. */
export interface ActualSummary {
  transactionType: Actual['transactionType'];
  reversal: boolean;
  quantity: string;
  amount: string;
  billingType: Actual['billingType'];
  /** "TimePartialCredit (corrections.rules:12:3)". */
  explanation: string;
  scenario?: string;
  source?: SourceRange;
}

export interface RuleTestResult {
  name: string;
  source?: SourceRange;
  passed: boolean;
  /** The scenario that matched, when one did. */
  scenario?: string;
  expected?: ExpectedActual[];
  actual: ActualSummary[];
  /** One line per actual: "  " matched, "- " expected but missing, "+ " produced but not expected. */
  diff: string[];
  milestoneStatus?: string;
  /** Why the test failed, in the requested language. */
  failure?: string;
  /** Set when the correction was refused: the error's message key and text. */
  error?: { code: EngineMessageKey; message: string };
}

export interface RunRuleTestsOptions {
  language?: Language;
}

class InvalidGiven extends Error {}

function pick<T extends string>(allowed: readonly T[], value: string | undefined, field: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidGiven(`${field} "${String(value)}" is not one of ${allowed.join(', ')}`);
}

function decimal(value: string | undefined, field: string): Decimal | undefined {
  if (value === undefined) return undefined;
  let parsed: Decimal;
  try {
    parsed = parseDecimal(value, field);
  } catch (error) {
    throw new InvalidGiven(error instanceof Error ? error.message : String(error));
  }
  // As on a real invoice (correctInvoice, editCorrectiveLine): the credit kinds assume 0 or more.
  if (parsed.isNegative() && !parsed.isZero()) throw new InvalidGiven(`${field} ${value} is negative`);
  return parsed;
}

/** The line a test describes, with a synthetic ledger holding the actuals its confirmation created. */
export function lineCorrectionOfTest(test: RuleTestDefinition): LineCorrection {
  const given = test.given;
  const cls: TransactionClass = pick(TRANSACTION_CLASSES, given.class, 'class');
  const billingMethod: BillingMethod = pick(BILLING_METHODS, given.billingMethod, 'billing method');
  const advanceState: AdvanceState = pick(
    ADVANCE_STATES,
    given.advanceState ?? (cls === 'Retainer' ? 'invoiced' : 'none'),
    'advance state',
  );
  if (!isKnownCurrency(given.currency)) throw new InvalidGiven(`unknown currency "${given.currency}"`);
  const places = minorUnits(given.currency);
  const original = {
    quantity: decimal(given.original.quantity, 'original quantity')!,
    amount: decimal(given.original.amount, 'original amount')!,
  };
  const unitPrice =
    decimal(given.corrected.unitPrice, 'corrected unit price') ??
    decimal(given.original.unitPrice, 'original unit price') ??
    (original.quantity.isZero() ? ZERO : original.amount.dividedBy(original.quantity));
  const correctedQuantity =
    decimal(given.corrected.quantity, 'corrected quantity') ??
    (given.corrected.amount !== undefined || given.corrected.unitPrice !== undefined
      ? original.quantity
      : ZERO);
  const correctedAmount =
    decimal(given.corrected.amount, 'corrected amount') ??
    roundToPlaces(correctedQuantity.times(unitPrice), places);
  const corrected = { quantity: correctedQuantity, amount: correctedAmount };
  const reconciled = decimal(given.reconciledAmount, 'reconciled amount');
  // As editCorrectiveLine: fewer units for more money would leave a negative remainder.
  if (cls !== 'Retainer' && correctedQuantity.lt(original.quantity) && correctedAmount.gt(original.amount)) {
    throw new InvalidGiven('the quantity goes down but the amount goes up: the remainder would be negative');
  }
  // As editCorrectiveLine: an advance applies at most itself against charges.
  for (const amount of [original.amount, correctedAmount]) {
    if (reconciled && !amount.isZero() && reconciled.gt(amount)) {
      throw new InvalidGiven(
        `reconciled amount ${reconciled.toString()} is above the advance ${amount.toString()}`,
      );
    }
  }

  const base = {
    class: cls,
    currency: given.currency,
    billingType: 'Chargeable' as const,
    adjustmentStatus: 'InProcess' as const,
    reversal: false,
    lineDetailId: 'original',
  };
  const billedActual: Actual = {
    ...base,
    id: 'original:billed',
    transactionType: 'BilledSales',
    ...original,
    billingStatus: 'CustomerInvoiceCreated',
  };
  const left = advanceState === 'reconciled' ? original.amount.minus(reconciled ?? ZERO) : original.amount;
  const reconciliationActual: Actual | undefined =
    cls === 'Retainer'
      ? {
          ...base,
          id: 'original:reconciliation',
          transactionType: 'UnbilledSales',
          quantity: original.quantity.negated(),
          amount: left.negated(),
          billingStatus: 'UnbilledSalesCreated',
          forReconciliation: true,
        }
      : undefined;
  return {
    line: 'corrected',
    originalLineDetailId: 'original',
    class: cls,
    creditKind: deriveCreditKind(cls, original, corrected, { original: reconciled, corrected: reconciled }),
    advanceState,
    billingMethod,
    currency: given.currency,
    billingType: 'Chargeable',
    original,
    corrected,
    correctedReconciledAmount: reconciled,
    billedActual,
    reconciliationActual,
  };
}

function summarise(actual: Actual): ActualSummary {
  const explanation = actual.explanation;
  return {
    transactionType: actual.transactionType,
    reversal: actual.reversal,
    quantity: actual.quantity.toString(),
    amount: actual.amount.toString(),
    billingType: actual.billingType,
    explanation: explanation
      ? `${explanation.scenario} (${describeSource(explanation.source ?? explanation.scenarioSource, explanation.ruleSet)})`
      : '',
    scenario: explanation?.scenario,
    source: explanation?.source,
  };
}

const TYPE_WORDS: Record<string, string> = { BilledSales: 'billed sales', UnbilledSales: 'unbilled sales' };

function describeActual(a: {
  transactionType: string;
  reversal: boolean;
  quantity?: string;
  amount: string;
  billingType?: string;
}): string {
  return [
    TYPE_WORDS[a.transactionType] ?? a.transactionType,
    a.reversal ? 'reversal' : undefined,
    a.quantity !== undefined ? `quantity ${a.quantity}` : undefined,
    `amount ${a.amount}`,
    a.billingType && !a.reversal ? a.billingType : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}

function sameDecimal(expected: string, actual: string): boolean {
  try {
    return new ExactDecimal(expected).eq(actual);
  } catch {
    return false;
  }
}

/** An expected actual matches a produced one; a quantity or billing type the test leaves out is not compared. */
export function expectationMatches(expected: ExpectedActual, actual: ActualSummary): boolean {
  return (
    expected.transactionType === actual.transactionType &&
    expected.reversal === actual.reversal &&
    sameDecimal(expected.amount, actual.amount) &&
    (expected.quantity === undefined || sameDecimal(expected.quantity, actual.quantity)) &&
    (expected.billingType === undefined || expected.billingType === actual.billingType)
  );
}

/** Order-insensitive comparison; returns the diff lines and whether both lists agree. */
export function diffActuals(
  expected: ExpectedActual[],
  actual: ActualSummary[],
): { same: boolean; diff: string[] } {
  const unmatched = actual.slice();
  const diff: string[] = [];
  let same = true;
  for (const e of expected) {
    const index = unmatched.findIndex((a) => expectationMatches(e, a));
    if (index >= 0) {
      const [a] = unmatched.splice(index, 1);
      diff.push(`  ${describeActual(a!)}   <- ${a!.explanation}`);
    } else {
      same = false;
      diff.push(`- ${describeActual(e)}`);
    }
  }
  for (const a of unmatched) {
    same = false;
    diff.push(`+ ${describeActual(a)}   <- ${a.explanation}`);
  }
  return { same, diff };
}

async function runOne(
  test: RuleTestDefinition,
  executor: Executor,
  language: Language,
): Promise<RuleTestResult> {
  const t = (code: EngineMessageKey, params?: Params) => translateEngineMessage(language, code, params);
  const result: RuleTestResult = {
    name: test.name,
    source: test.source,
    passed: false,
    expected: test.expect.actuals,
    actual: [],
    diff: [],
  };
  let outcome: LineOutcome | undefined;
  try {
    outcome = await correctLine(lineCorrectionOfTest(test), executor);
  } catch (error) {
    if (error instanceof InvalidGiven) {
      result.failure = t('ruleTest.invalidGiven', { detail: error.message });
      return result;
    }
    if (!isEngineError(error)) {
      result.failure = t('ruleTest.unexpectedError', {
        message: String(error instanceof Error ? error.message : error),
      });
      return result;
    }
    return judgeRefusal(test, error, result, language);
  }

  result.scenario = outcome.scenario;
  result.actual = outcome.actuals.map(summarise);
  result.milestoneStatus = outcome.milestone?.status;
  const failures: string[] = [];
  if (test.expect.error) {
    failures.push(
      t('ruleTest.expectedError', { kind: test.expect.error.kind, count: outcome.actuals.length }),
    );
  }
  if (test.expect.scenario !== undefined && test.expect.scenario !== outcome.scenario) {
    failures.push(t('ruleTest.wrongScenario', { expected: test.expect.scenario, actual: outcome.scenario }));
  }
  if (test.expect.actuals) {
    const { same, diff } = diffActuals(test.expect.actuals, result.actual);
    result.diff = diff;
    if (!same) failures.push(t('ruleTest.actualsDiffer', { diff: diff.join('\n') }));
  } else {
    result.diff = result.actual.map((a) => `  ${describeActual(a)}   <- ${a.explanation}`);
  }
  if (test.expect.milestoneStatus !== undefined && test.expect.milestoneStatus !== result.milestoneStatus) {
    failures.push(
      t('ruleTest.wrongMilestoneStatus', {
        expected: test.expect.milestoneStatus,
        actual: result.milestoneStatus ?? '-',
      }),
    );
  }
  result.passed = failures.length === 0;
  if (!result.passed) result.failure = failures.join('\n');
  return result;
}

const REFUSAL_KINDS: Partial<Record<EngineMessageKey, 'unsupported' | 'uncovered'>> = {
  'rules.unsupported': 'unsupported',
  'rules.uncovered': 'uncovered',
};

function judgeRefusal(
  test: RuleTestDefinition,
  error: EngineError,
  result: RuleTestResult,
  language: Language,
): RuleTestResult {
  const t = (code: EngineMessageKey, params?: Params) => translateEngineMessage(language, code, params);
  const message = error.localized(language);
  result.error = { code: error.code, message };
  if (typeof error.params.scenario === 'string') result.scenario = error.params.scenario;
  const expected = test.expect.error;
  const kind = REFUSAL_KINDS[error.code];
  if (!expected) {
    result.failure = t('ruleTest.unexpectedError', { message });
  } else if (kind !== expected.kind) {
    result.failure = t('ruleTest.wrongErrorKind', {
      expected: expected.kind,
      actual: kind ?? error.code,
      message,
    });
  } else if (
    expected.message !== undefined &&
    ![message, error.message].some((text) => text.toLowerCase().includes(expected.message!.toLowerCase()))
  ) {
    result.failure = t('ruleTest.wrongErrorMessage', { expected: expected.message, actual: message });
  } else if (test.expect.scenario !== undefined && test.expect.scenario !== result.scenario) {
    result.failure = t('ruleTest.wrongScenario', {
      expected: test.expect.scenario,
      actual: result.scenario ?? '-',
    });
  } else {
    result.passed = true;
  }
  return result;
}

/**
 * Runs every test; a test never throws out of here (bad input is a failed test with the reason).
 * Without an executor the fast one is built from `compiled`.
 */
export async function runRuleTests(
  compiled: CompiledRuleSet,
  tests: RuleTestDefinition[],
  executor: Executor = createFastExecutor(compiled),
  options: RunRuleTestsOptions = {},
): Promise<RuleTestResult[]> {
  const language = options.language ?? 'en';
  const results: RuleTestResult[] = [];
  for (const test of tests) results.push(await runOne(test, executor, language));
  return results;
}
