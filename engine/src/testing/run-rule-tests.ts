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
import { MAX_AMOUNT_PLACES, QUANTITY_PLACES, limitProblem } from '../money/limits.js';
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
import {
  BILLING_TYPES,
  type BillingType,
  type ExpectedActual,
  type RuleTestDefinition,
  type SourceRange,
} from '../rules/definition.js';

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

/** One line of the expected-vs-actual diff: an actual matched, expected but missing, or unexpected. */
export interface DiffLine {
  change: 'matched' | 'missing' | 'unexpected';
  /** "billed sales reversal quantity -8 amount -1600". */
  text: string;
  /** Produced actuals (matched, unexpected): the rule that made it, "TimePartialCredit (file:12:3)". */
  explanation?: string;
}

/** One reason a test failed: its message key and parameters, and the text in the requested language. */
export interface RuleTestFailure {
  code: EngineMessageKey;
  params: Params;
  message: string;
}

export interface RuleTestResult {
  name: string;
  source?: SourceRange;
  passed: boolean;
  /** The scenario that matched, when one did. */
  scenario?: string;
  expected?: ExpectedActual[];
  actual: ActualSummary[];
  /** One line per actual, matched, missing or unexpected (order: the expectations, then the extras). */
  diff: DiffLine[];
  milestoneStatus?: string;
  /** Why the test failed, each reason on its own; empty when it passed. */
  failures: RuleTestFailure[];
  /** The failures' messages, one per line (no diff: that is `diff`). */
  failure?: string;
  /** Set when the correction was refused: the error's message key and text. */
  error?: { code: EngineMessageKey; message: string };
}

const DIFF_MARK: Record<DiffLine['change'], string> = { matched: ' ', missing: '-', unexpected: '+' };

/** A diff line as text: "  matched   <- rule", "- missing", "+ unexpected   <- rule". */
export function formatDiffLine(line: DiffLine): string {
  const explanation = line.explanation !== undefined ? `   <- ${line.explanation}` : '';
  return `${DIFF_MARK[line.change]} ${line.text}${explanation}`;
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
  // The limits `apply` has (money/limits.ts): a test line cannot be what no invoice may be.
  const problem = limitProblem(parsed, field.endsWith('quantity') ? QUANTITY_PLACES : MAX_AMOUNT_PLACES);
  if (problem?.code === 'tooManyDigits')
    throw new InvalidGiven(
      `${field} ${value} has more than ${problem.digits} digits before the decimal point`,
    );
  if (problem?.code === 'tooManyDecimals')
    throw new InvalidGiven(`${field} ${value} has more than ${problem.places} decimal places`);
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
  const billingType: BillingType = pick(BILLING_TYPES, given.billingType ?? 'Chargeable', 'billing type');
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
    billingType,
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
    billingType,
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
): { same: boolean; diff: DiffLine[] } {
  const unmatched = actual.slice();
  const diff: DiffLine[] = [];
  let same = true;
  for (const e of expected) {
    const index = unmatched.findIndex((a) => expectationMatches(e, a));
    if (index >= 0) {
      const [a] = unmatched.splice(index, 1);
      diff.push({ change: 'matched', text: describeActual(a!), explanation: a!.explanation });
    } else {
      same = false;
      diff.push({ change: 'missing', text: describeActual(e) });
    }
  }
  for (const a of unmatched) {
    same = false;
    diff.push({ change: 'unexpected', text: describeActual(a), explanation: a.explanation });
  }
  return { same, diff };
}

async function runOne(
  test: RuleTestDefinition,
  executor: Executor,
  language: Language,
): Promise<RuleTestResult> {
  const result: RuleTestResult = {
    name: test.name,
    source: test.source,
    passed: false,
    expected: test.expect.actuals,
    actual: [],
    diff: [],
    failures: [],
  };
  const fail = failWith(result, language);
  let outcome: LineOutcome | undefined;
  try {
    outcome = await correctLine(lineCorrectionOfTest(test), executor);
  } catch (error) {
    if (error instanceof InvalidGiven) {
      fail('ruleTest.invalidGiven', { detail: error.message });
      return finish(result);
    }
    if (!isEngineError(error)) {
      fail('ruleTest.unexpectedError', { message: String(error instanceof Error ? error.message : error) });
      return finish(result);
    }
    return finish(judgeRefusal(test, error, result, language));
  }

  result.scenario = outcome.scenario;
  result.actual = outcome.actuals.map(summarise);
  result.milestoneStatus = outcome.milestone?.status;
  if (test.expect.error) {
    fail('ruleTest.expectedError', { kind: test.expect.error.kind, count: outcome.actuals.length });
  }
  if (test.expect.scenario !== undefined && test.expect.scenario !== outcome.scenario) {
    fail('ruleTest.wrongScenario', { expected: test.expect.scenario, actual: outcome.scenario });
  }
  if (test.expect.actuals) {
    const { same, diff } = diffActuals(test.expect.actuals, result.actual);
    result.diff = diff;
    if (!same) fail('ruleTest.actualsDiffer');
  } else {
    result.diff = result.actual.map((a) => ({
      change: 'matched',
      text: describeActual(a),
      explanation: a.explanation,
    }));
  }
  if (test.expect.milestoneStatus !== undefined && test.expect.milestoneStatus !== result.milestoneStatus) {
    fail('ruleTest.wrongMilestoneStatus', {
      expected: test.expect.milestoneStatus,
      actual: result.milestoneStatus ?? '-',
    });
  }
  result.passed = result.failures.length === 0;
  return finish(result);
}

function failWith(result: RuleTestResult, language: Language) {
  return (code: EngineMessageKey, params: Params = {}): void => {
    result.failures.push({ code, params, message: translateEngineMessage(language, code, params) });
  };
}

/** `failure`: the failures' messages together, for readers that want one text. */
function finish(result: RuleTestResult): RuleTestResult {
  if (result.failures.length > 0) {
    result.passed = false;
    result.failure = result.failures.map((f) => f.message).join('\n');
  }
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
  const fail = failWith(result, language);
  const message = error.localized(language);
  result.error = { code: error.code, message };
  if (typeof error.params.scenario === 'string') result.scenario = error.params.scenario;
  const expected = test.expect.error;
  const kind = REFUSAL_KINDS[error.code];
  if (!expected) {
    fail('ruleTest.unexpectedError', { message });
  } else if (kind !== expected.kind) {
    fail('ruleTest.wrongErrorKind', { expected: expected.kind, actual: kind ?? error.code, message });
  } else if (
    expected.message !== undefined &&
    ![message, error.message].some((text) => text.toLowerCase().includes(expected.message!.toLowerCase()))
  ) {
    fail('ruleTest.wrongErrorMessage', { expected: expected.message, actual: message });
  } else if (test.expect.scenario !== undefined && test.expect.scenario !== result.scenario) {
    fail('ruleTest.wrongScenario', { expected: test.expect.scenario, actual: result.scenario ?? '-' });
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
