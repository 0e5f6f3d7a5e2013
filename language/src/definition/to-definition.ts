/**
 * AST -> the language-neutral contract of the engine (`RuleSetDefinition`, `RuleTestDefinition`).
 * Decimal literals stay strings; every element carries its 1-based source range and file.
 */
import { AstUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import {
  type ActionDefinition,
  type BillingType,
  type Basis,
  type ExpectedActual,
  type FactTest,
  type MilestoneStatus,
  type RuleSetDefinition,
  type RuleTestDefinition,
  type ScenarioDefinition,
  type SourceRange,
  type TransactionType,
  AS_ORIGINAL,
  type FactName,
} from '#engine';
import { FACT_WORDS } from '../cells.js';
import type * as ast from '../generated/ast.js';

/** A file path for `file:` URIs (what a terminal shows), the URI text otherwise. */
export function displayPath(uri: URI | string): string {
  const parsed = typeof uri === 'string' ? URI.parse(uri) : uri;
  return parsed.scheme === 'file' ? parsed.fsPath : parsed.toString();
}

/** The 1-based range of a node (or of one of its properties), with the file it is in. */
export function sourceRangeOf(node: AstNode, file?: string): SourceRange | undefined {
  const cst = node.$cstNode;
  if (!cst) return undefined;
  const range = cst.range;
  const path = file ?? displayPath(AstUtils.getDocument(node).uri);
  return {
    file: path,
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

const TRANSACTION_TYPE: Record<string, TransactionType> = {
  billed: 'BilledSales',
  unbilled: 'UnbilledSales',
};

const BILLING_TYPE: Record<string, BillingType> = {
  chargeable: 'Chargeable',
  'non-chargeable': 'NonChargeable',
  complimentary: 'Complimentary',
  'not-available': 'NotAvailable',
};

/** The case-space fact a grammar word (`class`, `credit`, `advance`, `billing`) stands for. */
export function factOf(word: string): FactName {
  const fact = FACT_WORDS[word];
  if (!fact) throw new Error(`unknown fact word ${word}`);
  return fact;
}

export function factTestsOf(scenario: ast.Scenario, file?: string): FactTest[] {
  return (scenario.when?.tests ?? []).map((test) => ({
    fact: factOf(test.fact),
    operator: test.negated ? 'notIn' : 'in',
    values: [...test.values],
    source: file === undefined ? undefined : sourceRangeOf(test, file),
  }));
}

function actionOf(action: ast.Action, file: string): ActionDefinition {
  const source = sourceRangeOf(action, file);
  if (action.$type === 'SetMilestoneStatus') {
    return { kind: 'setMilestoneStatus', status: action.status as MilestoneStatus, source };
  }
  const transactionType = TRANSACTION_TYPE[action.transactionType]!;
  const basis = action.basis as Basis;
  if (action.reversal) return { kind: 'reverse', transactionType, basis, source };
  return {
    kind: 'create',
    transactionType,
    basis,
    sign: action.negative ? 'negative' : 'positive',
    // The table's new actuals are chargeable unless it says otherwise.
    billingType: action.originalBillingType
      ? AS_ORIGINAL
      : action.billingType
        ? BILLING_TYPE[action.billingType]!
        : 'Chargeable',
    source,
  };
}

export function toScenarioDefinition(scenario: ast.Scenario, file: string): ScenarioDefinition {
  const outcome: ScenarioDefinition['outcome'] = scenario.unsupported
    ? {
        kind: 'unsupported',
        message: scenario.unsupported.message,
        source: sourceRangeOf(scenario.unsupported, file),
      }
    : { kind: 'actions', actions: scenario.actions.map((action) => actionOf(action, file)) };
  return {
    name: scenario.name,
    title: scenario.title,
    when: factTestsOf(scenario, file),
    outcome,
    source: sourceRangeOf(scenario, file),
  };
}

export function toRuleSetDefinition(ruleSet: ast.RuleSet, document?: LangiumDocument): RuleSetDefinition {
  const file = displayPath((document ?? AstUtils.getDocument(ruleSet)).uri);
  return {
    name: ruleSet.name,
    title: ruleSet.title,
    scenarios: ruleSet.scenarios.map((scenario) => toScenarioDefinition(scenario, file)),
    source: sourceRangeOf(ruleSet, file),
  };
}

function expectedActualOf(expectation: ast.ExpectActual, file: string): ExpectedActual {
  return {
    transactionType: TRANSACTION_TYPE[expectation.transactionType]!,
    reversal: expectation.reversal,
    quantity: expectation.quantity?.value,
    amount: expectation.amount.value,
    billingType: expectation.billingType ? BILLING_TYPE[expectation.billingType] : undefined,
    source: sourceRangeOf(expectation, file),
  };
}

/** Lines with only an amount (milestones, advances) carry quantity 0, so credit kinds follow the amount. */
const AMOUNT_ONLY_CLASSES = new Set(['Milestone', 'Retainer']);

export function toRuleTestDefinition(test: ast.RuleTest, file: string): RuleTestDefinition {
  const given = test.given;
  const amountOnly = AMOUNT_ONLY_CLASSES.has(given.class);
  const expect: RuleTestDefinition['expect'] = {};
  const actuals: ExpectedActual[] = [];
  let expectsActuals = false;
  for (const expectation of test.expectations) {
    switch (expectation.$type) {
      case 'ExpectScenario':
        expect.scenario = expectation.scenario.ref?.name ?? expectation.scenario.$refText;
        break;
      case 'ExpectActual':
        actuals.push(expectedActualOf(expectation, file));
        expectsActuals = true;
        break;
      case 'ExpectNoActuals':
        expectsActuals = true;
        break;
      case 'ExpectMilestoneStatus':
        expect.milestoneStatus = expectation.status;
        break;
      case 'ExpectUnsupported':
        expect.error = { kind: 'unsupported', message: expectation.message };
        break;
      case 'ExpectUncovered':
        expect.error = { kind: 'uncovered' };
        break;
    }
  }
  if (expectsActuals) expect.actuals = actuals;
  return {
    name: test.name,
    given: {
      class: given.class,
      billingMethod: given.productBased ? 'product' : 'resource',
      billingType: given.billingType ? BILLING_TYPE[given.billingType] : undefined,
      advanceState: given.advanceState ?? (given.class === 'Retainer' ? undefined : 'none'),
      currency: given.amount?.currency ?? '',
      original: {
        quantity: given.quantity?.value ?? (amountOnly ? '0' : ''),
        amount: given.amount?.value ?? '',
      },
      corrected: {
        quantity: given.correctedQuantity?.value ?? (amountOnly ? '0' : undefined),
        amount: given.correctedAmount?.value,
      },
      reconciledAmount: given.reconciledAmount?.value,
    },
    expect,
    source: sourceRangeOf(test, file),
  };
}

export function toRuleTestDefinitions(
  suite: ast.TestSuite,
  document?: LangiumDocument,
): RuleTestDefinition[] {
  const file = displayPath((document ?? AstUtils.getDocument(suite)).uri);
  return suite.tests.map((test) => toRuleTestDefinition(test, file));
}
