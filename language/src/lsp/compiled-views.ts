/** The compiled JSON and the coverage matrix of the rule set behind a document, for editor views. */
import type { LangiumSharedServices } from 'langium/lsp';
import { canonicalJson, coverageMatrix, coverageOf } from '#engine';
import { describeCell } from '../cells.js';
import type { MessageKey } from '../messages.js';
import { messagesOf } from './messages-of.js';
import type { CompileResult, CoverageResult } from './protocol.js';
import { resolveRuleSet, type RulesDocument, type RulesServerOptions } from './rules-in-workspace.js';

export function compileView(
  shared: LangiumSharedServices,
  document: RulesDocument,
  options: RulesServerOptions,
): CompileResult {
  const resolved = resolveRuleSet(shared, document, options);
  if (!resolved.ok) return { ruleSet: resolved.ruleSet, error: resolved.error };
  return { ruleSet: resolved.value.compiled.name, json: canonicalJson(resolved.value.compiled) };
}

export function coverageView(
  shared: LangiumSharedServices,
  document: RulesDocument,
  options: RulesServerOptions,
): CoverageResult {
  const t = messagesOf(shared).t;
  const cellWord = (value: string) => t(`cell.${value}` as MessageKey);
  // Overlaps are errors elsewhere, but the matrix is where an analyst sees them best.
  const resolved = resolveRuleSet(shared, document, options, ['overlap']);
  if (!resolved.ok) {
    return {
      ruleSet: resolved.ruleSet,
      error: resolved.error,
      columns: [],
      rows: [],
      uncovered: [],
      ambiguous: [],
      scenarios: {},
    };
  }
  const { compiled, ruleSet } = resolved.value;
  const matrix = coverageMatrix(compiled);
  const report = coverageOf(compiled);
  const scenarios: CoverageResult['scenarios'] = {};
  const uri = resolved.value.document.uri.toString();
  for (const scenario of ruleSet.scenarios) {
    const range = scenario.$cstNode?.range;
    if (scenario.name && range) scenarios[scenario.name] = { uri, range };
  }
  return {
    ruleSet: compiled.name,
    columns: matrix.columns.map((column) => ({
      ...column,
      label: `${cellWord(column.creditKind)}, ${cellWord(column.billingMethod)}`,
    })),
    rows: matrix.rows.map((row) => ({
      label: row.class === 'Retainer' ? `${row.class} (${cellWord(row.advanceState)})` : row.class,
      class: row.class,
      advanceState: row.advanceState,
      cells: row.cells.map((cell) => ({
        scenarios: cell.scenarios,
        unsupported: cell.unsupported,
        description: describeCell(cell, t),
        billingTypes: cell.billingTypes,
      })),
    })),
    uncovered: report.uncovered.map((cell) => describeCell(cell, t)),
    ambiguous: report.ambiguous.map(
      ({ cell, scenarios: names }) => `${describeCell(cell, t)}: ${names.join(', ')}`,
    ),
    scenarios,
  };
}
