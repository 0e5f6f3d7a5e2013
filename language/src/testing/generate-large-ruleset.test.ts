import { describe, expect, it } from 'vitest';
import { validationHelper } from 'langium/test';
import type { RuleSet } from '../generated/ast.js';
import { IssueCodes } from '../validation/index.js';
import { createTestServices } from '../test/services.js';
import { generateLargeRuleSet } from './generate-large-ruleset.js';

describe('generateLargeRuleSet', () => {
  it('produces a parseable rule set whose only problems are the intended overlaps', async () => {
    const result = await validationHelper<RuleSet>(createTestServices().Corrections)(
      generateLargeRuleSet({ scenarios: 90 }),
    );
    expect(result.document.parseResult.parserErrors).toEqual([]);
    expect(result.document.parseResult.value.scenarios).toHaveLength(90);
    const codes = new Set(result.diagnostics.map((d) => d.code));
    expect([...codes]).toEqual([IssueCodes.overlap]);
    // 90 scenarios keep the overlaps under the cap of diagnostics per code (validation/diagnostic-cap.ts).
    // Cell i mod 56 is claimed by scenario i mod 56 (or a widened one before it): every later scenario overlaps.
    const overlapping = new Set(
      result.diagnostics.map((d) => /^Scenario `S(\d+)`/.exec(String(d.message))![1]).map(Number),
    );
    for (let i = 56; i < 90; i++) expect(overlapping.has(i), `S${i}`).toBe(true);
  });
});
