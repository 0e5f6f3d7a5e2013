/**
 * Everything about the scenarios of one rule set: unique names, each scenario's own checks (kept per
 * scenario text, see scenario-results.ts), overlap between scenarios and the cells nobody covers.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Translate } from '../../../engine/src/i18n/translator.js';
import { cellKey, describeCells } from '../cells.js';
import type * as ast from '../generated/ast.js';
import type { MessageKey } from '../messages.js';
import { IssueCodes, type UncoveredData } from './issue-codes.js';
import { budgetOf } from './diagnostic-cap.js';
import { CaseSpaceIndex } from './overlap.js';
import { replayIssues, ScenarioResults, type ScenarioResult } from './scenario-results.js';
import { listCells } from './suggestions.js';

export class RuleSetChecks {
  private readonly resultsByDocument = new Map<string, ScenarioResults>();

  check(ruleSet: ast.RuleSet, accept: ValidationAcceptor, t: Translate<MessageKey>, language: string): void {
    const uri = AstUtils.getDocument(ruleSet).uri.toString();
    let results = this.resultsByDocument.get(uri);
    if (!results) this.resultsByDocument.set(uri, (results = new ScenarioResults()));
    results.begin(language);
    const scenarios = ruleSet.scenarios ?? [];
    const own: ScenarioResult[] = new Array(scenarios.length);
    for (let at = 0; at < scenarios.length; at++) own[at] = results.resultOf(scenarios[at]!, t);
    results.end(scenarios.length);

    const index = new CaseSpaceIndex(scenarios, (at) => own[at]!.cellKeys);
    const budget = budgetOf(accept);
    const names = new Set<string>();
    let capped = false;
    let skipped = 0;
    for (let at = 0; at < scenarios.length; at++) {
      const scenario = scenarios[at]!;
      const result = own[at]!;
      if (names.has(scenario.name)) {
        accept('error', t('scenario.duplicate', { name: scenario.name }), {
          node: scenario,
          property: 'name',
          code: IssueCodes.duplicateScenario,
        });
      } else {
        names.add(scenario.name);
      }
      if (result.issues.length > 0) replayIssues(scenario, result, accept);
      if (capped || (budget && !budget.wants(IssueCodes.overlap))) {
        // Past the cap (for good: the budget only shrinks): counted for the summary, not worded nor placed.
        capped = true;
        skipped += index.collisionCount(scenario, result.cellKeys);
        continue;
      }
      for (const { earlier, cells } of index.collisions(scenario, result.cells ?? [], result.cellKeys)) {
        if (budget && !budget.wants(IssueCodes.overlap)) {
          skipped++;
          continue;
        }
        accept(
          'error',
          t('scenario.overlap', { name: scenario.name, other: earlier.name, cells: listCells(t, cells) }),
          {
            node: scenario.when ?? scenario,
            code: IssueCodes.overlap,
            data: { other: earlier.name },
          },
        );
      }
    }
    budget?.skip(IssueCodes.overlap, skipped);
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
  }
}
