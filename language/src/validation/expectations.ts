/**
 * The expectations of a rule test: amounts that fit the line, one outcome only (actuals, `unsupported`
 * or `uncovered`), and an expected scenario that can match the given line and agrees with the outcome.
 */
import type { ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { cellsOf } from './fact-tests.js';
import { AMOUNT_ONLY_CLASSES, checkAmountCurrency, currencyOf, isKnownClass } from './given-line.js';
import { checkPlaces } from './given-numbers.js';
import { IssueCodes } from './issue-codes.js';
import { checkMilestoneStatus } from './milestone-status.js';

/**
 * Class, advance state and billing method of a test line are known before any arithmetic, so a scenario
 * that excludes them can never be the one the test expects.
 */
export function scenarioFitsGiven(scenario: ast.Scenario, given: ast.Given): boolean {
  const billing = given.productBased ? 'product' : 'resource';
  const advance = given.advanceState ?? (given.class === 'Retainer' ? undefined : 'none');
  const cells = cellsOf(scenario);
  if (!cells) return true; // its `when` clause has a syntax error: nothing to compare yet
  return cells.some(
    (cell) =>
      cell.class === given.class &&
      cell.billingMethod === billing &&
      (advance === undefined || cell.advanceState === advance),
  );
}

function checkScenarioFitsGiven(
  expectation: ast.ExpectScenario,
  given: ast.Given,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const scenario = expectation.scenario?.ref;
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
function checkOutcomeFitsScenario(
  test: ast.RuleTest,
  expectsActuals: boolean,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const expectation = test.expectations.find(ast.isExpectScenario);
  const scenario = expectation?.scenario?.ref;
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

export function checkExpectations(
  test: ast.RuleTest,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const given = test.given as ast.Given | undefined; // a test without its `given` line still has expectations
  const cls = given?.class;
  const amountOnly = AMOUNT_ONLY_CLASSES.has(cls ?? '');
  const currency = currencyOf(given);
  const expectations = test.expectations ?? [];
  let actuals = false;
  let refusals = 0;
  for (const expectation of expectations) {
    switch (expectation.$type) {
      case 'ExpectActual':
        actuals = true;
        if (expectation.quantity && amountOnly) {
          accept('error', t('test.quantityNotAllowed', { class: cls! }), {
            node: expectation,
            property: 'quantity',
            code: IssueCodes.typeError,
          });
        }
        if (expectation.quantity?.currency) {
          accept('error', t('test.currencyOnQuantity', { currency: expectation.quantity.currency }), {
            node: expectation.quantity,
            property: 'currency',
            code: IssueCodes.typeError,
          });
        }
        checkAmountCurrency(expectation.amount, currency, accept, t);
        checkPlaces(expectation.amount, currency, accept, t);
        break;
      case 'ExpectNoActuals':
        actuals = true;
        break;
      case 'ExpectUnsupported':
      case 'ExpectUncovered':
        refusals++;
        break;
      case 'ExpectMilestoneStatus':
        checkMilestoneStatus(expectation, 'test.unknownMilestoneStatus', accept, t);
        break;
      case 'ExpectScenario':
        if (given && isKnownClass(cls)) checkScenarioFitsGiven(expectation, given, accept, t);
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
  checkOutcomeFitsScenario(test, actuals, accept, t);
  if (expectations.length === 0) {
    accept('warning', t('test.noExpectation', { name: test.name }), {
      node: test,
      property: 'name',
      code: IssueCodes.noExpectation,
    });
  }
}
