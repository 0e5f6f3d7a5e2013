import type { CompiledRuleSet } from '../compiler/compiled.js';
import { applicableCells, type CaseCell } from '../rules/case-space.js';
import { createFastExecutor } from './fast.js';

export interface CoverageReport {
  /** Applicable cells no scenario matches. */
  uncovered: CaseCell[];
  /** Applicable cells several scenarios match, with their names. */
  ambiguous: Array<{ cell: CaseCell; scenarios: string[] }>;
  /** Cells whose only scenario marks them unsupported. */
  unsupported: Array<{ cell: CaseCell; scenario: string }>;
}

/**
 * Coverage of a compiled rule set over the applicable case space, for tools that only have the JSON
 * (the language checks the same on the rules file, with source ranges).
 */
export function coverageOf(ruleSet: CompiledRuleSet): CoverageReport {
  const fast = createFastExecutor(ruleSet);
  const report: CoverageReport = { uncovered: [], ambiguous: [], unsupported: [] };
  for (const cell of applicableCells()) {
    const matches = fast.match({ ...cell });
    if (matches.length === 0) report.uncovered.push(cell);
    else if (matches.length > 1) report.ambiguous.push({ cell, scenarios: matches.map((m) => m.scenario) });
    else if (matches[0]!.event.type === 'unsupported')
      report.unsupported.push({ cell, scenario: matches[0]!.scenario });
  }
  return report;
}
