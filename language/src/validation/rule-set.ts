/**
 * Everything about the scenarios of one rule set: unique names, each scenario's own checks (kept per
 * scenario text, see scenario-results.ts), overlap between scenarios and the cells nobody covers.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Translate } from '#engine/i18n';
import { cellKey, describeCells } from '../cells.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes, type UncoveredData } from './issue-codes.js';
import { budgetOf } from './diagnostic-cap.js';
import { replayIssues, ScenarioResults } from './scenario-results.js';
import { ScenarioTable, UNCODED, type ScenarioEntry } from './scenario-table.js';
import { listCells } from './suggestions.js';

export class RuleSetChecks {
  private readonly resultsByDocument = new Map<string, ScenarioResults>();
  private readonly tables = new Map<string, ScenarioTable>();

  check(ruleSet: ast.RuleSet, accept: ValidationAcceptor, t: Translate<MessageKey>, language: string): void {
    const uri = AstUtils.getDocument(ruleSet).uri.toString();
    let results = this.resultsByDocument.get(uri);
    if (!results) this.resultsByDocument.set(uri, (results = new ScenarioResults()));
    results.begin(language);
    let table = this.tables.get(uri);
    if (!table || table.ruleSet !== ruleSet || table.language !== language || !table.update(results, t)) {
      table = ScenarioTable.build(ruleSet, language, results, t);
      this.tables.set(uri, table);
    }
    const entries = table.entries;
    results.end(entries.length);
    const index = table.index;
    const budget = budgetOf(accept);
    // What is left to report per code; once the cap refuses every code left, the rest is only counted.
    const remaining = new Map(table.totals);
    const settle = (code: string, count: number) => remaining.set(code, (remaining.get(code) ?? 0) - count);
    const nothingWanted = () => {
      for (const [code, count] of remaining)
        if (count > 0 && (code === UNCODED || budget!.wants(code))) return false;
      return true;
    };
    const report = (entry: ScenarioEntry) => {
      const result = entry.result;
      if (!entry.duplicate && entry.overlaps === 0 && result.issues.length === 0) return;
      const scenario = entry.scenario;
      if (entry.duplicate) {
        settle(IssueCodes.duplicateScenario, 1);
        accept('error', t('scenario.duplicate', { name: scenario.name }), {
          node: scenario,
          property: 'name',
          code: IssueCodes.duplicateScenario,
        });
      }
      if (result.issues.length > 0) {
        for (const [code, count] of entry.issueCounts) settle(code, count);
        replayIssues(scenario, result, accept);
      }
      if (entry.overlaps === 0) return;
      settle(IssueCodes.overlap, entry.overlaps);
      if (budget && !budget.wants(IssueCodes.overlap)) {
        // Past the cap (for good: the budget only shrinks): counted for the summary, not worded nor placed.
        budget.skip(IssueCodes.overlap, entry.overlaps);
        return;
      }
      for (const { earlier, cells } of index.collisions(entry, result.cells ?? [], result.cellKeys)) {
        if (budget && !budget.wants(IssueCodes.overlap)) {
          budget.skip(IssueCodes.overlap, 1);
          continue;
        }
        accept(
          'error',
          t('scenario.overlap', {
            name: scenario.name,
            other: earlier.scenario.name,
            cells: listCells(t, cells),
          }),
          {
            node: scenario.when ?? scenario,
            code: IssueCodes.overlap,
            data: { other: earlier.scenario.name },
          },
        );
      }
    };
    let at = 0;
    for (; at < entries.length; at++) {
      if (budget && (!budget.wants(IssueCodes.overlap) || (at % 8 === 0 && nothingWanted()))) break;
      report(entries[at]!);
    }
    if (at < entries.length && !nothingWanted()) {
      // Past the overlap cap only the flagged entries (own issues, duplicate names) can still make a
      // diagnostic: they are visited in document order, the overlaps of the rest only counted.
      const from = entries[at]!;
      const rest = [...table.flagged]
        .filter((entry) => !table.before(entry, from))
        .sort((a, b) => (table.before(a, b) ? -1 : table.before(b, a) ? 1 : 0));
      for (let next = 0; next < rest.length; next++) {
        if (next % 8 === 0 && nothingWanted()) break;
        report(rest[next]!);
      }
    }
    if (budget)
      for (const [code, count] of remaining) if (count > 0 && code !== UNCODED) budget.skip(code, count);
    const uncovered = index.uncovered(cellKey);
    if (uncovered.length > 0) {
      const data: UncoveredData = { cells: uncovered };
      accept(
        'warning',
        t('ruleset.uncovered', { count: uncovered.length, cells: describeCells(uncovered, t) }),
        {
          node: ruleSet,
          property: 'name',
          code: IssueCodes.uncovered,
          data,
        },
      );
    }
  }

  /** Forgets a document's scenario results (it was closed or deleted). */
  forget(uri: string): void {
    this.resultsByDocument.delete(uri);
    this.tables.delete(uri);
  }
}
