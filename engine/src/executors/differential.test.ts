import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../compiler/compile.js';
import { correctLine, correctLineSync } from '../correction/correct-line.js';
import { randomLine, settle, settleAsync } from '../testing/random-lines.js';
import { randomRuleSet } from '../testing/random-ruleset.js';
import { shippedRuleSet } from '../testing/shipped-ruleset.js';
import { createFastExecutor } from './fast.js';
import { createReferenceExecutor } from './reference.js';

// Both executors run the same compiled JSON; after materialisation their actuals (or their errors)
// must be identical, byte for byte as JSON. Sized for >= 10,000 cases per run.
const RANDOM_RULE_SETS = 120;
const LINES_PER_RULE_SET = 50;
const SAMPLE_LINES = 4_000;

describe('reference and fast executors give identical actuals', () => {
  it('are compared on at least 10,000 cases per run', () => {
    expect(RANDOM_RULE_SETS * LINES_PER_RULE_SET + SAMPLE_LINES).toBeGreaterThanOrEqual(10_000);
  });

  it(`on random rule sets (${RANDOM_RULE_SETS} x ${LINES_PER_RULE_SET} lines)`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        randomRuleSet,
        fc.array(randomLine({ inapplicable: true, missingLedger: true }), {
          minLength: LINES_PER_RULE_SET,
          maxLength: LINES_PER_RULE_SET,
        }),
        async (definition, lines) => {
          const compiled = compileRuleSet(definition);
          const reference = createReferenceExecutor(compiled);
          const fast = createFastExecutor(compiled);
          for (const line of lines) {
            cases++;
            const expected = await settleAsync(() => correctLine(line, reference));
            expect(settle(() => correctLineSync(line, fast))).toBe(expected);
          }
        },
      ),
      { numRuns: RANDOM_RULE_SETS },
    );
    expect(cases).toBe(RANDOM_RULE_SETS * LINES_PER_RULE_SET);
  });

  it(`on the shipped table (${SAMPLE_LINES} lines)`, async () => {
    const compiled = compileRuleSet(shippedRuleSet());
    const reference = createReferenceExecutor(compiled);
    const fast = createFastExecutor(compiled);
    const outcomes = new Set<string>();
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(randomLine({ inapplicable: true, missingLedger: true }), async (line) => {
        cases++;
        const expected = await settleAsync(() => correctLine(line, reference));
        expect(settle(() => correctLineSync(line, fast))).toBe(expected);
        outcomes.add(JSON.parse(expected).scenario ?? JSON.parse(expected).error);
      }),
      { numRuns: SAMPLE_LINES },
    );
    expect(cases).toBe(SAMPLE_LINES);
    // The random lines reach every scenario and every kind of refusal.
    expect([...outcomes].sort()).toEqual(
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
