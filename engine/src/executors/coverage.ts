import type { CompiledRuleSet } from '../compiler/compiled.js';
import {
  ADVANCE_STATES,
  BILLING_METHODS,
  CREDIT_KINDS,
  TRANSACTION_CLASSES,
  applicableCells,
  isApplicableCell,
  type CaseCell,
} from '../rules/case-space.js';
import type { ActionBillingType } from '../rules/definition.js';
import { createFastExecutor } from './fast.js';
import type { ScenarioMatch } from './types.js';

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

/** One cell of the coverage matrix: every scenario matching it, in rule order. */
export interface CoverageMatrixCell extends CaseCell {
  /** None = uncovered, several = overlap. */
  scenarios: string[];
  /** The only matching scenario refuses the correction. */
  unsupported: boolean;
  /**
   * The billing types the new actuals of the cell's scenario get, in action order without repeats:
   * `AsOriginal` where they keep the original line's (so a non-chargeable line stays non-chargeable).
   * Empty when the cell creates nothing, is refused, uncovered or ambiguous.
   */
  billingTypes: ActionBillingType[];
}

function billingTypesOf(matches: readonly ScenarioMatch[]): ActionBillingType[] {
  if (matches.length !== 1 || matches[0]!.event.type !== 'actions') return [];
  const types = new Set<ActionBillingType>();
  for (const action of matches[0]!.event.params.actions)
    if (action.kind === 'create') types.add(action.billingType);
  return [...types];
}

export interface CoverageMatrix {
  /** Credit kind x billing method, in case-space order. */
  columns: Array<Pick<CaseCell, 'creditKind' | 'billingMethod'>>;
  /** One row per class and advance state that exists (advances: invoiced, reconciled; others: none). */
  rows: Array<{
    class: CaseCell['class'];
    advanceState: CaseCell['advanceState'];
    cells: CoverageMatrixCell[];
  }>;
}

/** The case space as a table, each cell naming the scenarios that match it (CLI and editors show it). */
export function coverageMatrix(ruleSet: CompiledRuleSet): CoverageMatrix {
  const fast = createFastExecutor(ruleSet);
  const columns = CREDIT_KINDS.flatMap((creditKind) =>
    BILLING_METHODS.map((billingMethod) => ({ creditKind, billingMethod })),
  );
  const rows: CoverageMatrix['rows'] = [];
  for (const cls of TRANSACTION_CLASSES)
    for (const advanceState of ADVANCE_STATES) {
      if (!isApplicableCell({ class: cls, advanceState, creditKind: 'full', billingMethod: 'resource' }))
        continue;
      const cells = columns.map((column): CoverageMatrixCell => {
        const cell: CaseCell = { class: cls, advanceState, ...column };
        const matches = fast.match({ ...cell });
        return {
          ...cell,
          scenarios: matches.map((match) => match.scenario),
          unsupported: matches.length === 1 && matches[0]!.event.type === 'unsupported',
          billingTypes: billingTypesOf(matches),
        };
      });
      rows.push({ class: cls, advanceState, cells });
    }
  return { columns, rows };
}
