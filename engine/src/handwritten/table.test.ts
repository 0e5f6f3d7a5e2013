import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { correctLineSync } from '../correction/correct-line.js';
import type { LineOutcome } from '../correction/materialise.js';
import { createFastExecutor } from '../executors/fast.js';
import { randomLine, settle } from '../testing/random-lines.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { handwrittenTable } from './table.js';

const fast = createFastExecutor(compileRuleSet(shippedRuleSet()));

/** The hand-written table cannot know rules-file positions: compare everything else. */
function withoutSources(outcome: LineOutcome): LineOutcome {
  const strip = (actuals: LineOutcome['actuals']) =>
    actuals.map((a) => ({
      ...a,
      explanation: a.explanation && { ruleSet: a.explanation.ruleSet, scenario: a.explanation.scenario },
    }));
  return { ...outcome, actuals: strip(outcome.actuals) };
}

describe('hand-written table', () => {
  it('agrees with the fast executor on the shipped rules, actual for actual', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(randomLine({ inapplicable: true, missingLedger: true }), (line) => {
        const expected = settle(() => withoutSources(correctLineSync(line, fast)));
        expect(settle(() => handwrittenTable(line))).toBe(expected);
        seen.add(JSON.parse(expected).scenario ?? JSON.parse(expected).error);
      }),
      { numRuns: 3000 },
    );
    // Every scenario of the shipped table that creates actuals, and every kind of refusal, was reached.
    expect([...seen].sort()).toEqual(
      [
        ...shippedRuleSet()
          .scenarios.filter((s) => s.outcome.kind === 'actions')
          .map((s) => s.name),
        'correction.missingBilledActual',
        'correction.missingReconciliationActual',
        'rules.uncovered',
        'rules.unsupported',
      ].sort(),
    );
  });
});
