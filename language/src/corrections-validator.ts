/**
 * Checks of rule sets and rule tests. The heavy ones (overlap, coverage) expand every scenario to the
 * cells it matches once and index the cells, so a file of thousands of scenarios validates in linear time.
 */
import {
  AstUtils,
  type IndexManager,
  type LangiumCoreServices,
  type ValidationAcceptor,
  type ValidationChecks,
} from 'langium';
import { CASE_DIMENSIONS, TRANSACTION_CLASSES, type CaseCell } from '../../engine/src/rules/case-space.js';
import { MILESTONE_STATUSES } from '../../engine/src/rules/definition.js';
import { isKnownCurrency, minorUnits } from '../../engine/src/money/currency.js';
import { ExactDecimal, type Decimal } from '../../engine/src/money/decimal.js';
import { QUANTITY_PLACES } from '../../engine/src/money/rounding.js';
import { ALL_CELLS, cellKey, closestValue, describeCells, domainOf, matchedCells } from './cells.js';
import { displayPath, factOf, factTestsOf } from './definition/to-definition.js';
import * as ast from './generated/ast.js';
import type { CorrectionsAstType } from './generated/ast.js';
import type { CorrectionsServices } from './corrections-module.js';
import { t, type MessageKey } from './messages.js';

/** Diagnostic codes: quick fixes and tools key on these. */
export const IssueCodes = {
  wrongFileKind: 'wrong-file-kind',
  unknownFactValue: 'unknown-fact-value',
  duplicateFact: 'duplicate-fact',
  duplicateScenario: 'duplicate-scenario',
  duplicateRuleSet: 'duplicate-ruleset',
  matchesNothing: 'matches-nothing',
  overlap: 'overlap',
  uncovered: 'uncovered',
  emptyScenario: 'empty-scenario',
  noDecision: 'no-decision',
  nothingToReverse: 'nothing-to-reverse',
  basisNotApplicable: 'basis-not-applicable',
  milestoneOnly: 'milestone-only',
  unknownMilestoneStatus: 'unknown-milestone-status',
  typeError: 'type-error',
  inconsistentGiven: 'inconsistent-given',
  duplicateTest: 'duplicate-test',
  conflictingExpectations: 'conflicting-expectations',
  scenarioMismatch: 'scenario-mismatch',
} as const;

/** Data on an `unknown-fact-value` / `unknown-milestone-status` diagnostic: the suggested value. */
export interface DidYouMeanData {
  suggestion: string;
}

/** Data on the `uncovered` diagnostic: the uncovered cells, for the quick fixes. */
export interface UncoveredData {
  cells: CaseCell[];
}

/** Scenario descriptions listed at most this many cells in a message; the rest is counted. */
const MAX_CELLS_IN_MESSAGE = 12;

function listCells(cells: readonly CaseCell[]): string {
  if (cells.length <= MAX_CELLS_IN_MESSAGE) return describeCells(cells);
  return `${describeCells(cells.slice(0, MAX_CELLS_IN_MESSAGE))}; … (+${cells.length - MAX_CELLS_IN_MESSAGE})`;
}

/** A message about a mistyped word, ending with the closest valid one when there is one. */
export function withSuggestion(message: string, suggestion: string | undefined): string {
  return suggestion ? `${message} ${t('fix.didYouMean', { value: suggestion })}` : message;
}

const LEDGER_REVERSALS = new Set(['billed|original', 'unbilled|reconciliation']);
const ADVANCE_BASES = new Set(['reconciliation', 'leftover']);
const AMOUNT_ONLY_CLASSES = new Set(['Milestone', 'Retainer']);
const CURRENCY_CODE = /^[A-Z]{3}$/;

export function registerValidationChecks(services: CorrectionsServices): void {
  const registry = services.validation.ValidationRegistry;
  const validator = services.validation.CorrectionsValidator;
  const checks: ValidationChecks<CorrectionsAstType> = {
    RuleSet: [validator.checkFileKind, validator.checkRuleSet, validator.checkUniqueRuleSetName],
    TestSuite: [validator.checkFileKind, validator.checkTestSuite],
    RuleTest: validator.checkRuleTest,
  };
  registry.register(checks, validator);
}

export class CorrectionsValidator {
  private readonly indexManager: IndexManager;

  constructor(services: LangiumCoreServices) {
    this.indexManager = services.shared.workspace.IndexManager;
  }

  /** Tests name their rule set, so a name must be unique across the workspace. */
  checkUniqueRuleSetName(ruleSet: ast.RuleSet, accept: ValidationAcceptor): void {
    const uri = AstUtils.getDocument(ruleSet).uri.toString();
    const other = this.indexManager
      .allElements('RuleSet')
      .find((description) => description.name === ruleSet.name && description.documentUri.toString() !== uri);
    if (other) {
      accept('error', t('ruleset.duplicate', { name: ruleSet.name, other: displayPath(other.documentUri) }), {
        node: ruleSet,
        property: 'name',
        code: IssueCodes.duplicateRuleSet,
      });
    }
  }

  checkFileKind(root: ast.RuleSet | ast.TestSuite, accept: ValidationAcceptor): void {
    const path = AstUtils.getDocument(root).uri.path;
    if (root.$type === 'TestSuite' && path.endsWith('.crules')) {
      accept('error', t('file.expectedRuleSet'), {
        node: root,
        keyword: 'tests',
        code: IssueCodes.wrongFileKind,
      });
    } else if (root.$type === 'RuleSet' && path.endsWith('.crtest')) {
      accept('error', t('file.expectedTests'), {
        node: root,
        keyword: 'ruleset',
        code: IssueCodes.wrongFileKind,
      });
    }
  }

  /** Everything about the scenarios of one rule set, with one expansion of each scenario to its cells. */
  checkRuleSet(ruleSet: ast.RuleSet, accept: ValidationAcceptor): void {
    const names = new Map<string, ast.Scenario>();
    const owner = new Map<string, ast.Scenario>();
    for (const scenario of ruleSet.scenarios) {
      const first = names.get(scenario.name);
      if (first) {
        accept('error', t('scenario.duplicate', { name: scenario.name }), {
          node: scenario,
          property: 'name',
          code: IssueCodes.duplicateScenario,
        });
      } else {
        names.set(scenario.name, scenario);
      }
      this.checkFactTests(scenario, accept);
      this.checkScenarioBody(scenario, accept);
      const cells = matchedCells(factTestsOf(scenario));
      if (cells.length === 0) {
        accept('warning', t('scenario.matchesNothing', { name: scenario.name }), {
          node: scenario.when ?? scenario,
          code: IssueCodes.matchesNothing,
        });
        continue;
      }
      this.checkActionsFitCells(scenario, cells, accept);
      // Overlap: report each later scenario once per earlier scenario it collides with.
      const collisions = new Map<ast.Scenario, CaseCell[]>();
      for (const cell of cells) {
        const key = cellKey(cell);
        const earlier = owner.get(key);
        if (earlier) {
          const list = collisions.get(earlier) ?? [];
          list.push(cell);
          collisions.set(earlier, list);
        } else {
          owner.set(key, scenario);
        }
      }
      for (const [earlier, shared] of collisions) {
        accept(
          'error',
          t('scenario.overlap', { name: scenario.name, other: earlier.name, cells: listCells(shared) }),
          { node: scenario.when ?? scenario, code: IssueCodes.overlap, data: { other: earlier.name } },
        );
      }
    }
    const uncovered = ALL_CELLS.filter((cell) => !owner.has(cellKey(cell)));
    if (uncovered.length > 0) {
      const data: UncoveredData = { cells: uncovered };
      accept(
        'warning',
        t('ruleset.uncovered', { count: uncovered.length, cells: describeCells(uncovered) }),
        {
          node: ruleSet,
          property: 'name',
          code: IssueCodes.uncovered,
          data,
        },
      );
    }
  }

  private checkFactTests(scenario: ast.Scenario, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const test of scenario.when?.tests ?? []) {
      if (seen.has(test.fact)) {
        accept('error', t('fact.duplicate', { fact: test.fact }), {
          node: test,
          property: 'fact',
          code: IssueCodes.duplicateFact,
        });
      }
      seen.add(test.fact);
      const domain = domainOf(factOf(test.fact));
      test.values.forEach((value, index) => {
        if (domain.includes(value)) return;
        const suggestion = closestValue(value, domain);
        const message = t('fact.unknownValue', { value, fact: test.fact, valid: domain.join(', ') });
        accept('error', withSuggestion(message, suggestion), {
          node: test,
          property: 'values',
          index,
          code: IssueCodes.unknownFactValue,
          data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
        });
      });
      if (test.negated && domain.every((value) => test.values.includes(value))) {
        accept('warning', t('fact.excludesEverything', { fact: test.fact }), { node: test });
      }
    }
  }

  private checkScenarioBody(scenario: ast.Scenario, accept: ValidationAcceptor): void {
    if (!scenario.unsupported && !scenario.noActuals && scenario.actions.length === 0) {
      accept('error', t('scenario.empty', { name: scenario.name }), {
        node: scenario,
        property: 'name',
        code: IssueCodes.emptyScenario,
      });
    }
    if (scenario.row !== undefined && !/^[0-9]+$/.test(scenario.row)) {
      accept('error', t('scenario.rowNotInteger', { row: scenario.row }), {
        node: scenario,
        property: 'row',
      });
    }
    if (scenario.row === undefined && scenario.reason === undefined) {
      accept('info', t('scenario.noDecision', { name: scenario.name }), {
        node: scenario,
        property: 'name',
        code: IssueCodes.noDecision,
      });
    }
    if (scenario.unsupported && scenario.unsupported.message.trim() === '') {
      accept('error', t('unsupported.emptyMessage'), { node: scenario.unsupported, property: 'message' });
    }
    const created = new Set<string>();
    for (const action of scenario.actions) {
      if (action.$type === 'SetMilestoneStatus') {
        this.checkMilestoneStatus(action, 'action.unknownMilestoneStatus', accept);
        continue;
      }
      const key = `${action.transactionType}|${action.basis}`;
      if (!action.reversal) {
        created.add(key);
      } else if (!LEDGER_REVERSALS.has(key) && !created.has(key)) {
        accept(
          'error',
          t('action.nothingToReverse', {
            type: action.transactionType,
            basis: action.basis,
            scenario: scenario.name,
          }),
          { node: action, code: IssueCodes.nothingToReverse },
        );
      }
    }
  }

  /** Actions that only make sense for some classes must not be reachable from other classes. */
  /** A milestone status named in a rule action or a test expectation must be one the engine knows. */
  private checkMilestoneStatus(
    node: ast.SetMilestoneStatus | ast.ExpectMilestoneStatus,
    messageKey: 'action.unknownMilestoneStatus' | 'test.unknownMilestoneStatus',
    accept: ValidationAcceptor,
  ): void {
    if ((MILESTONE_STATUSES as readonly string[]).includes(node.status)) return;
    const suggestion = closestValue(node.status, MILESTONE_STATUSES);
    accept(
      'error',
      withSuggestion(t(messageKey, { value: node.status, valid: MILESTONE_STATUSES.join(', ') }), suggestion),
      {
        node,
        property: 'status',
        code: IssueCodes.unknownMilestoneStatus,
        data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
      },
    );
  }

  private checkActionsFitCells(scenario: ast.Scenario, cells: CaseCell[], accept: ValidationAcceptor): void {
    for (const action of scenario.actions) {
      if (action.$type === 'SetMilestoneStatus') {
        const others = cells.filter((cell) => cell.class !== 'Milestone');
        if (others.length > 0) {
          accept('error', t('action.milestoneOnly', { scenario: scenario.name, cells: listCells(others) }), {
            node: action,
            code: IssueCodes.milestoneOnly,
          });
        }
      } else if (ADVANCE_BASES.has(action.basis)) {
        const others = cells.filter((cell) => cell.class !== 'Retainer');
        if (others.length > 0) {
          accept(
            'error',
            t('action.advanceOnly', {
              basis: action.basis,
              scenario: scenario.name,
              cells: listCells(others),
            }),
            { node: action, property: 'basis', code: IssueCodes.basisNotApplicable },
          );
        }
      }
    }
  }

  checkTestSuite(suite: ast.TestSuite, accept: ValidationAcceptor): void {
    const names = new Set<string>();
    for (const test of suite.tests) {
      if (names.has(test.name)) {
        accept('error', t('test.duplicate', { name: test.name }), {
          node: test,
          property: 'name',
          code: IssueCodes.duplicateTest,
        });
      }
      names.add(test.name);
    }
  }

  private checkScenarioFitsGiven(
    expectation: ast.ExpectScenario,
    given: ast.Given,
    accept: ValidationAcceptor,
  ): void {
    const scenario = expectation.scenario.ref;
    if (!scenario || scenarioFitsGiven(scenario, given)) return;
    const line = [
      given.class,
      t(`cell.${given.advanceState ?? 'none'}` as MessageKey),
      t(given.productBased ? 'cell.product' : 'cell.resource'),
    ].join(', ');
    accept('error', t('test.scenarioMismatch', { scenario: scenario.name, line }), {
      node: expectation,
      property: 'scenario',
      code: IssueCodes.scenarioMismatch,
    });
  }

  /** `expect unsupported` needs an unsupported scenario; expected actuals need one that creates them. */
  private checkOutcomeFitsScenario(
    test: ast.RuleTest,
    expectsActuals: boolean,
    accept: ValidationAcceptor,
  ): void {
    const expectation = test.expectations.find(ast.isExpectScenario);
    const scenario = expectation?.scenario.ref;
    if (!expectation || !scenario) return;
    const unsupported = test.expectations.some(ast.isExpectUnsupported);
    if (unsupported && !scenario.unsupported) {
      accept('error', t('test.scenarioNotUnsupported', { scenario: scenario.name }), {
        node: expectation,
        property: 'scenario',
        code: IssueCodes.conflictingExpectations,
      });
    } else if (expectsActuals && scenario.unsupported) {
      accept('error', t('test.scenarioUnsupported', { scenario: scenario.name }), {
        node: expectation,
        property: 'scenario',
        code: IssueCodes.conflictingExpectations,
      });
    }
  }

  /**
   * The numbers of a test line, as the engine takes them on a real invoice: not negative, amounts within
   * the currency's decimal places, quantities within 2; otherwise the test would run a case `apply`
   * refuses, or expect an amount no actual can have.
   */
  private checkGivenNumbers(
    given: ast.Given,
    currency: string | undefined,
    accept: ValidationAcceptor,
  ): void {
    const measures = [given.quantity, given.amount, given.correctedQuantity, given.correctedAmount];
    for (const measure of [...measures, given.reconciledAmount]) {
      if (measure && isNegative(measure.value)) {
        accept('error', t('test.negative', { value: measure.value }), {
          node: measure,
          property: 'value',
          code: IssueCodes.typeError,
        });
      }
    }
    for (const quantity of [given.quantity, given.correctedQuantity]) {
      if (quantity && decimalPlaces(quantity.value) > QUANTITY_PLACES) {
        accept('error', t('test.quantityTooPrecise', { value: quantity.value, places: QUANTITY_PLACES }), {
          node: quantity,
          property: 'value',
          code: IssueCodes.typeError,
        });
      }
    }
    for (const amount of [given.amount, given.correctedAmount, given.reconciledAmount]) {
      checkPlaces(amount, currency, accept);
    }
    // Fewer units for more money: its remainder (units back in the backlog) would have a negative amount.
    const [quantity, correctedQuantity, amount, correctedAmount] = [
      given.quantity,
      given.correctedQuantity,
      given.amount,
      given.correctedAmount,
    ].map((measure) => (measure ? decimalOf(measure.value) : undefined));
    if (
      quantity &&
      correctedQuantity &&
      amount &&
      correctedAmount &&
      correctedQuantity.lt(quantity) &&
      correctedAmount.gt(amount)
    ) {
      accept('error', t('test.quantityDownAmountUp'), {
        node: given.correctedAmount!,
        property: 'value',
        code: IssueCodes.typeError,
      });
    }
    // An advance cannot apply more than itself against charges, before or after the correction.
    const reconciled = given.reconciledAmount ? decimalOf(given.reconciledAmount.value) : undefined;
    for (const amount of [given.amount, given.correctedAmount]) {
      const value = amount ? decimalOf(amount.value) : undefined;
      if (reconciled && value && !value.isZero() && reconciled.gt(value)) {
        accept(
          'error',
          t('test.reconciledAboveAdvance', {
            reconciled: given.reconciledAmount!.value,
            amount: amount!.value,
          }),
          {
            node: given.reconciledAmount!,
            property: 'value',
            code: IssueCodes.typeError,
          },
        );
      }
    }
  }

  checkRuleTest(test: ast.RuleTest, accept: ValidationAcceptor): void {
    const given = test.given;
    const cls = given.class;
    const known = (TRANSACTION_CLASSES as readonly string[]).includes(cls);
    if (!known) {
      const suggestion = closestValue(cls, TRANSACTION_CLASSES);
      const message = t('test.unknownClass', { value: cls, valid: TRANSACTION_CLASSES.join(', ') });
      accept('error', withSuggestion(message, suggestion), {
        node: given,
        property: 'class',
        code: IssueCodes.unknownFactValue,
        data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
      });
    }
    const inconsistent = (message: string, property: Exclude<keyof ast.Given, `$${string}`>): void =>
      accept('error', message, { node: given, property, code: IssueCodes.inconsistentGiven });
    const typeError = (message: string, node: ast.Measure): void =>
      accept('error', message, { node, property: 'currency', code: IssueCodes.typeError });

    if (known && cls !== 'Retainer' && given.advanceState) {
      inconsistent(t('test.advanceOnNonAdvance', { class: cls }), 'advanceState');
    }
    if (cls === 'Retainer' && !given.advanceState) inconsistent(t('test.advanceMissing'), 'class');
    if (given.reconciledAmount && given.advanceState !== 'reconciled') {
      inconsistent(t('test.reconciledWithoutReconciledState'), 'reconciledAmount');
    }
    const amountOnly = AMOUNT_ONLY_CLASSES.has(cls);
    for (const property of ['quantity', 'correctedQuantity'] as const) {
      const measure = given[property];
      if (measure && amountOnly) inconsistent(t('test.quantityNotAllowed', { class: cls }), property);
      // No value: the parser already reported the word it could not read as a number.
      if (measure?.currency && measure.value) {
        typeError(t('test.currencyOnQuantity', { currency: measure.currency }), measure);
      }
    }
    if (known && !amountOnly && !given.quantity)
      inconsistent(t('test.quantityRequired', { class: cls }), 'class');
    if (!given.correctedQuantity && !given.correctedAmount) inconsistent(t('test.correctedEmpty'), 'class');

    const currency = given.amount?.currency;
    if (!given.amount) {
      inconsistent(t('test.amountRequired'), 'class');
    } else if (!currency) {
      accept('error', t('test.currencyRequired'), {
        node: given.amount,
        property: 'value',
        code: IssueCodes.typeError,
      });
    } else if (!CURRENCY_CODE.test(currency)) {
      typeError(t('test.currencyInvalid', { currency }), given.amount);
    } else if (!isKnownCurrency(currency)) {
      typeError(t('test.currencyUnknown', { currency }), given.amount);
    }
    this.checkGivenNumbers(given, currency, accept);
    const checkAmountCurrency = (measure: ast.Measure | undefined): void => {
      if (measure?.currency && currency && measure.currency !== currency) {
        typeError(t('test.currencyMismatch', { currency: measure.currency, expected: currency }), measure);
      }
    };
    checkAmountCurrency(given.correctedAmount);
    checkAmountCurrency(given.reconciledAmount);

    let actuals = false;
    let refusals = 0;
    for (const expectation of test.expectations) {
      switch (expectation.$type) {
        case 'ExpectActual':
          actuals = true;
          if (expectation.quantity && amountOnly) {
            accept('error', t('test.quantityNotAllowed', { class: cls }), {
              node: expectation,
              property: 'quantity',
              code: IssueCodes.typeError,
            });
          }
          if (expectation.quantity?.currency) {
            typeError(
              t('test.currencyOnQuantity', { currency: expectation.quantity.currency }),
              expectation.quantity,
            );
          }
          checkAmountCurrency(expectation.amount);
          checkPlaces(expectation.amount, currency, accept);
          break;
        case 'ExpectNoActuals':
          actuals = true;
          break;
        case 'ExpectUnsupported':
        case 'ExpectUncovered':
          refusals++;
          break;
        case 'ExpectMilestoneStatus':
          this.checkMilestoneStatus(expectation, 'test.unknownMilestoneStatus', accept);
          break;
        case 'ExpectScenario':
          if (known) this.checkScenarioFitsGiven(expectation, given, accept);
          break;
      }
    }
    if (refusals > 1 || (refusals > 0 && actuals)) {
      accept('error', t('test.conflictingOutcome'), {
        node: test,
        property: 'name',
        code: IssueCodes.conflictingExpectations,
      });
    }
    this.checkOutcomeFitsScenario(test, actuals, accept);
    if (test.expectations.length === 0) {
      accept('warning', t('test.noExpectation', { name: test.name }), { node: test, property: 'name' });
    }
  }
}

/** Significant decimal places, as the engine counts them (1600.50 has 1; trailing zeros are not digits lost). */
function decimalPlaces(text: string): number {
  try {
    return new ExactDecimal(text.trim()).decimalPlaces();
  } catch {
    return 0; // not a number: the parser has reported it
  }
}

function decimalOf(text: string): Decimal | undefined {
  try {
    return new ExactDecimal(text.trim());
  } catch {
    return undefined;
  }
}

function isNegative(text: string): boolean {
  try {
    return new ExactDecimal(text.trim()).isNegative() && !new ExactDecimal(text.trim()).isZero();
  } catch {
    return false;
  }
}

/** An amount finer than its currency (16.005 USD) would be rounded away by the engine: say so. */
function checkPlaces(
  amount: ast.Measure | undefined,
  currency: string | undefined,
  accept: ValidationAcceptor,
): void {
  if (!amount || !currency || !isKnownCurrency(currency)) return;
  const places = minorUnits(currency);
  if (decimalPlaces(amount.value) > places) {
    accept('error', t('test.tooPrecise', { value: amount.value, currency, places }), {
      node: amount,
      property: 'value',
      code: IssueCodes.typeError,
    });
  }
}

/**
 * Class, advance state and billing method of a test line are known before any arithmetic, so a scenario
 * that excludes them can never be the one the test expects.
 */
function scenarioFitsGiven(scenario: ast.Scenario, given: ast.Given): boolean {
  const billing = given.productBased ? 'product' : 'resource';
  const advance = given.advanceState ?? (given.class === 'Retainer' ? undefined : 'none');
  return matchedCells(factTestsOf(scenario)).some(
    (cell) =>
      cell.class === given.class &&
      cell.billingMethod === billing &&
      (advance === undefined || cell.advanceState === advance),
  );
}

/** The valid values of each fact, for completion and hover. */
export const FACT_VALUES: Record<string, readonly string[]> = {
  class: CASE_DIMENSIONS.class,
  credit: CASE_DIMENSIONS.creditKind,
  advance: CASE_DIMENSIONS.advanceState,
  billing: CASE_DIMENSIONS.billingMethod,
};
