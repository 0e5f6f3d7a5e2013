import { describe, expect, it } from 'vitest';
import { validationHelper } from 'langium/test';
import type { RuleSet } from '../generated/ast.js';
import { services } from '../test/checks.js';
import { COMPLETE_RULESET } from '../test/services.js';
import { generateLargeRuleSet } from '../testing/generate-large-ruleset.js';
import { MAX_PER_CODE } from './diagnostic-cap.js';
import { IssueCodes } from './issue-codes.js';

const validateRules = validationHelper<RuleSet>(services);
let runs = 0;
const validate = (text: string) => validateRules(text, { documentUri: `memory:///rules-${++runs}.crules` });

describe('the scenarios of a rule set', () => {
  it('reports a duplicate scenario name on the second one, and a rule set name used by another file', async () => {
    const twice = `${COMPLETE_RULESET}\nscenario Others {\n  when class is Time\n  because "x"\n  no actuals\n}\n`;
    const result = await validate(twice);
    expect(
      result.diagnostics
        .filter((d) => d.code === IssueCodes.duplicateScenario)
        .map((d) => d.range.start.line),
    ).toEqual([twice.split('\n').lastIndexOf('scenario Others {')]);
    const other = await validate(COMPLETE_RULESET);
    expect(other.diagnostics.map((d) => d.code)).toContain(IssueCodes.duplicateRuleSet);
  });

  it('caps thousands of overlaps at the first ones and counts the rest, all scenarios checked', async () => {
    const scenarios = 3_000;
    const result = await validate(generateLargeRuleSet({ scenarios, name: 'Capped' }));
    const overlaps = result.diagnostics.filter((d) => d.code === IssueCodes.overlap);
    expect(overlaps).toHaveLength(MAX_PER_CODE);
    const summary = result.diagnostics.find((d) => d.code === IssueCodes.moreNotShown)!;
    const count = (summary.data as { count: number }).count;
    // Every scenario after the 56 cells are covered overlaps at least one earlier one.
    expect(MAX_PER_CODE + count).toBeGreaterThanOrEqual(scenarios - 56);
    expect(summary.message).toContain(`${count.toLocaleString('en')} more \`overlap\` problems`);
    // The summary sits where the first overlap left out is: at or after the last one shown.
    expect(summary.range.start.line).toBeGreaterThanOrEqual(overlaps.at(-1)!.range.start.line);
    expect(JSON.stringify(result.diagnostics).length).toBeLessThan(200_000);
  });
});
