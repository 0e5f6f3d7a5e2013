/**
 * The `when` clause of a scenario: each fact tested once, every value in its fact's domain. Also the
 * clause as fact tests for the case space, skipping tests the parser could only read in part.
 */
import type { ValidationAcceptor } from 'langium';
import type { CaseCell, FactName } from '#engine';
import type { Translate } from '#engine/i18n';
import { closestValue, domainOf, FACT_WORDS, matchedCells } from '../cells.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes, type DidYouMeanData } from './issue-codes.js';
import { withSuggestion } from './suggestions.js';

export interface CaseSpaceTest {
  fact: FactName;
  operator: 'in' | 'notIn';
  values: string[];
}

/**
 * The fact tests of a scenario, or undefined when the parser could not read one of them (a fact word
 * broken by a space, `billi ng`): which cells such a scenario matches is unknown, so it takes no part
 * in the checks on cells until the syntax error is fixed.
 */
export function caseSpaceTests(scenario: ast.Scenario): CaseSpaceTest[] | undefined {
  const tests: CaseSpaceTest[] = [];
  for (const test of scenario.when?.tests ?? []) {
    const fact = test.fact === undefined ? undefined : FACT_WORDS[test.fact];
    if (!fact) return undefined;
    const values = (test.values ?? []).filter((value): value is string => typeof value === 'string');
    tests.push({ fact, operator: test.negated ? 'notIn' : 'in', values });
  }
  return tests;
}

/** The cells a scenario matches; undefined when its `when` clause could not be read. */
export function cellsOf(scenario: ast.Scenario): CaseCell[] | undefined {
  const tests = caseSpaceTests(scenario);
  return tests && matchedCells(tests);
}

export function checkFactTests(
  scenario: ast.Scenario,
  accept: ValidationAcceptor,
  t: Translate<MessageKey>,
): void {
  const seen = new Set<string>();
  for (const test of scenario.when?.tests ?? []) {
    const fact = test.fact === undefined ? undefined : FACT_WORDS[test.fact];
    if (!fact) continue; // the parser reported the word it could not read
    if (seen.has(test.fact)) {
      accept('error', t('fact.duplicate', { fact: test.fact }), {
        node: test,
        property: 'fact',
        code: IssueCodes.duplicateFact,
      });
    }
    seen.add(test.fact);
    const domain = domainOf(fact);
    (test.values ?? []).forEach((value, index) => {
      if (typeof value !== 'string' || domain.includes(value)) return;
      const suggestion = closestValue(value, domain);
      const message = t('fact.unknownValue', { value, fact: test.fact, valid: domain.join(', ') });
      accept('error', withSuggestion(t, message, suggestion), {
        node: test,
        property: 'values',
        index,
        code: IssueCodes.unknownFactValue,
        data: suggestion ? ({ suggestion } satisfies DidYouMeanData) : undefined,
      });
    });
    if (test.negated && domain.every((value) => test.values.includes(value))) {
      accept('warning', t('fact.excludesEverything', { fact: test.fact }), {
        node: test,
        code: IssueCodes.excludesEverything,
      });
    }
  }
}
